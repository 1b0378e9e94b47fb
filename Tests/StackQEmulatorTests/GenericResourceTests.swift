import NIOHTTP1
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Resources the emulator has no special knowledge of are served from their registry methods alone.
@Suite struct GenericResourceTests {
    static let datasets = "/v1/\(TestSeed.location)/datasets"

    @Test func createListAndGetWorkForAResourceWithoutAStateMachine() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 0 }) { emulator in
            let operation = try await emulator.post(GenericResourceTests.datasets, #"{"displayName":"images","metadataSchemaUri":"gs://s/m.yaml"}"#)
            #expect(operation.status == 200)
            let name = try #require(operation.json["response"]?["name"]?.stringValue)
            let list = try await emulator.get(GenericResourceTests.datasets).json
            #expect(list["datasets"]?.first?["name"] == .string(name))
            #expect(try await emulator.get("/v1/\(name)").json["displayName"] == .string("images"))
        }
    }

    @Test func patchChangesOnlyTheFieldsInTheUpdateMask() async throws {
        let collection = "\(TestSeed.location)/datasets"
        let seed = SeedData(collections: [(collection, [.object([
            ("name", .string("\(collection)/d1")), ("displayName", .string("old")), ("description", .string("keep")),
        ])])])
        try await EmulatorHarness.with(seed: seed) { emulator in
            let patched = try await emulator.request(.PATCH, "\(GenericResourceTests.datasets)/d1?updateMask=displayName",
                                                     body: #"{"displayName":"new","description":"ignored"}"#)
            #expect(patched.status == 200)
            #expect(patched.json["displayName"] == .string("new"))
            #expect(patched.json["description"] == .string("keep"))
        }
    }

    @Test func customMethodWithoutATransitionReturnsAnOperationAndChangesNothing() async throws {
        try await EmulatorHarness.with({ $0.operationPolls = 1 }, seed: TestSeed.standard) { emulator in
            let path = "\(Kind.sessions.path)/alpha"
            let before = try await emulator.get(path).text
            let operation = try await emulator.post("\(path):injectCredentials", #"{"credentialsCiphertext":"x"}"#)
            #expect(operation.status == 200)
            #expect(operation.json["done"] == .bool(false))
            let done = try await emulator.waitForOperation(operation.json)
            #expect(done["response"]?["name"]?.stringValue?.hasSuffix("/alpha") == true)
            #expect(try await emulator.get(path).text == before)
        }
    }
}
