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

    @Option(name: .customLong("var"), help: "Set {{ NAME }} in the script: NAME=VALUE (repeatable).")
    var variables: [String] = []

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let pageLimit, pageLimit < 1 { throw ValidationError("--page-limit must be at least 1") }
        guard maxAttempts >= 1 else { throw ValidationError("--max-attempts must be at least 1") }
        for endpoint in endpoints where parseAssignment(endpoint) == nil {
            throw ValidationError("--endpoint takes PROVIDER[.SERVICE]=URL, got '\(endpoint)'")
        }
        for variable in variables where parseAssignment(variable) == nil {
            throw ValidationError("--var takes NAME=VALUE, got '\(variable)'")
        }
    }

    func parseAssignment(_ text: String) -> (String, String)? {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else { return nil }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    /// The script with each `{{ NAME }}` replaced by its `--var` value.
    func substitutingVariables(in script: String) -> String {
        var text = script
        for variable in variables {
            guard let (name, value) = parseAssignment(variable) else { continue }
            for pattern in ["{{ \(name) }}", "{{\(name)}}", "{{ .\(name) }}", "{{.\(name)}}"] {
                text = text.replacingOccurrences(of: pattern, with: value)
            }
        }
        return text
    }

    /// An engine set up from these options; `observer` gets its progress and warnings, `dryRun` overrides `--dry-run`.
    func makeEngine(observer: ProgressLine = ProgressLine(), dryRun: Bool? = nil) throws -> Engine {
        var configuration = EngineConfiguration()
        if let registry { configuration.registryPath = registry }
        if let auth { configuration.auth = try AuthConfiguration(json: auth) }
        for endpoint in endpoints {
            if let (key, url) = parseAssignment(endpoint) { configuration.endpointOverrides[key] = url }
        }
        configuration.concurrency = concurrency
        configuration.pageLimit = pageLimit
        configuration.retry.maximumAttempts = maxAttempts
        configuration.dryRun = dryRun ?? self.dryRun
        configuration.observer = observer
        return try Engine(configuration: configuration)
    }
}

extension OutputFormat: ExpressibleByArgument {}
