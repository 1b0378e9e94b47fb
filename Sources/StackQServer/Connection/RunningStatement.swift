import Synchronization

/// The statement a connection is running, so a CancelRequest (another connection) or the server stopping can
/// cancel it. A cancelled statement fails with 57014.
final class RunningStatement: Sendable {
    private let task = Mutex<Task<Void, any Error>?>(nil)
    private let cancelled = Mutex(false)

    /// Runs `body` as the connection's cancellable statement.
    func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let running = Task { try await body() }
        cancelled.withLock { $0 = false }
        task.withLock { $0 = running }
        defer { task.withLock { $0 = nil } }
        do {
            try await withTaskCancellationHandler { try await running.value } onCancel: { running.cancel() }
        } catch {
            if cancelled.withLock({ $0 }) || error is CancellationError { throw ErrorMapping.cancelled }
            throw error
        }
    }

    /// Cancels the running statement, if any.
    func cancel() {
        let running = task.withLock { $0 }
        guard let running else { return }
        cancelled.withLock { $0 = true }
        running.cancel()
    }
}
