import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

@Suite struct DataTests {
    @Test func seedDocumentLoadsCollectionsInOrder() async throws {
        let json = try JSONValue(parsing: #"{"resources":{"projects/p/locations/l/sessions":[{"name":"projects/p/locations/l/sessions/a"},{"name":"projects/p/locations/l/sessions/b"}]}}"#)
        let seed = try SeedData(json: json)
        #expect(seed.collections.count == 1)
        #expect(seed.collections[0].collection == "projects/p/locations/l/sessions")
        #expect(seed.collections[0].items.count == 2)
    }

    @Test(arguments: [#"{}"#, #"{"resources":{"c":{}}}"#, #"{"resources":{"c":[1]}}"#])
    func malformedSeedDocumentIsRefused(text: String) throws {
        #expect(throws: SeedError.self) { try SeedData(json: try JSONValue(parsing: text)) }
    }

    @Test(arguments: [#"{"state":"ACTIVE"}"#, #"{"name":"projects/p/locations/l/other/x"}"#,
                      #"{"name":"projects/p/locations/l/sessions/a/b"}"#])
    func seedItemWhoseNameIsNotInItsCollectionIsRefused(item: String) async throws {
        let seed = SeedData(collections: [("projects/p/locations/l/sessions", [try JSONValue(parsing: item)])])
        let emulator = Emulator(services: [TestServices.dataproc])
        await #expect(throws: SeedError.self) { try await emulator.seed(seed) }
    }

    @Test func generateSpecParsesItsKeys() throws {
        let spec = try GenerateSpec(parsing: "sessions=100,jobs=5,projects=2,locations=3")
        #expect(spec == GenerateSpec(sessions: 100, notebookExecutionJobs: 5, projects: 2, locations: 3))
    }

    @Test(arguments: ["sessions", "sessions=-1", "widgets=3", "sessions=ten"])
    func malformedGenerateSpecIsRefused(text: String) {
        #expect(throws: GenerateSpecError.self) { try GenerateSpec(parsing: text) }
    }

    @Test func generatedSessionsSpreadOverProjectsAndLocationsAndPageLikeSeededOnes() async throws {
        let spec = GenerateSpec(sessions: 120, notebookExecutionJobs: 12, projects: 2, locations: 3)
        try await EmulatorHarness.with { emulator in
            #expect(await emulator.emulator.generate(spec) == 132)
            let page = try await emulator.get("/v1/projects/demo-2/locations/europe-west1/sessions?pageSize=100")
            guard case .array(let sessions) = page.json["sessions"] ?? .null else { throw TestFailure(page.text) }
            #expect(sessions.count == 20)
            #expect(page.json["nextPageToken"] == nil)
            let sample = sessions[0]
            #expect(sample["runtimeInfo"]?["endpoints"] != nil)
            #expect(sample["labels"]?["env"] != nil)
            #expect(sample["stateHistory"]?.arrayCount ?? 0 >= 1)
            let size = sample.serialized().utf8.count
            #expect((600...900).contains(size), "a generated session is \(size) bytes")
            let jobs = try await emulator.get("/v1/projects/demo/locations/us-central1/notebookExecutionJobs").json
            #expect(jobs["notebookExecutionJobs"]?.arrayCount == 2)
        }
    }

    @Test func exampleSeedLoadsWithEverySessionState() async throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("examples/seed.json")
        let seed = try SeedData(contentsOf: url)
        try await EmulatorHarness.with(seed: seed) { emulator in
            var states: Set<String> = []
            for location in ["us-central1", "europe-west1"] {
                let page = try await emulator.get("/v1/projects/demo/locations/\(location)/sessions?pageSize=1000")
                guard case .array(let sessions) = page.json["sessions"] ?? .null else { throw TestFailure(page.text) }
                states.formUnion(sessions.compactMap { $0["state"]?.stringValue })
            }
            #expect(states == ["CREATING", "ACTIVE", "TERMINATING", "TERMINATED", "FAILED"])
            let jobs = try await emulator.get("/v1/projects/demo/locations/us-central1/notebookExecutionJobs").json
            #expect((jobs["notebookExecutionJobs"]?.arrayCount ?? 0) >= 3)
        }
    }
}
