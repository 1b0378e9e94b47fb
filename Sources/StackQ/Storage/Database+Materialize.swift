import NIOCore
import StackQSyntax

extension Database {
    /// Creates the table for a resource reference.
    func createTable(_ spec: TableSpec) throws {
        try connection.execute(spec.createSQL)
    }

    /// Inserts the rows of one response page, in one transaction, straight from the response bytes.
    ///
    /// - Parameters:
    ///   - page: the response body.
    ///   - objectKey: the JSON path of the row array (`$.sessions`); nil when the body is one row, or when a
    ///     top-level array is the rows.
    ///   - parameters: the call's parameter values, written into the parameter columns of every row.
    /// - Returns: the number of rows inserted.
    func insertPage(_ page: ByteBuffer, into spec: TableSpec, objectKey: String?, parameters: [String: String]) throws -> Int {
        var inserter = RowInserter(single: try insertStatement(for: spec),
                                   batch: try insertStatement(for: spec, rows: spec.rowsPerInsert), rowsPerBatch: spec.rowsPerInsert)
        return try inTransaction {
            try page.withUnsafeReadableBytes { raw in
                try PageRows(bytes: raw, spec: spec).insert(objectKey: objectKey, parameters: parameters, using: &inserter)
            }
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func inTransaction<T>(_ body: () throws -> T) throws -> T {
        try connection.execute("BEGIN")
        do {
            let result = try body()
            try connection.execute("COMMIT")
            return result
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// The INSERT of `rows` rows at once into the table, prepared once per table.
    func insertStatement(for spec: TableSpec, rows: Int = 1) throws -> SQLiteStatement {
        let key = rows == 1 ? spec.name : "\(spec.name)#\(rows)"
        if let cached = insertStatements[key] { return cached }
        let statement = try connection.prepare(spec.insertSQL(rows: rows))
        insertStatements[key] = statement
        return statement
    }
}

/// The rows of one page and how each member of a row object lands in a column.
struct PageRows {
    let scanner: JSONScanner
    let spec: TableSpec
    let names: [[UInt8]]
    /// True for a pretty-printed page (it has line breaks, which compact JSON never has outside strings): its
    /// objects and arrays are stored minified. A single-line page is stored as sent.
    let minifies: Bool

    init(bytes: UnsafeRawBufferPointer, spec: TableSpec) {
        self.scanner = JSONScanner(bytes)
        self.spec = spec
        self.names = spec.columns.map { Array($0.name.utf8) }
        self.minifies = scanner.contains(0x0A, in: 0..<bytes.count) || scanner.contains(0x0D, in: 0..<bytes.count)
    }

    func insert(objectKey: String?, parameters: [String: String], using inserter: inout RowInserter) throws -> Int {
        let start = scanner.skipWhitespace(0)
        guard start < scanner.bytes.count else { return 0 }
        var count = 0
        let row = RowContext(values: overriddenColumns(parameters) + spec.parameterColumns.enumerated().compactMap { k, name in
            parameters[name].map { (spec.columns.count + k, $0) }
        })
        inserter.begin()
        func insertOne(_ start: Int, _ memberKey: MemberKey?) throws -> Int {
            count += 1
            let end = try insertRow(at: start, row, memberKey: memberKey, using: inserter.batch, slot: inserter.pending.count)
            try inserter.bound(start: start, memberKey: memberKey)
            return end
        }
        if let path = objectKey.map(PageRows.pathComponents), !path.isEmpty {
            try rows(at: start, path: path[...], memberKey: nil, insertOne)
        } else if scanner.bytes[start] == UInt8(ascii: "[") {
            try scanner.forEachElement(ofArrayAt: start) { try insertOne($0, nil) }
        } else {
            _ = try insertOne(start, nil)
        }
        for (start, memberKey) in inserter.takePartialBatch() {
            inserter.single.reset()
            _ = try self.insertRow(at: start, row, memberKey: memberKey, using: inserter.single, slot: 0)
            _ = try inserter.single.step()
        }
        return count
    }

    /// The column a map's member key goes to, and the key's bytes.
    typealias MemberKey = (column: Int, value: Range<Int>)

    /// The values every row of a call's page gets from the call's parameters.
    struct RowContext {
        /// (column index, parameter value) for each property column that is also a bound parameter, then for
        /// each parameter column the call has a value for: bound into every row without a copy.
        let values: [(column: Int, text: PinnedText)]

        init(values: [(Int, String)]) {
            self.values = values.map { ($0.0, PinnedText($0.1)) }
        }
    }

    /// A text's UTF-8 bytes at an address that stays put while the page's rows are stepped.
    final class PinnedText {
        private let storage: UnsafeMutableRawBufferPointer
        /// The text (never a null address, so an empty text binds as '' and not as NULL).
        let bytes: UnsafeRawBufferPointer

        init(_ text: String) {
            storage = .allocate(byteCount: max(1, text.utf8.count), alignment: 1)
            _ = storage.initializeMemory(as: UInt8.self, from: text.utf8)
            bytes = UnsafeRawBufferPointer(start: storage.baseAddress, count: text.utf8.count)
        }

        deinit { storage.deallocate() }
    }

    /// Property columns named like a bound parameter hold the parameter's value (Compute's `zone` is the bound
    /// `us-central1-a`, not the row's zone URL), so SQLite's re-applied `zone = 'us-central1-a'` keeps the rows.
    func overriddenColumns(_ parameters: [String: String]) -> [(Int, String)] {
        guard !parameters.isEmpty else { return [] }
        return spec.columns.indices.compactMap { index in parameters[spec.columns[index].name].map { (index, $0) } }
    }

    /// Follows `path` from the value at `position` and inserts the rows at its end; `*` walks every member of
    /// an object (a map), passing the member's key on to its rows (see ``memberKeyColumn(_:escaped:)``).
    func rows(at position: Int, path: ArraySlice<String>, memberKey: MemberKey?,
              _ insertRow: (Int, MemberKey?) throws -> Int) throws {
        guard position < scanner.bytes.count else { return }
        guard let key = path.first else {
            switch scanner.bytes[position] {
            case UInt8(ascii: "["): try scanner.forEachElement(ofArrayAt: position) { try insertRow($0, memberKey) }
            case UInt8(ascii: "{"): _ = try insertRow(position, memberKey)
            default: break
            }
            return
        }
        guard scanner.bytes[position] == UInt8(ascii: "{") else { return }
        if key == "*" {
            try scanner.forEachMember(ofObjectAt: position) { keyRange, escaped, valueRange in
                try rows(at: valueRange.lowerBound, path: path.dropFirst(),
                         memberKey: memberKeyColumn(keyRange, escaped: escaped) ?? memberKey, insertRow)
            }
        } else if let next = try scanner.memberStart(key, ofObjectAt: position) {
            try rows(at: next, path: path.dropFirst(), memberKey: memberKey, insertRow)
        }
    }

    /// Where a map key goes: `zones/us-central1-a` (Compute's aggregatedList) puts `us-central1-a` into the
    /// column `zone` (the key's collection, singular), `regions/us-central1` into `region`; nil when the key has
    /// no `/` (`global`), escapes, or the table has no such column.
    func memberKeyColumn(_ keyRange: Range<Int>, escaped: Bool) -> MemberKey? {
        guard !escaped, let slash = keyRange.first(where: { scanner.bytes[$0] == UInt8(ascii: "/") }),
              slash > keyRange.lowerBound, slash + 1 < keyRange.upperBound else { return nil }
        var collection = Array(scanner.bytes[keyRange.lowerBound..<slash])
        if collection.last == UInt8(ascii: "s") { collection.removeLast() }
        guard let column = names.firstIndex(of: collection) else { return nil }
        return (column, (slash + 1)..<keyRange.upperBound)
    }

    /// `$.a.b[*]` → `["a", "b"]`; `$.items.*.instances[*]` → `["items", "*", "instances"]`.
    static func pathComponents(_ objectKey: String) -> [String] {
        var path = Substring(objectKey)
        if path.hasPrefix("$") { path = path.dropFirst() }
        if path.hasSuffix("[*]") { path = path.dropLast(3) }
        return path.split(separator: ".").map(String.init)
    }

    /// Binds the row whose value starts at `start` into row `slot` of `statement`; returns the index just past it.
    func insertRow(at start: Int, _ row: RowContext, memberKey: MemberKey?,
                   using statement: SQLiteStatement, slot: Int) throws -> Int {
        let bytes = scanner.bytes
        let offset = Int32(slot * (spec.columns.count + spec.parameterColumns.count))
        let end: Int
        if bytes[start] == UInt8(ascii: "{") {
            var expected = 0
            end = try scanner.forEachMember(ofObjectAt: start) { keyRange, escaped, valueRange in
                guard let column = columnIndex(keyRange, escaped: escaped, hint: expected) else { return }
                expected = column + 1
                bind(valueRange, at: offset + Int32(column + 1), using: statement)
            }
        } else {
            end = try scanner.endOfValue(start)
            if let column = spec.columns.firstIndex(where: { $0.name == "value" }) {
                bind(start..<end, at: offset + Int32(column + 1), using: statement)
            }
        }
        if let memberKey {
            statement.bindTextNoCopy(UnsafeRawBufferPointer(rebasing: bytes[memberKey.value]), at: offset + Int32(memberKey.column + 1))
        }
        for (column, text) in row.values {
            statement.bindTextNoCopy(text.bytes, at: offset + Int32(column + 1))
        }
        return end
    }

    func columnIndex(_ keyRange: Range<Int>, escaped: Bool, hint: Int) -> Int? {
        if escaped {
            let key = scanner.unescaped(keyRange)
            return names.firstIndex(of: key)
        }
        if hint < names.count, scanner.equal(keyRange, names[hint]) { return hint }
        for (i, name) in names.enumerated() where i != hint && scanner.equal(keyRange, name) {
            return i
        }
        return nil
    }

    func bind(_ range: Range<Int>, at index: Int32, using statement: SQLiteStatement) {
        let bytes = scanner.bytes
        switch bytes[range.lowerBound] {
        case UInt8(ascii: "\""):
            let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
            if scanner.contains(UInt8(ascii: "\\"), in: inner) {
                let decoded = scanner.unescaped(inner)
                decoded.withUnsafeBytes { statement.bindText($0, at: index) }
            } else {
                // The page outlives the step of this row.
                statement.bindTextNoCopy(UnsafeRawBufferPointer(rebasing: bytes[inner]), at: index)
            }
        case UInt8(ascii: "t"): statement.bindInteger(1, at: index)
        case UInt8(ascii: "f"): statement.bindInteger(0, at: index)
        case UInt8(ascii: "n"): statement.bindNull(at: index)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            // Objects and arrays are stored minified, so pretty-printed responses give the same text.
            let value = bytes[range]
            if minifies {
                var minified: [UInt8] = []
                minified.reserveCapacity(value.count)
                MinifiedJSON.append(value, to: &minified)
                minified.withUnsafeBytes { statement.bindText($0, at: index) }
            } else {
                statement.bindTextNoCopy(UnsafeRawBufferPointer(rebasing: value), at: index)
            }
        default:
            statement.bindTextNoCopy(UnsafeRawBufferPointer(rebasing: bytes[range]), at: index)
        }
    }
}

/// The two INSERTs a page's rows go through: a multi-row one taking `rowsPerBatch` rows a step, and the one-row
/// one for the rows of a last, partial batch. It remembers where the rows bound into the open batch start.
struct RowInserter {
    let single: SQLiteStatement
    let batch: SQLiteStatement
    let rowsPerBatch: Int
    /// The rows bound into the batch and not yet stepped: where each starts, and its map key (see
    /// ``PageRows/memberKeyColumn(_:escaped:)``).
    private(set) var pending: [(start: Int, memberKey: PageRows.MemberKey?)] = []

    init(single: SQLiteStatement, batch: SQLiteStatement, rowsPerBatch: Int) {
        self.single = single
        self.batch = batch
        self.rowsPerBatch = rowsPerBatch
        pending.reserveCapacity(rowsPerBatch)
    }

    /// Starts a page: no bindings left from one that failed half-way.
    mutating func begin() {
        batch.reset()
        pending.removeAll(keepingCapacity: true)
    }

    /// Records a row just bound into slot ``pending``.count of the batch; steps the batch when it is full.
    mutating func bound(start: Int, memberKey: PageRows.MemberKey?) throws {
        pending.append((start, memberKey))
        guard pending.count == rowsPerBatch else { return }
        _ = try batch.step()
        batch.reset()
        pending.removeAll(keepingCapacity: true)
    }

    /// The rows of the partial batch, which the batch no longer holds.
    mutating func takePartialBatch() -> [(start: Int, memberKey: PageRows.MemberKey?)] {
        batch.reset()
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}

extension Database {
    /// Drops a statement's table (and its cached INSERTs) once the statement has its answer.
    ///
    /// The drop runs without a rollback journal: with one, SQLite first copies every page of the table into the
    /// in-memory journal, as much memory again as the table holds, to undo a drop nobody will undo.
    func dropTable(_ spec: TableSpec) throws {
        insertStatements = insertStatements.filter { $0.key != spec.name && !$0.key.hasPrefix(spec.name + "#") }
        let journal = try journalMode()
        // `main.`: a journal mode without a schema is set for every attached database, the user store too.
        try connection.execute("PRAGMA main.journal_mode = OFF")
        defer { try? connection.execute("PRAGMA main.journal_mode = \(journal)") }
        try connection.execute("DROP TABLE IF EXISTS \(SQLPrinter.quoteIdentifier(spec.name))")
    }

    /// The connection's journal mode (`memory` for the in-memory database).
    func journalMode() throws -> String {
        let statement = try connection.prepare("PRAGMA main.journal_mode")
        guard try statement.step(), let mode = statement.value(at: 0).textValue,
              mode.allSatisfy({ $0.isLetter }) else { return "memory" }
        return mode
    }
}

extension Database {
    /// Inserts text rows (metadata tables) in one transaction.
    func insertRows(_ rows: [[String?]], into spec: TableSpec) throws {
        let statement = try insertStatement(for: spec)
        try inTransaction {
            for row in rows {
                statement.reset()
                for (i, value) in row.enumerated() {
                    try statement.bind(value.map(SQLValue.text) ?? .null, at: Int32(i + 1))
                }
                _ = try statement.step()
            }
        }
    }
}
