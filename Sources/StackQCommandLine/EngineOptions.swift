import ArgumentParser
import Foundation
import Synchronization
import StackQ
import StackQEmulator

/// The options every statement-running invocation shares (`stackq`, its subcommands and `stackq-mcp`).
package struct EngineOptions: ParsableArguments {
    package init() {}

    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: table, json, jsonl, csv or text.")
    package var output: OutputFormat = .table

    @Flag(name: [.customShort("H"), .customLong("no-headers")], help: "Leave out the header row.")
    package var noHeaders = false

    @Flag(name: .customLong("dry-run"), help: "Print the planned HTTP calls instead of sending them.")
    package var dryRun = false

    @OptionGroup package var registryOption: RegistryOption
    /// `--registry`.
    package var registry: String? { registryOption.path }

    @Option(name: .customLong("auth"), help: #"Credentials per provider, StackQL's JSON: '{"google":{"type":"bearer","credentialsenvvar":"VAR"}}'."#)
    package var auth: String?

    @Option(name: .customLong("impersonate-service-account"), help: "Act as this service account (a comma-separated chain: delegates first, target last), through IAM Credentials, for google.")
    package var impersonateServiceAccount: String?

    @Option(name: .customLong("endpoint"), help: "Override an API's base URL: PROVIDER[.SERVICE]=URL (repeatable).")
    package var endpoints: [String] = []

    @Option(name: .customLong("concurrency"), help: "How many API calls may run at once.")
    package var concurrency: Int = 16

    @Option(name: .customLong("page-limit"), help: "Stop each call after this many pages (announced on stderr when it cuts).")
    package var pageLimit: Int?

    @Option(name: .customLong("max-attempts"), help: "How many times a request may be sent when it meets 429, 5xx or a connection error (idempotent requests only).")
    package var maxAttempts: Int = 5

    @Option(name: .customLong("var"), help: "Set {{ NAME }} in the script, as a quoted SQL literal: NAME=VALUE (repeatable; {{ NAME | raw }} inserts the text as it is).")
    package var variables: [String] = []

    @Option(name: .customLong("max-calls"), help: "Refuse a statement that would make more API calls than this.")
    package var maxCalls: Int = 10_000

    @Flag(name: .customLong("allow-partial"), help: "When some calls fail, keep the rows of the others (failed calls are named on stderr; exit status 3).")
    package var allowPartial = false

    @Flag(name: .customLong("stats"), help: "After each statement that calls APIs, print a summary line on stderr (calls, pages, rows, retries, failures, time).")
    package var stats = false

    @Flag(name: .customLong("sandbox"), help: "Start a local emulator with demo data (projects demo, demo-analytics, demo-ml) and send every google call there; nothing leaves this machine.")
    package var sandbox = false

    @Flag(name: .customLong("explain"), help: "Print each statement's plan instead of running it (as EXPLAIN does); sends nothing.")
    package var explain = false

    @Option(name: .customLong("timeout"), help: "The deadline of one HTTP request, body included, in seconds.")
    package var timeout: Double = 60

    @Option(name: .customLong("statement-timeout"), help: "The deadline of each whole statement, waits on long-running operations (/*+ AWAIT */) included, in seconds (default: none).")
    package var statementTimeout: Double?

    @Option(name: .customLong("db"), help: ArgumentHelp("Keep views, materialized views, tables and the response cache in this SQLite file (made with mode 0600; several stackq processes may share it). Without it they last as long as the process.", valueName: "file"))
    package var database: String?

    @Option(name: .customLong("cache-ttl"), help: ArgumentHelp("Answer a SELECT's API calls from the response cache for this many seconds after they were fetched, when the later statement asks the same call for the same or fewer columns. Default 0: off, nothing is cached. With --db the cache is in that file, shared by processes; mutations are never cached and drop their resource's entries.", valueName: "seconds"))
    package var cacheTTL: Double = 0

    package func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let pageLimit, pageLimit < 1 { throw ValidationError("--page-limit must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        guard maxCalls >= 1 else { throw ValidationError("--max-calls must be at least 1") }
        for endpoint in endpoints {
            guard let (key, url) = parseAssignment(endpoint) else {
                throw ValidationError("--endpoint takes PROVIDER[.SERVICE]=URL, got '\(endpoint)'")
            }
            if let problem = EndpointOverride.problem(key: key, url: url) ?? EndpointOverride.registryProblem(key: key, registryPath: registry) {
                throw ValidationError("--endpoint \(endpoint): \(problem)")
            }
        }
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        if let auth {
            do {
                _ = try AuthConfiguration(json: auth)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        if let statementTimeout, !(statementTimeout > 0 && statementTimeout <= 86_400 * 7) {
            throw ValidationError("--statement-timeout must be a positive number of seconds")
        }
        if let database, database.isEmpty { throw ValidationError("--db needs a file name") }
        guard cacheTTL >= 0, cacheTTL <= 86_400 * 365 else { throw ValidationError("--cache-ttl must be between 0 (off) and 31536000 seconds") }
        for variable in variables where parseAssignment(variable) == nil {
            throw ValidationError("--var takes NAME=VALUE, got '\(variable)'")
        }
    }

    package func parseAssignment(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// Where the running sandbox listens, once ``startSandbox()`` started it (one per process).
    package static let sandboxURL = Mutex<URL?>(nil)

    /// Starts the sandbox's emulator when `--sandbox` asked for one (stop it after the engines), and says so on
    /// stderr; engines made afterwards send google calls there.
    package func startSandbox() async throws -> Emulator? {
        guard sandbox else { return nil }
        let registry = Registry(root: try RegistryLocator.locate(explicitPath: self.registry))
        let started = try await Sandbox.start(registry: registry)
        if let baseURL = await started.baseURL {
            EngineOptions.sandboxURL.withLock { $0 = baseURL }
            StandardStreams.writeError("sandbox: google is served by a local emulator at \(baseURL.absoluteString) with demo data (projects demo, demo-analytics, demo-ml); nothing leaves this machine\n")
        }
        return started
    }

    /// An engine set up from these options; `observer` gets its progress and warnings, `dryRun` overrides
    /// `--dry-run`. With `--sandbox` running (``startSandbox()``), google goes to it.
    package func makeEngine(observer: ProgressLine = ProgressLine(), dryRun: Bool? = nil) throws -> Engine {
        var configuration = try makeConfiguration(dryRun: dryRun)
        configuration.observer = observer
        let engine = try Engine(configuration: configuration)
        observer.redactor.withLock { $0 = engine.redactor }
        return engine
    }

    /// The engine configuration of these options, without an observer (``makeEngine(observer:dryRun:)`` adds the
    /// CLI's; `stackq mcp` its own). With `--sandbox` running, google goes to it.
    package func makeConfiguration(dryRun: Bool? = nil) throws -> EngineConfiguration {
        var configuration = EngineConfiguration()
        if let registry { configuration.registryPath = registry }
        if let auth { configuration.auth = try AuthConfiguration(json: auth) }
        if let impersonateServiceAccount {
            var google = configuration.auth.providers["google"] ?? .applicationDefault
            google.impersonationChain = ProviderAuth.parseChain(impersonateServiceAccount)
            configuration.auth.providers["google"] = google
        }
        for endpoint in endpoints {
            if let (key, url) = parseAssignment(endpoint) { configuration.endpointOverrides[key] = url }
        }
        configuration.concurrency = concurrency
        configuration.pageLimit = pageLimit
        configuration.retry.maximumAttempts = maxAttempts
        configuration.dryRun = dryRun ?? self.dryRun
        configuration.maximumCalls = maxCalls
        configuration.allowPartial = allowPartial
        configuration.explainOnly = explain
        configuration.requestTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.statementTimeout = statementTimeout.map { .milliseconds(Int64($0 * 1000)) }
        configuration.operationTimeout = configuration.statementTimeout
        configuration.databasePath = database
        configuration.cacheTTL = cacheTTL
        for variable in variables {
            if let (name, value) = parseAssignment(variable) { configuration.variables[name] = value }
        }
        if let baseURL = EngineOptions.sandboxURL.withLock({ $0 }) { Sandbox.route(&configuration, to: baseURL) }
        return configuration
    }
}

extension OutputFormat: ExpressibleByArgument {}
