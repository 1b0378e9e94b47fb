import ArgumentParser
import Foundation
import StackQ

extension AsyncParsableCommand {
    /// Parses the command line and runs it, for `stackq` and `stackq-mcp` alike. A usage error is one line,
    /// `error:` first, and a hint naming `helpCommand` — not the whole usage text (which `--help` prints).
    ///
    /// Call ``StandardStreams/reserveClosedDescriptors()`` before it, in `main` itself: this function runs on the
    /// concurrent executor, whose start opens descriptors (an eventfd, an epoll) that would take a closed 1 or 2.
    package static func runFromCommandLine(helpCommand: String) async -> Never {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            Foundation.exit(0)
        } catch let error as ExitCode {
            Foundation.exit(error.rawValue)
        } catch {
            let code = exitCode(for: error)
            // --help and --version are "errors" that exit 0: ArgumentParser prints them.
            guard code != .success else { exit(withError: error) }
            let message = (FoundationErrorText.describe(error) ?? message(for: error)).trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "Error: ", with: "")
            let firstLine = message.split(separator: "\n").first.map(String.init) ?? message
            StandardStreams.writeError("error: \(TerminalText.escapingControls(firstLine))\nsee \(helpCommand) --help\n")
            Foundation.exit(code.rawValue)
        }
    }
}
