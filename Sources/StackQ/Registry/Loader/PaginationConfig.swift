/// Reads StackQL `pagination` blocks (`requestToken`/`responseToken`, each `{key, location}`).
enum PaginationConfig {
    /// The pagination a `pagination` block describes, or nil when there is none.
    ///
    /// StackQL's `location: request` (the whole next request comes from the response, as with GitHub's `Link`
    /// header) is read as a query token with an empty key.
    static func parse(_ node: JSONValue?) -> Pagination? {
        guard let node, node.isObject else { return nil }
        let request = node["requestToken"]
        let response = node["responseToken"]
        guard let responseKey = response?["key"]?.scalarText else { return nil }
        return Pagination(requestToken: request?["key"]?.scalarText ?? "",
                          requestTokenLocation: location(request?["location"]?.stringValue, default: .query),
                          responseToken: responseKey,
                          responseTokenLocation: location(response?["location"]?.stringValue, default: .body))
    }

    private static func location(_ text: String?, default fallback: Pagination.Location) -> Pagination.Location {
        switch text?.lowercased() {
        case "query", "request": return .query
        case "header": return .header
        case "body": return .body
        default: return fallback
        }
    }
}
