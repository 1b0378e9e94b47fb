import Foundation
import Testing
import StackQEmulator
@testable import StackQ

/// The output paths that work on runs of bytes (eight at a time, or copied whole) agree with the byte-by-byte
/// rules they replace, at every offset and for random text.
@Suite struct OutputBytesTests {
    /// Bytes that are not printable ASCII, with their neighbours that are.
    static let edges: [UInt8] = [0x00, 0x09, 0x0A, 0x1B, 0x1F, 0x20, 0x21, 0x7E, 0x7F, 0x80, 0x9B, 0xC2, 0xFF]

    @Test func printableASCIIIsDecidedAtEveryOffset() {
        var wrong: [String] = []
        for byte in Self.edges {
            for length in 1..<20 {
                for position in 0..<length {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    let expected = bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
                    let found = bytes.withUnsafeBytes { PrintableASCII.holds($0) }
                    if found != expected { wrong.append("0x\(String(byte, radix: 16)) at \(position) of \(length)") }
                    let ascii = PrintableASCII.isASCII(String(decoding: bytes, as: UTF8.self))
                    if ascii != bytes.allSatisfy({ $0 < 0x80 }) { wrong.append("isASCII: 0x\(String(byte, radix: 16)) at \(position)") }
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// Random text over quotes, backslashes, controls, spaces, letters and multi-byte characters.
    static func randomTexts(count: Int, seed: UInt64) -> [String] {
        var random = DeterministicRandom(seed: seed)
        let pieces = ["\"", "\\", "\n", "\r", "\t", "\u{1}", "\u{1F}", " ", "a", "bcdefghij", "é", "日本", "😀", "{", "}", ",", ":"]
        return (0..<count).map { _ in
            let length = Int(random.next() % 40)
            return (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
        }
    }

    /// A database with table `t` (`columns`) holding `count` rows: `row(i, text)` gives the values of row `i`, where
    /// `text` is a random text (``randomTexts(count:seed:)``) quoted as a SQL literal.
    static func table(_ columns: String, count: Int, seed: UInt64, row: (Int, String) -> String) async throws -> Database {
        let database = try Database()
        try await database.execute("CREATE TABLE t (\(columns))")
        let rows = randomTexts(count: count, seed: seed).enumerated().map { i, text in
            "(" + row(i, "'" + text.replacingOccurrences(of: "'", with: "''") + "'") + ")"
        }
        try await database.execute("INSERT INTO t VALUES " + rows.joined(separator: ", "))
        return database
    }

    /// The whole output of `sql` in `formatter`'s format two ways: written from the collected values, and streamed
    /// as lines from SQLite in chunks of about 100 bytes (after the header `begin` writes), with the number of chunks.
    static func bothWays(_ sql: String, in database: Database, _ formatter: ResultFormatter,
                         tableSampleRows: Int = 1000) async throws -> (values: String, lines: String, chunks: Int, rows: Int) {
        let values = try await database.runQuery(sql)
        var writer = ResultWriter(formatter, tableSampleRows: tableSampleRows)
        var expected = writer.begin(values.columns)
        expected += writer.write(values.rows)
        expected += writer.end(message: nil)
        var header = ResultWriter(formatter, tableSampleRows: tableSampleRows)
        var lines = header.begin(values.columns)
        var chunks = 0
        // The lines carry the end of the result (a table's rules, JSON's "]").
        try await database.runQuery(sql, bindings: [], lines: ResultWriter(formatter, tableSampleRows: tableSampleRows),
                                    chunkBytes: 100) { _, bytes in
            chunks += 1
            lines += bytes
        }
        return (String(decoding: expected, as: UTF8.self), String(decoding: lines, as: UTF8.self), chunks, values.rows.count)
    }

    @Test func aJSONStringIsEscapedAsByteByByte() throws {
        for text in Self.randomTexts(count: 500, seed: 7) {
            var out: [UInt8] = []
            JSONValue.writeString(text, to: &out)
            // What a JSON reader makes of it is the text again, and only the characters JSON requires are escaped.
            let decoded = try JSONValue(parsing: Data(out))
            #expect(decoded == .string(text))
            let escapes = out.count - 2 - text.utf8.count
            let needed = text.utf8.reduce(0) { total, b in
                total + (b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b == 0x0A || b == 0x0D || b == 0x09 ? 1 : b < 0x20 ? 5 : 0)
            }
            #expect(escapes == needed, "\(text.debugDescription)")
        }
    }

    @Test func minifiedJSONDropsWhiteSpaceOnlyOutsideStrings() {
        for (index, text) in Self.randomTexts(count: 300, seed: 11).enumerated() {
            var member: [UInt8] = []
            JSONValue.writeString(text, to: &member)
            let name = String(decoding: member, as: UTF8.self)
            let json = "{ \(name) :\n [ 1 , \(name) ,\t{ \"k\\\"\" : \(name) } ] , \"n\(index)\" : null }"
            var runs: [UInt8] = []
            #expect(MinifiedJSON.append(json, to: &runs))
            var byByte: [UInt8] = []
            MinifiedJSON.append(Array(json.utf8), to: &byByte)
            #expect(runs == byByte, "\(json.debugDescription)")
        }
    }

    @Test func theBytesACSVOrTextFieldTreatsSpeciallyAreFoundAtEveryOffset() {
        var wrong: [String] = []
        for byte in Self.edges + Array(",\"\\\r".utf8) {
            for length in 1..<20 {
                for position in 0..<length {
                    var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = byte
                    for specials in [Array(",\"\n\r".utf8), [0x09, 0x0A, 0x0D, UInt8(ascii: "\\")]] {
                        let found = bytes.withUnsafeBytes {
                            PrintableASCII.contains(specials[0], specials[1], specials[2], specials[3], in: $0)
                        }
                        if found != specials.contains(byte) { wrong.append("0x\(String(byte, radix: 16)) at \(position) of \(length)") }
                    }
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    /// CSV and text lines written straight from SQLite's buffers are the bytes the values' lines are: quotes,
    /// separators, line breaks, backslashes, multi-byte and invalid UTF-8 text, NULL, integers, reals and blobs;
    /// in chunks of whole lines.
    @Test func linesFromSQLiteAreTheLinesOfTheValues() async throws {
        let others = ["NULL", "\(Int64.min)", "1.5", "1e300", "x'00ff41'", "CAST(x'61ff62' AS TEXT)",
                      "json('{\"k\": [1, \"v,w\"]}')", "-0.0"]
        let database = try await Self.table("a, b, c", count: 300, seed: 23) { i, text in "\(text), \(others[i % 8]), \(i)" }
        let sql = "SELECT a, b, c, a || ',' || c AS d FROM t ORDER BY c"
        let values = try await database.runQuery(sql)
        for format in [OutputFormat.csv, .text] {
            let formatter = ResultFormatter(format: format)
            var expected: [UInt8] = []
            for row in values.rows {
                formatter.delimitedLine(row, separator: format == .csv ? UInt8(ascii: ",") : 0x09, quote: format == .csv, to: &expected)
            }
            var lines: [UInt8] = []
            var chunks = 0
            var wholeLines = true
            var columns: [String] = []
            try await database.runQuery(sql, bindings: [], lines: ResultWriter(formatter), chunkBytes: 100) { chunkColumns, bytes in
                columns = chunkColumns.map(\.name)
                chunks += 1
                if bytes.last != 0x0A { wholeLines = false }
                lines += bytes
            }
            #expect(columns == ["a", "b", "c", "d"])
            #expect(chunks > 10)
            #expect(wholeLines)
            #expect(lines == expected, "\(format)")
        }
        var calls = 0
        try await database.runQuery("SELECT 1 WHERE 0", bindings: [], lines: ResultWriter(ResultFormatter(format: .csv)), chunkBytes: 100) { _, bytes in
            calls += 1
            #expect(bytes.isEmpty)
        }
        #expect(calls == 1)
    }

    /// A table written from SQLite's buffers is the table of the values: for a pipe (cells whole, overflowing
    /// their column) and for terminals (cells and lines cut), with widths measured on a sample shorter than the
    /// result or on all of it, and for an empty result.
    @Test func tableLinesFromSQLiteAreTheTableOfTheValues() async throws {
        let database = try await Self.table("a, b, c", count: 200, seed: 29) { i, text in
            let others = ["NULL", "\(Int64.min)", "1.5", "'" + String(repeating: "wide", count: i % 30) + "'", "x'00ff41'",
                          "CAST(x'61ff62' AS TEXT)", "'a' || char(27) || '[2J'", "'日本語' || \(i)", "\(i * 1_000_003)"]
            return "\(text), \(others[i % 9]), \(i)"
        }
        let formatters = [ResultFormatter(format: .table, maximumCellWidth: .max),
                          ResultFormatter(format: .table, maximumCellWidth: 12, maximumTableWidth: 40),
                          ResultFormatter(format: .table, maximumCellWidth: 3),
                          ResultFormatter(format: .table, omitHeaders: true, maximumCellWidth: 100, maximumTableWidth: 200)]
        for sql in ["SELECT a, b, c FROM t ORDER BY c", "SELECT b, c FROM t WHERE 0"] {
            for (f, formatter) in formatters.enumerated() {
                for sampleRows in [1, 7, 1000] {
                    let output = try await Self.bothWays(sql, in: database, formatter, tableSampleRows: sampleRows)
                    #expect(!output.values.isEmpty)
                    // Rows after the sample go out in chunks as they come; a result within its sample goes at the end.
                    #expect(output.chunks > (output.rows > sampleRows ? 5 : 0))
                    #expect(output.lines == output.values, "formatter \(f), sample of \(sampleRows), \(sql)")
                }
            }
        }
    }

    /// JSON and JSON lines written from SQLite's buffers are the bytes written from the rows' values: text of every
    /// kind, numbers, blobs, NULL, a declared JSON column (objects, arrays, pretty-printed, and text that is no JSON)
    /// and JSON function results (nested by their subtype).
    @Test func jsonLinesFromSQLiteAreTheJSONOfTheValues() async throws {
        let documents = ["'{\"k\":[1,2,{\"x\":\"y z\"}]}'", "'[ 1 , \"two\" ]'", "'{\n  \"pretty\": true\n}'",
                         "'not json'", "'{\"broken\":'", "NULL", "'\"a string\"'", "'{\"u\":\"日本\"}'"]
        let database = try await Self.table("a, b, c, j \(Database.jsonDeclaredType)", count: 200, seed: 31) { i, text in
            let others = ["NULL", "\(Int64.min)", "1.5e300", "x'00ff41'", "CAST(x'61ff62' AS TEXT)", "-0.25",
                          "'日本語' || \(i)", "\(i * 1_000_003)"]
            return "\(text), \(others[i % 8]), \(i), \(documents[i % documents.count])"
        }
        for format in [OutputFormat.json, .jsonl] {
            for sql in ["SELECT a, b, c, j FROM t ORDER BY c",
                        "SELECT j, json_extract(j, '$.k') AS k, json_array(c, a) AS arr, json_quote(a) AS q FROM t WHERE json_valid(j) ORDER BY c",
                        "SELECT b, c FROM t WHERE 0"] {
                let output = try await Self.bothWays(sql, in: database, ResultFormatter(format: format))
                #expect(output.lines == output.values, "\(format) \(sql)")
                if format == .json {
                    #expect((try? JSONValidator.validate(Array(output.lines.utf8))) != nil, "\(sql)")
                }
            }
        }
    }

    /// A CSV field longer than the quoting's block is quoted whole, a quote on either side of a block's edge doubled.
    @Test func aLongCSVFieldIsQuotedWhole() {
        let formatter = ResultFormatter(format: .csv)
        for length in [4095, 4096, 4097, 8193, 20_000] {
            for position in [0, 4094, 4095, 4096, 4097, length - 1] where position < length {
                var field = String(repeating: "a,", count: length / 2) + (length % 2 == 1 ? "b" : "")
                var scalars = Array(field.unicodeScalars)
                scalars[position] = "\""
                field = String(String.UnicodeScalarView(scalars))
                var out: [UInt8] = []
                formatter.csvField(field, to: &out)
                let expected = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                #expect(String(decoding: out, as: UTF8.self) == expected, "length \(length), quote at \(position)")
            }
        }
    }

    @Test func plainTableCellsAreShownAsTheyAreAndOthersEscaped() {
        let formatter = ResultFormatter(format: .table, maximumCellWidth: 12)
        #expect(formatter.cell(.text("plain text")) == "plain text")
        #expect(formatter.cell(.text("a\u{1B}[2Jb")) == "a\\x1B[2Jb")
        #expect(formatter.cell(.text("line\r\nnext")) == "line\\nnext")
        #expect(formatter.cell(.text("a\u{85}b")) == "a\\u{85}b")
        #expect(formatter.cell(.text("exactly 12 c")) == "exactly 12 c")
        #expect(formatter.cell(.text("thirteen char")) == "thirteen ch…")
        #expect(formatter.cell(.text("日本語のテキスト")) == "日本語のテ…")
        #expect(formatter.cell(.null) == "NULL")
    }
}
