import Foundation
import MCP
import StackQ
import StackQEmulator
import Synchronization
import StackQTesting
import Testing
@testable import StackQMCP

/// What an agent may change in each mode, and the person's say in `safe`.
@Suite struct SafetyTests {
    static let delete = "DELETE FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND sessionsId = 'etl-1'"
    static let deleteMethod = "projects_locations_sessions_delete"

    @Test(arguments: [SafetyMode.readOnly, .safe, .fullAccess])
    func aMutationSentToRunSelectQueryIsRefusedNotRun(mode: SafetyMode) async throws {
        try await MCPSession.with(mode: mode, person: { _ in .init(action: .accept, content: ["approve": true]) }) { session in
            for sql in [SafetyTests.delete, "EXEC google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'etl-1'"] {
                let result = try await session.call("run_select_query", ["sql": .string(sql)])
                #expect(result.isError == true)
                #expect(result.text.contains("run_select_query runs only"), "\(result.text)")
            }
            #expect(await session.harness.requests(SafetyTests.deleteMethod).isEmpty)
            #expect(await session.harness.requests("projects_locations_sessions_terminate").isEmpty)
        }
    }

    @Test func readOnlyRefusesRunMutationQuery() async throws {
        try await MCPSession.with(mode: .readOnly) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            #expect(result.isError == true)
            #expect(result.text.contains("read_only"))
            #expect(await session.harness.requests(SafetyTests.deleteMethod).isEmpty)
        }
    }

    @Test func safeRunsAMutationThePersonApprovedAfterShowingThePlan() async throws {
        let asked = Mutex<[String]>([])
        try await MCPSession.with(mode: .safe, person: { parameters in
            if case .form(let form) = parameters { asked.withLock { $0.append(form.message) } }
            return .init(action: .accept, content: ["approve": true])
        }) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            #expect(result.isError == false, "\(result.text)")
            #expect(await session.harness.requests(SafetyTests.deleteMethod)["200"] == 1)
        }
        let message = try #require(asked.withLock { $0 }.first)
        #expect(message.contains("DELETE"))
        #expect(message.contains("projects_locations_sessions_delete"))
        #expect(message.contains("sessionsId = 'etl-1'"))
    }

    @Test(arguments: [CreateElicitation.Result(action: .decline), .init(action: .cancel),
                      .init(action: .accept, content: ["approve": false])])
    func safeRefusesAMutationThePersonDeclined(answer: CreateElicitation.Result) async throws {
        try await MCPSession.with(mode: .safe, person: { _ in answer }) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            #expect(result.isError == true)
            #expect(result.text.contains("was not run"))
            #expect(await session.harness.requests(SafetyTests.deleteMethod).isEmpty)
        }
    }

    @Test func safeRefusesWhenTheClientCannotAsk() async throws {
        try await MCPSession.with(mode: .safe, person: nil) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            #expect(result.isError == true)
            #expect(result.text.contains("elicitation"))
            #expect(await session.harness.requests(SafetyTests.deleteMethod).isEmpty)
        }
    }

    @Test func fullAccessRunsAMutationWithoutAsking() async throws {
        let askedAnyone = Mutex(false)
        try await MCPSession.with(mode: .fullAccess, person: { _ in
            askedAnyone.withLock { $0 = true }
            return .init(action: .decline)
        }) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(SafetyTests.delete)])
            #expect(result.isError == false, "\(result.text)")
            #expect(await session.harness.requests(SafetyTests.deleteMethod)["200"] == 1)
        }
        #expect(!askedAnyone.withLock { $0 })
    }

    @Test(.timeLimit(.minutes(1))) func progressTellsOfTheOperationsAnAwaitWaitsOn() async throws {
        try await MCPSession.with(mode: .fullAccess, emulator: { $0.operationPolls = 3 }) { session in
            let token = ProgressToken.unique()
            let (messages, continuation) = AsyncStream<String>.makeStream()
            await session.client.onNotification(ProgressNotification.self) { message in
                if message.params.progressToken == token { continuation.yield(message.params.message ?? "") }
            }
            let result = try await session.call("run_mutation_query", ["sql": "EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = 'p', @locationsId = 'us-central1', @sessionsId = 'etl-1'"],
                                                meta: Metadata(progressToken: token))
            #expect(result.isError == false, "\(result.text)")
            for await message in messages where message.hasPrefix("waiting on 1 operation") { break }
        }
    }

    @Test func aReadSentToRunMutationQueryRunsWithoutAsking() async throws {
        try await MCPSession.with(mode: .safe, person: nil) { session in
            let result = try await session.call("run_mutation_query", ["sql": .string(MCPSession.sessionsQuery)])
            #expect(result.isError == false)
        }
    }
}
