import Foundation
import Testing
@testable import StackQ

/// Loading StackQL's own provider documents (trimmed copies, otherwise unchanged).
@Suite struct StackQLRegistryTests {
    @Test func listsProvidersByTheirDeclaredNames() throws {
        let registry = try RegistryFixtures.stackQL()
        #expect(try registry.providers().map(\.name) == ["github", "google", "homebrew"])
        #expect(try registry.showProviders().rows == [["github", "v00.00.00000"], ["google", "v00.00.00000"],
                                                      ["homebrew", "v00.00.00000"]])
    }

    @Test func findsAProviderWhoseFolderHasAnotherName() throws {
        let google = try RegistryFixtures.stackQL().provider(named: "google")
        #expect(google.services.map(\.name) == ["accessapproval", "aiplatform", "dataproc"])
        #expect(google.services[2].documentReference == "googleapis.com/v00.00.00000/services/dataproc.yaml")
        #expect(google.authConfig?["type"]?.stringValue == "service_account")
    }

    @Test func describesDataprocSessionsWithTheSeedTypes() throws {
        let table = try RegistryFixtures.stackQL().describe(provider: "google", service: "dataproc", resource: "sessions")
        #expect(table.columns == ["name", "type"])
        let types = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0]!, $0[1]!) })
        for (field, type) in RegistryFixtures.sessionFields {
            #expect(types[field] == type, "field \(field)")
        }
    }

    @Test func showsTheDocumentsSessionMethods() throws {
        let table = try RegistryFixtures.stackQL().showMethods(provider: "google", service: "dataproc", resource: "sessions")
        #expect(table.columns == ["MethodName", "RequiredParams", "SQLVerb"])
        #expect(table.rows == [
            ["projects_locations_sessions_get", "locationsId, projectsId, sessionsId", "SELECT"],
            ["projects_locations_sessions_list", "locationsId, projectsId", "SELECT"],
            ["projects_locations_sessions_create", "locationsId, projectsId", "INSERT"],
            ["projects_locations_sessions_delete", "locationsId, projectsId, sessionsId", "DELETE"],
            ["projects_locations_sessions_terminate", "locationsId, projectsId, sessionsId", "EXEC"],
        ])
    }

    @Test func resolvesOperationsParametersAndPagination() throws {
        let (_, sessions) = try RegistryFixtures.stackQL().resource(provider: "google", service: "dataproc", resource: "sessions")
        let list = try #require(sessions.method(named: "projects_locations_sessions_list"))
        #expect(list.httpMethod == "GET")
        #expect(list.path == "/v1/projects/{projectsId}/locations/{locationsId}/sessions")
        #expect(list.parameters.map(\.name) == ["projectsId", "locationsId", "filter", "pageSize", "pageToken"])
        #expect(list.parameter(named: "pageSize")?.type == "integer")
        #expect(list.parameter(named: "pageSize")?.format == "int32")
        #expect(list.response.objectKey == "$.sessions")
        #expect(list.response.schema == .ref("ListSessionsResponse"))
        #expect(list.pagination == .google)
        #expect(!list.isAwaitable)
        let create = try #require(sessions.method(named: "projects_locations_sessions_create"))
        #expect(create.isAwaitable)
        #expect(create.requestBody?.schema == .ref("Session"))
        #expect(create.pagination == nil)
        #expect(sessions.methods(for: .select).map(\.name) == ["projects_locations_sessions_get",
                                                                "projects_locations_sessions_list"])
    }

    @Test func keepsGoogleCommonParametersOutOfMethods() throws {
        let (_, sessions) = try RegistryFixtures.stackQL().resource(provider: "google", service: "dataproc", resource: "sessions")
        for method in sessions.methods {
            let names = Set(method.parameters.map(\.name))
            #expect(names.isDisjoint(with: ServiceDocumentLoader.commonGoogleParameters), "\(method.name)")
        }
    }

    @Test func describesNotebookExecutionJobsWithEveryModelField() throws {
        let table = try RegistryFixtures.stackQL().describe(provider: "google", service: "aiplatform",
                                                            resource: "notebook_execution_jobs", extended: true)
        #expect(table.columns == ["name", "type", "description"])
        let names = Set(table.rows.map { $0[0]! })
        for field in RegistryFixtures.notebookExecutionJobFields {
            #expect(names.contains(field), "field \(field)")
        }
        let jobState = try #require(table.rows.first { $0[0] == "jobState" })
        #expect(jobState[1] == "string")
        #expect(jobState[2]?.hasPrefix("Output only.") == true)
    }

    @Test func showsHomebrewResourcesIncludingViews() throws {
        let table = try RegistryFixtures.stackQL().showResources(provider: "homebrew", service: "formula")
        #expect(table.columns == ["name", "id"])
        #expect(table.rows.first == ["formula", "homebrew.formula.formula"])
        #expect(table.rows.contains(["vw_info", "homebrew.formula.vw_info"]))
        #expect(table.rows.count == 9)
    }

    @Test func keepsTheSQLiteDefinitionOfAView() throws {
        let (_, view) = try RegistryFixtures.stackQL().resource(provider: "homebrew", service: "formula", resource: "vw_info")
        #expect(view.methods.isEmpty)
        #expect(view.viewDefinition?.contains("JSON_EXTRACT(versions, '$.stable') as latest_version") == true)
        #expect(view.viewDefinition?.contains("json_extract_path_text") == false)
    }

    @Test func describesTheHomebrewFormulaFromItsGetResponse() throws {
        let registry = try RegistryFixtures.stackQL()
        let (service, formula) = try registry.resource(provider: "homebrew", service: "formula", resource: "formula")
        let columns = registry.columns(of: formula, in: service)
        #expect(columns.first == Column(name: "name", type: "string", description: "The name of the formula."))
        #expect(columns.first { $0.name == "versions" }?.type == "object")
        #expect(columns.first { $0.name == "oldnames" }?.type == "array")
        let get = try #require(formula.method(named: "get_formula"))
        #expect(get.requiredParameters.map(\.name) == ["formula_name"])
        #expect(get.path == "/{formula_name}.json")
        #expect(service.servers.first?.url == "https://formulae.brew.sh/api/formula")
    }

    @Test func readsGitHubParameterReferencesAndHeaderPagination() throws {
        let registry = try RegistryFixtures.stackQL()
        let (_, blocking) = try registry.resource(provider: "github", service: "users", resource: "blocking")
        let list = try #require(blocking.method(named: "list_blocked_by_authenticated_user"))
        #expect(list.parameters.map(\.name) == ["per_page", "page"])
        #expect(list.parameter(named: "per_page")?.type == "integer")
        #expect(list.pagination?.responseToken == "Link")
        #expect(list.pagination?.responseTokenLocation == .header)
        #expect(list.sqlVerb == .select)
        #expect(blocking.method(named: "block")?.sqlVerb == .exec)
        let (service, users) = try registry.resource(provider: "github", service: "users", resource: "users")
        #expect(!registry.columns(of: users, in: service).isEmpty)
    }

    @Test func namesTheClosestResourceForATypo() throws {
        let error = #expect(throws: RegistryError.self) {
            try RegistryFixtures.stackQL().resource(provider: "google", service: "dataproc", resource: "sesions")
        }
        #expect(error?.description.contains("did you mean google.dataproc.sessions?") == true)
    }

    @Test(arguments: [
        ("gogle", "did you mean google?"),
        ("homebrw", "did you mean homebrew?"),
    ])
    func namesTheClosestProvider(typo: String, hint: String) throws {
        let error = #expect(throws: RegistryError.self) { try RegistryFixtures.stackQL().provider(named: typo) }
        #expect(error?.description.contains(hint) == true)
    }

    @Test func namesTheClosestServiceAndMethod() throws {
        let registry = try RegistryFixtures.stackQL()
        let serviceError = #expect(throws: RegistryError.self) { try registry.service(provider: "google", name: "dataprok") }
        #expect(serviceError?.description.contains("did you mean google.dataproc?") == true)
        let methodError = #expect(throws: RegistryError.self) {
            try registry.method(provider: "google", service: "dataproc", resource: "sessions",
                                method: "projects_locations_sessions_lst")
        }
        #expect(methodError?.description.contains("did you mean projects_locations_sessions_list") == true,
                "\(String(describing: methodError))")
    }

    @Test func reportsAListedServiceWhoseDocumentIsMissing() throws {
        let error = #expect(throws: RegistryError.self) {
            try RegistryFixtures.stackQL().service(provider: "google", name: "accessapproval")
        }
        guard case .missingServiceDocument(let provider, let service, _)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(provider == "google" && service == "accessapproval")
    }

    @Test func loadsOnlyTheServiceNamed() throws {
        let registry = try RegistryFixtures.stackQL()
        _ = try registry.resource(provider: "google", service: "dataproc", resource: "sessions")
        #expect(registry.loadedServiceKeys == ["google.dataproc"])
    }

    @Test func servesConcurrentCallersOneService() async throws {
        let registry = try RegistryFixtures.stackQL()
        let tables = try await withThrowingTaskGroup(of: MetadataTable.self) { group in
            for _ in 0..<8 {
                group.addTask { try registry.describe(provider: "google", service: "dataproc", resource: "sessions") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(tables.count == 8)
        #expect(Set(tables).count == 1)
        #expect(registry.loadedServiceKeys == ["google.dataproc"])
    }

    @Test func cachesParsedYAMLAsJSONForTheNextProcess() throws {
        let cache = try RegistryFixtures.temporaryDirectory()
        let first = Registry(root: RegistryFixtures.stackQLRegistry, cacheDirectory: cache)
        let fromYAML = try first.service(provider: "google", name: "dataproc")
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(cached.contains { $0.hasPrefix("dataproc-") && $0.hasSuffix(".json") })
        let second = Registry(root: RegistryFixtures.stackQLRegistry, cacheDirectory: cache)
        #expect(try second.service(provider: "google", name: "dataproc") == fromYAML)
    }

    @Test func acceptsTheSourceFolderAsRoot() throws {
        let registry = Registry(root: RegistryFixtures.stackQLRegistry.appendingPathComponent("src"), cacheDirectory: nil)
        #expect(try registry.showServices(provider: "homebrew").rows == [["formula:v00.00.00000", "formula", "Homebrew Formulae API"]])
    }

    @Test func saysWhenTheRegistryFolderDoesNotExist() throws {
        let registry = Registry(root: URL(fileURLWithPath: "/nonexistent/registry"), cacheDirectory: nil)
        let error = #expect(throws: RegistryError.self) { try registry.providers() }
        #expect(error == .registryNotFound(searched: ["/nonexistent/registry"]))
    }

    @Test func listsRegistryVersions() throws {
        let table = try RegistryFixtures.stackQL().registryList()
        #expect(table.columns == ["provider", "version"])
        #expect(table.rows.count == 3)
    }
}

/// Broken documents are reported with their path and what is wrong.
@Suite struct MalformedDocumentTests {
    @Test func namesTheFileOfAnInvalidServiceDocument() throws {
        let root = try RegistryFixtures.temporaryDirectory()
        let provider = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: provider.appendingPathComponent("services"), withIntermediateDirectories: true)
        try Data("""
            id: acme
            name: acme
            version: v1
            providerServices:
              things:
                id: things:v1
                name: things
                service:
                  $ref: acme/v1/services/things.json
            """.utf8).write(to: provider.appendingPathComponent("provider.yaml"))
        try Data(#"{"openapi": "3.0.0", "paths": {"#.utf8).write(to: provider.appendingPathComponent("services/things.json"))
        let error = #expect(throws: RegistryError.self) {
            try Registry(root: root, cacheDirectory: nil).service(provider: "acme", name: "things")
        }
        guard case .malformedDocument(let path, let reason)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(path.hasSuffix("src/acme/v1/services/things.json"))
        #expect(reason.contains("is not valid JSON"))
    }

    @Test func namesAMethodWhoseOperationIsMissing() throws {
        let root = try RegistryFixtures.temporaryDirectory()
        let provider = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: provider.appendingPathComponent("services"), withIntermediateDirectories: true)
        try Data("""
            name: acme
            providerServices:
              things:
                service:
                  $ref: acme/v1/services/things.yaml
            """.utf8).write(to: provider.appendingPathComponent("provider.yaml"))
        try Data("""
            openapi: 3.0.0
            paths: {}
            components:
              x-stackQL-resources:
                things:
                  methods:
                    list:
                      operation:
                        $ref: '#/paths/~1things/get'
            """.utf8).write(to: provider.appendingPathComponent("services/things.yaml"))
        let error = #expect(throws: RegistryError.self) {
            try Registry(root: root, cacheDirectory: nil).service(provider: "acme", name: "things")
        }
        #expect(error?.description.contains("things.list whose operation #/paths/~1things/get is not in paths") == true)
    }

    @Test func infersVerbsWhenADocumentHasNoSQLVerbs() throws {
        let root = try RegistryFixtures.temporaryDirectory()
        let provider = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: provider.appendingPathComponent("services"), withIntermediateDirectories: true)
        try Data("name: acme\nproviderServices:\n  things:\n    service:\n      $ref: acme/v1/services/things.yaml\n".utf8)
            .write(to: provider.appendingPathComponent("provider.yaml"))
        try Data("""
            openapi: 3.0.0
            paths:
              /things:
                get: {responses: {'200': {description: ok}}}
                post: {responses: {'200': {description: ok}}}
              /things/{id}:
                parameters: [{name: id, in: path, required: true, schema: {type: string}}]
                get: {responses: {'200': {description: ok}}}
                delete: {responses: {'200': {description: ok}}}
                patch: {responses: {'200': {description: ok}}}
              /things/{id}:reboot:
                post: {parameters: [{name: id, in: path, required: true}], responses: {'200': {description: ok}}}
            components:
              x-stackQL-resources:
                things:
                  methods:
                    list_things: {operation: {$ref: '#/paths/~1things/get'}}
                    get_thing: {operation: {$ref: '#/paths/~1things~1{id}/get'}}
                    create_thing: {operation: {$ref: '#/paths/~1things/post'}}
                    delete_thing: {operation: {$ref: '#/paths/~1things~1{id}/delete'}}
                    update_thing: {operation: {$ref: '#/paths/~1things~1{id}/patch'}}
                    reboot: {operation: {$ref: '#/paths/~1things~1{id}:reboot/post'}}
            """.utf8).write(to: provider.appendingPathComponent("services/things.yaml"))
        let table = try Registry(root: root, cacheDirectory: nil).showMethods(provider: "acme", service: "things", resource: "things")
        #expect(table.rows == [
            ["get_thing", "id", "SELECT"],
            ["list_things", "", "SELECT"],
            ["create_thing", "", "INSERT"],
            ["update_thing", "id", "UPDATE"],
            ["delete_thing", "id", "DELETE"],
            ["reboot", "id", "EXEC"],
        ])
    }
}
