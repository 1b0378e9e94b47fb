import Foundation

/// Everything an ``Emulator`` can be told before it starts: where it listens, who may call it, how lists page,
/// how long operations take, and which faults it injects.
///
/// The defaults give a fast, fault-free server on a free loopback port that accepts no token at all until you
/// add one to ``staticTokens`` or configure a service account or authorized user.
///
/// ```swift
/// var configuration = EmulatorConfiguration()
/// configuration.staticTokens = ["test-token"]
/// configuration.operationPolls = 2
/// let emulator = Emulator(services: [dataproc], configuration: configuration)
/// let baseURL = try await emulator.start()
/// ```
public struct EmulatorConfiguration: Sendable {
    /// Google Discovery documents the emulator's Discovery service serves: `GET /discovery/v1/apis` lists them
    /// (each preferred unless ``discoveryNotPreferred`` names it) and `GET /discovery/v1/apis/{api}/{version}/rest`
    /// returns one, as `discovery.googleapis.com` does, so `REGISTRY PULL` can be tried offline.
    public var discoveryDocuments: [URL] = []
    /// The `api:version` ids the directory list marks not preferred.
    public var discoveryNotPreferred: Set<String> = []
    /// The TCP port on 127.0.0.1; 0 lets the system pick a free one (read it back from ``Emulator/baseURL``).
    public var port: Int
    /// Bearer tokens that are always valid and never expire.
    public var staticTokens: Set<String>
    /// How long a token issued by `POST /token` stays valid.
    public var tokenLifetime: Duration
    /// Service accounts whose RS256-signed JWT assertions the token endpoint accepts.
    public var serviceAccounts: [ServiceAccountKey]
    /// OAuth clients and refresh tokens the token endpoint accepts (`grant_type=refresh_token`).
    public var authorizedUsers: [AuthorizedUser]
    /// Items in a list page when the request gives no `pageSize` (or 0). Google's services mostly use 50 or 100.
    public var defaultPageSize: Int
    /// The largest page served; a larger `pageSize` is lowered to this (AIP-158 coerces, it does not reject).
    public var maximumPageSize: Int
    /// When set, a `pageSize` above this is refused with 400 INVALID_ARGUMENT instead, as a few services do.
    public var rejectsPageSizeAbove: Int?
    /// How many `GET` polls of a long-running operation it takes to complete; 0 completes it at once.
    public var operationPolls: Int
    /// When set, an operation also completes once this much time has passed, polled or not (a session becomes
    /// ACTIVE by itself, as on Google).
    public var operationDuration: Duration?
    /// Fixed latency added before every API request is answered.
    public var latency: Duration
    /// The latency varies uniformly by up to this much either way (never below zero).
    public var latencyJitter: Duration
    /// The fraction (0…1) of API requests answered with one of ``faultKinds`` instead of their result.
    public var faultRate: Double
    /// The faults ``faultRate`` draws from, with equal weight.
    public var faultKinds: [Fault]
    /// The `Retry-After` header (seconds) sent with injected faults.
    public var retryAfterSeconds: Int
    /// Failures injected at a given page of a list sequence (see ``PaginationFault``).
    public var paginationFaults: [PaginationFault]
    /// A rate quota on API requests (429 RESOURCE_EXHAUSTED beyond it, no `Retry-After`); nil for none.
    public var quota: Quota? = nil
    /// A 503 storm: this many API requests, from the first, are answered 503 UNAVAILABLE (no `Retry-After`).
    public var unavailableStorm = 0
    /// Projects the caller may not read: every request naming one (`projects/P/…`) is answered 403 PERMISSION_DENIED,
    /// as Google answers for a project that was deleted or whose API is not enabled.
    public var deniedProjects: Set<String> = []
    /// Seeds the random draws (latency jitter, faults, generated ids), so a run can be repeated exactly.
    public var randomSeed: UInt64
    /// The clock behind timestamps and token expiry.
    public var clock: any EmulatorClock
    /// The email recorded as `creator` of resources created with a static token.
    public var defaultCreator: String
    /// The service account the metadata server route (`/computeMetadata/v1/instance/service-accounts/default/token`,
    /// behind `Metadata-Flavor: Google`) issues tokens for; nil turns the route off.
    public var metadataServiceAccount: String?
    /// Who may impersonate whom through IAM Credentials `generateAccessToken`: target email → the principals
    /// (service accounts or users) holding Token Creator on it.
    public var impersonation: [String: Set<String>]

    /// A configuration with these values; the defaults give a free port, no tokens, one-hour tokens, 50 items a page
    /// (at most 1000), operations done at the first poll, no latency and no faults. ``rejectsPageSizeAbove`` and
    /// ``operationDuration`` start nil.
    public init(port: Int = 0, staticTokens: Set<String> = [], tokenLifetime: Duration = .seconds(3600),
                serviceAccounts: [ServiceAccountKey] = [], authorizedUsers: [AuthorizedUser] = [],
                defaultPageSize: Int = 50, maximumPageSize: Int = 1000, operationPolls: Int = 1,
                latency: Duration = .zero, latencyJitter: Duration = .zero, faultRate: Double = 0,
                faultKinds: [Fault] = [.resourceExhausted, .unavailable], retryAfterSeconds: Int = 0,
                paginationFaults: [PaginationFault] = [], randomSeed: UInt64 = 1,
                clock: any EmulatorClock = SystemClock(), defaultCreator: String = "emulator-user@example.com",
                metadataServiceAccount: String? = nil, impersonation: [String: Set<String>] = [:]) {
        self.port = port
        self.staticTokens = staticTokens
        self.tokenLifetime = tokenLifetime
        self.serviceAccounts = serviceAccounts
        self.authorizedUsers = authorizedUsers
        self.defaultPageSize = defaultPageSize
        self.maximumPageSize = maximumPageSize
        self.operationPolls = operationPolls
        self.latency = latency
        self.latencyJitter = latencyJitter
        self.faultRate = faultRate
        self.faultKinds = faultKinds
        self.retryAfterSeconds = retryAfterSeconds
        self.paginationFaults = paginationFaults
        self.randomSeed = randomSeed
        self.clock = clock
        self.defaultCreator = defaultCreator
        self.metadataServiceAccount = metadataServiceAccount
        self.impersonation = impersonation
    }
}
