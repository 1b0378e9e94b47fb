import Testing
@testable import StackQ

/// Tables fitted to a terminal's width.
@Suite struct ResultFormatterWidthTests {
    let result = ResultSet(columnNames: ["id", "description"],
                           textRows: [["1", "a description much longer than the terminal is wide"], ["2", "short"]])

    @Test func theWidestColumnIsCutToFitTheLine() {
        let text = ResultFormatter(format: .table, maximumTableWidth: 30).format(result)
        #expect(text == """
            +----+-----------------------+
            | id | description           |
            +----+-----------------------+
            | 1  | a description much l… |
            | 2  | short                 |
            +----+-----------------------+

            """)
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 30 })
    }

    @Test func aTableThatFitsIsUnchanged() {
        #expect(ResultFormatter(format: .table, maximumTableWidth: 200).format(result)
            == ResultFormatter(format: .table).format(result))
    }

    @Test func otherFormatsAreNeverCut() {
        let csv = ResultFormatter(format: .csv, maximumTableWidth: 10).format(result)
        #expect(csv.contains("a description much longer than the terminal is wide"))
    }

    @Test(arguments: [
        ([10, 50, 40], 60, [10, 20, 20]),
        ([3, 4], 5, [3, 4]),
        ([30, 30], 20, [6, 6]),
    ])
    func widthsAreNarrowedFromTheWidest(widths: [Int], line: Int, expected: [Int]) {
        #expect(ResultFormatter.fittedWidths(widths, lineWidth: line) == expected)
    }
}
