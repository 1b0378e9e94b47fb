import Foundation
import Testing
@testable import StackQ

/// Names a statement gives that are no resource's or method's own, and what they mean: the same name without
/// its word breaks, a singular for its plural, a method's whole verb, a method the import put on another resource.
@Suite struct NameResemblanceTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "desks", "version": "v1", "revision": "20261101",
      "rootUrl": "https://desks.googleapis.com/", "servicePath": "",
      "schemas": {
        "Key": {"id": "Key", "type": "object", "properties": {"name": {"type": "string"}, "primary": {"type": "string"}}},
        "ListKeysResponse": {"id": "ListKeysResponse", "type": "object", "properties": {"keys": {"type": "array", "items": {"$ref": "Key"}}, "nextPageToken": {"type": "string"}}},
        "UpdatePrimaryVersionRequest": {"id": "UpdatePrimaryVersionRequest", "type": "object", "properties": {"versionId": {"type": "string"}}},
        "EnrollDataSourcesRequest": {"id": "EnrollDataSourcesRequest", "type": "object", "properties": {"dataSourceIds": {"type": "array", "items": {"type": "string"}}}},
        "DataSource": {"id": "DataSource", "type": "object", "properties": {"name": {"type": "string"}}},
        "ListDataSourcesResponse": {"id": "ListDataSourcesResponse", "type": "object", "properties": {"dataSources": {"type": "array", "items": {"$ref": "DataSource"}}, "nextPageToken": {"type": "string"}}},
        "WriteRequest": {"id": "WriteRequest", "type": "object", "properties": {"streamId": {"type": "string"}}},
        "BatchWriteRequest": {"id": "BatchWriteRequest", "type": "object", "properties": {"writes": {"type": "array", "items": {"type": "string"}}}},
        "Empty": {"id": "Empty", "type": "object", "properties": {}},
        "Installation": {"id": "Installation", "type": "object", "properties": {"id": {"type": "string"}}},
        "FetchGitHubInstallationsResponse": {"id": "FetchGitHubInstallationsResponse", "type": "object", "properties": {"installations": {"type": "array", "items": {"$ref": "Installation"}}}},
        "ProcessGitHubWebhookRequest": {"id": "ProcessGitHubWebhookRequest", "type": "object", "properties": {"body": {"type": "string"}}},
        "Schema": {"id": "Schema", "type": "object", "properties": {"name": {"type": "string"}, "revisionId": {"type": "string"}}},
        "ListSchemaRevisionsResponse": {"id": "ListSchemaRevisionsResponse", "type": "object", "properties": {"schemas": {"type": "array", "items": {"$ref": "Schema"}}, "nextPageToken": {"type": "string"}}}
      },
      "resources": {"projects": {
        "methods": {
          "enrollDataSources": {"id": "desks.projects.enrollDataSources", "flatPath": "v1/projects/{projectsId}:enrollDataSources", "httpMethod": "POST",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "request": {"$ref": "EnrollDataSourcesRequest"}, "response": {"$ref": "Empty"}}
        },
        "resources": {
        "keys": {"methods": {
          "get": {"id": "desks.projects.keys.get", "flatPath": "v1/projects/{projectsId}/keys/{keysId}", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "keysId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "Key"}},
          "list": {"id": "desks.projects.keys.list", "flatPath": "v1/projects/{projectsId}/keys", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "ListKeysResponse"}},
          "updatePrimaryVersion": {"id": "desks.projects.keys.updatePrimaryVersion", "flatPath": "v1/projects/{projectsId}/keys/{keysId}:updatePrimaryVersion", "httpMethod": "POST",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "keysId": {"type": "string", "location": "path", "required": true}},
            "request": {"$ref": "UpdatePrimaryVersionRequest"}, "response": {"$ref": "Key"}}
        }},
        "dataSources": {"methods": {
          "list": {"id": "desks.projects.dataSources.list", "flatPath": "v1/projects/{projectsId}/dataSources", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "ListDataSourcesResponse"}}
        }},
        "documents": {"methods": {
          "write": {"id": "desks.projects.documents.write", "flatPath": "v1/projects/{projectsId}/documents:write", "httpMethod": "POST",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "request": {"$ref": "WriteRequest"}, "response": {"$ref": "Empty"}},
          "batchWrite": {"id": "desks.projects.documents.batchWrite", "flatPath": "v1/projects/{projectsId}/documents:batchWrite", "httpMethod": "POST",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "request": {"$ref": "BatchWriteRequest"}, "response": {"$ref": "Empty"}}
        }},
        "connections": {"methods": {
          "processGitHubWebhook": {"id": "desks.projects.connections.processGitHubWebhook", "flatPath": "v1/projects/{projectsId}/connections:processGitHubWebhook", "httpMethod": "POST",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
            "request": {"$ref": "ProcessGitHubWebhookRequest"}, "response": {"$ref": "Empty"}},
          "fetchGitHubInstallations": {"id": "desks.projects.connections.fetchGitHubInstallations", "flatPath": "v1/projects/{projectsId}/connections/{connectionsId}:fetchGitHubInstallations", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "connectionsId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "FetchGitHubInstallationsResponse"}},
          "get": {"id": "desks.projects.connections.get", "flatPath": "v1/projects/{projectsId}/connections/{connectionsId}", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "connectionsId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "Empty"}}
        }},
        "schemas": {"methods": {
          "listRevisions": {"id": "desks.projects.schemas.listRevisions", "flatPath": "v1/projects/{projectsId}/schemas/{schemasId}:listRevisions", "httpMethod": "GET",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "schemasId": {"type": "string", "location": "path", "required": true}},
            "response": {"$ref": "ListSchemaRevisionsResponse"}},
          "deleteRevision": {"id": "desks.projects.schemas.deleteRevision", "flatPath": "v1/projects/{projectsId}/schemas/{schemasId}:deleteRevision", "httpMethod": "DELETE",
            "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}, "schemasId": {"type": "string", "location": "path", "required": true},
                           "revisionId": {"type": "string", "location": "query"}},
            "response": {"$ref": "Schema"}}
        }}
      }}}
    }
    """#

    private static func registryFolder() throws -> URL {
        try RegistryFixtures.imported(document: document, fileName: "desks.v1.json")
    }

    /// The calls a statement plans (dry run: nothing is sent).
    private static func planned(_ sql: String) async throws -> [String] {
        try await RegistryFixtures.plannedCalls(sql, registry: try registryFolder())
    }

    private static func registry() throws -> Registry {
        Registry(root: try registryFolder(), cacheDirectory: nil)
    }

    @Test(arguments: [
        ("projects_connections_process_git_hub_webhook", true), ("process_git_hub_webhook", true),
        ("processgithub_webhook", true), ("process-git-hub-webhook", true), ("PROCESSGITHUB_WEBHOOK", true),
        ("projects_connections_processgithubwebhook", true),
        ("ocessgithub_webhook", false), ("ithub_webhook", false), ("hub_webhook", true), ("", false), ("_", false),
    ])
    func aNameEndsWithASpellingOnlyAtAWordBoundary(spelling: String, matches: Bool) {
        #expect(LooseName.name("projects_connections_process_git_hub_webhook", endsWith: spelling) == matches)
    }

    @Test(arguments: ["processgithub_webhook", "process-git-hub-webhook", "projects_connections_processgithub_webhook"])
    func aMethodNameMatchesWithoutItsWordBreaks(name: String) throws {
        let (_, _, method) = try Self.registry().method(provider: "google", service: "desks", resource: "connections",
                                                         method: name)
        #expect(method.name == "projects_connections_process_git_hub_webhook")
    }

    @Test func anExecNamesAMethodWithoutItsWordBreaks() async throws {
        #expect(try await Self.planned("EXEC google.desks.connections.processgithub_webhook @projectsId = 'p'")
            == ["projects_connections_process_git_hub_webhook https://desks.googleapis.com/v1/projects/p/connections:processGitHubWebhook"])
    }

    @Test func aResourceNameMatchesWithoutItsWordBreaks() async throws {
        #expect(try await Self.planned("SELECT installations FROM google.desks.github_installations WHERE projectsId = 'p' AND connectionsId = 'c'")
            == ["projects_connections_fetch_git_hub_installations https://desks.googleapis.com/v1/projects/p/connections/c:fetchGitHubInstallations"])
    }

    @Test func aSingularResourceNameMeansItsPlural() async throws {
        #expect(try await Self.planned("DELETE FROM google.desks.schemas_revision WHERE projectsId = 'p' AND schemasId = 's' AND revisionId = 'r'")
            == ["projects_schemas_delete_revision https://desks.googleapis.com/v1/projects/p/schemas/s:deleteRevision?revisionId=r"])
    }

    @Test func aShortNameMeansTheMethodWhoseWholeVerbItIs() async throws {
        #expect(try await Self.planned("EXEC google.desks.documents.write @projectsId = 'p'")
            == ["projects_documents_write https://desks.googleapis.com/v1/projects/p/documents:write"])
        #expect(try await Self.planned("EXEC google.desks.documents.batch_write @projectsId = 'p'")
            == ["projects_documents_batch_write https://desks.googleapis.com/v1/projects/p/documents:batchWrite"])
    }

    @Test func aCustomMethodOfTheResourcesObjectIsFoundWhereTheImportPutIt() async throws {
        #expect(try await Self.planned("EXEC google.desks.keys.update_primary_version @projectsId = 'p', @keysId = 'k'")
            == ["projects_keys_update_primary_version https://desks.googleapis.com/v1/projects/p/keys/k:updatePrimaryVersion"])
    }

    @Test(arguments: ["projects_enroll_data_sources", "enroll_data_sources"])
    func aMethodWhoseVerbTakesTheResourceAsItsObjectIsFoundWhereTheImportPutIt(name: String) async throws {
        #expect(try await Self.planned("EXEC google.desks.data_sources.\(name) @projectsId = 'p'")
            == ["projects_enroll_data_sources https://desks.googleapis.com/v1/projects/p:enrollDataSources"])
    }

    @Test func namesThatMeanNothingStillFailWithSuggestions() throws {
        let registry = try Self.registry()
        #expect {
            try registry.method(provider: "google", service: "desks", resource: "keys", method: "update_primary")
        } throws: { error in
            "\(error)".contains("unknown method 'update_primary' of google.desks.keys")
        }
        #expect {
            try registry.method(provider: "google", service: "desks", resource: "keys", method: "ocessgithub_webhook")
        } throws: { error in "\(error)".contains("unknown method") }
        #expect {
            try registry.resource(provider: "google", service: "desks", resource: "github_installation_things")
        } throws: { error in
            "\(error)".contains("unknown resource 'github_installation_things' in google.desks; did you mean")
        }
    }

    @Test func aLooseSpellingOfSeveralNamesMeansNone() {
        func method(_ name: String) -> Method {
            Method(name: name, sqlVerb: .exec, httpMethod: "POST", path: "/v1/\(name)", parameters: [], response: ResponseInfo())
        }
        let resource = Resource(name: "hooks", id: "google.desks.hooks",
                                methods: [method("projects_git_hub_sync"), method("projects_github_sync")])
        #expect(resource.methods(matching: "githubsync").map(\.name) == ["projects_git_hub_sync", "projects_github_sync"])
        #expect(resource.method(matching: "githubsync", given: nil) == nil)
        let service = ProviderService(provider: "google", name: "desks", servers: [], resources: [
            Resource(name: "git_hub_hooks", id: "google.desks.git_hub_hooks", methods: []),
            Resource(name: "github_hooks", id: "google.desks.github_hooks", methods: []),
        ], schemas: [:])
        #expect(service.resource(resembling: "githubhooks") == nil)
        #expect(service.resource(resembling: "github_hook")?.name == "github_hooks")
    }

    @Test func aShortNameIsAWholeVerbOnlyWhenTheWordsBeforeItAreNoCollection() {
        func method(_ name: String, _ path: String) -> Method {
            let names = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            return Method(name: name, sqlVerb: .exec, httpMethod: "POST", path: path,
                          parameters: names.map { Parameter(name: $0, location: .path, isRequired: true) },
                          response: ResponseInfo())
        }
        let documents = Resource(name: "documents", id: "google.desks.documents", methods: [
            method("projects_documents_batch_write", "/v1/projects/{projectsId}/documents:batchWrite"),
            method("projects_documents_write", "/v1/projects/{projectsId}/documents:write"),
        ])
        #expect(documents.method(matching: "write", given: nil)?.name == "projects_documents_write")
        let configs = Resource(name: "configs", id: "google.desks.configs", methods: [
            method("projects_get_config", "/v1/projects/{projectsId}/config"),
            method("projects_locations_get_config", "/v1/projects/{projectsId}/locations/{locationsId}/config"),
        ])
        #expect(configs.method(matching: "get_config", given: nil) == nil)
        #expect(configs.method(matching: "get_config", given: ["projectsId", "locationsId"])?.name == "projects_locations_get_config")
    }
}
