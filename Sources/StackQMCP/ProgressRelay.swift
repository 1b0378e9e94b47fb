import StackQ
import Synchronization

/// The engine's observer under `stackq mcp`: while a tool call runs a statement (one at a time, ``StatementGate``),
/// it sends the statement's counters to the caller as progress (when the caller asked for progress) and keeps its
/// warnings and how many calls it made for the reply and the audit log.
final class ProgressRelay: EngineObserver {
    /// Sends one progress notification: a number that grows with each, and what is happening.
    typealias Sink = @Sendable (_ progress: Double, _ message: String) async -> Void

    /// What a tool call's statements did.
    struct Summary: Sendable, Hashable {
        /// API calls finished (whether they succeeded or failed).
        var calls = 0
        /// Warnings of the engine (a page limit cut a result short, calls failed under `--allow-partial`).
        var warnings: [String] = []
    }

    private struct Run {
        var sink: Sink?
        var progresses: [CallProgress] = []
        var warnings: [String] = []
        var ticker: Task<Void, Never>?
        var sent = 0
    }

    private let state = Mutex<Run?>(nil)
    /// How often the counters are looked at while a statement runs.
    let interval: Duration

    init(interval: Duration = .milliseconds(250)) {
        self.interval = interval
    }

    /// A tool call starts running statements; `sink` gets its progress (nil: the caller asked for none).
    func begin(sink: Sink?) {
        state.withLock { $0 = Run(sink: sink) }
    }

    /// The tool call's statements are done: no progress is sent after this returns.
    func end() async -> Summary {
        let run = state.withLock { run -> Run? in
            defer { run = nil }
            return run
        }
        guard let run else { return Summary() }
        run.ticker?.cancel()
        await run.ticker?.value
        return Summary(calls: run.progresses.reduce(0) { $0 + $1.snapshot.callsDone }, warnings: run.warnings)
    }

    func statementStarted(progress: CallProgress) {
        state.withLock { run in
            guard run != nil else { return }
            run!.progresses.append(progress)
            guard run!.sink != nil else { return }
            run!.ticker?.cancel()
            let interval = self.interval
            run!.ticker = Task {
                // The first step goes out whatever happens next, so even a quick statement reports once.
                var last = progress.snapshot
                await self.send(ProgressRelay.describe(last))
                while true {
                    try? await Task.sleep(for: interval)
                    if Task.isCancelled { return }
                    let now = progress.snapshot
                    if now != last {
                        last = now
                        await self.send(ProgressRelay.describe(now))
                    }
                }
            }
        }
    }

    /// `calls 3/10, pages 5, rows 1200`.
    static func describe(_ snapshot: CallProgress.Snapshot) -> String {
        "calls \(snapshot.callsDone)/\(snapshot.callsTotal), pages \(snapshot.pages), rows \(snapshot.rows)"
            + (snapshot.retries > 0 ? ", retries \(snapshot.retries)" : "")
    }

    func statementFinished() {}

    func warning(_ message: String) {
        state.withLock { $0?.warnings.append(message) }
    }

    func operationsPending(_ names: [String], elapsed: Duration) {
        guard !names.isEmpty else { return }
        let seconds = elapsed.components.seconds
        let shown = names.prefix(3).joined(separator: ", ") + (names.count > 3 ? ", …" : "")
        // The step is taken now, while the statement waits, so it cannot be lost to the call's end.
        guard let (sink, step) = nextStep() else { return }
        Task { await sink(step, "waiting on \(names.count) operation\(names.count == 1 ? "" : "s") (\(seconds) s): \(shown)") }
    }

    /// Sends `message` as the next progress step of the running tool call, if it asked for progress.
    private func send(_ message: String) async {
        guard let (sink, step) = nextStep() else { return }
        await sink(step, message)
    }

    /// The running call's sink and the number of its next step; nil when no call that asked for progress runs.
    private func nextStep() -> (Sink, Double)? {
        state.withLock { run -> (Sink, Double)? in
            guard let sink = run?.sink else { return nil }
            run!.sent += 1
            return (sink, Double(run!.sent))
        }
    }
}
