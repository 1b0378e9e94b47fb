import Foundation

/// The user's pager for results taller than the terminal: `$PAGER`, else `less -FRX` (quits at once when the text
/// fits one screen, keeps colours, leaves the text on the screen). An empty `$PAGER` means no pager.
struct Pager: Sendable {
    static let defaultCommand = "less -FRX"

    /// The shell command line, run with `/bin/sh -c`.
    let command: String

    /// The pager `environment` asks for, or nil when `PAGER` is set but empty.
    static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> Pager? {
        guard let command = environment["PAGER"] else { return Pager(command: defaultCommand) }
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : Pager(command: trimmed)
    }

    /// Writes `text` through the pager and waits for it to quit; false when it could not be started (the caller
    /// prints the text itself). The pager may quit before reading everything (`q` in less): the rest is dropped.
    func show(_ text: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let input = Pipe()
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return false
        }
        // SIGPIPE is ignored in the shell, so a pager that quit early makes this write fail, not the process die.
        try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return true
    }
}
