import Foundation
@testable import StackQ
import Testing

/// Issue 14 item 18: `{{ name }}` is a quoted literal, an undefined one an error before any call.
@Suite struct ScriptVariablesTests {
    @Test func anUndefinedVariableIsAnErrorBeforeAnyCall() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine(variables: ["project": "good"])
        let error = try #require(await harness.error("""
            SELECT name FROM google.dataproc.sessions WHERE projectsId = {{ project }} AND locationsId = 'l';
            SELECT name FROM google.dataproc.sessions WHERE projectsId = {{ project }} AND locationsId = {{ region }}
            """, engine: engine) as? ScriptVariables.UndefinedVariable)
        #expect(error.name == "region")
        #expect(error.description.hasPrefix("2:"))
        #expect(error.description.contains("--var region=VALUE"))
        #expect(harness.server.requests.isEmpty)
    }

    @Test func aValueIsAQuotedLiteralNotSQL() async throws {
        let harness = try await HostileHarness.start()
        defer { Task { await harness.stop() } }
        let engine = try harness.engine(variables: ["project": "good' OR '1'='1", "region": "l"])
        _ = await harness.error("SELECT name FROM google.dataproc.sessions WHERE projectsId = {{ project }} AND locationsId = '{{ region }}'",
                                engine: engine)
        #expect(harness.server.requests.count == 1)
        #expect(harness.server.requests.first?.uri.hasPrefix("/v1/projects/good%27%20OR%20%271%27%3D%271/locations/l/sessions") == true,
                "\(harness.server.requests.map(\.uri))")
    }

    @Test(arguments: [
        ("SELECT {{ v }}", "SELECT 'it''s'"),
        ("SELECT '{{ v }}'", "SELECT 'it''s'"),
        ("SELECT \"{{.v}}\"", "SELECT \"it's\""),
        ("SELECT {{ n | raw }} + 1", "SELECT 41 + 1"),
        ("SELECT 1 -- {{ undefined }}\n", "SELECT 1 -- {{ undefined }}\n"),
        ("SELECT 1 /* {{ undefined }} */", "SELECT 1 /* {{ undefined }} */"),
        ("SELECT '{' || '}'", "SELECT '{' || '}'"),
    ])
    func substitution(_ script: String, _ expected: String) throws {
        #expect(try ScriptVariables.substitute(["v": "it's", "n": "41"], in: script) == expected)
    }
}
