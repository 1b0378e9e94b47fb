import Foundation
import StackQ
import StackQSyntax

/// The interactive shell: reads statements at a prompt until end of input, running each complete one.
struct Shell {
    let runner: ScriptRunner

    /// Runs until end of input; true when the last statement succeeded.
    func run() async -> Bool {
        StandardStreams.writeError("stackq \(StackQVersion.current) — end statements with ';', exit with Ctrl-D or .quit\n")
        var buffer = ""
        var ok = true
        while true {
            StandardStreams.writeError(buffer.isEmpty ? "stackq> " : "   ...> ")
            guard let line = readLine(strippingNewline: true) else { break }
            if buffer.isEmpty, [".quit", ".exit", "exit", "quit"].contains(line.trimmingCharacters(in: .whitespaces)) { break }
            buffer += buffer.isEmpty ? line : "\n" + line
            if StatementSplitter.isComplete(buffer) {
                ok = await runner.run(script: buffer)
                buffer = ""
            }
        }
        StandardStreams.writeError("\n")
        return ok
    }
}
