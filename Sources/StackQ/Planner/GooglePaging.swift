import Synchronization

/// The page size stackq asks Google list methods for when the statement does not bind one: the largest
/// (AIP-158: a larger value is coerced to the service's maximum), so a list is as few round trips as the service
/// allows. A service that answers 400 to it is asked without it from then on, for the life of the engine
/// (``PageSizeRefusals``).
enum GooglePaging {
    static let pageSize = "1000"
    /// Compute's `maxResults` tops out at 500.
    static let maxResults = "500"

    /// `("pageSize", "1000")` for a list method that takes it and was not given one, unless its service refused
    /// it before; nil otherwise.
    static func implicitPageSize(for method: Method, values: [String: String], url: String,
                                 refusals: PageSizeRefusals?) -> (name: String, value: String)? {
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
        return refusals?.refused(method: method, url: url) == true ? nil : candidate
    }

    /// True when a 400's message is about the page size (`pageSize`, `page_size`, `maxResults`), not the request.
    static func concernsPageSize(_ message: String) -> Bool {
        let text = message.lowercased()
        return ["pagesize", "page_size", "page size", "maxresults", "max_results"].contains { text.contains($0) }
    }
}

/// The services (origin and method) that refused the page size stackq chose. One per engine, shared by its
/// statements: the executor writes it, the call builder reads it.
final class PageSizeRefusals: Sendable {
    private let keys = Mutex<Set<String>>([])

    /// True when this method at this URL's origin refused the page size before.
    func refused(method: Method, url: String) -> Bool {
        let key = Self.key(method: method, url: url)
        return keys.withLock { $0.contains(key) }
    }

    /// Remembers that this call's service refused the page size.
    func remember(_ call: PreparedCall) {
        let key = Self.key(method: call.method, url: call.url)
        _ = keys.withLock { $0.insert(key) }
    }

    static func key(method: Method, url: String) -> String {
        EndpointResolver.split(url).origin + "|" + method.name
    }
}
