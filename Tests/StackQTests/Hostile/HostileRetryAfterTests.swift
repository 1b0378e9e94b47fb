import Foundation
@testable import StackQ
import Testing

/// Issue 14 item 1: an absurd `Retry-After` means "use our own backoff", never a crash.
@Suite struct HostileRetryAfterTests {
    static let absurd = ["inf", "infinity", "1e300", "9007199254740993", "99999999999999999999999", "NaN", "-1",
                         "Fri, 31 Dec 1999 23:59:59 GMT", "", "0x10"]

    @Test(arguments: absurd)
    func anAbsurdRetryAfterFallsBackToOurBackoff(_ value: String) {
        let policy = RetryPolicy(maximumAttempts: 3, baseDelay: .milliseconds(10), maximumDelay: .milliseconds(40))
        #expect(RetryPolicy.retryAfterDelay(value, cap: .seconds(20)) == nil)
        let delay = policy.delay(afterAttempt: 1, retryAfter: value)
        #expect(delay >= .zero && delay <= .milliseconds(40))
    }

    @Test func aPlainRetryAfterIsCappedBeforeItIsConverted() {
        #expect(RetryPolicy.retryAfterDelay("2", cap: .seconds(20)) == .seconds(2))
        #expect(RetryPolicy.retryAfterDelay("9007199254740991", cap: .seconds(20)) == .seconds(20))
        #expect(RetryPolicy.retryAfterDelay("0.5", cap: .seconds(20)) == .milliseconds(500))
    }

    @Test(arguments: ["inf", "infinity", "1e300", "9007199254740993"])
    func aServerSendingAnAbsurdRetryAfterIsRetriedAndAnswers(_ value: String) async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine(retry: RetryPolicy(maximumAttempts: 2, baseDelay: .milliseconds(1), maximumDelay: .milliseconds(20)))
        let rows = try await harness.rows(HostileHarness.list("retry-after-\(value)"), engine: engine)
        #expect(rows.count == 1)
        #expect(harness.server.count("retry-after-") == 2)
    }
}
