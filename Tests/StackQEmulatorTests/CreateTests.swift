import StackQ
import StackQTesting
import StackQEmulator
import Testing

@Suite struct CreateTests {
    @Test(arguments: Kind.all)
    func createReturnsAnUnfinishedOperationThatCompletesAfterConfiguredPolls(kind: Kind) async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 3 }) { emulator in
            let created = try await emulator.post("\(kind.path)?\(kind.idParameter)=new-one", kind.createBody)
            #expect(created.status == 200)
            let operation = created.json
            let name = try #require(operation["name"]?.stringValue)
            // Vertex AI names a job's operations under the job; Dataproc under the location.
            let parent = kind.collection == "notebookExecutionJobs" ? "\(TestSeed.location)/\(kind.collection)/new-one" : TestSeed.location
            #expect(name.hasPrefix("\(parent)/operations/"))
            #expect(operation["done"] == .bool(false))
            #expect(operation["metadata"]?["@type"]?.stringValue?.hasPrefix("type.googleapis.com/") == true)

            var polls: [JSONValue] = []
            for _ in 0..<3 { polls.append(try await emulator.get("/v1/\(name)").json) }
            #expect(polls.map { $0["done"] } == [.bool(false), .bool(false), .bool(true)])
            let response = try #require(polls[2]["response"])
            #expect(response["name"]?.stringValue == "\(TestSeed.location)/\(kind.collection)/new-one")
            #expect(response["@type"]?.stringValue?.hasPrefix("type.googleapis.com/google.cloud.") == true)
        }
    }

    @Test func newSessionGoesFromCreatingToActiveWithHistory() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }) { emulator in
            let path = Kind.sessions.path
            let operation = try await emulator.post("\(path)?sessionId=s1", Kind.sessions.createBody).json
            let before = try await emulator.get("\(path)/s1").json
            #expect(before["state"] == .string("CREATING"))
            let done = try await emulator.waitForOperation(operation)
            #expect(done["response"]?["state"] == .string("ACTIVE"))
            let after = try await emulator.get("\(path)/s1").json
            #expect(after["state"] == .string("ACTIVE"))
            #expect(after["stateHistory"]?.arrayCount == 1)
            #expect(after["stateHistory"]?.first?["state"] == .string("CREATING"))
            #expect(after["runtimeInfo"]?["endpoints"] != nil)
        }
    }

    @Test func newNotebookJobGoesFromQueuedThroughRunningToSucceeded() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 2 }) { emulator in
            let path = Kind.jobs.path
            let operation = try await emulator.post("\(path)?notebookExecutionJobId=j1", Kind.jobs.createBody).json
            let name = try #require(operation["name"]?.stringValue)
            var states = [try await emulator.get("\(path)/j1").json["jobState"]]
            _ = try await emulator.get("/v1/\(name)")
            states.append(try await emulator.get("\(path)/j1").json["jobState"])
            _ = try await emulator.get("/v1/\(name)")
            states.append(try await emulator.get("\(path)/j1").json["jobState"])
            #expect(states == [.string("JOB_STATE_QUEUED"), .string("JOB_STATE_RUNNING"), .string("JOB_STATE_SUCCEEDED")])
        }
    }

    @Test(arguments: Kind.all)
    func createWithoutIDGeneratesOne(kind: Kind) async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }) { emulator in
            let operation = try await emulator.post(kind.path, kind.createBody).json
            #expect(operation["done"] == .bool(true))
            let name = try #require(operation["response"]?["name"]?.stringValue)
            let id = String(name.split(separator: "/").last ?? "")
            #expect(!id.isEmpty)
            if kind.collection == "notebookExecutionJobs" { #expect(Int(id) != nil) }
            #expect(try await emulator.get("/v1/\(name)").status == 200)
        }
    }

    @Test(arguments: Kind.all)
    func duplicateIDIsAlreadyExists(kind: Kind) async throws {
        try await EmulatorHarness.with(seed: kind.seed(1)) { emulator in
            let response = try await emulator.post("\(kind.path)?\(kind.idParameter)=item-1", kind.createBody)
            #expect(response.status == 409)
            #expect(response.errorStatus == "ALREADY_EXISTS")
        }
    }

    @Test(arguments: ["Upper", "-lead", "has_underscore", String(repeating: "a", count: 64)])
    func invalidIDIsInvalidArgument(id: String) async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.post("\(Kind.sessions.path)?sessionId=\(id)", Kind.sessions.createBody)
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test(arguments: [#"{"labels":{},"bogus":1}"#, #"[1,2]"#, #"{"labels":"#])
    func malformedOrUnknownBodyIsInvalidArgument(body: String) async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.post("\(Kind.sessions.path)?sessionId=x1", body)
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func notebookJobWithoutNotebookSourceIsInvalidArgument() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.post(Kind.jobs.path, #"{"displayName":"no source"}"#)
            #expect(response.status == 400)
            #expect(response.json["error"]?["message"]?.stringValue?.contains("gcsNotebookSource") == true)
        }
    }

    @Test func requiredFieldInSchemaIsChecked() async throws {
        var service = TestServices.dataproc
        service.schemas["Session"]?.required = ["runtimeConfig"]
        try await EmulatorHarness.with(services: [service]) { emulator in
            let missing = try await emulator.post("\(Kind.sessions.path)?sessionId=r1", #"{"labels":{}}"#)
            #expect(missing.status == 400)
            #expect(missing.json["error"]?["message"]?.stringValue?.contains("runtimeConfig") == true)
            let given = try await emulator.post("\(Kind.sessions.path)?sessionId=r1", #"{"runtimeConfig":{}}"#)
            #expect(given.status == 200)
        }
    }

    @Test func outputOnlyFieldsAreSetByTheServer() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }) { emulator in
            let body = #"{"name":"projects/x/locations/y/sessions/evil","uuid":"client","state":"FAILED","creator":"me","createTime":"1999-01-01T00:00:00Z","labels":{"env":"a"}}"#
            _ = try await emulator.post("\(Kind.sessions.path)?sessionId=honest", body)
            let session = try await emulator.get("\(Kind.sessions.path)/honest").json
            #expect(session["name"] == .string("\(TestSeed.location)/sessions/honest"))
            #expect(session["uuid"] != .string("client"))
            #expect(session["state"] == .string("ACTIVE"))
            #expect(session["creator"] == .string("emulator-user@example.com"))
            #expect(session["createTime"] != .string("1999-01-01T00:00:00Z"))
            #expect(session["labels"]?["env"] == .string("a"))
        }
    }

    @Test func sameRequestIDReturnsTheSameOperationAndCreatesOnce() async throws {
        try await EmulatorHarness.with { emulator in
            let first = try await emulator.post("\(Kind.sessions.path)?sessionId=once&requestId=req-1", Kind.sessions.createBody)
            let again = try await emulator.post("\(Kind.sessions.path)?sessionId=once&requestId=req-1", Kind.sessions.createBody)
            #expect(first.status == 200)
            #expect(again.status == 200)
            #expect(first.json["name"] == again.json["name"])
            let list = try await emulator.get(Kind.sessions.path).json
            #expect(list["sessions"]?.arrayCount == 1)
        }
    }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let items) = self { return items.count }
        return nil
    }

    var first: JSONValue? {
        if case .array(let items) = self { return items.first }
        return nil
    }
}
