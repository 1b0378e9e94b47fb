import Foundation
import Testing
@testable import StackQ

/// Every read method of an imported Discovery document is reachable by SELECT: trimmed real documents with
/// ambiguous nestings (dialogflow, aiplatform), Compute's aggregatedList and a settings-style GET.
@Suite struct ReadMethodImportTests {
    /// Imports one trimmed fixture into a fresh registry; the summary must report no failure.
    func imported(_ fixture: String) throws -> (Registry, ImportSummary, URL) {
        let output = try RegistryFixtures.temporaryDirectory()
        let summary = try DiscoveryImporter.importDocuments([RegistryFixtures.discovery(fixture)], into: output,
                                                            overlaysDirectory: nil, verify: true)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        return (Registry(root: output, cacheDirectory: nil), summary, output)
    }

    /// The URLs a SELECT would call (dry run, no HTTP).
    func plannedURLs(_ sql: String, registry folder: URL) async throws -> [String] {
        var configuration = EngineConfiguration(registryPath: folder.path, dryRun: true)
        // The folder is new each run: its parsed documents are not worth caching.
        configuration.registryCacheDirectory = nil
        let engine = try Engine(configuration: configuration)
        let result = try await engine.execute(sql)[0]
        try await engine.shutdown()
        let method = try #require(result.columns.firstIndex { $0.name == "url" })
        // Which path a method plans is the point here; the query stackq adds to every Google call is not.
        return result.rows.map { GoogleDefaults.strip($0[method].textValue ?? "") }
    }

    @Test func dialogflowDocumentNestingsBecomeTwoResourcesNamedByTheirPaths() async throws {
        let (registry, summary, folder) = try imported("dialogflow.v2.documents.json")
        #expect(summary.unreachable.isEmpty, "\(summary.unreachable)")
        let names = try registry.service(provider: "google", name: "dialogflow").resources.map(\.name)
        #expect(names == ["agent_knowledge_bases_documents", "documents"])
        let ids = "projectsId = 'p' AND knowledgeBasesId = 'kb' AND documentsId = 'd'"
        #expect(try await plannedURLs("SELECT * FROM google.dialogflow.documents WHERE \(ids)", registry: folder)
            == ["https://dialogflow.googleapis.com/v2/projects/p/knowledgeBases/kb/documents/d"])
        #expect(try await plannedURLs("SELECT * FROM google.dialogflow.agent_knowledge_bases_documents WHERE \(ids)", registry: folder)
            == ["https://dialogflow.googleapis.com/v2/projects/p/agent/knowledgeBases/kb/documents/d"])
        #expect(try await plannedURLs("SELECT * FROM google.dialogflow.agent_knowledge_bases_documents WHERE projectsId = 'p' AND knowledgeBasesId = 'kb'",
                                      registry: folder)
            == ["https://dialogflow.googleapis.com/v2/projects/p/agent/knowledgeBases/kb/documents"])
    }

    @Test func aiplatformRagEngineOperationsGetTheirOwnResource() async throws {
        let (registry, summary, folder) = try imported("aiplatform.v1.operations.json")
        #expect(summary.unreachable.isEmpty, "\(summary.unreachable)")
        let service = try registry.service(provider: "google", name: "aiplatform")
        #expect(service.resources.map(\.name) == ["operations", "rag_engine_config_operations"])
        #expect(service.resource(named: "rag_engine_config_operations")?.methods(for: .select).map(\.name)
            == ["projects_locations_rag_engine_config_operations_get", "projects_locations_rag_engine_config_operations_list"])
        let ids = "projectsId = 'p' AND locationsId = 'us-central1' AND operationsId = 'o'"
        #expect(try await plannedURLs("SELECT * FROM google.aiplatform.operations WHERE \(ids)", registry: folder)
            == ["https://aiplatform.googleapis.com/v1/projects/p/locations/us-central1/operations/o"])
        #expect(try await plannedURLs("SELECT * FROM google.aiplatform.rag_engine_config_operations WHERE \(ids)", registry: folder)
            == ["https://aiplatform.googleapis.com/v1/projects/p/locations/us-central1/ragEngineConfig/operations/o"])
    }

    @Test func computeAggregatedListIsASelectOverEveryScope() throws {
        let (registry, summary, _) = try imported("compute.v1.instances.json")
        #expect(summary.unreachable.isEmpty, "\(summary.unreachable)")
        let (service, instances) = try registry.resource(provider: "google", service: "compute", resource: "instances")
        let aggregated = try #require(instances.method(named: "instances_aggregated_list"))
        #expect(aggregated.sqlVerb == .select)
        #expect(aggregated.path == "/projects/{project}/aggregated/instances")
        #expect(aggregated.response.objectKey == "$.items.*.instances[*]")
        #expect(aggregated.pagination == .google)
        #expect(registry.columns(of: instances, in: service, method: aggregated).map(\.name)
            == registry.columns(of: instances, in: service).map(\.name))
        #expect(try MethodSelector.choose(resource: instances, bound: ["project"]).name == "instances_aggregated_list")
        #expect(try MethodSelector.choose(resource: instances, bound: ["project", "zone"]).name == "instances_list")
        #expect(try MethodSelector.choose(resource: instances, bound: ["project", "zone", "instance"]).name == "instances_get")
        #expect(try registry.showMethods(provider: "google", service: "compute", resource: "instances").rows.map { $0[0] ?? "" }
            == ["instances_get", "instances_list", "instances_aggregated_list"])
    }

    @Test func aSettingsGetIsAOneRowResourceOfItsOwn() async throws {
        let (registry, summary, folder) = try imported("advisorynotifications.v1.settings.json")
        #expect(summary.unreachable.isEmpty, "\(summary.unreachable)")
        let (_, settings) = try registry.resource(provider: "google", service: "advisorynotifications", resource: "settings")
        let get = try #require(settings.method(named: "projects_locations_get_settings"))
        #expect(get.sqlVerb == .select)
        #expect(get.response.objectKey == nil)
        #expect(try registry.describe(provider: "google", service: "advisorynotifications", resource: "settings").rows
            == [["etag", "string"], ["name", "string"], ["notificationSettings", "object"]])
        #expect(try await plannedURLs("SELECT name FROM google.advisorynotifications.settings WHERE projectsId = 'p' AND locationsId = 'global'",
                                      registry: folder)
            == ["https://advisorynotifications.googleapis.com/v1/projects/p/locations/global/settings"])
        // The name it had before names followed StackQL's still resolves, though SHOW RESOURCES lists it no more.
        #expect(try await plannedURLs("SELECT name FROM google.advisorynotifications.locations_settings WHERE projectsId = 'p' AND locationsId = 'global'",
                                      registry: folder)
            == ["https://advisorynotifications.googleapis.com/v1/projects/p/locations/global/settings"])
        #expect(try !registry.showResources(provider: "google", service: "advisorynotifications").rows.contains { $0[0] == "locations_settings" })
    }

    @Test(arguments: [("getSettings", "settings"), ("listUsable", "usable"), ("search", "search"),
                      ("getEffectiveFirewalls", "effective_firewalls"), ("get", "get"), ("listen", "listen")])
    func otherReadsAreNamedByTheirMethod(key: String, suffix: String) {
        #expect(DiscoveryConverter.readSuffix(key) == suffix)
    }

    @Test func theReportCountsUnreachableMethods() throws {
        let (_, summary, _) = try imported("compute.v1.instances.json")
        #expect(summary.report.contains("unreachable read methods: 0"))
    }
}

/// The query stackq adds to Google calls on its own (the largest page, compact JSON, the members it reads).
enum GoogleDefaults {
    static func strip(_ url: String) -> String {
        guard let question = url.firstIndex(of: "?") else { return url }
        let kept = url[url.index(after: question)...].split(separator: "&")
            .filter { !["pageSize=1000", "maxResults=500", "prettyPrint=false"].contains($0) && !$0.hasPrefix("fields=") }
        return String(url[..<question]) + (kept.isEmpty ? "" : "?" + kept.joined(separator: "&"))
    }
}
