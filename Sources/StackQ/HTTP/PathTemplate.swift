import Foundation

/// A method's path template, read once the same way by everyone who reads one (the planner, the request builder,
/// the Discovery importer and the emulator): `/v1/projects/{projectsId}/sessions/{sessionsId}:terminate`,
/// Google's reserved expansion `v1/{+name}`, and a literal extension after the last variable
/// (`/formula/{formula_name}.json`).
package struct PathTemplate: Sendable, Hashable {
    package enum Segment: Sendable, Hashable {
        case literal(String)
        /// `{name}`: exactly one path segment. `{+name}` (`spansSegments`): one or more, `/` kept between them.
        case variable(String, spansSegments: Bool)
        /// Text and variables within one segment (`file-{id}`): each variable's value encoded into the segment.
        case mixed(String)
    }

    /// The segments between slashes, less the custom verb and the extension.
    package var segments: [Segment]
    /// The custom verb after the last segment (`terminate`), if any.
    package var customVerb: String?
    /// A literal extension after a last-segment variable (`.json`), if any.
    package var extensionSuffix: String?
    /// True when the template starts with `/`.
    package var isAbsolute: Bool
    /// True when it ends with `/` (`/api/items/`).
    package var endsWithSlash: Bool

    /// Reads a template. Text outside braces is literal; a `:` after the last `}` starts the custom verb.
    package init(_ path: String) {
        isAbsolute = path.hasPrefix("/")
        endsWithSlash = path.count > 1 && path.hasSuffix("/")
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var verb: String?
        var suffix: String?
        if var last = parts.popLast() {
            if let colon = last.lastIndex(of: ":"), !last[colon...].contains("}") {
                verb = String(last[last.index(after: colon)...])
                last = String(last[..<colon])
            }
            if last.hasPrefix("{"), let close = last.firstIndex(of: "}"), last[last.index(after: close)...].hasPrefix(".") {
                suffix = String(last[last.index(after: close)...])
                last = String(last[...close])
            }
            parts.append(last)
        }
        segments = parts.map { part in
            guard part.contains("{") else { return .literal(part) }
            guard part.hasPrefix("{"), part.hasSuffix("}"), part.count > 2, part.dropFirst().firstIndex(of: "{") == nil else { return .mixed(part) }
            let name = part.dropFirst().dropLast()
            return name.hasPrefix("+") ? .variable(String(name.dropFirst()), spansSegments: true) : .variable(String(name), spansSegments: false)
        }
        customVerb = verb
        extensionSuffix = suffix
    }

    /// The template without its custom verb: the object a custom method acts on
    /// (`/v1/keys/{keysId}:updatePrimaryVersion` → `/v1/keys/{keysId}`).
    package var object: PathTemplate {
        var object = self
        object.customVerb = nil
        return object
    }

    /// The literal segments, in order (`/v1/projects/{p}/keyRings/{k}:sign` → `v1`, `projects`, `keyRings`).
    package var literals: [String] {
        segments.compactMap { segment in
            if case .literal(let text) = segment { text } else { nil }
        }
    }

    /// The variables' names, in order (`+` dropped).
    package var variables: [String] {
        segments.flatMap { segment -> [String] in
            switch segment {
            case .literal: []
            case .variable(let name, _): [name]
            case .mixed(let text): PathTemplate.names(in: text)
            }
        }
    }

    /// The names between braces in `text`, `+` dropped.
    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = rest[rest.index(after: open)..<close]
            if !name.isEmpty { names.append(String(name.hasPrefix("+") ? name.dropFirst() : name)) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// True when a variable may span several segments (`{+name}`).
    package var hasSpanningVariable: Bool {
        segments.contains { if case .variable(_, true) = $0 { return true } else { return false } }
    }

    /// The path with each variable replaced by its value: a `{name}` value encoded as exactly one segment, a
    /// `{+name}` value segment by segment with its slashes kept (`projects/p/sessions/s`).
    /// - Throws: ``PlanError`` for a missing or empty value, or a `{+name}` value with an empty, `.` or `..`
    ///   segment (it would name another path).
    package func expand(_ values: [String: String]) throws -> String {
        let template = description
        var out: [String] = []
        for segment in segments {
            switch segment {
            case .literal(let text):
                out.append(text)
            case .mixed(let text):
                var segment = text
                for name in PathTemplate.names(in: text) {
                    let value = try value(of: name, in: values)
                    segment = segment.replacingFirst("{\(name)}", with: PercentEncoding.pathSegment(value))
                        .replacingFirst("{+\(name)}", with: PercentEncoding.pathSegment(value))
                }
                out.append(segment)
            case .variable(let name, let spans):
                let value = try value(of: name, in: values)
                guard spans else {
                    out.append(PercentEncoding.pathSegment(value))
                    continue
                }
                let parts = value.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
                    throw PlanError(.invalidValue, "\(name) = '\(TerminalText.escapingControls(value))' is not a resource name the path \(template) can take: it has an empty, '.' or '..' segment")
                }
                out.append(parts.map { PercentEncoding.pathSegment(String($0)) }.joined(separator: "/"))
            }
        }
        return (isAbsolute ? "/" : "") + out.joined(separator: "/") + (endsWithSlash ? "/" : "") + (extensionSuffix ?? "")
            + (customVerb.map { ":" + $0 } ?? "")
    }

    /// The value of variable `name`; a missing or empty one is an error (`…/sessions/` would be read by the
    /// server as the list).
    private func value(of name: String, in values: [String: String]) throws -> String {
        guard let value = values[name] else {
            throw PlanError(.missingParameters, "the path \(description) needs a value for \(name)")
        }
        guard !value.isEmpty else {
            throw PlanError(.missingParameters, "\(name) = '' is empty, and \(name) is part of the path \(description): give it a value")
        }
        return value
    }

    /// The variables' values in a resource name (`projects/p/locations/l/sessions/s` against
    /// `v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}` → `projectsId: p, locationsId: l,
    /// sessionsId: s`): the name lined up with the template's last segments. Empty when they do not line up.
    package func values(in name: String) -> [String: String] {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for start in segments.indices {
            if let values = match(segments[start...], parts[...]) { return values }
        }
        return [:]
    }

    private func match(_ segments: ArraySlice<Segment>, _ parts: ArraySlice<String>) -> [String: String]? {
        guard let segment = segments.first else { return parts.isEmpty ? [:] : nil }
        guard let part = parts.first else { return nil }
        switch segment {
        case .literal(let text), .mixed(let text):
            return text == part ? match(segments.dropFirst(), parts.dropFirst()) : nil
        case .variable(let name, false):
            guard !part.isEmpty, var rest = match(segments.dropFirst(), parts.dropFirst()) else { return nil }
            rest[name] = part
            return rest
        case .variable(let name, true):
            let following = segments.count - 1
            guard parts.count > following else { return nil }
            let taken = parts.prefix(parts.count - following)
            guard !taken.contains(""), var rest = match(segments.dropFirst(), parts.dropFirst(taken.count)) else { return nil }
            rest[name] = taken.joined(separator: "/")
            return rest
        }
    }
}

extension PathTemplate: CustomStringConvertible {
    /// The template as written.
    package var description: String {
        let written = segments.map { segment in
            switch segment {
            case .literal(let text), .mixed(let text): text
            case .variable(let name, let spans): "{" + (spans ? "+" : "") + name + "}"
            }
        }
        return (isAbsolute ? "/" : "") + written.joined(separator: "/") + (endsWithSlash ? "/" : "") + (extensionSuffix ?? "")
            + (customVerb.map { ":" + $0 } ?? "")
    }
}

extension String {
    /// The string with the first occurrence of `target` replaced.
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
