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
    public var format: OutputFormat
    /// Leave out the header row (table, csv, text).
    public var omitHeaders: Bool
    /// The widest a table cell may be before it is cut with `…`.
    public var maximumCellWidth: Int
    /// The widest a whole table line may be (a terminal's width): the widest columns are narrowed, their cells
    /// cut with `…`, until it fits. Other formats are never cut.
    public var maximumTableWidth: Int

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

    func object(_ row: [SQLValue], columns: [ResultSet.Column], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.writeString(column.name, to: &out)
            out.append(UInt8(ascii: ":"))
            ResultFormatter.writeJSON(row[i], nested: column.isJSON, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    static func writeJSON(_ value: SQLValue, nested: Bool, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
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

    /// A `-o text` field: a tab, newline or carriage return inside a value is written `\t`, `\n`, `\r` (and a
    /// backslash `\\`), so every row stays one line and every field one column.
    func textField(_ s: String, to out: inout [UInt8]) {
        for b in s.utf8 {
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
        let needsQuotes = s.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else {
            out.append(contentsOf: s.utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }

    // MARK: Table

    /// A table cell: NULL spelled out, control characters (C0 and C1: ESC, BEL, …) made visible, long values cut.
    func cell(_ value: SQLValue) -> String {
        guard let text = value.textValue else { return "NULL" }
        let visible = TerminalText.escapingControls(text.contains("\r\n") ? text.replacing("\r\n", with: "\n") : text)
        if visible.count > maximumCellWidth {
            return String(visible.prefix(maximumCellWidth - 1)) + "…"
        }
        return visible
    }
}
