import Foundation
import StackQ
import Synchronization

/// The CLI's engine observer: warnings on stderr, and a progress line on stderr when it is a terminal and a
/// statement runs for more than half a second (cleared when the statement ends; never written to a pipe).
/// It also keeps the counters of the calls made since ``takeCounters()`` last ran, for the shell's `.timing`.
final class ProgressLine: EngineObserver {
    let showsProgress: Bool
    let current = Mutex<Task<Void, Never>?>(nil)
    let started = Mutex<[CallProgress]>([])

    init(showsProgress: Bool = isatty(STDERR_FILENO) == 1) {
        self.showsProgress = showsProgress
    }

    func statementStarted(progress: CallProgress) {
        started.withLock { $0.append(progress) }
        guard showsProgress else { return }
        let start = ContinuousClock.now
        let task = Task {
            try? await Task.sleep(for: .milliseconds(500))
            var shown = false
            while !Task.isCancelled {
                let s = progress.snapshot
                let seconds = ProgressLine.seconds(ContinuousClock.now - start, decimals: 1)
                StandardStreams.writeError("\r\u{1B}[2Kcalls \(s.callsDone)/\(s.callsTotal), pages \(s.pages), rows \(s.rows), \(seconds)")
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
        StandardStreams.writeError("warning: \(message)\n")
    }
}
