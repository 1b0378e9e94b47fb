import Foundation
import StackQSyntax

extension Engine {
    /// Runs `statement`, cancelling it when ``EngineConfiguration/statementTimeout`` passes first.
    func executeWithinDeadline(_ statement: Statement) async throws -> ResultSet {
        guard let timeout = configuration.statementTimeout else { return try await execute(statement) }
        return try await withThrowingTaskGroup(of: ResultSet?.self) { group in
            group.addTask { try await self.execute(statement) }
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
