/// A name in the source: plain (`sessions`) or quoted (`"my col"`, `` `x` ``, `[x]`).
public struct Identifier: Sendable, Hashable, CustomStringConvertible {
    /// The unquoted value (`"a""b"` has the name `a"b`).
    public var name: String
    /// Whether the source quoted it (quoted names are case-sensitive and never keywords).
    public var quoted: Bool
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates an identifier.
    public init(_ name: String, quoted: Bool = false, range: SourceRange = SourceRange(start: 0, end: 0)) {
        self.name = name
        self.quoted = quoted
        self.range = range
    }

    public var description: String { name }

    /// Whether two identifiers name the same thing under SQLite's rules (ASCII case-insensitive).
    public func matches(_ other: String) -> Bool {
        name.utf8.count == other.utf8.count && name.lowercasedASCII == other.lowercasedASCII
    }
}

/// A dotted name of 1 to 4 parts: `sessions`, `google.dataproc.sessions`,
/// `google.dataproc.sessions.projects_locations_sessions_terminate`.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    /// The parts, outermost first (`google`, `dataproc`, `sessions`).
    public var parts: [Identifier]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a qualified name.
    public init(parts: [Identifier], range: SourceRange) {
        self.parts = parts
        self.range = range
    }

    /// The last part (the resource, table or method name).
    public var last: Identifier { parts[parts.count - 1] }

    /// The parts joined by dots, unquoted: `google.dataproc.sessions`.
    public var dotted: String { parts.map(\.name).joined(separator: ".") }

    public var description: String { dotted }
}

extension String {
    var lowercasedASCII: String {
        var result = ""
        result.unicodeScalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar.value >= 65, scalar.value <= 90 {
                result.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
