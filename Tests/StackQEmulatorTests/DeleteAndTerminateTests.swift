import StackQ
import StackQTesting
import StackQEmulator
import Testing

@Suite struct DeleteTests {
    @Test(arguments: Kind.all)
    func deletedResourceDisappearsWhenItsOperationCompletes(kind: Kind) async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }, seed: kind.seed(2)) { emulator in
            let operation = try await emulator.delete("\(kind.path)/item-1")
            #expect(operation.status == 200)
            #expect(operation.json["done"] == .bool(false))
            #expect(try await emulator.get("\(kind.path)/item-1").status == 200)
            let done = try await emulator.waitForOperation(operation.json)
            #expect(done["done"] == .bool(true))
            #expect(done["response"]?["@type"] == .string("type.googleapis.com/google.protobuf.Empty"))
            #expect(try await emulator.get("\(kind.path)/item-1").status == 404)
            #expect(try await emulator.get("\(kind.path)/item-2").status == 200)
        }
    }

    @Test(arguments: Kind.all)
    func deletingAMissingResourceIsNotFound(kind: Kind) async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.delete("\(kind.path)/ghost")
            #expect(response.status == 404)
            #expect(response.errorStatus == "NOT_FOUND")
        }
    }

    @Test func deletingAnActiveSessionTerminatesItFirst() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }, seed: TestSeed.standard) { emulator in
            _ = try await emulator.delete("\(Kind.sessions.path)/alpha")
            #expect(try await emulator.get("\(Kind.sessions.path)/alpha").json["state"] == .string("TERMINATING"))
        }
    }

    @Test func sameRequestIDDeletesOnce() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }, seed: TestSeed.standard) { emulator in
            let first = try await emulator.delete("\(Kind.sessions.path)/alpha?requestId=d-1")
            let again = try await emulator.delete("\(Kind.sessions.path)/alpha?requestId=d-1")
            #expect(first.status == 200)
            #expect(again.status == 200)
            #expect(first.json["name"] == again.json["name"])
        }
    }
}

@Suite struct TerminateTests {
    @Test func terminateMovesActiveThroughTerminatingToTerminated() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }, seed: TestSeed.standard) { emulator in
            let path = "\(Kind.sessions.path)/alpha"
            let operation = try await emulator.post("\(path):terminate", "{}")
            #expect(operation.status == 200)
            #expect(operation.json["metadata"]?["operationType"] == .string("TERMINATE"))
            #expect(try await emulator.get(path).json["state"] == .string("TERMINATING"))
            let done = try await emulator.waitForOperation(operation.json)
            #expect(done["response"]?["state"] == .string("TERMINATED"))
            let session = try await emulator.get(path).json
            #expect(session["state"] == .string("TERMINATED"))
            guard case .array(let history) = session["stateHistory"] ?? .null else { throw TestFailure("no stateHistory") }
            #expect(history.compactMap { $0["state"]?.stringValue } == ["ACTIVE", "TERMINATING"])
        }
    }

    @Test func terminatingATerminatedSessionIsFailedPrecondition() async throws {
        try await EmulatorHarness.with(seed: TestSeed.standard) { emulator in
            let response = try await emulator.post("\(Kind.sessions.path)/gamma:terminate", "{}")
            #expect(response.status == 400)
            #expect(response.errorStatus == "FAILED_PRECONDITION")
        }
    }

    @Test func terminateWithTheSameRequestIDInTheBodyReturnsTheSameOperation() async throws {
        try await EmulatorHarness.with(seed: TestSeed.standard) { emulator in
            let first = try await emulator.post("\(Kind.sessions.path)/beta:terminate", #"{"requestId":"t-1"}"#)
            let again = try await emulator.post("\(Kind.sessions.path)/beta:terminate", #"{"requestId":"t-1"}"#)
            #expect(first.status == 200)
            #expect(again.status == 200)
            #expect(first.json["name"] == again.json["name"])
        }
    }

    @Test func terminatingAMissingSessionIsNotFound() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.post("\(Kind.sessions.path)/none:terminate", "{}")
            #expect(response.status == 404)
        }
    }
}

@Suite struct OperationTests {
    @Test func unknownOperationIsNotFound() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get("/v1/\(TestSeed.location)/operations/missing")
            #expect(response.status == 404)
            #expect(response.errorStatus == "NOT_FOUND")
        }
    }

    @Test func zeroPollsCompletesOperationsAtOnce() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }) { emulator in
            let operation = try await emulator.post("\(Kind.jobs.path)?notebookExecutionJobId=now", Kind.jobs.createBody).json
            #expect(operation["done"] == .bool(true))
            #expect(operation["response"]?["jobState"] == .string("JOB_STATE_SUCCEEDED"))
        }
    }

    @Test func cancelledOperationIsDoneWithAnError() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 5 }) { emulator in
            let operation = try await emulator.post("\(Kind.sessions.path)?sessionId=c1", "{}").json
            let name = try #require(operation["name"]?.stringValue)
            #expect(try await emulator.post("/v1/\(name):cancel", "{}").status == 200)
            let after = try await emulator.get("/v1/\(name)").json
            #expect(after["done"] == .bool(true))
            #expect(after["error"]?["code"] == .number(1))
        }
    }

    @Test func operationsAreServedEvenWhenTheRegistryListsNone() async throws {
        let sessionsOnly = ProviderService(provider: "google", name: "dataproc", servers: [],
                                   resources: TestServices.dataproc.resources.filter { $0.name == "sessions" },
                                   schemas: TestServices.dataproc.schemas)
        try await EmulatorHarness.with({ $0.operationPolls = 1 }, services: [sessionsOnly]) { emulator in
            let operation = try await emulator.post("\(Kind.sessions.path)?sessionId=o1", "{}").json
            let name = try #require(operation["name"]?.stringValue)
            #expect(try await emulator.get("/v1/\(name)").json["done"] == .bool(true))
            #expect(try await emulator.count("operations.get", status: 200) == 1)
        }
    }
}
