import NIOCore
import Testing
@testable import StackQ

/// Which transport failures say "cannot resolve": only failed name lookups, not every address error.
@Suite struct TransportClassificationTests {
    @Test func onlyAFailedLookupIsCannotResolve() {
        let url = "https://dataproc.googleapis.com/v1/x"
        #expect(TransportFailureClassifier.classify(SocketAddressError.failedToParseIPString("300.1.1.1"), url: url,
                                                    maximumBodySize: 1 << 20).kind == .other)
        #expect(TransportFailureClassifier.classify(SocketAddressError.unixDomainSocketPathTooLong, url: url,
                                                    maximumBodySize: 1 << 20).kind == .other)
        // A lookup that fails for real: HostileDeadlineTests (dataproc.googleapis.com with no network).
    }
}
