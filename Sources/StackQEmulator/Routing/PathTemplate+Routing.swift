import StackQ

/// What routing asks of a method's path template (``PathTemplate``, the one type the engine reads templates with).
extension PathTemplate {
    /// The template when the emulator can route it: segments, none spanning several (`{+name}`).
    static func routable(_ path: String) -> PathTemplate? {
        let template = PathTemplate(path)
        guard !template.segments.isEmpty, !template.hasSpanningVariable else { return nil }
        return template
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
