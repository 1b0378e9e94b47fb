import Foundation

/// Stops the terminal from discarding its queued output when Ctrl-C is pressed (the `NOFLSH` mode), while the
/// shell runs. By default the kernel sends SIGINT and then empties the output queue, which can swallow the new
/// prompt or the `cancelled` line the shell has just written in answer to that very SIGINT. libedit clears the
/// mode in its own edit and execute modes unless told to keep it (`stackq_el_keep_noflsh`); the shell drops
/// typed-ahead input itself where the kernel would have (``LineEditor``, ``ShellInterrupts``).
struct TerminalInterruptMode {
    private let descriptor: Int32
    private let saved: termios?

    /// Sets `NOFLSH` on the terminal at `descriptor` (nothing when it is not a terminal).
    init(descriptor: Int32 = STDIN_FILENO) {
        self.descriptor = descriptor
        var modes = termios()
        guard isatty(descriptor) == 1, tcgetattr(descriptor, &modes) == 0 else {
            saved = nil
            return
        }
        saved = modes
        modes.c_lflag |= tcflag_t(NOFLSH)
        _ = tcsetattr(descriptor, TCSANOW, &modes)
    }

    /// Puts the terminal's modes back as they were.
    func restore() {
        guard var modes = saved else { return }
        _ = tcsetattr(descriptor, TCSANOW, &modes)
    }
}
