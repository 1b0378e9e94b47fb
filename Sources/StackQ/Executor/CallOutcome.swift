/// What happened to one call: its URL, how many requests, retries, pages and rows, its final HTTP status and,
/// when it failed, why. `SHOW CALLS` lists these for the last statement; ``ResultSet/calls`` carries them.
public struct CallOutcome: Sendable, Hashable {
    /// The method called (`google.dataproc.sessions.projects_locations_sessions_list`).
    public var qualifiedMethodName: String
    /// The reference the call filled (`google.dataproc.sessions AS s`), or the mutation's target.
    public var reference: String
    /// `projectsId='p', locationsId='l'`.
    public var parameters: String
    /// The first page's URL (never credentials).
    public var url: String
    /// The last HTTP status received; nil when no response came.
    public var status: Int?
    /// Requests sent in all, retries included.
    public var requests: Int
    /// Requests that were retries of a failed attempt.
    public var retries: Int
    /// Answers of 429 (too many requests) among them.
    public var throttled: Int
    /// Pages received.
    public var pages: Int
    /// Rows the call's pages put in the table.
    public var rows: Int
    /// The bytes of the response bodies of its pages, as received (after any content decoding).
    public var bytes = 0
    /// True when `--page-limit` stopped the paging while the API had more pages.
    public var truncatedByPageLimit: Bool
    /// True when the stop came from the default page cap (no `--page-limit` was given): an endless paginator.
    public var stoppedByDefaultPageCap = false
    /// Wall time of the whole call, every page and retry.
    public var milliseconds: Double
    /// Why the call failed; nil when it succeeded.
    public var error: String?
    /// True when a get answered 404 for a SELECT: the resource is not there, so it is no row.
    public var notFound: Bool

    /// An outcome of a call of `qualifiedMethodName`; everything not given is zero, empty, false or nil.
    public init(qualifiedMethodName: String, reference: String = "", parameters: String = "", url: String = "",
                status: Int? = nil, requests: Int = 0, retries: Int = 0, throttled: Int = 0, pages: Int = 0,
                rows: Int = 0, truncatedByPageLimit: Bool = false, milliseconds: Double = 0, error: String? = nil,
                notFound: Bool = false) {
        self.qualifiedMethodName = qualifiedMethodName
        self.reference = reference
        self.parameters = parameters
        self.url = url
        self.status = status
        self.requests = requests
        self.retries = retries
        self.throttled = throttled
        self.pages = pages
        self.rows = rows
        self.truncatedByPageLimit = truncatedByPageLimit
        self.milliseconds = milliseconds
        self.error = error
        self.notFound = notFound
    }

    /// True when the call succeeded.
    public var succeeded: Bool { error == nil }
}
