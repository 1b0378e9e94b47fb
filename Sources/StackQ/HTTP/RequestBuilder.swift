/// Builds a call's URL from a method's path template and parameter values.
enum RequestBuilder {
    /// The path with each `{name}` (or `{+name}`) replaced by its value encoded as exactly one segment.
    static func path(_ template: String, values: [String: String]) throws -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                out += rest[open...]
                return out
            }
            var name = rest[rest.index(after: open)..<close]
            if name.hasPrefix("+") { name = name.dropFirst() }
            guard let value = values[String(name)] else {
                throw PlanError(message: "the path \(template) needs a value for \(name)")
            }
            // `…/sessions/` would be read by the server as the list: an empty segment is no value.
            guard !value.isEmpty else {
                throw PlanError(message: "\(name) = '' is empty, and \(name) is part of the path \(template): give it a value")
            }
            out += PercentEncoding.pathSegment(value)
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}
