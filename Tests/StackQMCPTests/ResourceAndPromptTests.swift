import Foundation
import MCP
import StackQ
import StackQTesting
import Testing
@testable import StackQMCP

/// The registry as MCP resources, and the prompt that teaches the dialect.
@Suite struct ResourceAndPromptTests {
    @Test func providersAreResourcesAndServicesReadAsTables() async throws {
        try await MCPSession.with { session in
            let (resources, _) = try await session.client.listResources()
            #expect(resources.map(\.uri).contains("stackq://providers/google"))
            let contents = try await session.client.readResource(uri: "stackq://providers/google/dataproc")
            let text = try #require(contents.first?.text)
            let table = Table(try #require(try JSONDecoder().decode(Value.self, from: Data(text.utf8)).objectValue))
            #expect(table.column("name").contains("sessions"))
            await #expect(throws: MCPError.self) { try await session.client.readResource(uri: "stackq://elsewhere") }
        }
    }

    @Test func thePromptTeachesRequiredParametersAndExplainFirst() async throws {
        try await MCPSession.with { session in
            let (prompts, _) = try await session.client.listPrompts()
            #expect(prompts.map(\.name) == ["write_stackq_query"])
            let (_, messages) = try await session.client.getPrompt(name: "write_stackq_query", arguments: ["task": "count sessions by state"])
            guard case .text(let text) = try #require(messages.first).content else {
                Issue.record("the prompt is not text")
                return
            }
            #expect(text.contains("WHERE projectsId"))
            #expect(text.contains("validate_query"))
            #expect(text.contains("count sessions by state"))
        }
    }
}
