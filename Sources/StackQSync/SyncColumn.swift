import NIOCore
import StackQ

/// A column of the synced table: its name in PostgreSQL and its type there.
public struct SyncColumn: Sendable, Hashable {
    /// PostgreSQL's types for stackq's values.
    public enum ColumnType: String, Sendable, Hashable {
        case bigint
        case doublePrecision = "double precision"
        case boolean
        case text
        case jsonb
        case timestamptz = "timestamp with time zone"
    }

    public var name: String
    public var type: ColumnType

    /// The columns for a result: declared INTEGER, REAL, BOOLEAN and JSON columns as bigint, double precision,
    /// boolean and jsonb, a resource's date-time properties as timestamptz; an expression's column from the values
    /// of the first rows (all integers: bigint; all numbers: double precision; JSON: jsonb; else text). Repeated
    /// names get `_2`, `_3`, ….
    static func columns(for columns: [ResultSet.Column], firstRows: [[SQLValue]]) -> [SyncColumn] {
        var seen: [String: Int] = [:]
        return columns.enumerated().map { index, column in
            var name = column.name
            if let count = seen[name.lowercased()] {
                seen[name.lowercased()] = count + 1
                name += "_\(count + 1)"
            } else {
                seen[name.lowercased()] = 1
            }
            return SyncColumn(name: name, type: type(of: column, values: firstRows.map { index < $0.count ? $0[index] : .null }))
        }
    }

    static func type(of column: ResultSet.Column, values: [SQLValue]) -> ColumnType {
        if column.isJSON { return .jsonb }
        if column.declaredType == ResultSet.Column.dateTimeDeclaredType { return .timestamptz }
        let declared = column.declaredType?.uppercased() ?? ""
        if declared.contains("JSON") { return .jsonb }
        if declared.contains("BOOL") { return .boolean }
        if declared.contains("INT") { return .bigint }
        if declared.contains("REAL") || declared.contains("FLOA") || declared.contains("DOUB") { return .doublePrecision }
        if !declared.isEmpty { return .text }
        let present = values.filter { $0 != .null }
        guard !present.isEmpty else { return .text }
        if present.allSatisfy({ if case .integer = $0 { return true } else { return false } }) { return .bigint }
        if present.allSatisfy({ switch $0 { case .integer, .real: return true; default: return false } }) { return .doublePrecision }
        return .text
    }
}

/// Rows as PostgreSQL's COPY text format: tab-separated, `\N` for NULL, backslash escapes.
enum CopyText {
    /// Appends one row (its values, then the `extra` columns' text as written) and a newline.
    static func append(_ row: [SQLValue], columns: [SyncColumn], extra: [String], to buffer: inout ByteBuffer) {
        for (index, column) in columns.enumerated() {
            if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
            write(index < row.count ? row[index] : .null, as: column.type, to: &buffer)
        }
        for value in extra {
            buffer.writeInteger(UInt8(ascii: "\t"))
            buffer.writeString(value)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func write(_ value: SQLValue, as type: SyncColumn.ColumnType, to buffer: inout ByteBuffer) {
        switch value {
        case .null:
            buffer.writeString("\\N")
        case .integer(let number):
            if type == .boolean {
                buffer.writeString(number == 0 ? "f" : "t")
            } else {
                buffer.writeString(String(number))
            }
        case .real(let number):
            if number.isNaN {
                buffer.writeString("NaN")
            } else if number.isInfinite {
                buffer.writeString(number < 0 ? "-Infinity" : "Infinity")
            } else if type == .bigint, number == number.rounded(), abs(number) < 9.2e18 {
                buffer.writeString(String(Int64(number)))
            } else {
                buffer.writeString(String(number))
            }
        case .text(let text):
            // PostgreSQL refuses the whole COPY for one value it cannot read as a time: such a value lands NULL.
            if type == .timestamptz, !isTimestamp(text) {
                buffer.writeString("\\N")
            } else {
                escape(text.utf8, to: &buffer)
            }
        case .blob(let bytes):
            // bytea's hex form, as text: \x0a1b…
            buffer.writeString("\\\\x")
            let digits = Array("0123456789abcdef".utf8)
            for byte in bytes {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 0x0f)])
            }
        }
    }

    /// True for an RFC 3339 time as Google writes them (`2026-12-07T05:50:00.123456789Z`, `…+05:30`) and for
    /// the same with a space for `T` or without seconds, zone or fraction: text PostgreSQL reads as timestamptz.
    static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var i = 0
        func digits(_ count: Int) -> Bool {
            guard i + count <= bytes.count, bytes[i..<(i + count)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return false }
            i += count
            return true
        }
        func take(_ byte: UInt8) -> Bool {
            guard i < bytes.count, bytes[i] == byte else { return false }
            i += 1
            return true
        }
        /// The number of the two digits just read, within `range`.
        func field(_ range: ClosedRange<Int>) -> Bool {
            range.contains(Int(bytes[i - 2] - 0x30) * 10 + Int(bytes[i - 1] - 0x30))
        }
        guard digits(4), take(UInt8(ascii: "-")), digits(2), field(1...12), take(UInt8(ascii: "-")), digits(2), field(1...31),
              take(UInt8(ascii: "T")) || take(UInt8(ascii: "t")) || take(UInt8(ascii: " ")),
              digits(2), field(0...23), take(UInt8(ascii: ":")), digits(2), field(0...59) else { return false }
        if take(UInt8(ascii: ":")) {
            guard digits(2), field(0...60) else { return false }
            if take(UInt8(ascii: ".")) {
                guard digits(1) else { return false }
                while digits(1) {}
            }
        }
        if i == bytes.count || take(UInt8(ascii: "Z")) || take(UInt8(ascii: "z")) { return i == bytes.count }
        guard take(UInt8(ascii: "+")) || take(UInt8(ascii: "-")), digits(2) else { return false }
        if take(UInt8(ascii: ":")) { guard digits(2) else { return false } } else { _ = digits(2) }
        return i == bytes.count
    }

    static func escape(_ bytes: String.UTF8View, to buffer: inout ByteBuffer) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeString("\\\\")
            case UInt8(ascii: "\n"): buffer.writeString("\\n")
            case UInt8(ascii: "\r"): buffer.writeString("\\r")
            case UInt8(ascii: "\t"): buffer.writeString("\\t")
            case 0: continue
            default: buffer.writeInteger(byte)
            }
        }
    }
}
