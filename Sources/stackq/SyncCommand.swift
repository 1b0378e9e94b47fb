import StackQCommandLine
import ArgumentParser
import Dispatch
import Foundation
import Logging
import StackQ
import StackQEmulator
import StackQSync
import Synchronization

/// `stackq sync`: a statement's rows into a PostgreSQL table, replacing its snapshot (or one shard's part) atomically.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Write a statement's rows into a PostgreSQL table, replacing its previous snapshot atomically.",
        discussion: """
            The rows stream into a staging table; only when every row is in does one transaction replace the
            table's rows with them. A sync that fails (an API error, a lost connection, Ctrl-C) leaves the
            previous snapshot as it was and exits 1.

            Columns are typed (bigint, double precision, boolean, text, jsonb for object and array properties,
            timestamptz for date-time properties),
            with _stackq_synced_at (timestamptz) last. --shard I/N splits the statement's outermost fan-out by a
            stable hash so that N processes or machines fill one table; each replaces only its own rows
            (_stackq_shard).

            The password comes from the URL or PGPASSWORD and is never printed. sslmode: disable, prefer
            (the default), require, verify-ca, verify-full; sslrootcert names a CA file.

            Example (cron, every hour):
              0 * * * * PGPASSWORD=… stackq sync --to 'postgresql://inventory@db:5432/inventory?sslmode=verify-full' \\
                --table instances -e "SELECT name, status, zone FROM google.compute.instances WHERE project = 'p' AND zone = 'us-central1-a'"
            """
    )

    @Option(name: .customLong("to"), help: "postgresql://user@host:port/database[?sslmode=…]")
    var to: String

    @Option(name: .customLong("table"), help: "The table to fill (made when missing).")
    var table: String

    @Option(name: .customLong("schema"), help: "Its schema.")
    var schema = "public"

    @Option(name: .customLong("shard"), help: "I/N: only this share of the outermost fan-out; its rows replace only this shard's.")
    var shard: String?

    @Option(name: [.customShort("e"), .customLong("execute")], parsing: .unconditional, help: "The SELECT to run.")
    var execute: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "A file holding the SELECT.")
    var file: String?

    @OptionGroup var options: EngineOptions

    /// The value after the last of `names` on the command line, after `sync`.
    static func argument(_ names: [String]) -> String? {
        let arguments = Array(CommandLine.arguments.drop { $0 != "sync" })
        guard let index = arguments.lastIndex(where: { names.contains($0) }), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    func run() async throws {
        let sql: String
        // The root command's -e/-f may take the value before this command sees it: read it from the arguments then.
        let given = SyncCommand.argument(["-e", "--execute"]), givenFile = SyncCommand.argument(["-f", "--file"])
        switch (execute ?? given, file ?? givenFile) {
        case (let text?, nil): sql = text
        case (nil, let path?):
            do {
                sql = try ScriptInput.readFile(path)
            } catch let failure as BoundedFile.Failure {
                throw ValidationError(failure.description)
            }
        default: throw ValidationError("give the SELECT with -e or -f (one of them)")
        }
        let url: PostgresURL
        var configuration: EngineConfiguration
        do {
            url = try PostgresURL(to)
            configuration = try options.makeConfiguration()
            if let shard { configuration.shard = try FanOutShard(parsing: shard) }
        } catch let error as SyncError {
            throw ValidationError(error.description)
        } catch let error as FanOutShard.Invalid {
            throw ValidationError("--shard: \(error.description)")
        }
        let sandbox = try await options.startSandbox()
        if let baseURL = EngineOptions.sandboxURL.withLock({ $0 }) { Sandbox.route(&configuration, to: baseURL) }
        let progress = ProgressLine()
        configuration.observer = progress
        let engine = try Engine(configuration: configuration)
        progress.redactor.withLock { $0 = engine.redactor }
        let logger = Logger(label: "stackq.sync", factory: { _ in SwiftLogNoOpLogHandler() })
        let started = ContinuousClock.now
        let work = Task { () async throws -> PostgresSync.Report in
            try await PostgresSync(engine: engine, url: url, schema: schema, table: table, logger: logger).run(sql)
        }
        // Ctrl-C (or a SIGTERM from cron's timeout) cancels the sync: nothing is committed, the table stays as it was.
        let signals = [SIGINT, SIGTERM].map { number -> any DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { work.cancel() }
            source.resume()
            return source
        }
        let outcome = await work.result
        signals.forEach { $0.cancel() }
        try? await engine.shutdown()
        await sandbox?.stop()
        switch outcome {
        case .success(let report):
            let elapsed = ProgressLine.seconds(ContinuousClock.now - started, decimals: 2)
            let where_ = configuration.shard.map { " (shard \($0))" } ?? ""
            StandardStreams.writeError("synced \(report.rows) rows into \(report.table)\(where_) at \(url) in \(elapsed) (\(report.calls.count) call\(report.calls.count == 1 ? "" : "s"))\n")
        case .failure(let error):
            let text = error is CancellationError ? "sync cancelled; \(schema).\(table) keeps its previous snapshot" :
                "\(SyncError.describe(error, secrets: [])); \(schema).\(table) keeps its previous snapshot"
            StandardStreams.writeError(ScriptRunner.describe(SyncError.wrap(text), redactor: engine.redactor))
            throw ExitCode(1)
        }
    }
}
