import Foundation
import StackQ
import StackQSyntax

/// Runs scripts through the engine: results to standard output, errors and warnings to standard error.
struct ScriptRunner {
    let engine: Engine
    let formatter: ResultFormatter
    /// `--stats`: a summary line on stderr after each statement that called APIs.
    let printsStats: Bool

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
        self.formatter = ResultFormatter(format: options.output, omitHeaders: options.noHeaders,
                                         maximumCellWidth: isatty(STDOUT_FILENO) == 1 ? 100 : Int.max)
    }

    /// Runs a script; false when a statement failed (its error is on stderr, results before it are printed).
    func run(script: String) async -> Bool {
        await runScript(script) == .succeeded
    }

    /// Runs a script and says how it ended (``Outcome``).
    func runScript(_ script: String) async -> Outcome {
        var partial = false
        var started = ContinuousClock.now
        do {
            try await engine.execute(script: script) { result in
                StandardStreams.writeOut(formatter.format(result))
                if result.isPartial { partial = true }
                if printsStats, !result.calls.isEmpty {
                    StandardStreams.writeError(ScriptRunner.statsLine(result.calls, elapsed: ContinuousClock.now - started) + "\n")
                }
                started = ContinuousClock.now
            }
            return partial ? .partial : .succeeded
        } catch {
            StandardStreams.writeError(engine.redactor.redact(ScriptRunner.describe(error)))
            return .failed
        }
    }

    /// `3 calls, 41 pages, 4,012 rows, 1 retried, 0 failed, 0.84 s`.
    static func statsLine(_ calls: [CallOutcome], elapsed: Duration) -> String {
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
    }

    /// The message for a failed statement: one paragraph, `error:` first; syntax errors with their caret.
    static func describe(_ error: any Error) -> String {
        let text: String
        switch error {
        case let error as SyntaxError: text = error.description
        case let error as any CustomStringConvertible: text = error.description
        default: text = error.localizedDescription
        }
        let body = text.hasPrefix("error") || text.contains(": error: ") ? text : "error: " + text
        return body.hasSuffix("\n") ? body : body + "\n"
    }
}

/// Unbuffered writes to stdout and stderr.
enum StandardStreams {
    static func writeOut(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
