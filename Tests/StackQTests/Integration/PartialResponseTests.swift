import Foundation
@testable import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Projection pushdown end to end: Google is asked for the members a statement reads, the answers are the
/// same, and the pages are smaller.
@Suite struct PartialResponseTests {
    static let parent = "projectsId = 'p' AND locationsId = 'us-central1'"

    @Test func theListIsAskedForTheMembersTheStatementReads() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute(
                "SELECT name, state FROM google.dataproc.sessions WHERE \(Self.parent) AND state = 'ACTIVE' ORDER BY name")[0]
            #expect(result.rows.map { $0.map(\.textValue) } == [
                ["projects/p/locations/us-central1/sessions/etl-1", "ACTIVE"],
                ["projects/p/locations/us-central1/sessions/etl-2", "ACTIVE"],
            ])
            #expect(result.calls.map(\.url) == ["\(harness.baseURL.absoluteString)/v1/projects/p/locations/us-central1/sessions?pageSize=1000&prettyPrint=false&fields=sessions%28name%2Cstate%29%2CnextPageToken"])
        }
    }

    @Test func aColumnReadOnlyInsideACorrelatedSubqueryIsFetched() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness async throws in
            // s.jupyterSession is read only by the subquery over the jobs: it must still come back.
            #expect(try await harness.rows("""
                SELECT s.state FROM google.dataproc.sessions s
                WHERE s.projectsId = 'p' AND s.locationsId = 'us-central1' AND EXISTS (
                    SELECT 1 FROM google.aiplatform.notebook_execution_jobs j
                    WHERE j.projectsId = 'p' AND j.locationsId = 'us-central1'
                      AND j.displayName = json_extract(s.jupyterSession, '$.displayName') AND j.jobState = 'JOB_STATE_FAILED')
                """) == [["ACTIVE"]])
        }
    }

    @Test func membersTheStatementDoesNotReadAreNotSent() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let narrow = try await engine.execute("SELECT state FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'etl-1'")[0]
            let whole = try await engine.execute("SELECT * FROM google.dataproc.sessions WHERE \(Self.parent) AND sessionsId = 'etl-1'")[0]
            #expect(narrow.rows == [[.text("ACTIVE")]])
            #expect(narrow.calls.map(\.url).allSatisfy { $0.hasSuffix("?prettyPrint=false&fields=state") })
            #expect(narrow.calls[0].bytes == #"{"state":"ACTIVE"}"#.utf8.count)
            #expect(whole.calls[0].bytes > 10 * narrow.calls[0].bytes)
            #expect(whole.calls.map(\.url).allSatisfy { !$0.contains("fields=") })
        }
    }

    @Test func nameAndStatePagesAreAQuarterOfWholePagesOrLess() async throws {
        try await EmulatorHarness.with(generate: GenerateSpec(sessions: 2_000)) { harness in
            let engine = try harness.engine()
            defer { Task { try? await engine.shutdown() } }
            let sql = "FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"
            let narrow = try await engine.execute("SELECT name, state " + sql)[0]
            let narrowServed = await harness.servedBytes("projects_locations_sessions_list")
            let whole = try await engine.execute("SELECT * " + sql)[0]
            let wholeServed = await harness.servedBytes("projects_locations_sessions_list") - narrowServed
            #expect(narrow.rows.count == 2_000 && whole.rows.count == 2_000)
            let narrowBytes = narrow.calls.map(\.bytes).reduce(0, +)
            let wholeBytes = whole.calls.map(\.bytes).reduce(0, +)
            #expect(narrowBytes == narrowServed && wholeBytes == wholeServed)
            #expect(narrowBytes * 4 <= wholeBytes, "name, state: \(narrowBytes) bytes; *: \(wholeBytes) bytes")
        }
    }

    @Test func aStatementThatBindsFieldsItselfKeepsItsOwn() async throws {
        try await EmulatorHarness.with(seed: .standard) { harness in
            let registry = try Self.registryWithFieldsParameter()
            let engine = try harness.engine { $0.registryPath = registry.path }
            defer { Task { try? await engine.shutdown() } }
            let result = try await engine.execute(
                "SELECT name, state FROM google.dataproc.sessions WHERE \(Self.parent) AND fields = 'sessions(name,labels)' ORDER BY name")[0]
            #expect(result.calls.map(\.url) == ["\(harness.baseURL.absoluteString)/v1/projects/p/locations/us-central1/sessions?fields=sessions%28name%2Clabels%29&pageSize=1000&prettyPrint=false"])
            // The statement asked for no state: it has none.
            #expect(result.rows.count == 5 && result.rows.allSatisfy { $0[1] == .null })
        }
    }

    /// The bundled google provider with Google's `fields` system parameter declared on the sessions list, in a
    /// fresh folder.
    static func registryWithFieldsParameter() throws -> URL {
        let folder = try RegistryFixtures.temporaryDirectory()
        let source = EmulatorHarness.providers.appendingPathComponent("src")
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent("src"))
        let services = folder.appendingPathComponent("src/google/v00.00.00000/services")
        // Written back as plain JSON under the bundle's name: the reader takes gzip or not.
        let file = services.appendingPathComponent("dataproc.json.gz")
        var document = try #require(JSONSerialization.jsonObject(with: DocumentReader.bytes(of: file)) as? [String: Any])
        var paths = try #require(document["paths"] as? [String: Any])
        let key = "/v1/projects/{projectsId}/locations/{locationsId}/sessions"
        var path = try #require(paths[key] as? [String: Any])
        var list = try #require(path["get"] as? [String: Any])
        var parameters = try #require(list["parameters"] as? [Any])
        parameters.append(["in": "query", "name": "fields", "schema": ["type": "string"]])
        list["parameters"] = parameters
        path["get"] = list
        paths[key] = path
        document["paths"] = paths
        try JSONSerialization.data(withJSONObject: document).write(to: file)
        return folder
    }
}

extension EmulatorHarness {
    /// The bytes of the 200 answers the emulator served for `method`.
    func servedBytes(_ method: String) async -> Int {
        guard case .number(let n)? = await emulator.stats()["bytes"]?[method] else { return 0 }
        return Int(n)
    }
}
