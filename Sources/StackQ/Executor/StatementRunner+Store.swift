import Foundation
import StackQSyntax

/// The user's own tables and views, kept in the store (``UserStore``): CREATE, DROP, REFRESH, INSERT INTO and
/// DELETE FROM a table, SHOW TABLES|VIEWS, DESCRIBE.
extension StatementRunner {
    /// What a name in the store is.
    enum StoredKind: String {
        case table = "table", view = "view", materializedView = "materialized view"
    }

    /// One object of the store.
    struct StoredObject {
        var name: String
        var kind: StoredKind
        var definition: String?
        var createdAt: Double
        var fetchedAt: Double?
    }

    static var objectsTable: String { "\(UserStore.schema).\(UserStore.objectsTable)" }

    /// The store's object called `name`, if any.
    func storedObject(_ name: String) async throws -> StoredObject? {
        try await storedObjects(where: "name = ?", [.text(name)]).first
    }

    func storedObjects(where condition: String = "1", _ bindings: [SQLValue] = []) async throws -> [StoredObject] {
        let result = try await database.query(
            "SELECT name, kind, definition, created_at, fetched_at FROM \(Self.objectsTable) WHERE \(condition) ORDER BY name",
            bindings: bindings)
        return result.rows.compactMap { row in
            guard let name = row[0].textValue, let kind = row[1].textValue.flatMap(StoredKind.init(rawValue:)) else { return nil }
            return StoredObject(name: name, kind: kind, definition: row[2].textValue, createdAt: row[3].doubleValue ?? 0,
                                fetchedAt: row[4].doubleValue)
        }
    }

    /// The user's views by lowercased name, each its SELECT's text.
    func userViews() async throws -> [String: String] {
        var views: [String: String] = [:]
        for object in try await storedObjects(where: "kind = 'view'") {
            if let definition = object.definition { views[object.name.lowercased()] = definition }
        }
        return views
    }

    /// The name a table or view is kept under: one part, not a resource's, not one of stackq's own.
    func userObjectName(_ name: QualifiedName, what: String) throws -> String {
        guard name.parts.count == 1 else {
            if name.parts.count == 3, (try? resolveTarget(name)) != nil {
                throw PlanError(.invalidStatement, "\(name.dotted) is a resource: a \(what) may not shadow one (google.… stays the API); give the \(what) a one-part name")
            }
            throw PlanError(.invalidStatement, "'\(name.dotted)': a \(what) has a one-part name (provider.service.resource names stay the API's)")
        }
        let text = name.last.name
        let lower = text.lowercased()
        guard !lower.hasPrefix("stackq_"), !lower.hasPrefix("sqlite_") else {
            throw PlanError(.invalidStatement, "'\(text)': names starting with stackq_ or sqlite_ are stackq's and SQLite's own")
        }
        return text
    }

    /// `store."name"`.
    static func storeTable(_ name: String) -> String {
        "\(UserStore.schema).\(SQLPrinter.quoteIdentifier(name))"
    }

    /// The text of a statement's SELECT, as written (so SHOW VIEWS shows it as the user wrote it).
    func sourceText(_ select: SelectStatement) -> String {
        if let source = context.source, select.range.end <= source.count, select.range.start < select.range.end {
            return String(decoding: source[select.range.start..<select.range.end], as: UTF8.self)
        }
        return SQLPrinter.print(select)
    }

    /// Runs `body` with SQL for SQLite that gives the rows of `select`: its views expanded and, when it reads
    /// resources, their tables filled (and dropped afterwards). Returns what `body` returns and the calls made.
    func withRows<T>(of select: SelectStatement, _ body: (String) async throws -> T) async throws -> (T, [CallOutcome]) {
        let select = try await expandingAllViews(select)
        guard !ResourceReferenceCollector.collect(select).isEmpty else {
            return (try await body(SQLPrinter.print(select)), [])
        }
        let plan = try await planQuery(select)
        return try await withFilledTables(plan) { calls in
            do {
                return (try await body(plan.sql), calls)
            } catch let error as SQLiteError {
                throw SQLiteErrorTranslator.translate(error, tables: plan.materialisedTables)
            }
        }
    }

    /// The statement with the registry's views and the user's views it names expanded (``ViewExpander``).
    func expandingAllViews(_ select: SelectStatement) async throws -> SelectStatement {
        var namesResource = false
        var namesOther = false
        select.forEachTableReference { reference in
            if reference.name.parts.count == 3 { namesResource = true } else if reference.name.parts.count == 1 { namesOther = true }
        }
        let views = namesOther ? try await userViews() : [:]
        guard namesResource || !views.isEmpty else { return select }
        let registry: Registry? = namesResource ? try registry() : (try? registry())
        return try ViewExpander.expand(select, userViews: views) { name in
            guard let registry else { throw PlanError(.unknownName, "\(name.dotted): no registry") }
            return try registry.resource(provider: name.parts[0].name, service: name.parts[1].name, resource: name.parts[2].name).1
        }
    }

    // MARK: Statements

    /// CREATE, DROP, REFRESH, and INSERT INTO / DELETE FROM / UPDATE a table of the user's.
    func storeStatement(_ statement: Statement) async throws -> ResultSet {
        defer { Task { [database] in await database.refreshStoreNames() } }
        switch statement {
        case .createTable(let create): return try await createTable(create)
        case .createView(let create): return try await createView(create)
        case .drop(let drop): return try await self.drop(drop)
        case .refresh(let refresh): return try await self.refresh(refresh)
        case .insert(let insert): return try await insertIntoTable(insert)
        case .update, .delete: return try await changeTable(statement)
        default: throw PlanError(.unsupported, "not a statement on the user's tables")
        }
    }

    /// Refuses a name the store has already, unless it is a `kind` that `replace` may replace.
    func checkFree(_ name: String, for what: String, replacing kind: StoredKind? = nil) async throws -> StoredObject? {
        guard let existing = try await storedObject(name) else { return nil }
        if let kind, existing.kind == kind { return existing }
        let hint = kind == nil || existing.kind != kind ? "; DROP \(existing.kind.rawValue.uppercased()) \(existing.name) first" : ""
        throw PlanError(.invalidStatement, "a \(existing.kind.rawValue) named \(existing.name) exists already\(hint)")
    }

    func createTable(_ create: CreateTableStatement) async throws -> ResultSet {
        let name = try userObjectName(create.name, what: "table")
        if let existing = try await storedObject(name) {
            if create.ifNotExists, existing.kind == .table { return .message("table \(existing.name) exists already") }
            _ = try await checkFree(name, for: "table")
        }
        let now = Date().timeIntervalSince1970
        let record = "INSERT INTO \(Self.objectsTable) (name, kind, created_at) VALUES (\(SQLPrinter.quoteString(name)), 'table', \(now))"
        if let source = create.source {
            let (_, calls) = try await withRows(of: source) { sql in
                try await database.writeStore(["CREATE TABLE \(Self.storeTable(name)) AS \(sql)", record])
            }
            var result = ResultSet.message("table \(name) created with \(try await count(name)) rows")
            result.calls = calls
            return result
        }
        let columns = create.columns.map { SQLPrinter.quoteIdentifier($0.name.name) + ($0.type.map { " " + $0 } ?? "") }
        _ = try await database.writeStore(["CREATE TABLE \(Self.storeTable(name)) (\(columns.joined(separator: ", ")))", record])
        return .message("table \(name) created")
    }

    func count(_ name: String) async throws -> Int {
        Int(try await database.query("SELECT count(*) FROM \(Self.storeTable(name))").rows.first?.first?.integerValue ?? 0)
    }

    func createView(_ create: CreateViewStatement) async throws -> ResultSet {
        let name = try userObjectName(create.name, what: create.materialized ? "materialized view" : "view")
        let kind: StoredKind = create.materialized ? .materializedView : .view
        let existing = try await checkFree(name, for: kind.rawValue, replacing: create.orReplace ? kind : nil)
        let definition = sourceText(create.source)
        let now = Date().timeIntervalSince1970
        var steps: [String] = []
        if existing != nil {
            steps.append("DELETE FROM \(Self.objectsTable) WHERE name = \(SQLPrinter.quoteString(name))")
        }
        guard create.materialized else {
            // A view that reads itself, or views nested too deep, fail now rather than at every SELECT.
            var views = try await userViews()
            views[name.lowercased()] = definition
            _ = try ViewExpander.expand(try ViewExpander.definition(ofUserView: name, sql: definition, offset: 0),
                                        userViews: views) { reference in
                try registry().resource(provider: reference.parts[0].name, service: reference.parts[1].name,
                                        resource: reference.parts[2].name).1
            }
            steps.append("INSERT INTO \(Self.objectsTable) (name, kind, definition, created_at) VALUES (\(SQLPrinter.quoteString(name)), 'view', \(SQLPrinter.quoteString(definition)), \(now))")
            _ = try await database.writeStore(steps)
            return .message(existing == nil ? "view \(name) created" : "view \(name) replaced")
        }
        let (_, calls) = try await withRows(of: create.source) { sql in
            let fetched = Date().timeIntervalSince1970
            if existing != nil { steps.append("DROP TABLE IF EXISTS \(Self.storeTable(name))") }
            steps.append("CREATE TABLE \(Self.storeTable(name)) AS \(sql)")
            steps.append("INSERT INTO \(Self.objectsTable) (name, kind, definition, created_at, fetched_at) VALUES (\(SQLPrinter.quoteString(name)), 'materialized view', \(SQLPrinter.quoteString(definition)), \(now), \(fetched))")
            return try await database.writeStore(steps)
        }
        var result = ResultSet.message("materialized view \(name) \(existing == nil ? "created" : "replaced") with \(try await count(name)) rows")
        result.calls = calls
        return result
    }

    /// `REFRESH MATERIALIZED VIEW name`: the rows fetched again and swapped in in one transaction, so a refresh
    /// that fails (a call, the SQL) leaves the old rows.
    func refresh(_ refresh: RefreshStatement) async throws -> ResultSet {
        let name = try userObjectName(refresh.name, what: "materialized view")
        guard let existing = try await storedObject(name), existing.kind == .materializedView,
              let definition = existing.definition else {
            throw PlanError(.unknownName, "no materialized view named \(name) (SHOW VIEWS lists them)")
        }
        let select = try ViewExpander.definition(ofUserView: name, sql: definition, offset: 0)
        let (_, calls) = try await withRows(of: select) { sql in
            try await database.writeStore([
                "DROP TABLE \(Self.storeTable(existing.name))",
                "CREATE TABLE \(Self.storeTable(existing.name)) AS \(sql)",
                "UPDATE \(Self.objectsTable) SET fetched_at = \(Date().timeIntervalSince1970) WHERE name = \(SQLPrinter.quoteString(existing.name))",
            ])
        }
        var result = ResultSet.message("materialized view \(existing.name) refreshed with \(try await count(existing.name)) rows")
        result.calls = calls
        return result
    }

    func drop(_ drop: DropStatement) async throws -> ResultSet {
        let what = drop.kind.rawValue.lowercased()
        let name = try userObjectName(drop.name, what: what)
        guard let existing = try await storedObject(name) else {
            if drop.ifExists { return .message("no \(what) named \(name)") }
            throw PlanError(.unknownName, "no \(what) named \(name) (SHOW TABLES and SHOW VIEWS list them)")
        }
        guard existing.kind.rawValue == what else {
            throw PlanError(.invalidStatement, "\(existing.name) is a \(existing.kind.rawValue): DROP \(existing.kind.rawValue.uppercased()) \(existing.name)")
        }
        var steps = ["DELETE FROM \(Self.objectsTable) WHERE name = \(SQLPrinter.quoteString(existing.name))"]
        if existing.kind != .view { steps.append("DROP TABLE IF EXISTS \(Self.storeTable(existing.name))") }
        _ = try await database.writeStore(steps)
        return .message("\(what) \(existing.name) dropped")
    }

    /// The user's table an INSERT, UPDATE or DELETE writes; views and materialized views are refused.
    func writableTable(_ name: QualifiedName) async throws -> String {
        let text = try userObjectName(name, what: "table")
        guard let existing = try await storedObject(text) else {
            throw PlanError(.unknownName, "no table named \(text) (CREATE TABLE makes one; a resource is named provider.service.resource)")
        }
        switch existing.kind {
        case .table: return existing.name
        case .view: throw PlanError(.invalidStatement, "\(existing.name) is a view: its rows come from its SELECT, not from INSERT, UPDATE or DELETE")
        case .materializedView: throw PlanError(.invalidStatement, "\(existing.name) is a materialized view: REFRESH MATERIALIZED VIEW \(existing.name) fetches its rows again")
        }
    }

    /// `INSERT INTO table [(columns)] SELECT …` (from resources too) or `VALUES …`.
    func insertIntoTable(_ insert: InsertStatement) async throws -> ResultSet {
        let name = try await writableTable(insert.table)
        guard insert.returning.isEmpty else {
            throw PlanError(.unsupported, "INSERT INTO a table takes no RETURNING")
        }
        let columns = insert.columns.isEmpty ? "" : " (" + insert.columns.map { SQLPrinter.quoteIdentifier($0.name) }.joined(separator: ", ") + ")"
        let (changed, calls) = try await withRows(of: insert.source) { sql in
            try await database.writeStore(["INSERT INTO \(Self.storeTable(name))\(columns) \(sql)"])
        }
        var result = ResultSet.message("\(changed.first ?? 0) rows inserted into \(name)")
        result.calls = calls
        return result
    }

    /// `DELETE FROM table …` and `UPDATE table SET …`: SQLite runs them as written.
    func changeTable(_ statement: Statement) async throws -> ResultSet {
        let target: QualifiedName
        switch statement {
        case .update(let update): target = update.table
        case .delete(let delete): target = delete.table
        default: throw PlanError(.unsupported, "not a change of a table")
        }
        _ = try await writableTable(target)
        var readsResources = false
        statement.forEachTableReference { if $0.name.parts.count == 3 { readsResources = true } }
        guard !readsResources else {
            throw PlanError(.unsupported, "a DELETE or UPDATE of a table reads no resources; keep the rows first (INSERT INTO another table SELECT …) and read that table")
        }
        let verb = statement.isDelete ? "deleted from" : "updated in"
        let hasReturning: Bool
        switch statement {
        case .update(let update): hasReturning = !update.returning.isEmpty
        case .delete(let delete): hasReturning = !delete.returning.isEmpty
        default: hasReturning = false
        }
        if hasReturning { return try await database.query(SQLPrinter.print(statement)) }
        let changed = try await database.writeStore([SQLPrinter.print(statement)])
        return .message("\(changed.first ?? 0) rows \(verb) \(target.dotted)")
    }
}

extension Statement {
    var isDelete: Bool {
        if case .delete = self { return true }
        return false
    }

    /// True for a statement on the user's tables or views: CREATE, DROP, REFRESH, or an INSERT, UPDATE or DELETE
    /// whose target has one name part (a resource has three).
    var isStoreStatement: Bool {
        switch self {
        case .createTable, .createView, .drop, .refresh: return true
        case .insert(let s): return s.table.parts.count == 1
        case .update(let s), .replace(let s): return s.table.parts.count == 1
        case .delete(let s): return s.table.parts.count == 1
        default: return false
        }
    }
}

extension SQLValue {
    /// The value as a Double when it is a number.
    var doubleValue: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// The value as an Int when it is an integer.
    var integerValue: Int? {
        if case .integer(let value) = self { return Int(value) }
        return nil
    }
}

extension StatementRunner {
    /// `SHOW TABLES` (name, rows) or `SHOW VIEWS` (name, whether materialized, when fetched, age, definition).
    func storeTable(_ kind: ShowStatement.Kind) async throws -> MetadataTable {
        let objects = try await storedObjects()
        if kind == .tables {
            var rows: [[String?]] = []
            for object in objects where object.kind == .table {
                rows.append([object.name, String(try await count(object.name))])
            }
            return MetadataTable(columns: ["name", "rows"], rows: rows)
        }
        let now = Date().timeIntervalSince1970
        var rows: [[String?]] = []
        for object in objects where object.kind != .table {
            let materialized = object.kind == .materializedView
            rows.append([object.name, materialized ? "true" : "false",
                         object.fetchedAt.map(Self.timestamp), object.fetchedAt.map { Self.age(now - $0) },
                         materialized ? String(try await count(object.name)) : nil, object.definition])
        }
        return MetadataTable(columns: ["name", "materialized", "fetched_at", "age", "rows", "definition"], rows: rows)
    }

    /// `2026-12-07T05:20:12Z`.
    static func timestamp(_ seconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// `45s`, `12m 5s`, `3h 2m`, `2d 4h`.
    static func age(_ seconds: Double) -> String {
        let s = max(0, Int(seconds.rounded(.down)))
        switch s {
        case ..<60: return "\(s)s"
        case ..<3600: return "\(s / 60)m \(s % 60)s"
        case ..<86_400: return "\(s / 3600)h \((s % 3600) / 60)m"
        default: return "\(s / 86_400)d \((s % 86_400) / 3600)h"
        }
    }

    /// `DESCRIBE name` of a table, view or materialized view of the user's.
    func describeStored(_ describe: DescribeStatement) async throws -> ResultSet {
        let name = describe.resource.last.name
        guard let object = try await storedObject(name) else {
            throw PlanError(.unknownName, "no table or view named \(name) (SHOW TABLES and SHOW VIEWS list them; a resource is named provider.service.resource)")
        }
        if object.kind == .view, let definition = object.definition {
            return try await describeView(try ViewExpander.definition(ofUserView: object.name, sql: definition, offset: 0),
                                          extended: describe.extended)
        }
        let info = try await database.query("PRAGMA \(UserStore.schema).table_info(\(SQLPrinter.quoteString(object.name)))")
        let rows = info.rows.map { row -> [String?] in
            let type = row[2].textValue.flatMap { $0.isEmpty ? nil : $0 }
            return describe.extended ? [row[1].textValue, type, nil] : [row[1].textValue, type]
        }
        return ResultSet(columnNames: describe.extended ? ["name", "type", "description"] : ["name", "type"], textRows: rows)
    }
}

extension StatementRunner {
    /// INSERT, UPDATE, REPLACE, DELETE or EXEC on a resource: planned and run past the response cache (what it
    /// changes is chosen from what the API says now), and the cache's entries of the resource dropped afterwards,
    /// whether it worked or not (a failed mutation may have done part of its work).
    func mutate(_ statement: Statement) async throws -> ResultSet {
        let runner = StatementRunner(services: services, database: database, context: context.bypassingCache())
        let plan = try await runner.planMutation(statement)
        if configuration.dryRun { return try await runner.dryRun(plan) }
        do {
            let result = try await runner.perform(plan)
            try? await database.dropCache(resource: plan.resource.id)
            return result
        } catch {
            try? await database.dropCache(resource: plan.resource.id)
            throw error
        }
    }
}
