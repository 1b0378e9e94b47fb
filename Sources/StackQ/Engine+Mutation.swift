import Foundation
import NIOCore
import StackQSyntax
import Synchronization

/// One call a mutation makes: its parameter values and request body.
struct MutationCall: Sendable {
    var values: [String: String]
    var body: JSONValue?
}

/// What a mutation acts on, and with which method.
struct MutationTarget {
    var service: ProviderService
    var resource: Resource
    var method: Method
}

extension Engine {
    // MARK: INSERT

    /// `INSERT INTO r (cols) VALUES … | SELECT …`: one create call per row; columns are the method's parameters and
    /// body fields (`data__field`, or the plain name when it is not a parameter).
    func executeInsert(_ statement: InsertStatement) async throws -> ResultSet {
        let (service, resource) = try resolveTarget(statement.table)
        // The source is read for real even in a dry run: it only reads.
        let source = try await runSelect(statement.source)
        let names = statement.columns.isEmpty ? source.columns.map(\.name) : statement.columns.map(\.name)
        if let width = source.rows.first?.count, width != names.count {
            throw PlanError(message: "INSERT INTO \(resource.id) names \(names.count) columns but its rows have \(width) values")
        }
        let insertParameters = Set(resource.methods(for: .insert).flatMap { $0.parameters.map(\.name) })
        let method = try MethodSelector.choose(resource: resource, verb: .insert, bound: Set(names).intersection(insertParameters))
        let body = RequestBodyBuilder(service: service, method: method)
        enum Slot { case parameter(String), field(String) }
        let slots = try names.map { name -> Slot in
            if let parameter = method.parameter(named: name) ?? method.parameters.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return .parameter(parameter.name)
            }
            if let field = body.field(forColumn: name) { return .field(field) }
            let fields = body.schema?.properties.filter { !(service.resolve($0.schema)?.isReadOnly ?? false) }.map(\.name) ?? []
            throw PlanError(message: "INSERT INTO \(resource.id): \(method.name) has no parameter or body field named \(name) (parameters: \(method.parameters.map(\.name).joined(separator: ", ")); body fields, as data__name or name: \(fields.joined(separator: ", ")))")
        }
        var calls: [MutationCall] = []
        for row in source.rows {
            var call = MutationCall(values: [:], body: nil)
            var members: [(key: String, value: JSONValue)] = []
            for (slot, (value, name)) in zip(slots, zip(row, names)) {
                switch slot {
                case .parameter(let parameter):
                    if let text = value.textValue { call.values[parameter] = text }
                case .field(let field):
                    if let json = try body.json(for: value, column: name, field: field) {
                        RequestBodyBuilder.set(json, at: field, in: &members)
                    }
                }
            }
            if method.requestBody != nil { call.body = .object(members) }
            calls.append(call)
        }
        return try await perform(calls, target: MutationTarget(service: service, resource: resource, method: method),
                                 hints: statement.hints, returning: statement.returning, verb: "INSERT")
    }

    // MARK: UPDATE, REPLACE, DELETE

    /// `UPDATE r SET … WHERE …` (PATCH, with `updateMask` from the SET columns) or `REPLACE r SET … WHERE …` (PUT).
    func executeUpdate(_ statement: UpdateStatement, verb: SQLVerb) async throws -> ResultSet {
        let (service, resource) = try resolveTarget(statement.table)
        let values = try await evaluate(statement.assignments.map(\.value))
        let keyword = verb == .replace ? "REPLACE" : "UPDATE"
        return try await mutate(service: service, resource: resource, verb: verb, keyword: keyword,
                                table: statement.table, alias: statement.alias, whereClause: statement.whereClause,
                                hints: statement.hints, returning: statement.returning) { method in
            let body = RequestBodyBuilder(service: service, method: method)
            var members: [(key: String, value: JSONValue)] = []
            var mask: [String] = []
            var parameters: [String: String] = [:]
            for (assignment, value) in zip(statement.assignments, values) {
                let name = assignment.column.name
                if method.parameter(named: name) != nil {
                    if let text = value.textValue { parameters[name] = text }
                    continue
                }
                guard let field = body.field(forColumn: name) ?? (body.schema == nil ? nil : name) else {
                    throw PlanError(message: "\(keyword) \(resource.id): \(method.name) has no body field named \(name)")
                }
                let json = try body.json(for: value, column: name, field: field) ?? .null
                RequestBodyBuilder.set(json, at: field, in: &members)
                mask.append(field)
            }
            if method.parameter(named: "updateMask") != nil, !mask.isEmpty { parameters["updateMask"] = mask.joined(separator: ",") }
            return (parameters, .object(members))
        }
    }

    /// `DELETE FROM r WHERE …`.
    func executeDelete(_ statement: DeleteStatement) async throws -> ResultSet {
        let (service, resource) = try resolveTarget(statement.table)
        return try await mutate(service: service, resource: resource, verb: .delete, keyword: "DELETE",
                                table: statement.table, alias: statement.alias, whereClause: statement.whereClause,
                                hints: statement.hints, returning: statement.returning) { _ in ([:], nil) }
    }

    /// The shared path of UPDATE, REPLACE and DELETE. When every condition of the WHERE binds a parameter of the
    /// method, the calls are the bound combinations. When the WHERE says more (`state = 'TERMINATED'`), the
    /// matching resources are selected first and each is acted on by its name: never one the WHERE excludes.
    func mutate(service: ProviderService, resource: Resource, verb: SQLVerb, keyword: String, table: QualifiedName,
                alias: Identifier?, whereClause: SQLExpression?, hints: [Hint], returning: [ResultColumn],
                request: (Method) throws -> (parameters: [String: String], body: JSONValue?)) async throws -> ResultSet {
        let methods = resource.methods(for: verb)
        guard !methods.isEmpty else {
            _ = try MethodSelector.choose(resource: resource, verb: verb, bound: [])
            throw PlanError(message: "\(resource.id) has no \(keyword) method")
        }
        let parameterNames = Set(methods.flatMap { $0.parameters.map(\.name) })
        let conjuncts = whereClause?.conjuncts ?? []
        let planner = QueryPlanner(registry: try registry(), constants: try await constants(in: conjuncts),
                                   source: currentSource)
        let named = NamedTable(name: table, alias: alias, range: table.range)
        let (bindings, others) = try planner.targetBindings(table: named, service: service, resource: resource,
                                                           parameterNames: parameterNames, whereClause: whereClause)
        var calls: [MutationCall] = []
        let method: Method
        if others.isEmpty {
            do {
                method = try MethodSelector.choose(resource: resource, verb: verb, bound: Set(bindings.keys))
            } catch let error as PlanError {
                throw PlanError(message: "\(keyword) refused, no call made: " + error.message)
            }
            let (parameters, body) = try request(method)
            for values in CallBuilder.cartesianProduct(bindings, order: method.parameters.map(\.name)) {
                calls.append(MutationCall(values: values.merging(parameters) { _, set in set }, body: body))
            }
        } else {
            method = try MethodSelector.choose(resource: resource, verb: verb, bound: parameterNames)
            let (parameters, body) = try request(method)
            for values in try await selectTargets(table: table, alias: alias, whereClause: whereClause, method: method,
                                                  literals: bindings, keyword: keyword) {
                calls.append(MutationCall(values: values.merging(parameters) { _, set in set }, body: body))
            }
        }
        return try await perform(calls, target: MutationTarget(service: service, resource: resource, method: method),
                                 hints: hints, returning: returning, verb: keyword)
    }

    /// Selects the resources a WHERE describes and gives each one's parameter values for `method`: from its
    /// `name` matched against the method's path, else from the row's parameter columns, else the WHERE's literals.
    func selectTargets(table: QualifiedName, alias: Identifier?, whereClause: SQLExpression?, method: Method,
                       literals: [String: [String]], keyword: String) async throws -> [[String: String]] {
        var sql = "SELECT * FROM " + table.parts.map { SQLPrinter.identifierIfNeeded($0.name) }.joined(separator: ".")
        if let alias { sql += " AS " + SQLPrinter.identifierIfNeeded(alias.name) }
        if let whereClause { sql += " WHERE " + SQLPrinter.print(whereClause) }
        guard case .select(let select) = try Parser.parseStatement(sql) else { return [] }
        let savedSource = currentSource
        currentSource = Array(sql.utf8)
        defer { currentSource = savedSource }
        let rows: ResultSet
        do {
            rows = try await runSelect(select)
        } catch let error as PlanError {
            throw PlanError(message: "\(keyword) selects the resources its WHERE describes first, and that SELECT cannot run: \(error.message)")
        }
        let names = rows.columns.map(\.name)
        return try rows.rows.map { row in
            var columns: [String: String] = [:]
            for (name, value) in zip(names, row) { if let text = value.textValue { columns[name] = text } }
            var values = columns["name"].map { Engine.pathValues(of: $0, template: method.path) } ?? [:]
            for parameter in method.requiredParameters where values[parameter.name] == nil {
                if let value = columns[parameter.name] ?? literals[parameter.name].flatMap({ $0.count == 1 ? $0[0] : nil }) {
                    values[parameter.name] = value
                } else {
                    throw PlanError(message: "\(keyword): cannot tell \(parameter.name) for the resource \(columns["name"] ?? "(no name)")")
                }
            }
            return values
        }
    }

    /// `projects/p/locations/l/sessions/s` against `v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}`
    /// → `[projectsId: p, locationsId: l, sessionsId: s]`; empty when they do not line up.
    static func pathValues(of name: String, template: String) -> [String: String] {
        let names = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let segments = template.split(separator: "/").map { segment -> String in
            if let colon = segment.lastIndex(of: ":"), let brace = segment.lastIndex(of: "}"), colon > brace {
                return String(segment[..<colon])
            }
            return String(segment)
        }
        guard segments.count >= names.count else { return [:] }
        for offset in 0...(segments.count - names.count) where segments.count - offset == names.count {
            var values: [String: String] = [:]
            var matches = true
            for (segment, value) in zip(segments[offset...], names) {
                if segment.hasPrefix("{"), segment.hasSuffix("}") {
                    var variable = segment.dropFirst().dropLast()
                    if variable.hasPrefix("+") { variable = variable.dropFirst() }
                    values[String(variable)] = value
                } else if segment != value {
                    matches = false
                    break
                }
            }
            if matches { return values }
        }
        return [:]
    }

    // MARK: EXEC

    /// `EXEC r.method @p = 'v', … [@@json = '{…}']`.
    func executeExec(_ statement: ExecStatement) async throws -> ResultSet {
        let (service, resource) = try resolveTarget(statement.resource)
        guard let method = resource.method(matching: statement.method.name, given: Set(statement.arguments.map(\.name))) else {
            let names = resource.methods.map(\.name).sorted().joined(separator: ", ")
            throw PlanError(message: "\(resource.id) has no method \(statement.method.name) (its methods: \(names))")
        }
        let body = RequestBodyBuilder(service: service, method: method)
        var values: [String: String] = [:]
        var members: [(key: String, value: JSONValue)] = []
        if let json = statement.jsonBody {
            guard let parsed = try? JSONValue(parsing: json), case .object(let object) = parsed else {
                throw PlanError(message: "EXEC \(resource.id).\(method.name): @@json must be a JSON object")
            }
            members = object
        }
        for argument in statement.arguments {
            let text = Engine.literalText(argument.value, range: argument.range, source: currentSource)
            if let parameter = method.parameter(named: argument.name) {
                values[parameter.name] = text
            } else if let field = body.field(forColumn: argument.name) {
                if let json = try body.json(for: Engine.sqlValue(argument.value), column: "@" + argument.name, field: field) {
                    RequestBodyBuilder.set(json, at: field, in: &members)
                }
            } else {
                throw PlanError(message: "EXEC \(resource.id).\(method.name) has no parameter @\(argument.name) (its parameters: \(method.parameters.map { "@" + $0.name }.joined(separator: ", ")); body fields go in @@json or as @data__field)")
            }
        }
        let missing = method.requiredParameters.filter { values[$0.name] == nil }.map { "@" + $0.name }
        if !missing.isEmpty {
            throw PlanError(message: "EXEC \(resource.id).\(method.name) needs \(MethodSelector.list(missing)); for example: EXEC \(resource.id).\(method.name) \(method.requiredParameters.map { "@\($0.name) = '…'" }.joined(separator: ", "))")
        }
        let call = MutationCall(values: values, body: method.requestBody == nil && members.isEmpty ? nil : .object(members))
        return try await perform([call], target: MutationTarget(service: service, resource: resource, method: method),
                                 hints: statement.hints, returning: [], verb: "EXEC")
    }

    static func literalText(_ literal: Literal, range: SourceRange, source: [UInt8]?) -> String {
        switch literal {
        case .string(let s): return s
        case .integer, .real:
            if let source, range.end <= source.count, range.start < range.end,
               let text = Optional(String(decoding: source[range.start..<range.end], as: UTF8.self)),
               let equals = text.firstIndex(of: "=") {
                return String(text[text.index(after: equals)...]).trimmingWhitespace()
            }
            if case .integer(let i) = literal { return String(i) }
            if case .real(let d) = literal { return "\(d)" }
            return ""
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        default: return ""
        }
    }

    static func sqlValue(_ literal: Literal) -> SQLValue {
        switch literal {
        case .string(let s): return .text(s)
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .bool(let b): return .integer(b ? 1 : 0)
        case .blob(let bytes): return .blob(bytes)
        default: return .null
        }
    }

    // MARK: Performing

    /// Sends a mutation's calls (each with a fresh `requestId` where the method takes one), reports every call,
    /// fails when any failed, waits on the operations with `AWAIT`, and answers one row per call (or the
    /// `RETURNING` projection of the resources).
    func perform(_ mutations: [MutationCall], target: MutationTarget, hints: [Hint], returning: [ResultColumn],
                 verb: String) async throws -> ResultSet {
        let method = target.method
        try checkCallBudget(mutations.count, what: "this \(verb)")
        let endpoints = EndpointResolver(overrides: configuration.endpointOverrides)
        let builder = CallBuilder(service: target.service, resource: target.resource, method: method, endpoints: endpoints)
        let takesRequestID = method.parameter(named: "requestId") != nil
        var calls: [PreparedCall] = []
        for var mutation in mutations {
            if takesRequestID, mutation.values["requestId"] == nil { mutation.values["requestId"] = UUID().uuidString.lowercased() }
            for parameter in method.requiredParameters {
                guard let value = mutation.values[parameter.name] else {
                    throw PlanError(message: "\(verb) \(target.resource.id): \(method.name) needs \(parameter.name), which a row leaves empty")
                }
                if value.isEmpty, parameter.location == .path {
                    throw PlanError(message: "\(verb) \(target.resource.id): \(parameter.name) is empty; \(method.name) needs a value for it")
                }
            }
            calls.append(try builder.call(values: mutation.values, body: mutation.body.map { Array($0.serialized().utf8) }))
        }
        if configuration.dryRun {
            return ResultSet(columnNames: ["method", "http_method", "url", "headers", "body"], textRows: dryRunRows(calls))
        }
        guard !calls.isEmpty else { return ResultSet.message("\(verb): no resource matched, no call made") }
        let runner = callRunner(limiter: CallLimiter(maximum: configuration.concurrency))
        let responses = Mutex([[UInt8]?](repeating: nil, count: calls.count))
        let progress = CallProgress()
        configuration.observer?.statementStarted(progress: progress)
        defer { configuration.observer?.statementFinished() }
        let results = try await runner.runAll(calls, reference: target.resource.id, pageLimit: 1, progress: progress) { index, _, page in
            let bytes = Array(page.readableBytesView)
            responses.withLock { $0[index] = bytes }
            return 0
        }
        lastCalls = results.map(\.outcome)
        let failed = results.filter { $0.error != nil }
        if !failed.isEmpty {
            throw CallFailures.from(failed, total: results.count)
        }
        var documents = responses.withLock { $0 }.map { bytes in bytes.flatMap { try? JSONValue(parsing: $0) } ?? .object([]) }
        let overrideOrigin = (configuration.endpointOverrides["\(target.service.provider).\(target.service.name)"]
                              ?? configuration.endpointOverrides[target.service.provider]).map { EndpointResolver.split($0).origin }
        var operations: [LongRunningOperation?] = zip(documents, calls).map { document, call in
            LongRunningOperation(document, base: Engine.operationBase(of: call, method: method), overrideOrigin: overrideOrigin)
        }
        if hints.contains(.await) {
            let pending = operations.compactMap { $0 }
            if !pending.isEmpty {
                let waiter = OperationWaiter(runner: runner, provider: target.service.provider,
                                             interval: configuration.operationPollInterval,
                                             timeout: configuration.operationTimeout, observer: configuration.observer)
                var finished = try await waiter.wait(pending).makeIterator()
                operations = operations.map { $0 == nil ? nil : finished.next() }
                let errors = operations.compactMap { $0 }.filter { $0.errorMessage != nil }
                if !errors.isEmpty {
                    throw OperationFailure(operations: errors.map { ($0.name, $0.errorMessage ?? "") })
                }
                documents = zip(documents, operations).map { document, operation in operation?.document ?? document }
            }
        }
        if !returning.isEmpty {
            let resources = zip(documents, operations).map { document, operation in operation?.response ?? (operation == nil ? document : .object([])) }
            var result = try await project(returning, of: resources, target: target)
            result.calls = lastCalls
            return result
        }
        var result: ResultSet
        if operations.allSatisfy({ $0 != nil }), !hints.contains(.showResults) {
            result = ResultSet(columns: [ResultSet.Column(name: "name"), ResultSet.Column(name: "done"), ResultSet.Column(name: "error", isJSON: true)],
                               rows: operations.map { operation in
                                   [.text(operation!.name), .integer(operation!.done ? 1 : 0),
                                    operation!.document["error"].map { .text($0.serialized()) } ?? .null]
                               })
        } else {
            result = Engine.table(of: documents)
            if result.columns.isEmpty { result = .message("\(verb): \(calls.count) call\(calls.count == 1 ? "" : "s") succeeded") }
        }
        result.calls = lastCalls
        return result
    }

    /// `https://host/v1`: where a call's operations are polled (its own host, so Vertex AI's locational one).
    static func operationBase(of call: PreparedCall, method: Method) -> String {
        let version = method.path.split(separator: "/").first.map(String.init) ?? ""
        guard let range = call.url.range(of: "/" + version + "/") else { return EndpointResolver.split(call.url).origin }
        return String(call.url[..<range.lowerBound]) + "/" + version
    }

    /// JSON objects as a table: a column per top-level key, in the order they first appear.
    static func table(of documents: [JSONValue]) -> ResultSet {
        var names: [String] = []
        var nested: Set<String> = []
        for case .object(let members) in documents {
            for (key, value) in members where !names.contains(key) {
                names.append(key)
                if case .object = value { nested.insert(key) }
                if case .array = value { nested.insert(key) }
            }
        }
        let rows: [[SQLValue]] = documents.map { document in
            names.map { name -> SQLValue in
                switch document[name] {
                case nil, .null?: return .null
                case .bool(let b)?: return .integer(b ? 1 : 0)
                case .number(let n)?: return n.rounded() == n && abs(n) < 9e15 ? .integer(Int64(n)) : .real(n)
                case .string(let s)?: return .text(s)
                case let value?: return .text(value.serialized())
                }
            }
        }
        return ResultSet(columns: names.map { ResultSet.Column(name: $0, isJSON: nested.contains($0)) }, rows: rows)
    }

    /// `RETURNING …` over the resources a mutation created or changed, in SQLite.
    func project(_ returning: [ResultColumn], of resources: [JSONValue], target: MutationTarget) async throws -> ResultSet {
        let registry = try registry()
        tableCounter += 1
        let spec = TableSpec(name: "\(target.resource.name)_\(tableCounter)",
                             columns: registry.columns(of: target.resource, in: target.service), parameterColumns: [])
        try await database.createTable(spec)
        defer { Task { [database] in try? await database.dropTable(spec) } }
        for resource in resources {
            _ = try await database.insertPage(ByteBuffer(string: resource.serialized()), into: spec, objectKey: nil, parameters: [:])
        }
        let columns = returning.map { column -> String in
            switch column {
            case .expression(let expression, let alias, _):
                return SQLPrinter.print(expression) + (alias.map { " AS " + SQLPrinter.quoteIdentifier($0.name) } ?? "")
            case .star: return "*"
            case .tableStar: return "*"
            }
        }
        let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(SQLPrinter.quoteIdentifier(spec.name)) AS \(SQLPrinter.quoteIdentifier(target.resource.name))"
        return try await database.query(sql)
    }

    // MARK: Helpers

    /// The resource a mutation names.
    func resolveTarget(_ name: QualifiedName) throws -> (ProviderService, Resource) {
        let (provider, service, resource) = try resourceParts(name)
        return try registry().resource(provider: provider, service: service, resource: resource)
    }

    /// A SELECT, run whatever `dryRun` says.
    func runSelect(_ select: SelectStatement) async throws -> ResultSet {
        guard !ResourceReferenceCollector.collect(select).isEmpty else {
            return try await database.query(SQLPrinter.print(select))
        }
        let plan = try await planQuery(select)
        return try await withFilledTables(plan) { _ in
            try await translatingSQLiteErrors(tables: materialisedTables(plan)) { try await database.query(plan.sql) }
        }
    }

    /// Evaluates expressions that read no column (SET values) in SQLite.
    func evaluate(_ expressions: [SQLExpression]) async throws -> [SQLValue] {
        guard !expressions.isEmpty else { return [] }
        let sql = "SELECT " + expressions.map(SQLPrinter.print).joined(separator: ", ")
        return try await database.query(sql).rows.first ?? []
    }

    /// The values of the constant expressions among `conjuncts`' bindings.
    func constants(in conjuncts: [SQLExpression]) async throws -> [SourceRange: String] {
        let candidates = ConstantExpressions.candidates(in: conjuncts)
        guard !candidates.isEmpty else { return [:] }
        let values = try await evaluate(candidates.map { .cast($0, TypeName(name: "TEXT", arguments: [], range: $0.range), $0.range) })
        var constants: [SourceRange: String] = [:]
        for (expression, value) in zip(candidates, values) {
            if let text = value.textValue { constants[expression.range] = text }
        }
        return constants
    }
}

/// Long-running operations that finished in error.
public struct OperationFailure: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// Each failed operation's name and `code status message`.
    public var operations: [(name: String, error: String)]

    public var description: String {
        if operations.count == 1 { return "operation \(operations[0].name) failed: \(operations[0].error)" }
        return "\(operations.count) operations failed:\n" + operations.map { "  \($0.name): \($0.error)" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
