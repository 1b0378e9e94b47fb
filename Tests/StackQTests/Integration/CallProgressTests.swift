import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Synchronization
import Testing

/// The counters an ``EngineObserver`` sees for a statement (what the shell's `.timing` prints).
@Suite struct CallProgressTests {
    /// Keeps the progress of every statement that started.
    final class ProgressRecorder: EngineObserver {
        let progresses = Mutex<[CallProgress]>([])

        func statementStarted(progress: CallProgress) { progresses.withLock { $0.append(progress) } }
        func statementFinished() {}
        func warning(_ message: String) {}
    }

    @Test func callsPagesRowsAndRetriesAreCounted() async throws {
        try await EmulatorHarness.with({
            $0.maximumPageSize = 50
            $0.defaultPageSize = 50
            $0.paginationFaults = [PaginationFault(page: 2, always: false)]
        }, generate: GenerateSpec(sessions: 120)) { harness in
            let recorder = ProgressRecorder()
            let rows = try await harness.rows(
                "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'",
                engine: harness.engine(observer: recorder))
            #expect(rows == [["120"]])
            // The limiter's figures are the limiter tests' business.
            let snapshots = recorder.progresses.withLock { $0.map(\.snapshot) }.map { snapshot in
                var counters = snapshot
                counters.throttledSeconds = 0
                counters.concurrency = nil
                return counters
            }
            var expected = CallProgress.Snapshot()
            expected.callsDone = 1
            expected.callsTotal = 1
            expected.pages = 3
            expected.rows = 120
            expected.retries = 1
            #expect(snapshots == [expected])
        }
    }
}
