extension ResultFormatter {
    /// The narrowest a column is made to fit ``maximumTableWidth`` (narrower columns stay as they are).
    static let minimumFittedColumnWidth = 6

    /// Narrows `widths` until a table line fits ``maximumTableWidth`` and cuts the headers and cells that no
    /// longer fit their column with `…`. Does nothing when the table fits already.
    func fit(_ widths: inout [Int], headers: inout [String], cells: inout [[String]]) {
        let fitted = ResultFormatter.fittedWidths(widths, lineWidth: maximumTableWidth)
        guard fitted != widths else { return }
        widths = fitted
        headers = zip(headers, widths).map(DisplayWidth.cut)
        cells = cells.map { row in zip(row, widths).map(DisplayWidth.cut) }
    }

    /// Column widths whose table line (`| a | b |`: three cells of border per column, plus one) is at most
    /// `lineWidth`: every column wider than some level is narrowed to it, the level as high as fits but never
    /// below ``minimumFittedColumnWidth``.
    static func fittedWidths(_ widths: [Int], lineWidth: Int) -> [Int] {
        let borders = 3 * widths.count + 1
        guard lineWidth < Int.max / 2, widths.reduce(borders, +) > lineWidth else { return widths }
        let budget = lineWidth - borders
        func total(_ level: Int) -> Int { widths.reduce(0) { $0 + min($1, level) } }
        var low = minimumFittedColumnWidth
        var high = widths.max() ?? low
        guard total(low) <= budget else { return widths.map { min($0, low) } }
        // The highest level whose total fits the budget.
        while low < high {
            let middle = (low + high + 1) / 2
            if total(middle) <= budget { low = middle } else { high = middle - 1 }
        }
        return widths.map { min($0, low) }
    }
}
