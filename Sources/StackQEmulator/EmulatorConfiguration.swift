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
    /// How many `GET` polls of a long-running operation it takes to complete; 0 completes it at once.
    public var operationPolls: Int
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
    /// Seeds the random draws (latency jitter, faults, generated ids), so a run can be repeated exactly.
    public var randomSeed: UInt64
    /// The clock behind timestamps and token expiry.
    public var clock: any EmulatorClock
    /// The email recorded as `creator` of resources created with a static token.
    public var defaultCreator: String

    public init(port: Int = 0, staticTokens: Set<String> = [], tokenLifetime: Duration = .seconds(3600),
                serviceAccounts: [ServiceAccountKey] = [], authorizedUsers: [AuthorizedUser] = [],
                defaultPageSize: Int = 50, maximumPageSize: Int = 1000, operationPolls: Int = 1,
                latency: Duration = .zero, latencyJitter: Duration = .zero, faultRate: Double = 0,
                faultKinds: [Fault] = [.resourceExhausted, .unavailable], retryAfterSeconds: Int = 0,
                paginationFaults: [PaginationFault] = [], randomSeed: UInt64 = 1,
                clock: any EmulatorClock = SystemClock(), defaultCreator: String = "emulator-user@example.com") {
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
    }
}

/// A service account the token endpoint trusts: its email (the JWT `iss`) and the PEM of its public key.
public struct ServiceAccountKey: Sendable, Hashable {
    public var clientEmail: String
    /// `-----BEGIN PUBLIC KEY-----` PEM of the RSA key that signs the account's assertions.
    public var publicKeyPEM: String

    public init(clientEmail: String, publicKeyPEM: String) {
        self.clientEmail = clientEmail
        self.publicKeyPEM = publicKeyPEM
    }
}

/// An `authorized_user` credential the token endpoint accepts for `grant_type=refresh_token`.
public struct AuthorizedUser: Sendable, Hashable {
    public var clientID: String
    public var clientSecret: String
    public var refreshToken: String
    /// The email recorded as `creator` of what this user creates.
    public var email: String

    public init(clientID: String, clientSecret: String, refreshToken: String,
                email: String = "authorized-user@example.com") {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.refreshToken = refreshToken
        self.email = email
    }
}

/// An injected failure: the HTTP status and Google's canonical status name it is answered with.
public enum Fault: String, Sendable, Hashable, CaseIterable {
    /// 429 RESOURCE_EXHAUSTED (quota or rate limit).
    case resourceExhausted
    /// 503 UNAVAILABLE.
    case unavailable
    /// 500 INTERNAL.
    case internalError

    /// The HTTP status code.
    public var httpStatus: Int {
        switch self {
        case .resourceExhausted: return 429
        case .unavailable: return 503
        case .internalError: return 500
        }
    }

    /// Google's canonical error status.
    public var status: String {
        switch self {
        case .resourceExhausted: return "RESOURCE_EXHAUSTED"
        case .unavailable: return "UNAVAILABLE"
        case .internalError: return "INTERNAL"
        }
    }

    var message: String {
        switch self {
        case .resourceExhausted: return "Quota exceeded (injected by the emulator)."
        case .unavailable: return "The service is currently unavailable (injected by the emulator)."
        case .internalError: return "Internal error encountered (injected by the emulator)."
        }
    }
}

/// Fails list requests at one page of a pagination sequence, to test what a client does half-way through.
///
/// Pages are counted per sequence: the request without a `pageToken` is page 1, the one with the token it
/// returned is page 2, and so on.
public struct PaginationFault: Sendable, Hashable {
    /// The page number (1-based) that fails.
    public var page: Int
    /// Only collections whose path contains this text (`/sessions`), or every collection when nil.
    public var collectionContaining: String?
    /// True: every request for that page fails. False: it fails once per collection, then succeeds.
    public var always: Bool
    public var fault: Fault

    public init(page: Int, collectionContaining: String? = nil, always: Bool = false, fault: Fault = .unavailable) {
        self.page = page
        self.collectionContaining = collectionContaining
        self.always = always
        self.fault = fault
    }
}

/// The emulator's source of the current time.
public protocol EmulatorClock: Sendable {
    func now() -> Date
}

/// The system's wall clock.
public struct SystemClock: EmulatorClock {
    public init() {}
    public func now() -> Date { Date() }
}
