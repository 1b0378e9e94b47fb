import Synchronization

/// The statement a connection is running, so a CancelRequest (another connection) or the server stopping can
/// cancel it. A cancelled statement fails with 57014 at once: the connection does not wait for the engine's calls
/// to wind down (the task is cancelled and finishes on its own; its output is cut off, see ``abandon``).
final class RunningStatement: Sendable {
    private struct State: Sendable {
        var task: Task<Void, any Error>?
        var continuation: CheckedContinuation<Void, any Error>?
        var abandon: (@Sendable () -> Void)?
    }

    private let state = Mutex(State())

    /// Runs `body` as the connection's cancellable statement; `abandon` is called when it is cancelled, before
    /// the connection goes on (the statement's output must stop writing then).
    func run(abandon: @escaping @Sendable () -> Void, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let running = Task { try await body() }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                state.withLock { $0 = State(task: running, continuation: continuation, abandon: abandon) }
                Task {
                    let result = await running.result
                    let waiting = self.state.withLock { state -> CheckedContinuation<Void, any Error>? in
                        defer { state = State() }
                        return state.continuation
                    }
                    waiting?.resume(with: result.mapError { $0 is CancellationError ? ErrorMapping.cancelled : $0 })
                }
            }
        } onCancel: {
            self.cancel()
        }
    }

    /// Cancels the running statement, if any: it fails with 57014 now.
    func cancel() {
        let (task, continuation, abandon) = state.withLock { state in
            defer { state.continuation = nil }
            return (state.task, state.continuation, state.abandon)
        }
        guard let continuation else { return }
        abandon?()
        task?.cancel()
        continuation.resume(throwing: ErrorMapping.cancelled)
    }
}
