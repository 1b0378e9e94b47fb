import Testing
@testable import StackQ

/// Cancelling the task that runs a statement stops SQLite too (the shell's Ctrl-C on a long local query).
@Suite struct QueryInterruptTests {
    @Test func cancellingALongQueryInterruptsSQLite() async throws {
        let engine = try Engine()
        // Minutes of work for SQLite: only an interrupt ends it soon.
        let task = Task {
            try await engine.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n")
        }
        try await Task.sleep(for: .milliseconds(200))
        task.cancel()
        let error = await #expect(throws: QueryError.self) { try await task.value }
        #expect(error?.description.contains("interrupted") == true)
        #expect(try await engine.execute("SELECT 1 AS one").first?.rows == [[.integer(1)]])
    }
}
