import Synchronization

/// The page size stackq asks Google list methods for when the statement does not bind one: the largest
/// (AIP-158: a larger value is coerced to the service's maximum), so a list is as few round trips as the service
/// allows. A service that answers 400 to it is asked without it from then on, for the rest of the process.
enum GooglePaging {
    static let pageSize = "1000"
    /// Compute's `maxResults` tops out at 500.
    static let maxResults = "500"

    private static let refused = Mutex<Set<String>>([])

    /// `("pageSize", "1000")` for a list method that takes it and was not given one; nil otherwise.
    static func implicitPageSize(for method: Method, values: [String: String], url: String) -> (name: String, value: String)? {
        guard method.httpMethod.uppercased() == "GET", method.pagination != nil else { return nil }
        let candidate: (String, String)
        if method.parameter(named: "pageSize") != nil {
            candidate = ("pageSize", pageSize)
        } else if method.parameter(named: "maxResults") != nil {
            candidate = ("maxResults", maxResults)
        } else {
            return nil
        }
        guard values[candidate.0] == nil else { return nil }
        let key = self.key(method: method, url: url)
        return refused.withLock { $0.contains(key) } ? nil : candidate
    }

    /// True when a 400's message is about the page size (`pageSize`, `page_size`, `maxResults`), not the request.
    static func concernsPageSize(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["pagesize", "page_size", "page size", "maxresults", "max_results"].contains { text.contains($0) }
    }

    /// Remembers that this call's service refused the page size.
    static func remember(refusalOf call: PreparedCall) {
        let key = self.key(method: call.method, url: call.url)
        _ = refused.withLock { $0.insert(key) }
    }

    static func key(method: Method, url: String) -> String {
        EndpointResolver.split(url).origin + "|" + method.name
    }
}
