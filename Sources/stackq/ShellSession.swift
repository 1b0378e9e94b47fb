import StackQCommandLine
import Foundation
import StackQ
import StackQSyntax

/// One shell session: takes lines (typed, from `.read` files or the start-up file), gathers them into statements
/// until the ``StatementSplitter`` finds the `;`, runs statements and meta-commands, and keeps the settings.
///
/// Statements run as a `Task` that Ctrl-C cancels (through ``ShellInterrupts``): its HTTP requests are cancelled,
/// the engine drops its tables, `cancelled` is printed and the session goes on. A failing statement prints its
/// error and the session goes on too.
final class ShellSession {
    /// What a line led to.
    enum Outcome: Equatable {
        case more
        /// `.quit`/`.exit`: the shell (or the `.read` file) ends.
        case quit
        /// Ctrl-C cancelled a statement (a `.read` file stops there).
        case cancelled
    }

    let options: EngineOptions
    let progress: ProgressLine
    let interrupts: ShellInterrupts?
    let pager: Pager?
    private(set) var settings: ShellSettings
    /// The statement typed so far, on the lines before this one.
    private(set) var pending = ""
    private var engines: [Bool: Engine]
    private var readDepth = 0

    static let maximumReadDepth = 16
    static let prompt = "stackq> "
    static let continuationPrompt = "   ...> "

    init(options: EngineOptions, engine: Engine, progress: ProgressLine, interrupts: ShellInterrupts?,
         isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.options = options
        self.progress = progress
        self.interrupts = interrupts
        self.pager = Pager.fromEnvironment()
        self.engines = [options.dryRun: engine]
        self.settings = ShellSettings(format: options.output, headers: !options.noHeaders, dryRun: options.dryRun,
                                      pager: isTerminal)
        self.settings.cacheTTL = options.cacheTTL
    }

    /// The prompt for the next line.
    var currentPrompt: String { pending.isEmpty ? ShellSession.prompt : ShellSession.continuationPrompt }

    /// Ctrl-C at the prompt: the unfinished statement is dropped.
    func dropPending() {
        pending = ""
    }

    /// Takes one line. `record` receives each complete entry (a meta-command line, or a whole statement, which may
    /// span lines) for the history.
    func feed(_ line: String, record: (String) -> Void = { _ in }) async -> Outcome {
        if pending.isEmpty {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return .more }
            if MetaCommand.isMetaCommand(line) {
                record(line)
                return await run(metaCommand: trimmed)
            }
            if ["exit", "quit"].contains(trimmed.lowercased()) {
                record(line)
                return .quit
            }
        }
        pending += pending.isEmpty ? line : "\n" + line
        guard StatementSplitter.isComplete(pending) else { return .more }
        let statement = pending
        pending = ""
        if StatementSplitter.split(statement).isEmpty { return .more }
        record(statement)
        return await run(statement: statement) == .cancelled ? .cancelled : .more
    }

    /// Runs the start-up file: `$STACKQ_RC`, else `~/.stackq/stackqrc` when it exists.
    func runStartupFile(environment: [String: String] = ProcessInfo.processInfo.environment) async {
        if let path = environment["STACKQ_RC"], !path.isEmpty {
            _ = await read(file: path)
            return
        }
        let file = HomeFolder.url.appendingPathComponent(".stackq/stackqrc").path
        if FileManager.default.fileExists(atPath: file) { _ = await read(file: file) }
    }

    /// Closes the engines the session made for `.dryrun` (the one it was given is its owner's to shut down).
    func shutdown(except engine: Engine) async {
        for other in engines.values where other !== engine {
            try? await other.shutdown()
        }
    }

    // MARK: Statements

    enum StatementResult: Equatable { case succeeded, failed, cancelled }

    /// Runs one or more statements; results are printed as each finishes.
    func run(statement: String, dryRun: Bool? = nil) async -> StatementResult {
        let engine: Engine
        do {
            engine = try self.engine(dryRun: dryRun ?? settings.dryRun)
        } catch {
            report(error)
            return .failed
        }
        let script = statement
        // Rows stream to the terminal (or the pager, or the `.once` file) as SQLite produces them.
        let output = ShellOutput(settings: settings, pager: pager, interrupts: interrupts, progress: progress)
        settings.onceFile = nil
        _ = progress.takeCounters()
        let task = Task {
            try await engine.execute(script: script, handler: output)
        }
        interrupts?.beginStatement { task.cancel() }
        let result = await task.result
        let cancelled = interrupts?.endStatement() ?? false
        switch result {
        case .success:
            return .succeeded
        case .failure(let error):
            if cancelled || error is CancellationError {
                // On a terminal the line holds the `^C` the terminal echoed: `cancelled` takes its place. A wait
                // on operations that was cancelled says which are still running on the server.
                var line = "cancelled"
                if let wait = error as? OperationWaitError, wait.reason == .cancelled, !wait.pending.isEmpty {
                    line += "; still running on the server: " + wait.pending.joined(separator: ", ")
                }
                StandardStreams.writeError((isatty(STDERR_FILENO) == 1 ? "\r\u{1B}[2K" : "") + engine.redactor.redact(line) + "\n")
                return .cancelled
            }
            StandardStreams.writeError(engine.redactor.redact(ScriptRunner.describe(error)))
            return .failed
        }
    }

    /// The `.timing` line: `rows 5, calls 2, pages 3, retries 0, 0.042 s`.
    static func timingLine(rows: Int, counters: CallProgress.Snapshot, elapsed: Duration) -> String {
        "rows \(rows), calls \(counters.callsDone), pages \(counters.pages), retries \(counters.retries), "
            + ProgressLine.seconds(elapsed, decimals: 3) + "\n"
    }

    /// The engine for live or dry runs, made on first use from the same options.
    private func engine(dryRun: Bool) throws -> Engine {
        if let engine = engines[dryRun] { return engine }
        let engine = try options.makeEngine(observer: progress, dryRun: dryRun)
        engine.setCacheTTL(settings.cacheTTL)
        engines[dryRun] = engine
        return engine
    }

    private func report(_ error: any Error) {
        let redactor = engines[settings.dryRun]?.redactor ?? engines.values.first?.redactor
        let text = ScriptRunner.describe(error)
        StandardStreams.writeError(redactor?.redact(text) ?? text)
    }

    // MARK: Meta-commands

    func run(metaCommand line: String) async -> Outcome {
        let command: MetaCommand
        do {
            command = try MetaCommand.parse(line)
        } catch {
            report(error)
            return .more
        }
        switch command {
        case .help: StandardStreams.writeOut(ShellSession.help)
        case .output(let format): settings.format = format
        case .headers(let on): settings.headers = on
        case .timing(let on): settings.timing = on
        case .dryRun(let on): settings.dryRun = on
        case .pager(let on): settings.pager = on
        case .once(let file): settings.onceFile = file
        case .show: StandardStreams.writeOut(settings.listing)
        case .cache(let action): await cache(action)
        case .quit: return .quit
        case .explain(let statement):
            return await run(statement: "EXPLAIN " + statement, dryRun: settings.dryRun) == .cancelled ? .cancelled : .more
        case .read(let file):
            return await read(file: file) == .cancelled ? .cancelled : .more
        }
        return .more
    }

    /// `.cache`: the response cache of every engine of the shell turned on or off, its TTL set, or its entries
    /// removed (from the `--db` file too).
    func cache(_ action: MetaCommand.CacheAction) async {
        do {
            let engine = try engine(dryRun: settings.dryRun)
            switch action {
            case .on: settings.cacheTTL = engine.setCacheEnabled(true)
            case .off: settings.cacheTTL = engine.setCacheEnabled(false)
            case .ttl(let seconds): settings.cacheTTL = seconds
            case .clear:
                let removed = try await engine.clearCache()
                StandardStreams.writeOut("cache cleared: \(removed) \(removed == 1 ? "entry" : "entries") removed\n")
                return
            case .status:
                let size = try await engine.cacheSize()
                let state = settings.cacheTTL > 0 ? "on, ttl \(ShellSettings.seconds(settings.cacheTTL)) s" : "off"
                StandardStreams.writeOut("cache: \(state); \(size.entries) \(size.entries == 1 ? "entry" : "entries"), \(size.bytes) bytes\(options.database.map { " in \($0)" } ?? " in memory")\n")
                return
            }
            for each in engines.values { each.setCacheTTL(settings.cacheTTL) }
            StandardStreams.writeOut(settings.cacheTTL > 0
                ? "cache on: API calls are answered from it for \(ShellSettings.seconds(settings.cacheTTL)) s after they were fetched\n"
                : "cache off: every statement calls the APIs\n")
        } catch {
            report(error)
        }
    }

    /// Runs every line of a file as if typed; a last statement without `;` runs too. Stops at `.quit` or Ctrl-C.
    func read(file: String) async -> Outcome {
        guard readDepth < ShellSession.maximumReadDepth else {
            report(ShellError(".read \(file): files read each other more than \(ShellSession.maximumReadDepth) deep"))
            return .more
        }
        let path = HomeFolder.expandingTilde(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            report(ShellError("cannot read \(path): \(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file")"))
            return .more
        }
        let saved = pending
        pending = ""
        readDepth += 1
        defer {
            readDepth -= 1
            pending = saved
        }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            let outcome = await feed(String(line.hasSuffix("\r") ? line.dropLast() : line))
            if outcome != .more { return outcome == .cancelled ? .cancelled : .more }
        }
        if !StatementSplitter.split(pending).isEmpty {
            let statement = pending
            pending = ""
            if await run(statement: statement) == .cancelled { return .cancelled }
        }
        return .more
    }

    static let help: String = {
        let width = (MetaCommand.summaries.map(\.usage.count).max() ?? 0) + 2
        let commands = MetaCommand.summaries.map { usage, summary in
            usage + String(repeating: " ", count: width - usage.count) + summary
        }
        return """
            End each statement with ';' (it may span lines). Commands start with '.' on a line of their own:
            \(commands.joined(separator: "\n"))

            Keys: arrows move and recall history (a multi-line statement is one entry), Ctrl-A/Ctrl-E start/end of
            line, Ctrl-K cut to the end, Ctrl-W cut the word before, Ctrl-Y paste, Ctrl-R search history backwards,
            Tab complete (keywords, provider.service.resource names, columns, parameters, commands), Ctrl-C cancel
            the running statement or drop the line, Ctrl-D on an empty line exit.
            --var NAME=VALUE sets {{ NAME }} in statements. ~/.stackq/stackqrc (or $STACKQ_RC) runs at start.

            """
    }()
}
