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
        self.formatter = ResultFormatter(format: options.output, omitHeaders: options.noHeaders,
                                         maximumCellWidth: isatty(STDOUT_FILENO) == 1 ? 100 : Int.max)
    }

    /// Runs a script; false when a statement failed (its error is on stderr, results before it are printed).
    func run(script: String) async -> Bool {
        do {
            try await engine.execute(script: script) { result in
                StandardStreams.writeOut(formatter.format(result))
            }
            return true
        } catch {
            StandardStreams.writeError(ScriptRunner.describe(error))
            return false
        }
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
