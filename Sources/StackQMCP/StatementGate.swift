/// Lets one statement at a time run on the server's engine, in the order they asked, so that what the engine tells
/// its observer (progress, warnings) and `SHOW CALLS` belong to the tool call that is running. A caller cancelled
/// while it waits leaves the queue at once.
actor StatementGate {
    private var busy = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID: UInt64 = 0

    /// Runs `body` once every statement that asked before has finished.
    /// - Throws: `CancellationError` when the task is cancelled while it waits; whatever `body` throws.
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    private func acquire() async throws {
        guard busy else {
            busy = true
            return
        }
        nextID += 1
        let id = nextID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            Task { await self.leave(id) }
        }
    }

    /// A waiter that was cancelled goes; one that was already let in keeps its turn (and sees its cancellation).
    private func leave(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(throwing: CancellationError())
    }

    /// The turn passes to the first waiter, or the gate opens.
    private func release() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().continuation.resume()
        }
    }
}
