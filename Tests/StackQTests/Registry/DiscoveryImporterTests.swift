import Foundation
import Testing
@testable import StackQ

/// Importing Google Discovery documents (trimmed fixtures) with the repository's overlays.
@Suite struct DiscoveryImporterTests {
    @Test func showsTheSeedsSevenSessionMethods() throws {
        let table = try RegistryFixtures.imported().showMethods(provider: "google", service: "dataproc", resource: "sessions")
        #expect(table.rows == RegistryFixtures.sessionMethods)
    }

    @Test func describesSessionsWithTheSeedTypes() throws {
        let table = try RegistryFixtures.imported().describe(provider: "google", service: "dataproc", resource: "sessions")
        let types = Dictionary(uniqueKeysWithValues: table.rows.map { ($0[0]!, $0[1]!) })
        for (field, type) in RegistryFixtures.sessionFields {
            #expect(types[field] == type, "field \(field)")
        }
    }

    @Test func describesNotebookExecutionJobsWithEveryModelField() throws {
        let table = try RegistryFixtures.imported().describe(provider: "google", service: "aiplatform",
                                                             resource: "notebook_execution_jobs")
        let names = Set(table.rows.map { $0[0]! })
        for field in RegistryFixtures.notebookExecutionJobFields {
            #expect(names.contains(field), "field \(field)")
        }
    }

    @Test func usesFlatPathVariablesAsParameters() throws {
        let (_, _, list) = try RegistryFixtures.imported().method(provider: "google", service: "dataproc",
                                                                  resource: "sessions", method: "projects_locations_sessions_list")
        #expect(list.path == "/v1/projects/{projectsId}/locations/{locationsId}/sessions")
        #expect(list.httpMethod == "GET")
        #expect(list.parameters.map(\.name) == ["projectsId", "locationsId", "filter", "pageSize", "pageToken"])
        #expect(list.parameters.filter(\.isRequired).map(\.location) == [.path, .path])
        let pageSize = try #require(list.parameter(named: "pageSize"))
        #expect(pageSize.type == "integer" && pageSize.format == "int32" && pageSize.location == .query)
        #expect(pageSize.description?.hasPrefix("Optional. The maximum number of sessions") == true)
        #expect(list.response.objectKey == "$.sessions")
        #expect(list.pagination == .google)
    }

    @Test func marksOperationsAwaitableAndCarriesBodies() throws {
        let registry = try RegistryFixtures.imported()
        let (service, sessions) = try registry.resource(provider: "google", service: "dataproc", resource: "sessions")
        let create = try #require(sessions.method(named: "projects_locations_sessions_create"))
        #expect(create.isAwaitable)
        #expect(create.httpMethod == "POST")
        #expect(create.requestBody?.schema == .ref("Session"))
        #expect(create.parameter(named: "sessionId")?.isRequired == false)
        #expect(sessions.method(named: "projects_locations_sessions_get")?.isAwaitable == false)
        let session = try #require(service.schemas["Session"])
        #expect(session.property(named: "createTime").flatMap { service.resolve($0.schema) }?.isReadOnly == true)
        #expect(session.property(named: "state").flatMap { service.resolve($0.schema) }?.enumValues.contains("ACTIVE") == true)
    }

    @Test func addsInjectCredentialsFromTheOverlay() throws {
        let registry = try RegistryFixtures.imported()
        let (_, _, inject) = try registry.method(provider: "google", service: "dataproc", resource: "sessions",
                                                 method: "projects_locations_sessions_inject_credentials")
        #expect(inject.sqlVerb == .exec)
        #expect(inject.httpMethod == "POST")
        #expect(inject.path == "/v1/projects/{projectsId}/locations/{locationsId}/sessions/{sessionsId}:injectCredentials")
        #expect(inject.requestBody?.schema == .ref("InjectSessionCredentialsRequest"))
        #expect(inject.isAwaitable)
        let table = try registry.describeMethod(provider: "google", service: "dataproc", resource: "sessions",
                                                method: "projects_locations_sessions_inject_credentials")
        #expect(table.columns == ["name", "in", "required", "type", "description"])
        #expect(table.rows.map { $0[0]! } == ["projectsId", "locationsId", "sessionsId",
                                              "data__credentialsCiphertext", "data__requestId"])
        #expect(table.rows[3][1] == "body" && table.rows[3][2] == "true")
    }

    @Test func addsTheRawListAliasFromTheOverlay() throws {
        let (_, sessions) = try RegistryFixtures.imported().resource(provider: "google", service: "dataproc", resource: "sessions")
        let raw = try #require(sessions.method(named: "_projects_locations_sessions_list"))
        let list = try #require(sessions.method(named: "projects_locations_sessions_list"))
        #expect(raw.sqlVerb == .exec)
        #expect(raw.response.objectKey == nil)
        #expect(raw.path == list.path && raw.httpMethod == list.httpMethod && raw.parameters == list.parameters)
    }

    @Test func keepsServersAndLocationalEndpoints() throws {
        let registry = try RegistryFixtures.imported()
        let dataproc = try registry.service(provider: "google", name: "dataproc")
        #expect(dataproc.servers.map(\.url) == ["https://dataproc.googleapis.com"])
        #expect(dataproc.endpoints.contains(LocationEndpoint(location: "europe-west3",
                                                             url: "https://dataproc.europe-west3.rep.googleapis.com/",
                                                             kind: .regional)))
        let aiplatform = try registry.service(provider: "google", name: "aiplatform")
        #expect(aiplatform.endpoints.contains(LocationEndpoint(location: "us-central1",
                                                               url: "https://us-central1-aiplatform.googleapis.com/",
                                                               kind: .locational)))
    }

    @Test func namesResourcesAndMethodsInSnakeCase() throws {
        let registry = try RegistryFixtures.imported()
        let resources = try registry.showResources(provider: "google", service: "aiplatform").rows.map { $0[0]! }
        #expect(resources.contains("notebook_execution_jobs"))
        let methods = try registry.showMethods(provider: "google", service: "aiplatform",
                                               resource: "notebook_execution_jobs").rows
        #expect(methods.contains(["projects_locations_notebook_execution_jobs_get",
                                  "locationsId, notebookExecutionJobsId, projectsId", "SELECT"]))
    }

    @Test func mergesServicesIntoAnExistingProviderDocument() throws {
        let output = try RegistryFixtures.temporaryDirectory()
        _ = try DiscoveryImporter.importDocuments([RegistryFixtures.discovery("dataproc.v1.sessions.json")],
                                                  into: output, overlaysDirectory: nil)
        let summary = try DiscoveryImporter.importDocuments(
            [RegistryFixtures.discovery("aiplatform.v1.notebookExecutionJobs.json")], into: output, overlaysDirectory: nil)
        #expect(summary.imported.map(\.name) == ["aiplatform"])
        let registry = Registry(root: output, cacheDirectory: nil)
        #expect(try registry.showServices(provider: "google").rows.map { $0[1] } == ["aiplatform", "dataproc"])
        let methods = try registry.showMethods(provider: "google", service: "dataproc", resource: "sessions").rows
        #expect(methods.count == 5)
    }

    @Test func reportsADocumentThatIsNotDiscoveryWithoutStopping() throws {
        let output = try RegistryFixtures.temporaryDirectory()
        let bogus = output.appendingPathComponent("bogus.json")
        try Data(#"{"kind": "something"}"#.utf8).write(to: bogus)
        let summary = try DiscoveryImporter.importDocuments(
            [bogus, RegistryFixtures.discovery("dataproc.v1.sessions.json")], into: output, overlaysDirectory: nil)
        #expect(summary.imported.map(\.name) == ["dataproc"])
        #expect(summary.failures.map(\.file) == [bogus.path])
        #expect(summary.report.hasSuffix("imported 1, failed 1\nwrote \(summary.providerFile)"))
    }

    @Test(arguments: [
        ("notebookExecutionJobs", "notebook_execution_jobs"),
        ("injectCredentials", "inject_credentials"),
        ("getIamPolicy", "get_iam_policy"),
        ("getIAMPolicy", "get_iam_policy"),
        ("v1beta1", "v1beta1"),
        ("sessions", "sessions"),
        ("projects.locations.sessions", "projects_locations_sessions"),
    ])
    func snakeCases(name: String, expected: String) {
        #expect(NameCase.snake(name) == expected)
    }
}
