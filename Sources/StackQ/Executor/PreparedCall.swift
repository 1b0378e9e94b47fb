/// One planned API call: the request for its first page and what the engine needs to page and report on it.
package struct PreparedCall: Sendable {
    /// The provider whose credentials sign the call (`google`).
    public var provider: String
    /// `google.dataproc.sessions.projects_locations_sessions_list`, for messages.
    public var qualifiedMethodName: String
    /// The registry method called.
    public var method: Method
    /// The URL without its query string.
    public var url: String
    /// The query parameters, in order, not yet encoded.
    public var query: [(name: String, value: String)]
    /// The HTTP method, upper case (`GET`).
    public var httpMethod: String
    /// The method's header parameters with their values; `User-Agent`, `Authorization` and (with a body)
    /// `Content-Type: application/json` are added when it is sent.
    public var headers: [(name: String, value: String)]
    /// The request body (JSON built from the statement); nil when the call sends none.
    public var body: [UInt8]?
    /// The bound parameter values, as written into the parameter columns.
    public var parameterValues: [String: String]
    /// The parameters in the order they are shown in messages.
    public var displayedParameters: [(name: String, value: String)]
    /// True when sending the request twice cannot do anything twice (so it may be retried).
    public var isIdempotent: Bool
    /// True for a SELECT's get: a 404 means the resource is not there, which is no row rather than an error.
    public var missingMeansNoRow = false
    /// The page-size parameter stackq added on its own (`pageSize=1000`), dropped if the service refuses it.
    public var implicitPageSize: String?

    /// Every header the request is sent with but its credentials: the method's header parameters, `User-Agent`
    /// and, with a body, `Content-Type: application/json`. The sender and the dry run both take them from here.
    func headers(userAgent: String) -> [(name: String, value: String)] {
        var all = headers
        all.append(("User-Agent", userAgent))
        if body != nil { all.append(("Content-Type", "application/json")) }
        return all
    }

    /// The call without the page size stackq added.
    func withoutImplicitPageSize() -> PreparedCall {
        var call = self
        if let name = implicitPageSize { call.query.removeAll { $0.name == name } }
        call.implicitPageSize = nil
        return call
    }

    /// The full URL for a page: the query with `pageToken` set (or replaced) when there is one.
    public func url(pageToken: String? = nil) -> String {
        // StackQL's `location: request`: the response gives the whole next URL (GitHub's `Link`, OData's nextLink).
        if let pageToken, let pagination = method.pagination, pagination.requestToken.isEmpty { return pageToken }
        var items = query
        if let pageToken, let pagination = method.pagination, pagination.requestTokenLocation == .query {
            items.removeAll { $0.name == pagination.requestToken }
            items.append((pagination.requestToken, pageToken))
        }
        guard !items.isEmpty else { return url }
        let encoded = items.map { PercentEncoding.queryComponent($0.name) + "=" + PercentEncoding.queryComponent($0.value) }
        return url + "?" + encoded.joined(separator: "&")
    }
}
