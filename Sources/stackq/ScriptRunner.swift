import StackQCommandLine
import Foundation
import StackQ
import StackQSyntax
import Synchronization

/// Runs scripts through the engine: results to standard output, errors and warnings to standard error.
struct ScriptRunner {
    let engine: Engine
    let formatter: ResultFormatter
    /// `--stats`: a summary line on stderr after each statement that called APIs.
    let printsStats: Bool
    /// How many rows a table measures before it is written.
    let tableSampleRows: Int
    /// The last statement's counters (throttled time, the limiters' concurrency) for the `--stats` line.
    var lastProgress: (@Sendable () -> CallProgress.Snapshot?)? = nil

    /// How a script ended: the process's exit status.
    enum Outcome: Int32 {
        case succeeded = 0
        case failed = 1
        /// Every statement ran, but some calls failed and their rows are missing (`--allow-partial`).
        case partial = 3
    }

    init(engine: Engine, options: EngineOptions) {
        self.engine = engine
        self.printsStats = options.stats
        // A terminal gets cells cut to a readable width; a pipe or file gets every value whole.
        // A terminal also gets tables that fit its width.
        let terminal = isatty(STDOUT_FILENO) == 1
        let size = TerminalSize.current(STDOUT_FILENO)
        self.formatter = ResultFormatter(format: options.output, omitHeaders: options.noHeaders,
                                         maximumCellWidth: terminal ? 100 : Int.max,
                                         maximumTableWidth: terminal ? size.map { $0.columns > 20 ? $0.columns : 80 } ?? 80 : .max)
        // A table on a terminal measures its widths on a screenful (less its borders), elsewhere on 1,000 rows.
        self.tableSampleRows = terminal ? max((size?.rows ?? 24) - 4, 4) : 1000
    }

    /// Runs a script; false when a statement failed (its error is on stderr, results before it are printed).
    func run(script: String) async -> Bool {
        await runScript(script) == .succeeded
    }

    /// Runs a script and says how it ended (``Outcome``). Each result streams to standard output as SQLite
    /// produces its rows (a table measures its widths on its first rows: a screenful on a terminal).
    func runScript(_ script: String) async -> Outcome {
        let output = StreamingOutput(formatter: formatter, printsStats: printsStats, tableSampleRows: tableSampleRows,
                                     lastProgress: lastProgress)
        do {
            try await engine.execute(script: script, handler: output)
            return output.sawPartialResult ? .partial : .succeeded
        } catch {
            StandardStreams.writeError(ScriptRunner.describe(error, redactor: engine.redactor))
            return .failed
        }
    }

    /// `3 calls, 41 pages, 4,012 rows, 1 retried, 0 failed, 0.84 s`, then, when the statement's calls were held
    /// back by an API's limiter or it ended below `--concurrency`, `throttled 2.10 s, concurrency 8`.
    static func statsLine(_ calls: [CallOutcome], elapsed: Duration, progress: CallProgress.Snapshot? = nil) -> String {
        func count(_ n: Int, _ word: String) -> String {
            let formatter = NumberFormatter()
            formatter.numberStyle = .decimal
            formatter.locale = Locale(identifier: "en_US")
            return "\(formatter.string(from: NSNumber(value: n)) ?? String(n)) \(word)\(n == 1 || word.hasSuffix("ed") ? "" : "s")"
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return [count(calls.count, "call"), count(calls.reduce(0) { $0 + $1.pages }, "page"),
                count(calls.reduce(0) { $0 + $1.rows }, "row"), count(calls.filter { $0.retries > 0 }.count, "retried"),
                count(calls.filter { !$0.succeeded }.count, "failed"), String(format: "%.2f s", seconds)].joined(separator: ", ")
            + cacheSummary(calls)
            + (progress.map { ", " + String(format: "throttled %.2f s", $0.throttledSeconds) + ($0.concurrency.map { ", concurrency \($0)" } ?? "") } ?? "")
    }

    /// `, 2 from cache (oldest 41 s)` when the response cache answered some of the calls; empty otherwise.
    static func cacheSummary(_ calls: [CallOutcome]) -> String {
        let cached = calls.filter(\.fromCache)
        guard !cached.isEmpty else { return "" }
        let oldest = cached.compactMap(\.cacheAge).max() ?? 0
        return ", \(cached.count) from cache (oldest \(Int(oldest.rounded())) s)"
    }

    /// The message for a failed statement: one paragraph, `error:` first; syntax errors with their caret. Every
    /// credential the engine holds is redacted and control characters (but line breaks) are escaped.
    static func describe(_ error: any Error, redactor: Redactor? = nil) -> String {
        let text: String
        switch error {
        case let error as SyntaxError: text = error.description
        case let error where FoundationErrorText.describe(error) != nil: text = FoundationErrorText.describe(error) ?? ""
        case let error as any CustomStringConvertible: text = error.description
        default: text = error.localizedDescription
        }
        let safe = TerminalText.escapingControls(redactor?.redact(text) ?? text, keepingNewlines: true)
        let body = safe.hasPrefix("error") || safe.contains(": error: ") ? safe : "error: " + safe
        return body.hasSuffix("\n") ? body : body + "\n"
    }
}

/// Writes each statement's result to standard output as it streams, and its `--stats` line to standard error.
final class StreamingOutput: ResultHandler {
    private struct State {
        var writer: ResultWriter
        var started = ContinuousClock.now
        var partial = false
        /// The statement's rows came as lines, with the end of the result.
        var tookLines = false
    }

    private let formatter: ResultFormatter
    private let printsStats: Bool
    private let tableSampleRows: Int
    private let state: Mutex<State>

    private let lastProgress: (@Sendable () -> CallProgress.Snapshot?)?

    init(formatter: ResultFormatter, printsStats: Bool, tableSampleRows: Int,
         lastProgress: (@Sendable () -> CallProgress.Snapshot?)? = nil) {
        self.lastProgress = lastProgress
        self.formatter = formatter
        self.printsStats = printsStats
        self.tableSampleRows = tableSampleRows
        self.state = Mutex(State(writer: ResultWriter(formatter, tableSampleRows: tableSampleRows)))
    }

    /// True once a statement's result was partial (`--allow-partial` kept the rows of the calls that worked).
    var sawPartialResult: Bool { state.withLock { $0.partial } }

    func columns(_ columns: [ResultSet.Column]) async throws {
        let bytes = state.withLock { state in
            state.writer = ResultWriter(formatter, tableSampleRows: tableSampleRows)
            state.tookLines = false
            return state.writer.begin(columns)
        }
        StandardStreams.writeOut(bytes)
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        StandardStreams.writeOut(state.withLock { $0.writer.write(rows) })
    }

    /// Rows come as finished lines, straight from SQLite.
    var lineWriter: ResultWriter? { ResultWriter(formatter, tableSampleRows: tableSampleRows) }

    func lines(_ bytes: [UInt8]) async throws {
        state.withLock { $0.tookLines = true }
        StandardStreams.writeOut(bytes)
    }

    func finished(_ result: ResultSet) async throws {
        let (bytes, elapsed) = state.withLock { state in
            if result.isPartial { state.partial = true }
            let elapsed = ContinuousClock.now - state.started
            state.started = ContinuousClock.now
            return (state.tookLines ? [] : state.writer.end(message: result.message), elapsed)
        }
        StandardStreams.writeOut(bytes)
        if printsStats, !result.calls.isEmpty {
            StandardStreams.writeError(ScriptRunner.statsLine(result.calls, elapsed: elapsed, progress: lastProgress?()) + "\n")
        }
    }

    /// A failed statement's `--stats` line: the calls it made before it failed.
    func failed(_ error: any Error, calls: [CallOutcome]) async {
        let elapsed = state.withLock { ContinuousClock.now - $0.started }
        if printsStats, !calls.isEmpty {
            StandardStreams.writeError(ScriptRunner.statsLine(calls, elapsed: elapsed, progress: lastProgress?()) + "\n")
        }
    }
}
