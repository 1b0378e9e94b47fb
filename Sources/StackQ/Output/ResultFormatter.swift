/// Renders a ``ResultSet`` as text in one of the ``OutputFormat``s.
///
/// ```swift
/// let text = ResultFormatter(format: .json).format(result)   // [{"two":2,"x":2}]
/// ```
///
/// JSON rule: integers and reals become JSON numbers, NULL becomes `null`, text becomes a JSON string —
/// except in columns marked ``ResultColumn/isJSON`` (object/array properties, JSON function results), whose
/// text is emitted as nested JSON when it parses as a JSON object or array. Blobs are written as text.
public struct ResultFormatter: Sendable {
    public var format: OutputFormat
    /// Leave out the header row (table, csv, text).
    public var omitHeaders: Bool
    /// The widest a table cell may be before it is cut with `…`.
    public var maximumCellWidth: Int

    public init(format: OutputFormat, omitHeaders: Bool = false, maximumCellWidth: Int = 80) {
        self.format = format
        self.omitHeaders = omitHeaders
        self.maximumCellWidth = maximumCellWidth
    }

    /// The whole rendering, ending with a newline (empty for an empty csv/text result without headers).
    public func format(_ result: ResultSet) -> String {
        if let message = result.message, result.columns.isEmpty {
            return format == .json || format == .jsonl ? "" : message + "\n"
        }
        switch format {
        case .table: return table(result)
        case .json: return json(result)
        case .jsonl: return result.rows.map { object($0, columns: result.columns) + "\n" }.joined()
        case .csv: return delimited(result, separator: ",", quote: true)
        case .text: return delimited(result, separator: "\t", quote: false)
        }
    }

    // MARK: JSON

    func json(_ result: ResultSet) -> String {
        var out = "["
        for (i, row) in result.rows.enumerated() {
            if i > 0 { out += "," }
            out += object(row, columns: result.columns)
        }
        return out + "]\n"
    }

    func object(_ row: [SQLValue], columns: [ResultColumn]) -> String {
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (i, column) in columns.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.writeString(column.name, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            ResultFormatter.writeJSON(row[i], nested: column.isJSON, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func writeJSON(_ value: SQLValue, nested: Bool, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .integer(let i): out.append(contentsOf: String(i).utf8)
        case .real(let d):
            out.append(contentsOf: (d.isFinite ? SQLValue.format(real: d) : "null").utf8)
        case .text(let s):
            if nested, let first = s.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }),
               first == UInt8(ascii: "{") || first == UInt8(ascii: "["),
               let parsed = try? JSONValue(parsing: s) {
                parsed.write(to: &out)
            } else {
                JSONValue.writeString(s, to: &out)
            }
        case .blob(let b): JSONValue.writeString(String(decoding: b, as: UTF8.self), to: &out)
        }
    }

    // MARK: CSV and text

    func delimited(_ result: ResultSet, separator: String, quote: Bool) -> String {
        var lines: [String] = []
        if !omitHeaders {
            lines.append(result.columns.map { quote ? csvField($0.name) : $0.name }.joined(separator: separator))
        }
        for row in result.rows {
            lines.append(row.map { value in
                let text = value.textValue ?? ""
                return quote ? csvField(text) : text
            }.joined(separator: separator))
        }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    func csvField(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    // MARK: Table

    func table(_ result: ResultSet) -> String {
        let headers = result.columns.map(\.name)
        let cells: [[String]] = result.rows.map { row in row.map { cell($0) } }
        var widths = headers.map { omitHeaders ? 0 : $0.count }
        for row in cells {
            for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) }
        }
        let rule = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+\n"
        func line(_ values: [String]) -> String {
            "|" + zip(values, widths).map { " " + $0 + String(repeating: " ", count: $1 - $0.count) + " " }.joined(separator: "|") + "|\n"
        }
        var out = rule
        if !omitHeaders {
            out += line(headers) + rule
        }
        for row in cells { out += line(row) }
        if !cells.isEmpty { out += rule }
        return out
    }

    /// A table cell: NULL spelled out, control characters made visible, long values cut.
    func cell(_ value: SQLValue) -> String {
        guard let text = value.textValue else { return "NULL" }
        var visible = ""
        for ch in text {
            switch ch {
            case "\n", "\r\n": visible += "\\n"
            case "\r": visible += "\\r"
            case "\t": visible += "\\t"
            default: visible.append(ch)
            }
        }
        if visible.count > maximumCellWidth {
            return String(visible.prefix(maximumCellWidth - 1)) + "…"
        }
        return visible
    }
}
