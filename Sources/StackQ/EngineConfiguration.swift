import Foundation
import Logging

/// How an ``Engine`` finds providers, authenticates, and runs calls.
public struct EngineConfiguration: Sendable {
    /// The provider registry folder; nil finds the default (``RegistryLocator``).
    public var registryPath: String?
    /// Where the registry caches its parsed documents (``Registry/init(root:cacheDirectory:)``); nil caches
    /// nothing. By default `$XDG_CACHE_HOME/stackq/registry`, else `~/.cache/stackq/registry`.
    public var registryCacheDirectory: URL? = Registry.defaultCacheDirectory
    /// Credentials per provider.
    public var auth: AuthConfiguration
    /// Base URL overrides by `provider` or `provider.service` (`--endpoint`): the override's scheme, host and port
    /// replace the server's and its path is kept; `provider.service` wins over `provider`.
    public var endpointOverrides: [String: String]
    /// How many API calls may run at once.
    public var concurrency: Int
    /// Stop each call after this many pages (announced through ``EngineObserver/warning(_:)``).
    public var pageLimit: Int?
    /// Each call stops after this many pages when ``pageLimit`` is nil, so that a server whose page tokens never
    /// end cannot page forever; the stop is announced like a page limit.
    public var defaultPageCap = 10_000
    /// Plan calls and return them instead of sending them.
    public var dryRun: Bool
    /// When a failed request is sent again and how long to wait first; `--max-attempts` sets
    /// ``RetryPolicy/maximumAttempts``.
    public var retry: RetryPolicy
    /// The deadline of one HTTP request, its whole body included.
    public var requestTimeout: Duration
    /// The deadline of each whole statement (all its calls and pages); nil for none.
    public var statementTimeout: Duration?
    /// Values for `{{ name }}` in scripts (`--var`), substituted as quoted SQL literals; `{{ name | raw }}` inserts
    /// the text as given. A placeholder without a value is an error naming it.
    public var variables: [String: String] = [:]
    /// The HTTP implementation; nil uses ``AsyncHTTPTransport`` (created on the first call, shut down by the engine).
    public var transport: (any HTTPTransport)?
    /// Where credentials read environment variables from.
    public var environment: [String: String]
    /// Told about progress and warnings while statements run.
    public var observer: (any EngineObserver)?
    /// A statement that would make more calls than this is refused before any is sent (`--max-calls`).
    public var maximumCalls: Int = 10_000
    /// Keep the rows of the calls that worked when some fail, instead of failing the statement; the failed calls
    /// are reported as warnings and in ``ResultSet/calls`` (`--allow-partial`).
    public var allowPartial = false
    /// How long to wait between polls of a long-running operation: the first wait, then doubling up to the second.
    public var operationPollInterval: (initial: Duration, maximum: Duration) = (.seconds(1), .seconds(10))
    /// Only this share of each statement's outermost fan-out is called (`--shard I/N`, for `stackq sync` across
    /// processes or machines); nil calls all of it.
    public var shard: FanOutShard?
    /// Answer every statement with its plan (as `EXPLAIN` does) instead of running it (`--explain`).
    public var explainOnly = false
    /// Where the engine logs (swift-log): each finished API call at `debug` (method, parameters, status, pages,
    /// rows, retries, time), each retry at `notice`, warnings at `warning`. Credentials never appear. nil logs
    /// nothing; the library never makes a logger of its own.
    public var logger: Logger?
    /// The SQLite file that keeps views, materialized views, tables and the response cache between runs and
    /// processes (`--db`); created with mode 0600. nil keeps them in memory for the engine's lifetime.
    public var databasePath: String?
    /// How many seconds a SELECT's call is answered from the response cache after it was fetched (`--cache-ttl`);
    /// 0, the default, caches nothing. The cache is in ``databasePath`` when there is one (shared by processes), else
    /// in memory; ``Engine/setCacheTTL(_:)`` changes it while the engine runs.
    public var cacheTTL: Double = 0
    /// The longest a statement waits for its long-running operations (`/*+ AWAIT */`); nil waits as long as it takes.
    public var operationTimeout: Duration?

    /// A configuration with the CLI's defaults unless told otherwise: the located registry, the default credentials
    /// (``AuthConfiguration``), 16 calls at once, no page limit, ``RetryPolicy``'s defaults, a 60-second request
    /// deadline, ``AsyncHTTPTransport`` and this process's environment. The properties it takes no parameter for keep
    /// their declared defaults: no statement or operation timeout, no variables, no logger, at most 10,000 calls.
    public init(registryPath: String? = nil, auth: AuthConfiguration = AuthConfiguration(),
                endpointOverrides: [String: String] = [:], concurrency: Int = 16, pageLimit: Int? = nil,
                dryRun: Bool = false, retry: RetryPolicy = RetryPolicy(), requestTimeout: Duration = .seconds(60),
                transport: (any HTTPTransport)? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                observer: (any EngineObserver)? = nil) {
        self.registryPath = registryPath
        self.auth = auth
        self.endpointOverrides = endpointOverrides
        self.concurrency = concurrency
        self.pageLimit = pageLimit
        self.dryRun = dryRun
        self.retry = retry
        self.requestTimeout = requestTimeout
        self.transport = transport
        self.environment = environment
        self.observer = observer
    }
}

/// Receives what happens while a statement runs: its progress counters and warnings.
public protocol EngineObserver: Sendable {
    /// A statement that makes API calls has started; `progress` is updated as calls and pages complete.
    func statementStarted(progress: CallProgress)
    /// The statement that last started has finished (successfully or not).
    func statementFinished()
    /// Something the user must know although the statement succeeded (a page limit cut results short).
    func warning(_ message: String)
    /// A statement waits on long-running operations: the ones still running (empty once all are done) and how long
    /// it has waited.
    func operationsPending(_ names: [String], elapsed: Duration)
    /// A request is about to be sent again after a wait longer than a second (the message says why and how long).
    func retrying(_ message: String)
}

extension EngineObserver {
    /// Does nothing, so an observer that shows no waits need not implement it.
    public func operationsPending(_ names: [String], elapsed: Duration) {}
    /// Retries are not shown unless the observer asks for them.
    public func retrying(_ message: String) {}
}

/// The version of stackq.
public enum StackQVersion {
    /// The version of this build, as `stackq --version` and the shell's banner print it.
    public static let current = "0.1.0"
    /// The `User-Agent` of every request.
    public static var userAgent: String { "stackq/\(current)" }
}
