/// Finds the keyword a misspelt word was probably meant to be (`FORM` → `FROM`), so errors can
/// say "expected FROM, found 'FORM'" instead of complaining about the token after it.
enum KeywordSuggestion {
    /// Keywords that may follow a result column or a table in a SELECT.
    static let clauseKeywords: [Keyword] = [
        .from, .where, .group, .having, .order, .limit, .union, .except, .intersect, .window,
        .join, .inner, .left, .cross, .natural, .on, .using, .offset, .returning, .set,
    ]

    /// The keyword among `candidates` closest to `word`: at most one edit (insertion, deletion,
    /// substitution or transposition) for words up to 5 letters, two for longer ones.
    static func closest(to word: String, among candidates: [Keyword] = clauseKeywords) -> Keyword? {
        let upper = Array(word.utf8.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 })
        guard upper.count >= 3, upper.count <= 12 else { return nil }
        let allowed = upper.count <= 5 ? 1 : 2
        var best: (Keyword, Int)?
        for keyword in candidates {
            let distance = editDistance(upper, Array(keyword.rawValue.utf8))
            if distance > 0, distance <= allowed, distance < (best?.1 ?? Int.max) { best = (keyword, distance) }
        }
        return best?.0
    }

    /// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions).
    static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousPrevious[j - 2] + 1)
                }
            }
            previousPrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
