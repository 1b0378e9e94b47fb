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

    /// A task cancelled before its query reaches SQLite (its cancellation handler then sees nothing stepping) still
    /// stops at the first step; it used to run the query to its end (minutes here).
    @Test(.timeLimit(.minutes(1))) func aQueryOfATaskCancelledBeforeItStepsDoesNotRun() async throws {
        let engine = try Engine()
        let started = AsyncStream<Void>.makeStream()
        let task = Task {
            started.continuation.yield()
            while !Task.isCancelled { await Task.yield() }
            return try await engine.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n")
        }
        for await _ in started.stream { break }
        task.cancel()
        await #expect(throws: (any Error).self) { try await task.value }
        #expect(try await engine.execute("SELECT 1 AS one").first?.rows == [[.integer(1)]])
    }
}
