import Foundation
import StackQCommandLine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on a pseudo-terminal, as a user at a terminal would: it is the session leader with the
/// terminal as its controlling terminal, so Ctrl-C (byte 3) reaches it as SIGINT. Everything it writes is kept.
final class PseudoTerminal: Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// What the program wrote, filled by a reader thread.
    private final class Output: Sendable {
        let bytes = Mutex<[UInt8]>([])
    }

    /// The terminal's master side. Only the reader thread closes it, once a read fails (every holder of the other
    /// side is gone): closed anywhere else, the reader's next read would take whatever descriptor got its number
    /// next — another test's socket or an event loop's eventfd — and swallow what arrives there.
    private final class Master: Sendable {
        let descriptor: Int32
        private let open = Mutex(true)

        init(_ descriptor: Int32) { self.descriptor = descriptor }

        /// Runs `body` with the descriptor while it is open; nil once it is closed.
        func use<T>(_ body: (Int32) -> T) -> T? {
            open.withLock { isOpen in isOpen ? body(descriptor) : nil }
        }

        func close() {
            open.withLock { isOpen in
                if isOpen { _ = Glibc.close(descriptor) }
                isOpen = false
            }
        }
    }

    let processID: pid_t
    private let master: Master
    private let output = Output()
    /// Bytes of output already matched by ``waitFor(_:timeout:)``.
    private let consumed = Mutex(0)
    private let exitStatus = Mutex<Int32?>(nil)

    /// Starts `executable` with `arguments` on a new terminal of `rows` × `columns`.
    init(executable: URL, arguments: [String], environment: [String: String], rows: UInt16 = 40,
         columns: UInt16 = 120) throws {
        var master: Int32 = 0
        var slave: Int32 = 0
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        var name = [CChar](repeating: 0, count: 256)
        guard openpty(&master, &slave, &name, nil, &size) == 0 else {
            throw Failure(description: "openpty failed: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(slave, F_SETFD, FD_CLOEXEC)
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid (below), the terminal becomes the child's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        // Nothing else of this test process goes with it: a pipe another test is reading to its end would stay open
        // for as long as this program runs (and that test's read would wait for it).
        SpawnActions.closeAll(from: 3, in: &actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigfillset(&defaults)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        let setSessionID: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc 2.26)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK | setSessionID))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        close(slave)
        guard status == 0 else {
            close(master)
            throw Failure(description: "posix_spawn \(executable.path) failed: \(String(cString: strerror(status)))")
        }
        self.processID = pid
        let side = Master(master)
        self.master = side
        let output = self.output
        Thread.detachNewThread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(side.descriptor, &buffer, buffer.count)
                if count > 0 {
                    output.bytes.withLock { $0 += buffer[..<count] }
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            side.close()
        }
    }

    deinit {
        if exitStatus.withLock({ $0 }) == nil {
            kill(processID, SIGKILL)
            var status: Int32 = 0
            waitpid(processID, &status, 0)
        }
        // The master is left to the reader thread, whose read fails now that the program is gone.
    }

    /// Everything the program wrote so far.
    var transcript: String {
        output.bytes.withLock { String(decoding: $0, as: UTF8.self) }
    }

    /// The terminal's local modes (`c_lflag`) as the program has set them, read through the master side.
    var localModes: tcflag_t? {
        var modes = termios()
        return master.use { tcgetattr($0, &modes) } == 0 ? modes.c_lflag : nil
    }

    /// Types `text` (use `\u{3}` for Ctrl-C, `\u{4}` for Ctrl-D, `\t` for Tab, `\u{1B}[A` for Up).
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = master.use { descriptor in bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) } }
    }

    /// Waits until the output after what earlier waits matched contains `text`; returns that output (up to and
    /// including `text`) and marks it matched.
    @discardableResult
    func waitFor(_ text: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        let wanted = Array(text.utf8)
        while true {
            let found = output.bytes.withLock { bytes -> String? in
                let start = consumed.withLock { $0 }
                guard let range = PseudoTerminal.find(wanted, in: bytes, from: start) else { return nil }
                consumed.withLock { $0 = range.upperBound }
                return String(decoding: bytes[start..<range.upperBound], as: UTF8.self)
            }
            if let found { return found }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "no \(text.debugDescription) within \(timeout) in the output after the last match; all output:\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Waits for the program to exit and returns its exit status (or 128 + signal).
    func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(processID, &status, WNOHANG)
            if result == processID {
                let signal = status & 0x7F
                let code = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
                exitStatus.withLock { $0 = code }
                return code
            }
            guard ContinuousClock.now < deadline else {
                throw Failure(description: "the program did not exit within \(timeout); output:\n\(transcript)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty, haystack.count - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], Array(haystack[index..<(index + needle.count)]) == needle {
                return index..<(index + needle.count)
            }
            index += 1
        }
        return nil
    }
}
