import Foundation
@testable import StackQ

/// Locations of the test fixtures and the repository's own registry files.
enum RegistryFixtures {
    /// `Fixtures/` as copied into the test bundle.
    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    /// The mini StackQL registry: trimmed copies of StackQL's google (dataproc, aiplatform), homebrew and github docs.
    static var stackQLRegistry: URL { fixtures.appendingPathComponent("registry") }

    /// Trimmed Google Discovery documents.
    static func discovery(_ name: String) -> URL {
        fixtures.appendingPathComponent("discovery").appendingPathComponent(name)
    }

    /// The repository root (this file is Tests/StackQTests/Registry/RegistryFixtures.swift).
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The repository's overlays folder.
    static var overlays: URL { repository.appendingPathComponent("providers/overlays") }

    /// A fresh empty temporary folder.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("stackq-registry-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh registry folder with a Discovery document (`name.version.json`'s text) imported, with the overlays
    /// given (`service` → overlay text); the import must report no failure.
    static func imported(document: String, fileName: String, overlays: [String: String] = [:]) throws -> URL {
        let folder = try temporaryDirectory()
        let file = folder.appendingPathComponent(fileName)
        try Data(document.utf8).write(to: file)
        let overlaysFolder = folder.appendingPathComponent("overlays")
        try FileManager.default.createDirectory(at: overlaysFolder.appendingPathComponent("google"), withIntermediateDirectories: true)
        for (service, text) in overlays {
            try Data(text.utf8).write(to: overlaysFolder.appendingPathComponent("google/\(service).json"))
        }
        let summary = try DiscoveryImporter.importDocuments([file], into: folder, overlaysDirectory: overlaysFolder, verify: true)
        guard summary.failures.isEmpty else { throw PlanError(message: "import failed: \(summary.failures)") }
        return folder
    }

    /// The calls a statement plans on the registry in `folder` (a dry run: nothing is sent), each as its method's
    /// last name part and its URL without the query stackq adds to every Google call.
    static func plannedCalls(_ sql: String, registry folder: URL) async throws -> [String] {
        var configuration = EngineConfiguration(registryPath: folder.path, dryRun: true)
        configuration.registryCacheDirectory = nil
        let engine = try Engine(configuration: configuration)
        let result: ResultSet
        do { result = try await engine.execute(sql)[0] } catch { try await engine.shutdown(); throw error }
        try await engine.shutdown()
        guard let method = result.columns.firstIndex(where: { $0.name == "method" }),
              let url = result.columns.firstIndex(where: { $0.name == "url" }) else { return [] }
        return result.rows.map { row in
            String((row[method].textValue ?? "").split(separator: ".").last ?? "") + " " + GoogleDefaults.strip(row[url].textValue ?? "")
        }
    }

    /// The StackQL fixture registry with YAML caching into a fresh temporary folder.
    static func stackQL() throws -> Registry {
        Registry(root: stackQLRegistry, cacheDirectory: try temporaryDirectory())
    }

    /// A registry imported from the trimmed Discovery fixtures with the repository's overlays.
    static func imported() throws -> Registry {
        let output = try temporaryDirectory()
        _ = try DiscoveryImporter.importDocuments(
            [discovery("dataproc.v1.sessions.json"), discovery("aiplatform.v1.notebookExecutionJobs.json")],
            into: output, overlaysDirectory: overlays)
        return Registry(root: output, cacheDirectory: nil)
    }

    /// The seed's `google.dataproc.sessions` fields and types (shared/seeds/stackql-google-dataproc-sessions.md).
    static let sessionFields: [String: String] = [
        "name": "string", "user": "string", "state": "string", "stateTime": "string", "sessionTemplate": "string",
        "jupyterSession": "object", "stateHistory": "array", "labels": "object", "environmentConfig": "object",
        "uuid": "string", "createTime": "string", "stateMessage": "string", "creator": "string",
        "runtimeConfig": "object", "runtimeInfo": "object",
    ]

    /// The seed's NotebookExecutionJob model fields (shared/seeds/aiplatform-notebook-execution-job-model.md).
    static let notebookExecutionJobFields: [String] = [
        "scheduleResourceName", "executionTimeout", "notebookRuntimeTemplateResourceName", "createTime", "labels",
        "directNotebookSource", "name", "displayName", "updateTime", "serviceAccount", "status", "jobState",
        "gcsNotebookSource", "executionUser", "gcsOutputUri", "encryptionSpec", "dataformRepositorySource",
    ]

    /// The seed's SHOW METHODS IN google.dataproc.sessions, in order.
    static let sessionMethods: [[String?]] = [
        ["projects_locations_sessions_get", "locationsId, projectsId, sessionsId", "SELECT"],
        ["projects_locations_sessions_list", "locationsId, projectsId", "SELECT"],
        ["projects_locations_sessions_create", "locationsId, projectsId", "INSERT"],
        ["projects_locations_sessions_delete", "locationsId, projectsId, sessionsId", "DELETE"],
        ["_projects_locations_sessions_list", "locationsId, projectsId", "EXEC"],
        ["projects_locations_sessions_inject_credentials", "locationsId, projectsId, sessionsId", "EXEC"],
        ["projects_locations_sessions_terminate", "locationsId, projectsId, sessionsId", "EXEC"],
    ]
}
