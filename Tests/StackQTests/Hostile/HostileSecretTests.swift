import Foundation
@testable import StackQ
import Testing

/// Issue 14 items 3 and 4: no credential reaches any message, and no value can send it to another host.
@Suite struct HostileSecretTests {
    @Test func aTokenReadWithATrailingNewlineIsTrimmedAndSent() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        #expect(try await harness.rows(HostileHarness.list("good")).count == 2)
        #expect(harness.server.requests.first?.header("Authorization") == "Bearer \(HostileHarness.token)")
    }

    @Test(arguments: ["echo-400", "echo-401", "echo-403", "echo-500", "echo-json-401", "echo-json-403", "oauth-400", "oauth-401"])
    func anErrorBodyEchoingTheCredentialIsRedacted(_ mode: String) async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine()
        let error = try #require(await harness.error(HostileHarness.list(mode), engine: engine))
        let text = "\(error)" + (error.localizedDescription)
        #expect(!text.contains(HostileHarness.token), "\(text)")
        #expect(text.contains("<redacted>"), "\(text)")
        #expect(!engine.redactor.redact("was \(HostileHarness.token)").contains(HostileHarness.token))
    }

    func service(variable: ServerVariable) -> (ProviderService, StackQ.Method) {
        let service = ProviderService(provider: "acme", name: "dataproc",
                              servers: [Server(url: "https://dataproc.{region}.example.com/v1", variables: ["region": variable])],
                              resources: [], schemas: [:])
        let method = StackQ.Method(name: "list", sqlVerb: .select, httpMethod: "GET", path: "/x", parameters: [], response: ResponseInfo())
        return (service, method)
    }

    @Test(arguments: ["x@127.0.0.1:18443/", "a.b", "eu/../x", "eu:1", "", "-eu", "e u"])
    func aServerVariableCannotChangeTheAuthority(_ value: String) throws {
        let (service, method) = service(variable: ServerVariable(defaultValue: "us"))
        #expect(throws: PlanError.self) { try EndpointResolver().baseURL(service: service, method: method, values: ["region": value]) }
        #expect(try EndpointResolver().baseURL(service: service, method: method, values: ["region": "europe-west1"])
            == "https://dataproc.europe-west1.example.com/v1")
        #expect(try EndpointResolver().baseURL(service: service, method: method, values: [:]) == "https://dataproc.us.example.com/v1")
    }

    @Test func aServerVariableWithAnEnumTakesOnlyItsValues() throws {
        let (service, method) = service(variable: ServerVariable(defaultValue: "us", enumValues: ["us", "eu"]))
        #expect(try EndpointResolver().baseURL(service: service, method: method, values: ["region": "eu"]) == "https://dataproc.eu.example.com/v1")
        let error = try #require(throws: PlanError.self) {
            try EndpointResolver().baseURL(service: service, method: method, values: ["region": "asia"])
        }
        #expect(error.message.contains("'us', 'eu'"))
    }
}
