import Testing
@testable import StackQServer

@Suite struct ServerTargetTests {
    @Test func theTargetLinks() { _ = StackQServer.self }
}
