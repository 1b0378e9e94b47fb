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

/// Requests to one origin ask for one event loop, so they meet their pooled connection on its own loop.
@Suite struct TransportEventLoopTests {
    @Test func oneOriginOneLoop() async throws {
        let transport = AsyncHTTPTransport()
        let loop = transport.loop(for: "https://dataproc.googleapis.com/v1/projects/p/locations/l/sessions")
        for url in ["https://DataProc.googleapis.com/v1/x?pageToken=a", "https://dataproc.googleapis.com",
                    "https://dataproc.googleapis.com/"] {
            #expect(transport.loop(for: url) === loop, "\(url)")
        }
        // Origins are spread over the group: of many hosts, some go to each loop.
        let used = Set((0..<64).map { ObjectIdentifier(transport.loop(for: "https://host\($0).example/v1")) })
        #expect(used.count == transport.loops.count)
        try await transport.shutdown()
    }
}

/// A body limit outside what one ByteBuffer can hold is clamped, not a trap in the client.
@Suite struct TransportBodyLimitTests {
    @Test func limitsOutsideOneBufferAreClamped() async throws {
        for (asked, kept) in [(-1, 0), (Int.max, Int(UInt32.max)), (1 << 20, 1 << 20)] {
            let transport = AsyncHTTPTransport(maximumBodySize: asked)
            #expect(transport.maximumBodySize == kept)
            try await transport.shutdown()
        }
    }
}
