import Foundation
import StackQ
import StackQSyntax

/// Runs scripts through the engine: results to standard output, errors and warnings to standard error.
struct ScriptRunner {
    let engine: Engine
    let formatter: ResultFormatter

    init(engine: Engine, options: EngineOptions) {
        self.engine = engine
        // A terminal gets cells cut to a readable width; a pipe or file gets every value whole.
        // A terminal also gets tables that fit its width.
        let terminal = isatty(STDOUT_FILENO) == 1
        self.formatter = ResultFormatter(format: options.output, omitHeaders: options.noHeaders,
                                         maximumCellWidth: terminal ? 100 : Int.max,
                                         maximumTableWidth: terminal ? ScriptRunner.terminalWidth() : nil)
    }

    /// The terminal's width in columns (80 when it cannot be read).
    static func terminalWidth() -> Int {
        var size = winsize()
        let status = withUnsafeMutablePointer(to: &size) { ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), $0) }
        guard status == 0, size.ws_col > 20 else { return 80 }
        return Int(size.ws_col)
    }

    /// Runs a script; false when a statement failed (its error is on stderr, results before it are printed).
    func run(script: String) async -> Bool {
        do {
            try await engine.execute(script: script) { result in
                StandardStreams.writeOut(formatter.format(result))
            }
            return true
        } catch {
            StandardStreams.writeError(ScriptRunner.describe(error, redactor: engine.redactor))
            return false
        }
    }

    /// The message for a failed statement: one paragraph, `error:` first; syntax errors with their caret. Every
    /// credential the engine holds is redacted and control characters (but line breaks) are escaped.
    static func describe(_ error: any Error, redactor: Redactor? = nil) -> String {
        let text: String
        switch error {
        case let error as SyntaxError: text = error.description
        case let error as any CustomStringConvertible: text = error.description
        default: text = error.localizedDescription
        }
        let safe = TerminalText.escapingControls(redactor?.redact(text) ?? text, keepingNewlines: true)
        let body = safe.hasPrefix("error") || safe.contains(": error: ") ? safe : "error: " + safe
        return body.hasSuffix("\n") ? body : body + "\n"
    }
}
