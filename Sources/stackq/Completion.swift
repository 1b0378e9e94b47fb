/// What Tab can do at the cursor: the partial word before it and the words that may replace it.
struct Completion: Equatable, Sendable {
    /// The text before the cursor that a candidate replaces (may be empty).
    var word: String
    /// Whole replacements for ``word``, sorted, without duplicates.
    var candidates: [String]

    static let none = Completion(word: "", candidates: [])

    /// The longest start every candidate shares.
    static func commonPrefix(of candidates: [String]) -> String {
        guard var prefix = candidates.first else { return "" }
        for candidate in candidates.dropFirst() {
            prefix = String(zip(prefix, candidate).prefix { $0 == $1 }.map(\.0))
        }
        return prefix
    }

    /// The candidates laid out in columns across `width` cells, top to bottom, like `ls`; at most `limit` shown.
    static func columns(_ candidates: [String], width: Int, limit: Int = 300) -> String {
        let shown = Array(candidates.prefix(limit))
        let cellWidth = (shown.map(\.count).max() ?? 0) + 2
        let columnCount = max(1, width / max(cellWidth, 1))
        let rowCount = (shown.count + columnCount - 1) / columnCount
        var out = ""
        for row in 0..<rowCount {
            var line = ""
            for column in 0..<columnCount {
                let index = column * rowCount + row
                guard index < shown.count else { break }
                let word = shown[index]
                line += word + String(repeating: " ", count: cellWidth - word.count)
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        if candidates.count > shown.count { out += "… and \(candidates.count - shown.count) more\n" }
        return out
    }
}
