import Foundation
import StackQ
import StackQTesting
import StackQEmulator
import Testing

/// Compute instances across zones from the emulator: aggregatedList when no zone is bound, instances_list
/// when one is.
@Suite struct ComputeIntegrationTests {
    static let token = "compute-token"

    /// Instances in three zones, inserted zone by zone so that pages of 4 span zones.
    static let seed = #"""
    {"resources": {
      "projects/p/zones/us-central1-a/instances": [
        {"name": "vm-a1", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a", "status": "RUNNING"},
        {"name": "vm-a2", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/us-central1-a", "status": "STOPPED"}],
      "projects/p/zones/europe-west1-b/instances": [
        {"name": "vm-b1", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b", "status": "RUNNING"},
        {"name": "vm-b2", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b", "status": "RUNNING"},
        {"name": "vm-b3", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/europe-west1-b", "status": "TERMINATED"}],
      "projects/p/zones/asia-east1-c/instances": [
        {"name": "vm-c1", "zone": "https://www.googleapis.com/compute/v1/projects/p/zones/asia-east1-c", "status": "RUNNING"}],
      "projects/other/zones/us-central1-a/instances": [
        {"name": "vm-x1", "zone": "https://www.googleapis.com/compute/v1/projects/other/zones/us-central1-a", "status": "RUNNING"}]
    }}
    """#

    /// Runs `body` with an emulator serving the trimmed compute.v1 fixture, pages of 4 and an engine pointed at it, both stopped afterwards.
    static func with(_ body: (EmulatorHarness, Engine) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-compute-\(UUID().uuidString)")
        let fixture = try #require(Bundle.module.url(forResource: "Fixtures/discovery/compute.v1.instances", withExtension: "json"))
        let summary = try DiscoveryImporter.importDocuments([fixture], into: folder, overlaysDirectory: nil)
        #expect(summary.failures.isEmpty)
        defer { try? FileManager.default.removeItem(at: folder) }
        let compute = try Registry(root: folder, cacheDirectory: nil).service(provider: "google", name: "compute")
        try await EmulatorHarness.with({ $0.defaultPageSize = 4; $0.maximumPageSize = 4 }, seed: SeedData(json: JSONValue(parsing: Array(seed.utf8))), services: [compute]) { harness in
            try await harness.withEngine(provider: "google", registryPath: folder.path) { engine in
                try await body(harness, engine)
            }
        }
    }

    static func rows(_ sql: String, _ engine: Engine) async throws -> [[String?]] {
        do {
            return try await engine.execute(sql).last.map { $0.rows.map { $0.map(\.textValue) } } ?? []
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    static func requests(_ method: String, _ emulator: Emulator) async -> Int {
        guard case .object(let statuses)? = await emulator.stats()["methods"]?[method],
              case .number(let count)? = statuses.first(where: { $0.key == "200" })?.value else { return 0 }
        return Int(count)
    }

    @Test func withoutAZoneInstancesOfEveryZoneComeFromAggregatedListPages() async throws {
        try await Self.with { harness, engine in
            let emulator = harness.emulator
            let rows = try await Self.rows("SELECT name, zone, status FROM google.compute.instances WHERE project = 'p' ORDER BY name", engine)
            #expect(rows == [["vm-a1", "us-central1-a", "RUNNING"], ["vm-a2", "us-central1-a", "STOPPED"],
                             ["vm-b1", "europe-west1-b", "RUNNING"], ["vm-b2", "europe-west1-b", "RUNNING"],
                             ["vm-b3", "europe-west1-b", "TERMINATED"], ["vm-c1", "asia-east1-c", "RUNNING"]])
            #expect(await Self.requests("instances_aggregated_list", emulator) == 2)
            #expect(await Self.requests("instances_list", emulator) == 0)
        }
    }

    @Test func aBoundZoneUsesInstancesListAndKeepsTheZoneAsWritten() async throws {
        try await Self.with { harness, engine in
            let emulator = harness.emulator
            let rows = try await Self.rows("""
                SELECT zone, count(*) FROM google.compute.instances
                WHERE project = 'p' AND zone IN ('europe-west1-b', 'asia-east1-c') GROUP BY zone ORDER BY zone
                """, engine)
            #expect(rows == [["asia-east1-c", "1"], ["europe-west1-b", "3"]])
            #expect(await Self.requests("instances_list", emulator) == 2)
            #expect(await Self.requests("instances_aggregated_list", emulator) == 0)
        }
    }

    @Test func aFilterOnTheZoneColumnAppliesToAggregatedRows() async throws {
        try await Self.with { harness, engine in
            let emulator = harness.emulator
            let rows = try await Self.rows("""
                SELECT zone, count(*) FROM google.compute.instances WHERE project = 'p' AND zone LIKE 'us-%' GROUP BY zone
                """, engine)
            #expect(rows == [["us-central1-a", "2"]])
            #expect(await Self.requests("instances_aggregated_list", emulator) == 2)
        }
    }
}
