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
        let statement = try insertStatement(for: spec)
        return try inTransaction {
            try page.withUnsafeReadableBytes { raw in
                try PageRows(bytes: raw, spec: spec).insert(objectKey: objectKey, parameters: parameters, using: statement)
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

    func insertStatement(for spec: TableSpec) throws -> SQLiteStatement {
        if let cached = insertStatements[spec.name] { return cached }
        let statement = try connection.prepare(spec.insertSQL)
        insertStatements[spec.name] = statement
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

    func insert(objectKey: String?, parameters: [String: String], using statement: SQLiteStatement) throws -> Int {
        let start = scanner.skipWhitespace(0)
        guard start < scanner.bytes.count else { return 0 }
        var count = 0
        let row = RowContext(parameters: parameters, overrides: overriddenColumns(parameters))
        let insertRow = { (start: Int, memberKey: (column: Int, value: Range<Int>)?) throws -> Int in
            count += 1
            return try self.insertRow(at: start, row, memberKey: memberKey, using: statement)
        }
        guard let path = objectKey.map(PageRows.pathComponents), !path.isEmpty else {
            if scanner.bytes[start] == UInt8(ascii: "[") {
                try scanner.forEachElement(ofArrayAt: start) { try insertRow($0, nil) }
            } else {
                _ = try insertRow(start, nil)
            }
            return count
        }
        try rows(at: start, path: path[...], memberKey: nil, insertRow)
        return count
    }

    /// The parameters of a call, and the property columns they replace.
    struct RowContext {
        var parameters: [String: String]
        /// (column index, parameter value) for each property column that is also a bound parameter.
        var overrides: [(Int, String)]
    }

    /// Property columns named like a bound parameter hold the parameter's value (Compute's `zone` is the bound
    /// `us-central1-a`, not the row's zone URL), so SQLite's re-applied `zone = 'us-central1-a'` keeps the rows.
    func overriddenColumns(_ parameters: [String: String]) -> [(Int, String)] {
        guard !parameters.isEmpty else { return [] }
        return spec.columns.indices.compactMap { index in parameters[spec.columns[index].name].map { (index, $0) } }
    }

    /// Follows `path` from the value at `position` and inserts the rows at its end; `*` walks every member of
    /// an object (a map), passing the member's key on to its rows (see ``memberKeyColumn(_:escaped:)``).
    func rows(at position: Int, path: ArraySlice<String>, memberKey: (column: Int, value: Range<Int>)?,
              _ insertRow: (Int, (column: Int, value: Range<Int>)?) throws -> Int) throws {
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
    func memberKeyColumn(_ keyRange: Range<Int>, escaped: Bool) -> (column: Int, value: Range<Int>)? {
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

    /// Inserts the row whose value starts at `start`; returns the index just past it.
    func insertRow(at start: Int, _ row: RowContext, memberKey: (column: Int, value: Range<Int>)?,
                   using statement: SQLiteStatement) throws -> Int {
        statement.reset()
        let bytes = scanner.bytes
        let end: Int
        if bytes[start] == UInt8(ascii: "{") {
            var expected = 0
            end = try scanner.forEachMember(ofObjectAt: start) { keyRange, escaped, valueRange in
                guard let column = columnIndex(keyRange, escaped: escaped, hint: expected) else { return }
                expected = column + 1
                bind(valueRange, at: Int32(column + 1), using: statement)
            }
        } else {
            end = try scanner.endOfValue(start)
            if let column = spec.columns.firstIndex(where: { $0.name == "value" }) {
                bind(start..<end, at: Int32(column + 1), using: statement)
            }
        }
        if let memberKey {
            statement.bindTextNoCopy(UnsafeRawBufferPointer(rebasing: bytes[memberKey.value]), at: Int32(memberKey.column + 1))
        }
        for (column, value) in row.overrides {
            try statement.bind(.text(value), at: Int32(column + 1))
        }
        for (k, name) in spec.parameterColumns.enumerated() {
            if let value = row.parameters[name] {
                try statement.bind(.text(value), at: Int32(spec.columns.count + k + 1))
            }
        }
        _ = try statement.step()
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

extension Database {
    /// Drops a statement's table (and its cached INSERT) once the statement has its answer.
    func dropTable(_ spec: TableSpec) throws {
        insertStatements[spec.name] = nil
        try connection.execute("DROP TABLE IF EXISTS \(SQLPrinter.quoteIdentifier(spec.name))")
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
