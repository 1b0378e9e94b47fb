/// Renders a ``ResultSet`` as text in one of the ``OutputFormat``s.
///
/// ```swift
/// let text = ResultFormatter(format: .json).format(result)   // [{"two":2,"x":2}]
/// ```
///
/// JSON rule: integers and reals become JSON numbers, NULL becomes `null`, text becomes a JSON string —
/// except in columns marked ``ResultSet/Column/isJSON`` (object/array properties, JSON function results), whose
/// text is emitted as nested JSON when it parses as a JSON object or array. Blobs are written as text.
public struct ResultFormatter: Sendable {
    /// The format written (`-o`, `.output`).
    public var format: OutputFormat
    /// Leave out the header row (table, csv, text).
    public var omitHeaders: Bool
    /// The widest a table cell may be before it is cut with `…`.
    public var maximumCellWidth: Int
    /// The widest a whole table line may be (a terminal's width): the widest columns are narrowed, their cells
    /// cut with `…`, until it fits. Other formats are never cut.
    public var maximumTableWidth: Int

    /// A formatter for `format`. Unless told otherwise, table cells are cut at 80 characters and table lines are
    /// not cut.
    public init(format: OutputFormat, omitHeaders: Bool = false, maximumCellWidth: Int = 80,
                maximumTableWidth: Int = .max) {
        self.format = format
        self.omitHeaders = omitHeaders
        self.maximumCellWidth = maximumCellWidth
        self.maximumTableWidth = maximumTableWidth
    }

    /// The whole rendering, ending with a newline (empty for an empty csv/text result without headers).
    public func format(_ result: ResultSet) -> String {
        // Every row is measured before a table is written, as nothing is streamed here.
        var writer = ResultWriter(self, tableSampleRows: .max)
        var out = writer.begin(result.columns)
        out += writer.write(result.rows)
        out += writer.end(message: result.message)
        return String(decoding: out, as: UTF8.self)
    }

    /// One row as a JSON object whose member names are `keys` (each `"name":`, encoded once per result).
    func object(_ row: [SQLValue], columns: [ResultSet.Column], keys: [[UInt8]], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: keys[i])
            ResultFormatter.writeJSON(row[i], nested: column.isJSON, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `"name":` for each column: the member names of ``object(_:columns:keys:to:)``.
    static func keys(_ columns: [ResultSet.Column]) -> [[UInt8]] {
        columns.map { column in
            var key: [UInt8] = []
            JSONValue.writeString(column.name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    static func writeJSON(_ value: SQLValue, nested: Bool, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .integer(let i): appendDecimal(i, to: &out)
        case .real(let d):
            out.append(contentsOf: (d.isFinite ? SQLValue.format(real: d) : "null").utf8)
        case .text(let s):
            if nested, MinifiedJSON.append(s, to: &out) { return }
            JSONValue.writeString(s, to: &out)
        case .blob(let b): JSONValue.writeString(String(decoding: b, as: UTF8.self), to: &out)
        }
    }

    // MARK: CSV and text

    /// One CSV or text line of `fields` (nil: an empty field).
    func delimitedLine(_ fields: [String?], separator: UInt8, quote: Bool, to out: inout [UInt8]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { out.append(separator) }
            guard let field else { continue }
            if quote { csvField(field, to: &out) } else { textField(field, to: &out) }
        }
        out.append(0x0A)
    }

    /// One CSV or text line of a row's values (NULL: an empty field), written without making a `String` per
    /// value where it can.
    func delimitedLine(_ values: [SQLValue], separator: UInt8, quote: Bool, to out: inout [UInt8]) {
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(separator) }
            switch value {
            case .null: continue
            case .integer(let n): ResultFormatter.appendDecimal(n, to: &out)
            case .text(let text): if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
            case .real, .blob:
                let text = value.textValue ?? ""
                if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
            }
        }
        out.append(0x0A)
    }

    /// The decimal digits of `n`.
    static func appendDecimal(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 {
            out.append(UInt8(ascii: "-"))
            if n == .min {
                out.append(contentsOf: "9223372036854775808".utf8)
                return
            }
        }
        var magnitude = n.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// A `-o text` field: a tab, newline or carriage return inside a value is written `\t`, `\n`, `\r` (and a
    /// backslash `\\`), so every row stays one line and every field one column.
    func textField(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { textField(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// ``textField(_:to:)`` of UTF-8 bytes.
    func textField(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard PrintableASCII.contains(0x09, 0x0A, 0x0D, UInt8(ascii: "\\"), in: bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        for b in bytes {
            switch b {
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            default: out.append(b)
            }
        }
    }

    /// A CSV field: quoted when it holds a comma, quote, CR or LF, with quotes doubled.
    func csvField(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { csvField(UnsafeRawBufferPointer($0), to: &out) }
    }

    /// ``csvField(_:to:)`` of UTF-8 bytes.
    func csvField(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        guard PrintableASCII.contains(UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, in: bytes) else {
            out.append(contentsOf: bytes)
            return
        }
        // Quoted a block at a time in a scratch buffer with room for the block's worst case (every byte a quote),
        // each block appended at once: no capacity check a byte, and at most 8 KB of scratch whatever the field's size.
        let quote = UInt8(ascii: "\"")
        let block = 4096
        out.append(quote)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * min(bytes.count, block)) { scratch in
            let quoted = scratch.baseAddress!
            var start = 0
            while start < bytes.count {
                let end = min(start + block, bytes.count)
                var j = 0
                for k in start..<end {
                    let b = bytes[k]
                    quoted[j] = b
                    j += 1
                    if b == quote {
                        quoted[j] = quote
                        j += 1
                    }
                }
                out.append(contentsOf: UnsafeBufferPointer(start: quoted, count: j))
                start = end
            }
        }
        out.append(quote)
    }

    // MARK: Table

    /// A table cell: NULL spelled out, control characters (C0 and C1: ESC, BEL, …) made visible, long values cut.
    func cell(_ value: SQLValue) -> String {
        guard let text = value.textValue else { return "NULL" }
        // The common case, checked on bytes: nothing to escape and nothing to cut.
        if text.utf8.count <= maximumCellWidth, PrintableASCII.holds(text) { return text }
        let visible = TerminalText.escapingControls(text.contains("\r\n") ? text.replacing("\r\n", with: "\n") : text)
        return maximumCellWidth == .max ? visible : DisplayWidth.cut(visible, to: maximumCellWidth)
    }
}
