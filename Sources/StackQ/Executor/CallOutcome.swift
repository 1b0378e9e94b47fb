/// What happened to one call: how many requests, retries, pages and rows.
public struct CallOutcome: Sendable, Hashable {
    public var qualifiedMethodName: String
    /// Requests sent in all, retries included.
    public var requests: Int
    /// Requests that were retries of a failed attempt.
    public var retries: Int
    public var pages: Int
    public var rows: Int
    /// True when `--page-limit` stopped the paging while the API had more pages.
    public var truncatedByPageLimit: Bool
    /// True when the stop came from the default page cap (no `--page-limit` was given): an endless paginator.
    public var stoppedByDefaultPageCap = false
    /// True when a read of one resource answered 404: for a SELECT that is no row, not a failure.
    public var notFound = false

    public init(qualifiedMethodName: String, requests: Int = 0, retries: Int = 0, pages: Int = 0, rows: Int = 0,
                truncatedByPageLimit: Bool = false) {
        self.qualifiedMethodName = qualifiedMethodName
        self.requests = requests
        self.retries = retries
        self.pages = pages
        self.rows = rows
        self.truncatedByPageLimit = truncatedByPageLimit
    }
}
