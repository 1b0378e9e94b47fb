/// Builds a call's URL path from a method's path template and parameter values.
enum RequestBuilder {
    /// The path with each `{name}` replaced by its value encoded as exactly one segment, each `{+name}` by its
    /// segments (``PathTemplate/expand(_:)``).
    static func path(_ template: String, values: [String: String]) throws -> String {
        try PathTemplate(template).expand(values)
    }
}
