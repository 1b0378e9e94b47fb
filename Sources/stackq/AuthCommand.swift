import StackQCommandLine
import ArgumentParser
import Foundation
import StackQ
import StackQEmulator

/// `stackq auth status`: which credential each provider uses; never a secret.
struct AuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auth",
        abstract: "Show the credentials stackq would use.",
        subcommands: [Status.self]
    )

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Per provider: the credential source, account, scopes, quota project and token lifetime.",
            discussion: "Fetches a token for each provider to prove its source works (the token is never shown). Exits non-zero when a provider has no working credential."
        )

        @Argument(help: "Providers to report (default: every provider in the registry and in --auth).")
        var providers: [String] = []

        @OptionGroup var options: EngineOptions

        func run() async throws {
            let sandbox = try await options.startSandbox()
            let engine = try options.makeEngine()
            let statuses = await engine.authStatus(providers: providers.isEmpty ? nil : providers)
            try? await engine.shutdown()
            await sandbox?.stop()
            let rows: [[String?]] = statuses.map { status in
                [status.provider, status.summary.source, status.summary.account,
                 status.summary.scopes.isEmpty ? nil : status.summary.scopes.joined(separator: " "),
                 status.summary.quotaProject, status.expiresIn.map { "\($0) s" }, status.error ?? "ok"]
            }
            let result = ResultSet(columnNames: ["provider", "source", "account", "scopes", "quota_project",
                                                 "token_expires_in", "status"], textRows: rows)
            let formatter = ResultFormatter(format: options.output, omitHeaders: options.noHeaders,
                                            maximumCellWidth: isatty(STDOUT_FILENO) == 1 ? 100 : Int.max)
            StandardStreams.writeOut(formatter.format(result))
            let failed = statuses.filter { $0.error != nil }
            for status in failed {
                StandardStreams.writeError(engine.redactor.redact("error: \(status.provider): \(status.error ?? "")") + "\n")
            }
            if !failed.isEmpty { throw ExitCode(1) }
        }
    }
}
