import Foundation
import StackQ
import Synchronization

/// The CLI's engine observer: warnings on stderr, and a progress line on stderr when it is a terminal and a
/// statement runs for more than half a second (cleared when the statement ends; never written to a pipe).
/// It also keeps the counters of the calls made since ``takeCounters()`` last ran, for the shell's `.timing`.
final class ProgressLine: EngineObserver {
    /// Which statement the line is about, and whether it is on the screen.
    struct Display {
        var statement = 0
        var shown = false
    }

    let showsProgress: Bool
    let current = Mutex<Task<Void, Never>?>(nil)
    let started = Mutex<[CallProgress]>([])
    /// Held while the line is written or cleared, so that it is cleared before `statementFinished` returns and can
    /// never wipe what is printed after it (a result, the shell's prompt).
    let display = Mutex(Display())

    init(showsProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.showsProgress = showsProgress
    }

    func statementStarted(progress: CallProgress) {
        started.withLock { $0.append(progress) }
        guard showsProgress else { return }
        let statement = display.withLock { display in
            display.statement += 1
            display.shown = false
            return display.statement
        }
        let start = ContinuousClock.now
        let task = Task {
            try? await Task.sleep(for: .milliseconds(500))
            while !Task.isCancelled {
                let s = progress.snapshot
                let seconds = ProgressLine.seconds(ContinuousClock.now - start, decimals: 1)
                let running = self.display.withLock { display in
                    guard display.statement == statement else { return false }
                    StandardStreams.writeError("\r\u{1B}[2Kcalls \(s.callsDone)/\(s.callsTotal), pages \(s.pages), rows \(s.rows), \(seconds)")
                    display.shown = true
                    return true
                }
                guard running else { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        current.withLock { $0 = task }
    }

    func statementFinished() {
        display.withLock { display in
            display.statement += 1
            if display.shown { StandardStreams.writeError("\r\u{1B}[2K") }
            display.shown = false
        }
        let task = current.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        task?.cancel()
    }

    /// The calls, pages, rows and retries of the statements that ran since the last time, added up.
    func takeCounters() -> CallProgress.Snapshot {
        let progresses = started.withLock { progresses in
            defer { progresses = [] }
            return progresses
        }
        var total = CallProgress.Snapshot()
        for snapshot in progresses.map(\.snapshot) {
            total.callsDone += snapshot.callsDone
            total.callsTotal += snapshot.callsTotal
            total.pages += snapshot.pages
            total.rows += snapshot.rows
            total.retries += snapshot.retries
        }
        return total
    }

    /// A duration as `1.2 s`.
    static func seconds(_ duration: Duration, decimals: Int) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.\(decimals)f s", Double(seconds) + Double(attoseconds) / 1e18)
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
