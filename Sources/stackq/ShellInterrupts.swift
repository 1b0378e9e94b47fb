import Dispatch
import Foundation
import Synchronization

/// Routes Ctrl-C (SIGINT), terminal resizes (SIGWINCH) and resumption after Ctrl-Z (SIGCONT) in the shell to whatever is going on at that moment:
/// a running statement is cancelled, the line being edited is dropped, a pager is left alone.
///
/// The signal handler only writes one byte to a pipe (all a handler may safely do); a Dispatch source reads the
/// pipe and acts. The line editor learns of Ctrl-C and resizes through ``editorWakeDescriptor``, which it polls
/// next to the terminal, so no thread ever depends on which thread the kernel picked for the signal.
final class ShellInterrupts: Sendable {
    /// What a Ctrl-C applies to.
    fileprivate enum Target: Sendable {
        case nothing
        case editor
        case statement(cancel: @Sendable () -> Void)
        case pager
    }

    private struct State {
        var target: Target = .nothing
        /// A Ctrl-C that came while nothing was running: it cancels the statement that starts next.
        var pending = false
        /// Whether the statement running now (or last) was cancelled.
        var cancelled = false
    }

    static let interruptByte: UInt8 = 0x49
    static let resizeByte: UInt8 = 0x57
    static let resumeByte: UInt8 = 0x43

    private let state = Mutex(State())
    private let signalPipe: (read: Int32, write: Int32)
    private let editorPipe: (read: Int32, write: Int32)
    // A Dispatch source may be used from any thread; it is only resumed here and cancelled in deinit.
    nonisolated(unsafe) private let source: any DispatchSourceRead

    /// The read end of the pipe that wakes the line editor: one byte per Ctrl-C (`I`), resize (`W`) or resumption (`C`).
    var editorWakeDescriptor: Int32 { editorPipe.read }

    /// Installs the SIGINT, SIGWINCH and SIGCONT handlers for the rest of the process.
    init() throws {
        signalPipe = try ShellInterrupts.makePipe()
        editorPipe = try ShellInterrupts.makePipe()
        ShellSignalHandler.descriptor = signalPipe.write
        source = DispatchSource.makeReadSource(fileDescriptor: signalPipe.read, queue: .global())
        source.setEventHandler { [weak self] in
            guard let self else { return }
            var bytes = [UInt8](repeating: 0, count: 64)
            let count = read(self.signalPipe.read, &bytes, bytes.count)
            guard count > 0 else { return }
            for byte in bytes[..<count] { self.route(byte) }
        }
        source.resume()
        signal(SIGINT, ShellSignalHandler.handle)
        signal(SIGWINCH, ShellSignalHandler.handle)
        signal(SIGCONT, ShellSignalHandler.handle)
    }

    deinit {
        signal(SIGINT, SIG_DFL)
        signal(SIGWINCH, SIG_DFL)
        signal(SIGCONT, SIG_DFL)
        source.cancel()
    }

    private func route(_ byte: UInt8) {
        let cancel = state.withLock { state -> (@Sendable () -> Void)? in
            switch state.target {
            case .statement(let cancel):
                guard byte == ShellInterrupts.interruptByte else { return nil }
                // The terminal keeps typed-ahead input on Ctrl-C (NOFLSH, see TerminalInterruptMode): drop it, as
                // the kernel would have, so that it does not run after the cancelled statement.
                tcflush(STDIN_FILENO, TCIFLUSH)
                state.cancelled = true
                return cancel
            case .editor:
                var value = byte
                _ = write(editorPipe.write, &value, 1)
                return nil
            case .nothing:
                if byte == ShellInterrupts.interruptByte { state.pending = true }
                return nil
            case .pager:
                return nil
            }
        }
        cancel?()
    }

    /// The line editor is about to read: Ctrl-C now drops the line. Earlier wake-ups are discarded.
    func beginEditing() {
        state.withLock { state in
            drain(editorPipe.read)
            state.pending = false
            state.target = .editor
        }
    }

    /// The line editor returned. A Ctrl-C it did not read (typed just after Enter) cancels the next statement.
    func endEditing() {
        state.withLock { state in
            if drain(editorPipe.read).contains(ShellInterrupts.interruptByte) { state.pending = true }
            state.target = .nothing
        }
    }

    /// A statement starts; `cancel` is called on Ctrl-C (at once, when Ctrl-C came since the prompt returned).
    func beginStatement(cancel: @escaping @Sendable () -> Void) {
        let cancelNow = state.withLock { state -> Bool in
            state.target = .statement(cancel: cancel)
            state.cancelled = state.pending
            defer { state.pending = false }
            return state.pending
        }
        if cancelNow { cancel() }
    }

    /// The statement ended; true when Ctrl-C cancelled it.
    func endStatement() -> Bool {
        state.withLock { state in
            state.target = .nothing
            defer { state.cancelled = false }
            return state.cancelled
        }
    }

    /// A pager has started: Ctrl-C is left to it until ``pagingEnded(_:)``, which is handed what this returns.
    func pagingStarted() -> PagingMark {
        state.withLock { state in
            defer { state.target = .pager }
            return PagingMark(previous: state.target)
        }
    }

    /// The pager has quit: Ctrl-C goes back to what it applied to before.
    func pagingEnded(_ mark: PagingMark) {
        state.withLock { $0.target = mark.previous }
    }

    /// What Ctrl-C applied to before a pager took it.
    struct PagingMark: Sendable {
        fileprivate let previous: Target
    }

    /// Reads everything waiting in a non-blocking pipe.
    @discardableResult
    private func drain(_ descriptor: Int32) -> [UInt8] {
        var all: [UInt8] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(descriptor, &bytes, bytes.count)
            guard count > 0 else { return all }
            all += bytes[..<count]
        }
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { throw ShellError("cannot create a pipe: \(String(cString: strerror(errno)))") }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        return (descriptors[0], descriptors[1])
    }
}

/// The C signal handler of the shell: one byte into the signal pipe, nothing else (it must be async-signal-safe).
enum ShellSignalHandler {
    /// The write end of the signal pipe, set before the handler is installed and never changed after.
    nonisolated(unsafe) static var descriptor: Int32 = -1

    static let handle: @convention(c) (Int32) -> Void = { signalNumber in
        // Literals, not the static constants: a static's first use may initialise it, which a handler must not do.
        var byte: UInt8 = signalNumber == SIGWINCH ? 0x57 : signalNumber == SIGCONT ? 0x43 : 0x49
        _ = write(ShellSignalHandler.descriptor, &byte, 1)
    }
}
