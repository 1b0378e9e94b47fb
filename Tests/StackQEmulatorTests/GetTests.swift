import StackQ
import StackQTesting
import StackQEmulator
import Testing

@Suite struct GetTests {
    @Test(arguments: Kind.all)
    func getReturnsTheStoredResource(kind: Kind) async throws {
        try await EmulatorHarness.with(seed: kind.seed(3)) { emulator in
            let response = try await emulator.get("\(kind.path)/item-2")
            #expect(response.status == 200)
            #expect(response.header("content-type")?.hasPrefix("application/json") == true)
            #expect(response.json["name"]?.stringValue == "\(TestSeed.location)/\(kind.collection)/item-2")
        }
    }

    @Test(arguments: Kind.all)
    func missingResourceIsNotFoundInGoogleErrorShape(kind: Kind) async throws {
        try await EmulatorHarness.with(seed: kind.seed(1)) { emulator in
            let response = try await emulator.get("\(kind.path)/nope")
            #expect(response.status == 404)
            #expect(response.json["error"]?["code"] == .number(404))
            #expect(response.json["error"]?["status"] == .string("NOT_FOUND"))
            #expect(response.json["error"]?["message"]?.stringValue?.contains("nope") == true)
        }
    }

    @Test(arguments: ["/v1/projects/demo/locations/us-central1/sessions/bad%20name",
                      "/v1/projects/demo/locations/us-central1/sessions/%2Fx",
                      "/v1/projects/de%24mo/locations/us-central1/notebookExecutionJobs/1"])
    func malformedNameIsInvalidArgument(path: String) async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get(path)
            #expect(response.status == 400)
            #expect(response.errorStatus == "INVALID_ARGUMENT")
        }
    }

    @Test func pathNoMethodServesIsNotFound() async throws {
        try await EmulatorHarness.with { emulator in
            let response = try await emulator.get("/v1/projects/demo/widgets")
            #expect(response.status == 404)
            #expect(response.errorStatus == "NOT_FOUND")
        }
    }
}
