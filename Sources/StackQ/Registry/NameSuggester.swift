/// Finds the known names closest to a mistyped one, for "did you mean …?" hints.
enum NameSuggester {
    /// Up to `limit` candidates within a small edit distance of `name` (case-insensitive), closest first;
    /// candidates that contain the name, or that it contains, also count as close.
    static func suggestions(for name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.lowercased())
        let threshold = max(2, target.count / 3)
        // Of the names that contain the mistyped one, the nearest come first (`instan` → `instances` before
        // `instance_group_managers`): the capped distance ranks, the real one breaks ties.
        var scored: [(name: String, distance: Int, exact: Int)] = []
        for candidate in candidates {
            let lowered = candidate.lowercased()
            let exact = editDistance(target, Array(lowered))
            var distance = exact
            if distance > threshold, target.count >= 3,
               lowered.contains(String(target)) || String(target).contains(lowered) {
                distance = threshold
            }
            if distance <= threshold { scored.append((candidate, distance, exact)) }
        }
        scored.sort { ($0.distance, $0.exact, $0.name) < ($1.distance, $1.exact, $1.name) }
        return scored.prefix(limit).map(\.name)
    }

    /// The Levenshtein distance between two character arrays.
    static func editDistance(_ lhs: [Character], _ rhs: [Character]) -> Int {
        if lhs.isEmpty { return rhs.count }
        if rhs.isEmpty { return lhs.count }
        var previous = Array(0...rhs.count)
        var current = [Int](repeating: 0, count: rhs.count + 1)
        for i in 1...lhs.count {
            current[0] = i
            for j in 1...rhs.count {
                let cost = lhs[i - 1] == rhs[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[rhs.count]
    }
}
