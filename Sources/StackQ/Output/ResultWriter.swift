/// Writes one result as it arrives, in the format of a ``ResultFormatter``: ``begin(_:)`` with the columns,
/// ``write(_:)`` for each chunk of rows, ``end(message:)`` last. Each returns the bytes to write next, so a large
/// result goes out as it comes and is never held whole.
///
/// ```swift
/// var writer = ResultWriter(ResultFormatter(format: .csv))
/// var out = writer.begin(result.columns)   // "name,state\n"
/// out += writer.write(result.rows)
/// out += writer.end(message: nil)
/// ```
///
/// A table's column widths are measured on the first `tableSampleRows` rows (a terminal's screenful); the rows
/// after them keep those widths. A later cell wider than its column is cut with `…` when the formatter cuts cells
/// (``ResultFormatter/maximumCellWidth`` or ``ResultFormatter/maximumTableWidth`` set, as for a terminal) and is
/// written whole otherwise (a pipe or file), overflowing its column.
public struct ResultWriter: Sendable {
    /// The format and options the writer follows.
    public let formatter: ResultFormatter
    /// How many table rows are measured before the table starts to be written.
    public let tableSampleRows: Int

    private var columns: [ResultSet.Column] = []
    /// The JSON member names, `"name":`, encoded once.
    private var keys: [[UInt8]] = []
    private var rowsWritten = 0
    /// Table rows held until the widths are known, already rendered as cells.
    private var sample: [[String]] = []
    /// The table's widths once its head is written.
    private var widths: [Int]?

    /// A writer in `formatter`'s format.
    public init(_ formatter: ResultFormatter, tableSampleRows: Int = 1000) {
        self.formatter = formatter
        self.tableSampleRows = max(1, tableSampleRows)
    }

    private var format: OutputFormat { formatter.format }

    /// Takes the result's columns without writing anything: for a writer that goes on from where another
    /// writer's ``begin(_:)`` left off.
    mutating func start(_ columns: [ResultSet.Column]) {
        self.columns = columns
        if format == .json || format == .jsonl { keys = ResultFormatter.keys(columns) }
    }

    /// The start of the result: a CSV or text header line, or a JSON array's opening (a table waits for its rows).
    public mutating func begin(_ columns: [ResultSet.Column]) -> [UInt8] {
        start(columns)
        var out: [UInt8] = []
        guard !columns.isEmpty else { return out }
        switch format {
        case .json: out.append(UInt8(ascii: "["))
        case .csv, .text:
            if !formatter.omitHeaders {
                formatter.delimitedLine(columns.map { .text($0.name) }, separator: format == .csv ? UInt8(ascii: ",") : 0x09,
                                        quote: format == .csv, to: &out)
            }
        case .jsonl, .table: break
        }
        return out
    }

    /// The next rows.
    public mutating func write(_ rows: [[SQLValue]]) -> [UInt8] {
        var out: [UInt8] = []
        guard !columns.isEmpty, !rows.isEmpty else { return out }
        out.reserveCapacity(rows.count * columns.count * 16)
        switch format {
        case .json:
            for row in rows {
                if rowsWritten > 0 { out.append(UInt8(ascii: ",")) }
                formatter.object(row, columns: columns, keys: keys, to: &out)
                rowsWritten += 1
            }
        case .jsonl:
            for row in rows {
                formatter.object(row, columns: columns, keys: keys, to: &out)
                out.append(0x0A)
            }
        case .csv, .text:
            for row in rows {
                formatter.delimitedLine(row, separator: format == .csv ? UInt8(ascii: ",") : 0x09, quote: format == .csv,
                                        to: &out)
            }
        case .table:
            for row in rows {
                let cells = row.map { formatter.cell($0) }
                if let widths {
                    line(cells, widths: widths, to: &out)
                    rowsWritten += 1
                } else {
                    sample.append(cells)
                    if sample.count >= tableSampleRows { writeTableHead(to: &out) }
                }
            }
        }
        return out
    }

    /// The cursor's current row, read from the database's buffers where a cell needs no `String`: a CSV or text
    /// line, a table row (held with the sample until the widths are known), or a JSON object. The same bytes as
    /// ``write(_:)`` writes for the row's values (for JSON, with a text value nested when its column is declared
    /// JSON or the value carries SQLite's JSON subtype: see ``ResultFormatter/object(of:columns:keys:to:)``).
    mutating func write(rowOf row: some RowCursor, to out: inout [UInt8]) {
        switch format {
        case .csv, .text:
            formatter.delimitedLine(of: row, columns: columns.count, separator: format == .csv ? UInt8(ascii: ",") : 0x09,
                                    quote: format == .csv, to: &out)
        case .table:
            if let widths {
                line(of: row, widths: widths, to: &out)
                rowsWritten += 1
            } else {
                sample.append((0..<columns.count).map { formatter.cell(row.value(at: $0)) })
                if sample.count >= tableSampleRows { writeTableHead(to: &out) }
            }
        case .json:
            if rowsWritten > 0 { out.append(UInt8(ascii: ",")) }
            formatter.object(of: row, columns: columns, keys: keys, to: &out)
            rowsWritten += 1
        case .jsonl:
            formatter.object(of: row, columns: columns, keys: keys, to: &out)
            out.append(0x0A)
        }
    }

    /// The end of the result: a JSON array's close, a table's last rule; for a result with no columns, its message.
    public mutating func end(message: String?) -> [UInt8] {
        var out: [UInt8] = []
        if columns.isEmpty {
            if let message { return format == .json || format == .jsonl ? [] : Array((message + "\n").utf8) }
        }
        switch format {
        case .json:
            if columns.isEmpty { out.append(UInt8(ascii: "[")) }
            out.append(contentsOf: "]\n".utf8)
        case .table:
            if widths == nil { writeTableHead(to: &out) }
            if rowsWritten > 0, let widths { out += ResultWriter.rule(widths) }
        case .jsonl, .csv, .text: break
        }
        return out
    }

    /// Measures the sample, fits it to the table width, and writes the rule, the header and the sample.
    private mutating func writeTableHead(to out: inout [UInt8]) {
        var headers = columns.map(\.name)
        var measured = headers.map { formatter.omitHeaders ? 0 : DisplayWidth.of($0) }
        for row in sample {
            for (i, cell) in row.enumerated() { measured[i] = max(measured[i], DisplayWidth.of(cell)) }
        }
        var cells = sample
        formatter.fit(&measured, headers: &headers, cells: &cells)
        widths = measured
        out += ResultWriter.rule(measured)
        if !formatter.omitHeaders {
            line(headers, widths: measured, to: &out)
            out += ResultWriter.rule(measured)
        }
        for row in cells { line(row, widths: measured, to: &out) }
        rowsWritten += cells.count
        sample = []
    }

    /// True when cells wider than their column are cut (a terminal), false when they are written whole.
    private var cutsCells: Bool {
        formatter.maximumCellWidth != .max || formatter.maximumTableWidth != .max
    }

    private func line(_ values: [String], widths: [Int], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "|"))
        if values.isEmpty { out.append(UInt8(ascii: "|")) }
        for (value, width) in zip(values, widths) { cell(value, width: width, to: &out) }
        out.append(0x0A)
    }

    /// A table line of the cursor's current row. NULL, integers and text that is printable ASCII no wider
    /// than a cell may be are written from the cursor's buffers; other values, and values cut to fit their
    /// column, go through ``ResultFormatter/cell(_:)`` as in ``line(_:widths:to:)``.
    private func line(of row: some RowCursor, widths: [Int], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "|"))
        if widths.isEmpty { out.append(UInt8(ascii: "|")) }
        for (i, width) in widths.enumerated() {
            let start = out.count
            out.append(0x20)
            var plain = true
            switch row.cell(at: i) {
            case .null: out.append(contentsOf: "NULL".utf8)
            case .integer(let number): ResultFormatter.appendDecimal(number, to: &out)
            case .text(let bytes):
                if bytes.count <= formatter.maximumCellWidth, PrintableASCII.holds(bytes) {
                    out.append(contentsOf: bytes)
                } else {
                    plain = false
                }
            case .other: plain = false
            }
            // Printable ASCII takes a column a byte.
            let shown = out.count - start - 1
            if plain, shown <= width || !cutsCells {
                if width > shown { out.append(contentsOf: repeatElement(0x20, count: width - shown)) }
                out.append(contentsOf: " |".utf8)
            } else {
                out.removeSubrange(start...)
                cell(formatter.cell(row.value(at: i)), width: width, to: &out)
            }
        }
        out.append(0x0A)
    }

    /// One cell of a table line, cut to its column's width when the formatter cuts cells, padded to it.
    private func cell(_ value: String, width: Int, to out: inout [UInt8]) {
        let shown = cutsCells ? DisplayWidth.cut(value, to: width) : value
        out.append(0x20)
        out.append(contentsOf: shown.utf8)
        let padding = width - DisplayWidth.of(shown)
        if padding > 0 { out.append(contentsOf: repeatElement(0x20, count: padding)) }
        out.append(contentsOf: " |".utf8)
    }

    private static func rule(_ widths: [Int]) -> [UInt8] {
        Array(("+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+\n").utf8)
    }
}
