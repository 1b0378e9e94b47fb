import ArgumentParser
import Foundation
import StackQ

/// The options every statement-running invocation shares.
struct EngineOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")], help: "Output format: table, json, jsonl, csv or text.")
    var output: OutputFormat = .table

    @Flag(name: [.customShort("H"), .customLong("no-headers")], help: "Leave out the header row.")
    var noHeaders = false

    @Flag(name: .customLong("dry-run"), help: "Print the planned HTTP calls instead of sending them.")
    var dryRun = false

    @Option(name: .customLong("registry"), help: "Provider registry directory (default: the bundled providers).")
    var registry: String?

    @Option(name: .customLong("auth"), help: #"Credentials per provider, StackQL's JSON: '{"google":{"type":"bearer","credentialsenvvar":"VAR"}}'."#)
    var auth: String?

    @Option(name: .customLong("endpoint"), help: "Override an API's base URL: PROVIDER[.SERVICE]=URL (repeatable).")
    var endpoints: [String] = []

    @Option(name: .customLong("concurrency"), help: "How many API calls may run at once.")
    var concurrency: Int = 16

    @Option(name: .customLong("page-limit"), help: "Stop each call after this many pages (announced on stderr when it cuts).")
    var pageLimit: Int?

    @Option(name: .customLong("max-attempts"), help: "How many times a request may be sent when it meets 429, 5xx or a connection error (idempotent requests only).")
    var maxAttempts: Int = 5

    @Option(name: .customLong("var"), help: "Set {{ NAME }} in the script, as a quoted SQL literal: NAME=VALUE (repeatable; {{ NAME | raw }} inserts the text as it is).")
    var variables: [String] = []

    @Option(name: .customLong("timeout"), help: "The deadline of one HTTP request, body included, in seconds.")
    var timeout: Double = 60

    @Option(name: .customLong("statement-timeout"), help: "The deadline of each whole statement, in seconds (default: none).")
    var statementTimeout: Double?

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let pageLimit, pageLimit < 1 { throw ValidationError("--page-limit must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        for endpoint in endpoints {
            guard let (key, url) = parseAssignment(endpoint) else {
                throw ValidationError("--endpoint takes PROVIDER[.SERVICE]=URL, got '\(endpoint)'")
            }
            if let problem = EndpointOverride.problem(key: key, url: url) ?? EndpointOverride.registryProblem(key: key, registryPath: registry) {
                throw ValidationError("--endpoint \(endpoint): \(problem)")
            }
        }
        guard timeout > 0, timeout <= 86_400 else { throw ValidationError("--timeout must be between 0 and 86400 seconds") }
        if let statementTimeout, !(statementTimeout > 0 && statementTimeout <= 86_400 * 7) {
            throw ValidationError("--statement-timeout must be a positive number of seconds")
        }
        for variable in variables where parseAssignment(variable) == nil {
            throw ValidationError("--var takes NAME=VALUE, got '\(variable)'")
        }
    }

    func parseAssignment(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    func makeEngine() throws -> Engine {
        var configuration = EngineConfiguration()
        if let registry { configuration.registryPath = registry }
        if let auth { configuration.auth = try AuthConfiguration(json: auth) }
        for endpoint in endpoints {
            if let (key, url) = parseAssignment(endpoint) { configuration.endpointOverrides[key] = url }
        }
        configuration.concurrency = concurrency
        configuration.pageLimit = pageLimit
        configuration.retry.maximumAttempts = maxAttempts
        configuration.dryRun = dryRun
        configuration.requestTimeout = .milliseconds(Int64(timeout * 1000))
        configuration.statementTimeout = statementTimeout.map { .milliseconds(Int64($0 * 1000)) }
        for variable in variables {
            if let (name, value) = parseAssignment(variable) { configuration.variables[name] = value }
        }
        configuration.observer = ProgressLine()
        return try Engine(configuration: configuration)
    }
}

extension OutputFormat: ExpressibleByArgument {}
