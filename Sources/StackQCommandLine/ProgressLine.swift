import Foundation
import StackQ
import Synchronization

/// The CLI's engine observer: warnings on stderr, and a progress line on stderr when it is a terminal and a
/// statement runs for more than half a second (cleared when the statement ends; never written to a pipe).
/// It also keeps the counters of the calls made since ``takeCounters()`` last ran, for the shell's `.timing`.
package final class ProgressLine: EngineObserver {
    /// Which statement the line is about, and whether it is on the screen.
    package struct Display {
        var statement = 0
        var shown = false
    }

    package let showsProgress: Bool
    package let current = Mutex<Task<Void, Never>?>(nil)
    package let started = Mutex<[CallProgress]>([])
    /// Held while the line is written or cleared, so that it is cleared before `statementFinished` returns and can
    /// never wipe what is printed after it (a result, the shell's prompt).
    package let display = Mutex(Display())

    package init(showsProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.showsProgress = showsProgress
    }

    package func statementStarted(progress: CallProgress) {
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
                let line = ProgressLine.text(progress.snapshot, elapsed: ContinuousClock.now - start)
                let running = self.display.withLock { display in
                    guard display.statement == statement else { return false }
                    StandardStreams.writeError("\r\u{1B}[2K" + line)
                    display.shown = true
                    return true
                }
                guard running else { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        current.withLock { $0 = task }
    }

    package func statementFinished() {
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

    /// The live line: `calls 812/2000, pages 812, rows 1624, retries 37, throttled 2.1 s, 4.2 s, about 6 s left`
    /// (retries and throttled time once there are any; the estimate from the pace of the calls done so far).
    package static func text(_ s: CallProgress.Snapshot, elapsed: Duration) -> String {
        var parts = ["calls \(s.callsDone)/\(s.callsTotal)", "pages \(s.pages)", "rows \(s.rows)"]
        if s.retries > 0 { parts.append("retries \(s.retries)") }
        if s.throttledSeconds >= 0.05 { parts.append(String(format: "throttled %.1f s", s.throttledSeconds)) }
        parts.append(seconds(elapsed, decimals: 1))
        if s.callsDone > 0, s.callsTotal > s.callsDone {
            let (whole, fraction) = elapsed.components
            let spent = Double(whole) + Double(fraction) / 1e18
            let left = spent * Double(s.callsTotal - s.callsDone) / Double(s.callsDone)
            parts.append(String(format: "about %.0f s left", left.rounded(.up)))
        }
        return parts.joined(separator: ", ")
    }

    /// The counters of the statement that started last, or nil when none has.
    package func lastSnapshot() -> CallProgress.Snapshot? {
        started.withLock { $0.last?.snapshot }
    }

    /// The calls, pages, rows and retries of the statements that ran since the last time, added up.
    package func takeCounters() -> CallProgress.Snapshot {
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
            total.throttledSeconds += snapshot.throttledSeconds
            total.concurrency = snapshot.concurrency ?? total.concurrency
        }
        return total
    }

    /// A duration as `1.2 s`.
    package static func seconds(_ duration: Duration, decimals: Int) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.\(decimals)f s", Double(seconds) + Double(attoseconds) / 1e18)
    }

    package func warning(_ message: String) {
        let redactor = self.redactor.withLock { $0 }
        StandardStreams.writeError("warning: \(TerminalText.escapingControls(redactor?.redact(message) ?? message))\n")
    }

    /// Set once the engine exists, so warnings pass through its redaction step.
    package let redactor = Mutex<Redactor?>(nil)

    package func operationsPending(_ names: [String], elapsed: Duration) {
        guard showsProgress else { return }
        guard let first = names.first else {
            StandardStreams.writeError("\r\u{1B}[2K")
            return
        }
        let more = names.count > 1 ? " and \(names.count - 1) more" : ""
        StandardStreams.writeError("\r\u{1B}[2Kwaiting on \(TerminalText.escapingControls(first))\(more): \(elapsed.components.seconds) s")
    }

    /// Shown on a terminal only: a script's log stays as it was.
    package func retrying(_ message: String) {
        guard showsProgress else { return }
        StandardStreams.writeError("\r\u{1B}[2Kretrying: \(TerminalText.escapingControls(message))\n")
    }
}
