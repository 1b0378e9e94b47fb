import Foundation
import StackQ
import Synchronization

/// The CLI's engine observer: warnings on stderr, and a progress line on stderr when it is a terminal and a
/// statement runs for more than half a second (cleared when the statement ends; never written to a pipe).
final class ProgressLine: EngineObserver {
    let showsProgress: Bool
    let current = Mutex<Task<Void, Never>?>(nil)

    init(showsProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.showsProgress = showsProgress
    }

    func statementStarted(progress: CallProgress) {
        guard showsProgress else { return }
        let task = Task {
            try? await Task.sleep(for: .milliseconds(500))
            var shown = false
            while !Task.isCancelled {
                let s = progress.snapshot
                StandardStreams.writeError("\r\u{1B}[2Kcalls \(s.callsDone)/\(s.callsTotal), pages \(s.pages), rows \(s.rows)")
                shown = true
                try? await Task.sleep(for: .milliseconds(100))
            }
            if shown { StandardStreams.writeError("\r\u{1B}[2K") }
        }
        current.withLock { $0 = task }
    }

    func statementFinished() {
        let task = current.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        task?.cancel()
    }

    func warning(_ message: String) {
        let redactor = self.redactor.withLock { $0 }
        StandardStreams.writeError("warning: \(TerminalText.escapingControls(redactor?.redact(message) ?? message))\n")
    }

    /// Set once the engine exists, so warnings pass through its redaction step.
    let redactor = Mutex<Redactor?>(nil)

    func operationsPending(_ names: [String], elapsed: Duration) {
        guard showsProgress else { return }
        guard let first = names.first else {
            StandardStreams.writeError("\r\u{1B}[2K")
            return
        }
        let more = names.count > 1 ? " and \(names.count - 1) more" : ""
        StandardStreams.writeError("\r\u{1B}[2Kwaiting on \(TerminalText.escapingControls(first))\(more): \(elapsed.components.seconds) s")
    }

    /// Shown on a terminal only: a script's log stays as it was.
    func retrying(_ message: String) {
        guard showsProgress else { return }
        StandardStreams.writeError("\r\u{1B}[2Kretrying: \(TerminalText.escapingControls(message))\n")
    }
}
