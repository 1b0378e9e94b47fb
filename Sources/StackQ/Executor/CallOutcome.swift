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
    /// True when the response cache (`--cache-ttl`) answered instead of the API: from an entry kept before, or
    /// from the fetch of an identical call running at the same time (then ``cacheAge`` is 0).
    public var fromCache = false
    /// How old the cache entry that answered was, in seconds; nil when the API answered.
    public var cacheAge: Double?

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

extension CallOutcome {
    /// How the cache answered, for SHOW CALLS: `hit, 42s old`, `shared` (an identical call fetched it at the same
    /// time); nil when the API answered.
    public var cacheDescription: String? {
        guard fromCache else { return nil }
        guard let age = cacheAge, age >= 0.5 else { return cacheAge == 0 ? "shared" : "hit, 0s old" }
        return "hit, \(Int(age.rounded()))s old"
    }
}
