import Testing
@testable import StackQMCP

@Suite struct MCPTargetTests {
    @Test func theTargetLinks() { _ = StackQMCP.self }
}
