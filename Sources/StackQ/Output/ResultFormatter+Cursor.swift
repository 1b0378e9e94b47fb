extension ResultFormatter {
    /// One CSV or text line of the cursor's current row: the bytes ``delimitedLine(_:separator:quote:to:)``
    /// writes for the row's values. Text that is all ASCII is written from the cursor's buffer; other text goes
    /// through `String` (which repairs invalid UTF-8 as the values do).
    func delimitedLine(of row: some RowCursor, columns: Int, separator: UInt8, quote: Bool, to out: inout [UInt8]) {
        for i in 0..<columns {
            if i > 0 { out.append(separator) }
            switch row.cell(at: i) {
            case .null: continue
            case .integer(let number): ResultFormatter.appendDecimal(number, to: &out)
            case .text(let bytes):
                if PrintableASCII.isASCII(bytes) {
                    if quote { csvField(bytes, to: &out) } else { textField(bytes, to: &out) }
                } else {
                    let text = String(decoding: bytes, as: UTF8.self)
                    if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
                }
            case .other:
                let text = row.value(at: i).textValue ?? ""
                if quote { csvField(text, to: &out) } else { textField(text, to: &out) }
            }
        }
        out.append(0x0A)
    }

    /// The cursor's current row as a JSON object whose member names are `keys`: the bytes
    /// ``object(_:columns:keys:to:)`` writes for the row's values, a text value being nested JSON when its column
    /// is declared JSON or the value itself carries the JSON subtype. Text that is all ASCII is written from the
    /// cursor's buffer; other values go through ``SQLValue`` (which repairs invalid UTF-8).
    func object(of row: some RowCursor, columns: [ResultSet.Column], keys: [[UInt8]], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for i in columns.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: keys[i])
            switch row.cell(at: i) {
            case .null: out.append(contentsOf: "null".utf8)
            case .integer(let number): ResultFormatter.appendDecimal(number, to: &out)
            case .text(let bytes):
                let nested = columns[i].isJSON || row.valueHasJSONSubtype(at: i)
                if PrintableASCII.isASCII(bytes) {
                    if nested, MinifiedJSON.append(json: bytes, to: &out) { continue }
                    JSONValue.writeString(utf8: bytes, to: &out)
                } else {
                    ResultFormatter.writeJSON(row.value(at: i), nested: nested, to: &out)
                }
            case .other:
                ResultFormatter.writeJSON(row.value(at: i), nested: false, to: &out)
            }
        }
        out.append(UInt8(ascii: "}"))
    }
}
