import StackQCommandLine
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

    /// Starts the pager on a pipe; nil when it could not be started (the caller prints the text itself).
    ///
    /// The pager is spawned directly rather than with Foundation's `Process`, which puts its child in a session
    /// of its own: a pager must stay in the terminal's session to read the keyboard.
    func start() -> Session? {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return nil }
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        _ = fcntl(readEnd, F_SETFD, FD_CLOEXEC)
        _ = fcntl(writeEnd, F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        // The pager gets the terminal and the rows, not stackq's database files, sockets or its end of this pipe.
        SpawnActions.closeAll(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The shell ignores SIGPIPE; the pager gets the default back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var processID: pid_t = 0
        let status = posix_spawn(&processID, "/bin/sh", &actions, &attributes, arguments, environ)
        close(readEnd)
        guard status == 0 else {
            close(writeEnd)
            return nil
        }
        return Session(processID: processID, input: writeEnd)
    }

    /// A running pager: text is written to its input as it comes, and ``finish()`` waits for it to quit.
    struct Session: Sendable {
        let processID: pid_t
        let input: Int32

        /// Writes `bytes`; false once the pager has quit (`q` in less): the rest is not wanted.
        func send(_ bytes: [UInt8]) -> Bool {
            // SIGPIPE is ignored in the shell, so a pager that quit early makes this write fail, not the process die.
            var rest = bytes[...]
            while !rest.isEmpty {
                let written = rest.withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                rest = rest.dropFirst(written)
            }
            return true
        }

        /// Closes the pager's input and waits for it to quit.
        func finish() {
            close(input)
            var exitStatus: Int32 = 0
            while waitpid(processID, &exitStatus, 0) < 0 && errno == EINTR {}
        }
    }
}
