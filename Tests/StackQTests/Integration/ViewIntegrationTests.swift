import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// StackQL views from the registry sample (homebrew's `formula` document): SELECT plans the underlying
/// resource's calls from the view's WHERE, DESCRIBE shows the view's columns.
@Suite struct ViewIntegrationTests {
    static let token = "homebrew-token"
    static let registry = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/registry")

    static let seed = #"""
    {"resources": {"api/formula": [
      {"name": "curl", "full_name": "curl", "homepage": "https://curl.se", "license": "curl",
       "versions": {"stable": "8.11.0", "head": "HEAD", "bottle": true}, "deprecated": false, "disabled": false,
       "dependencies": ["brotli", "libssh2"], "analytics": {"build_error": {"30d": {"curl": 7}}},
       "generated_date": "2026-11-30"},
      {"name": "stackql", "full_name": "stackql", "homepage": "https://stackql.io", "license": "MIT",
       "versions": {"stable": "0.6.7", "bottle": false}, "deprecated": false, "disabled": false,
       "dependencies": [], "generated_date": "2026-11-30"}
    ]}}
    """#

    /// Runs `body` with an emulator serving homebrew's formula service and an engine pointed at it, both stopped afterwards.
    static func with(_ body: (EmulatorHarness, Engine) async throws -> Void) async throws {
        let formula = try Registry(root: registry, cacheDirectory: nil).service(provider: "homebrew", name: "formula")
        try await EmulatorHarness.with(seed: SeedData(json: JSONValue(parsing: Array(seed.utf8))), services: [formula]) { harness in
            try await harness.withEngine(provider: "homebrew", registryPath: registry.path) { engine async throws in
                try await body(harness, engine)
            }
        }
    }

    static func rows(_ sql: String, _ engine: Engine) async throws -> [[String?]] {
        try await engine.execute(sql).last.map { $0.rows.map { $0.map(\.textValue) } } ?? []
    }

    static func requests(_ emulator: Emulator) async -> [String: Int] {
        guard case .object(let statuses)? = await emulator.stats()["methods"]?["get_formula"] else { return [:] }
        var counts: [String: Int] = [:]
        for (status, value) in statuses {
            if case .number(let n) = value { counts[status] = Int(n) }
        }
        return counts
    }

    @Test func aViewAnswersWithTheFormulaTheWhereClauseNames() async throws {
        try await Self.with { harness, engine async throws in
            let emulator = harness.emulator
            let rows = try await Self.rows("""
                SELECT formula_name, full_name, latest_version, license, deprecated FROM homebrew.formula.vw_info
                WHERE formula_name = 'curl'
                """, engine)
            #expect(rows == [["curl", "curl", "8.11.0", "curl", "0"]])
            #expect(await Self.requests(emulator) == ["200": 1])
        }
    }

    @Test func anInListFansOutAndWithoutAWhereTheViewUsesItsOwn() async throws {
        try await Self.with { harness, engine async throws in
            let emulator = harness.emulator
            #expect(try await Self.rows("""
                SELECT v.formula_name, v.stable_version, v.bottle_available FROM homebrew.formula.vw_versions v
                WHERE v.formula_name IN ('curl', 'stackql') ORDER BY 1
                """, engine) == [["curl", "8.11.0", "true"], ["stackql", "0.6.7", "false"]])
            #expect(try await Self.rows("SELECT formula_name, build_errors_30d FROM homebrew.formula.vw_build_errors WHERE formula_name = 'curl'", engine)
                == [["curl", "7"]])
            #expect(try await Self.rows("SELECT formula_name FROM homebrew.formula.vw_lifecycle", engine) == [["stackql"]])
            #expect(await Self.requests(emulator) == ["200": 4])
        }
    }

    @Test func aViewJoinsAResource() async throws {
        try await Self.with { _, engine in
            let rows = try await Self.rows("""
                SELECT f.homepage, d.dependencies FROM homebrew.formula.formula f
                JOIN homebrew.formula.vw_dependencies d ON d.formula_name = f.name
                WHERE f.formula_name = 'curl' AND d.formula_name = 'curl'
                """, engine)
            #expect(rows == [["https://curl.se", #"["brotli","libssh2"]"#]])
        }
    }

    @Test func describeShowsAViewsColumns() async throws {
        let engine = try Engine(configuration: EngineConfiguration(registryPath: Self.registry.path))
        let result = try await engine.execute("DESCRIBE homebrew.formula.vw_info")[0]
        try await engine.shutdown()
        #expect(result.columns.map(\.name) == ["name", "type"])
        #expect(result.rows.map { $0.map(\.textValue) } == [
            ["formula_name", "string"], ["full_name", "string"], ["generated_date", "string"], ["homepage", "string"],
            ["latest_version", "string"], ["license", "string"], ["deprecated", "boolean"], ["disabled", "boolean"],
        ])
    }
}
