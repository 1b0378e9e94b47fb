import Testing
@testable import StackQ

@Suite struct ResultFormatterTests {
    let result = ResultSet(
        columns: [ResultSet.Column(name: "name"), ResultSet.Column(name: "n"), ResultSet.Column(name: "labels", isJSON: true)],
        rows: [[.text("a,\"b\""), .integer(2), .text(#"{"env":"prod"}"#)],
               [.null, .real(1.5), .text("not json")]])

    @Test func jsonNestsJSONColumnsAndKeepsOthersAsValues() {
        #expect(ResultFormatter(format: .json).format(result)
            == #"[{"name":"a,\"b\"","n":2,"labels":{"env":"prod"}},{"name":null,"n":1.5,"labels":"not json"}]"# + "\n")
    }

    @Test func jsonlWritesOneObjectPerLine() {
        let lines = ResultFormatter(format: .jsonl).format(result).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[1] == #"{"name":null,"n":1.5,"labels":"not json"}"#)
    }

    @Test func csvQuotesWhatNeedsQuoting() {
        #expect(ResultFormatter(format: .csv).format(result)
            == "name,n,labels\n\"a,\"\"b\"\"\",2,\"{\"\"env\"\":\"\"prod\"\"}\"\n,1.5,not json\n")
        #expect(ResultFormatter(format: .csv, omitHeaders: true).format(result).hasPrefix("\"a,"))
    }

    @Test func tableAlignsAndSpellsOutNull() {
        let text = ResultFormatter(format: .table).format(
            ResultSet(columns: [ResultSet.Column(name: "name"), ResultSet.Column(name: "state")],
                      rows: [[.text("s1"), .text("ACTIVE")], [.text("session-2"), .null]]))
        #expect(text == """
            +-----------+--------+
            | name      | state  |
            +-----------+--------+
            | s1        | ACTIVE |
            | session-2 | NULL   |
            +-----------+--------+

            """)
    }

    @Test func tableCutsWideValuesAndShowsNewlines() {
        let formatter = ResultFormatter(format: .table, maximumCellWidth: 10)
        #expect(formatter.cell(.text("a\nb")) == "a\\nb")
        #expect(formatter.cell(.text(String(repeating: "x", count: 20))) == String(repeating: "x", count: 9) + "…")
    }
}
