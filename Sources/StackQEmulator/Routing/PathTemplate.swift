/// A registry path template split into segments: `/v1/projects/{projectsId}/sessions/{sessionsId}:terminate`.
struct PathTemplate: Sendable, Hashable {
    enum Segment: Sendable, Hashable {
        case literal(String)
        /// `{name}`: matches exactly one path segment.
        case variable(String)
    }

    var segments: [Segment]
    /// The custom verb after the last segment (`terminate`), if any.
    var customVerb: String?
    /// A literal extension after a last-segment variable (homebrew's `/{formula_name}.json` → `.json`), if any.
    var extensionSuffix: String?

    /// Parses a template; nil when it has no segments or a `{+name}` multi-segment variable.
    init?(_ path: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard var last = parts.popLast() else { return nil }
        var verb: String?
        if let colon = last.lastIndex(of: ":"), !last[colon...].contains("}") {
            verb = String(last[last.index(after: colon)...])
            last = String(last[..<colon])
        }
        var suffix: String?
        if last.hasPrefix("{"), let close = last.firstIndex(of: "}"), last[last.index(after: close)...].hasPrefix(".") {
            suffix = String(last[last.index(after: close)...])
            last = String(last[...close])
        }
        parts.append(last)
        var segments: [Segment] = []
        for part in parts {
            if part.hasPrefix("{") && part.hasSuffix("}") {
                let name = String(part.dropFirst().dropLast())
                guard !name.isEmpty, !name.hasPrefix("+") else { return nil }
                segments.append(.variable(name))
            } else {
                segments.append(.literal(part))
            }
        }
        self.segments = segments
        self.customVerb = verb
        self.extensionSuffix = suffix
    }

    /// How many leading segments come before the resource name: up to and including a version
    /// segment (`v1`, `v1beta1`), or 0 when there is none.
    var versionPrefixLength: Int {
        for (index, segment) in segments.enumerated() {
            guard case .literal(let text) = segment else { return 0 }
            if PathTemplate.isVersion(text) { return index + 1 }
        }
        return 0
    }

    /// The last literal segment: the collection's name (`sessions`).
    var collectionName: String? {
        for segment in segments.reversed() {
            if case .literal(let text) = segment { return text }
        }
        return nil
    }

    /// True when the template ends in a variable (it names one resource) rather than a collection.
    var endsInVariable: Bool {
        if case .variable = segments.last { return true }
        return false
    }

    static func isVersion(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "v"), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[1])
        else { return false }
        return bytes.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }
}
