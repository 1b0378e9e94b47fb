import Foundation
import StackQSyntax

extension Engine {
    /// Runs `body` (one statement), cancelling it when ``EngineConfiguration/statementTimeout`` passes first.
    func withinDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let timeout = configuration.statementTimeout else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw StatementTimeoutError(timeout: timeout) }
            return result
        }
    }
}
