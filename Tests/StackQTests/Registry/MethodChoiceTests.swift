import Foundation
import Testing
@testable import StackQ

/// How a statement picks among a resource's methods that take the same parameters.
@Suite struct MethodChoiceTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "desks", "version": "v1", "revision": "20261101",
      "rootUrl": "https://desks.googleapis.com/", "servicePath": "",
      "schemas": {
        "Session": {"id": "Session", "type": "object", "properties": {"name": {"type": "string"}, "labels": {"type": "object", "additionalProperties": {"type": "string"}}}},
        "CreateSessionRequest": {"id": "CreateSessionRequest", "type": "object", "properties": {"session": {"$ref": "Session"}}},
        "BatchCreateSessionsRequest": {"id": "BatchCreateSessionsRequest", "type": "object", "properties": {
          "sessionTemplate": {"$ref": "Session"}, "sessionCount": {"type": "integer"}}},
        "ListSessionsResponse": {"id": "ListSessionsResponse", "type": "object", "properties": {
          "sessions": {"type": "array", "items": {"$ref": "Session"}}, "nextPageToken": {"type": "string"}}},
        "FetchSessionCsrResponse": {"id": "FetchSessionCsrResponse", "type": "object", "properties": {"pemCsr": {"type": "string"}}},
        "BatchCreateSessionsResponse": {"id": "BatchCreateSessionsResponse", "type": "object", "properties": {
          "session": {"type": "array", "items": {"$ref": "Session"}}}}
      },
      "resources": {"projects": {"resources": {"sessions": {"methods": {
        "batchCreate": {"id": "desks.projects.sessions.batchCreate", "flatPath": "v1/projects/{projectsId}/sessions:batchCreate", "httpMethod": "POST",
                        "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
                        "request": {"$ref": "BatchCreateSessionsRequest"}, "response": {"$ref": "BatchCreateSessionsResponse"}},
        "fetch": {"id": "desks.projects.sessions.fetch", "flatPath": "v1/projects/{projectsId}/sessions/{sessionsId}:fetch", "httpMethod": "GET",
                  "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                 "sessionsId": {"type": "string", "location": "path", "required": true}},
                  "response": {"$ref": "FetchSessionCsrResponse"}},
        "list": {"id": "desks.projects.sessions.list", "flatPath": "v1/projects/{projectsId}/sessions", "httpMethod": "GET",
                 "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
                 "response": {"$ref": "ListSessionsResponse"}},
        "get": {"id": "desks.projects.sessions.get", "flatPath": "v1/projects/{projectsId}/sessions/{sessionsId}", "httpMethod": "GET",
                "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                               "sessionsId": {"type": "string", "location": "path", "required": true}},
                "response": {"$ref": "Session"}},
        "create": {"id": "desks.projects.sessions.create", "flatPath": "v1/projects/{projectsId}/sessions", "httpMethod": "POST",
                   "parameters": {"projectsId": {"type": "string", "location": "path", "required": true}},
                   "request": {"$ref": "CreateSessionRequest"}, "response": {"$ref": "Session"}}
      }}}}}
    }
    """#

    /// The calls a statement plans (dry run: nothing is sent).
    private static func planned(_ sql: String) async throws -> [String] {
        try await RegistryFixtures.plannedCalls(sql, registry: try RegistryFixtures.imported(document: document, fileName: "desks.v1.json"))
    }

    @Test func anInsertTakesTheMethodWhoseRequestHasTheFieldsItNames() async throws {
        #expect(try await Self.planned("INSERT INTO google.desks.sessions (projectsId, data__session) SELECT 'p', '{}'")
            == ["projects_sessions_create https://desks.googleapis.com/v1/projects/p/sessions"])
        #expect(try await Self.planned("INSERT INTO google.desks.sessions (projectsId, data__sessionCount) SELECT 'p', 3")
            == ["projects_sessions_batch_create https://desks.googleapis.com/v1/projects/p/sessions:batchCreate"])
    }

    @Test func aSelectTakesTheMethodWhoseResponseHasTheColumnsItReads() async throws {
        let ids = "projectsId = 'p' AND sessionsId = 's'"
        let named = try await Self.planned("SELECT name, labels FROM google.desks.sessions WHERE \(ids)")
        #expect(named == ["projects_sessions_get https://desks.googleapis.com/v1/projects/p/sessions/s"], "\(named)")
        let csr = try await Self.planned("SELECT pemCsr FROM google.desks.sessions WHERE \(ids)")
        #expect(csr == ["projects_sessions_fetch https://desks.googleapis.com/v1/projects/p/sessions/s:fetch"], "\(csr)")
    }

    /// Databases dropped by an HTTP DELETE named `dropDatabase`; shelves with two HTTP DELETE methods, neither a
    /// `delete`.
    private static let dropping = #"""
    {
      "kind": "discovery#restDescription", "name": "vaults", "version": "v1", "revision": "20261101",
      "rootUrl": "https://vaults.googleapis.com/", "servicePath": "",
      "schemas": {
        "Database": {"id": "Database", "type": "object", "properties": {"name": {"type": "string"}}},
        "Empty": {"id": "Empty", "type": "object", "properties": {}}
      },
      "resources": {"projects": {"resources": {
        "databases": {"methods": {
          "get": {"id": "vaults.projects.databases.get", "flatPath": "v1/projects/{projectsId}/databases/{databasesId}", "httpMethod": "GET",
                  "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                 "databasesId": {"type": "string", "location": "path", "required": true}},
                  "response": {"$ref": "Database"}},
          "dropDatabase": {"id": "vaults.projects.databases.dropDatabase", "flatPath": "v1/projects/{projectsId}/databases/{databasesId}", "httpMethod": "DELETE",
                           "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                          "databasesId": {"type": "string", "location": "path", "required": true}},
                           "response": {"$ref": "Empty"}}
        }},
        "shelves": {"methods": {
          "get": {"id": "vaults.projects.shelves.get", "flatPath": "v1/projects/{projectsId}/shelves/{shelvesId}", "httpMethod": "GET",
                  "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                 "shelvesId": {"type": "string", "location": "path", "required": true}},
                  "response": {"$ref": "Database"}},
          "purge": {"id": "vaults.projects.shelves.purge", "flatPath": "v1/projects/{projectsId}/shelves/{shelvesId}:purge", "httpMethod": "DELETE",
                    "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                   "shelvesId": {"type": "string", "location": "path", "required": true}},
                    "response": {"$ref": "Empty"}},
          "archive": {"id": "vaults.projects.shelves.archive", "flatPath": "v1/projects/{projectsId}/shelves/{shelvesId}:archive", "httpMethod": "DELETE",
                      "parameters": {"projectsId": {"type": "string", "location": "path", "required": true},
                                     "shelvesId": {"type": "string", "location": "path", "required": true}},
                      "response": {"$ref": "Empty"}}
        }}
      }}}
    }
    """#

    @Test func aDeleteWithoutADeleteMethodTakesTheOneHTTPDeleteMethod() async throws {
        let registry = try RegistryFixtures.imported(document: Self.dropping, fileName: "vaults.v1.json")
        #expect(try await RegistryFixtures.plannedCalls("DELETE FROM google.vaults.databases WHERE projectsId = 'p' AND databasesId = 'd'", registry: registry)
            == ["projects_databases_drop_database https://vaults.googleapis.com/v1/projects/p/databases/d"])
        await #expect {
            try await RegistryFixtures.plannedCalls("DELETE FROM google.vaults.shelves WHERE projectsId = 'p' AND shelvesId = 's'", registry: registry)
        } throws: { error in
            "\(error)".contains("google.vaults.shelves has no DELETE method")
        }
    }

    /// Record sets whose list takes the get's ids as filters, as Cloud DNS's `resourceRecordSets` do.
    private static let records = #"""
    {
      "kind": "discovery#restDescription", "name": "zonal", "version": "v1", "revision": "20261101",
      "rootUrl": "https://zonal.googleapis.com/", "servicePath": "",
      "schemas": {
        "RecordSet": {"id": "RecordSet", "type": "object", "properties": {"name": {"type": "string"}, "type": {"type": "string"}}},
        "ListRecordSetsResponse": {"id": "ListRecordSetsResponse", "type": "object", "properties": {
          "recordSets": {"type": "array", "items": {"$ref": "RecordSet"}}, "nextPageToken": {"type": "string"}}}
      },
      "resources": {"recordSets": {"methods": {
        "get": {"id": "zonal.recordSets.get", "flatPath": "v1/zones/{zone}/rrsets/{name}/{type}", "httpMethod": "GET",
                "parameters": {"zone": {"type": "string", "location": "path", "required": true},
                               "name": {"type": "string", "location": "path", "required": true},
                               "type": {"type": "string", "location": "path", "required": true}},
                "response": {"$ref": "RecordSet"}},
        "list": {"id": "zonal.recordSets.list", "flatPath": "v1/zones/{zone}/rrsets", "httpMethod": "GET",
                 "parameters": {"zone": {"type": "string", "location": "path", "required": true},
                                "name": {"type": "string", "location": "query"}, "type": {"type": "string", "location": "query"},
                                "pageToken": {"type": "string", "location": "query"}},
                 "response": {"$ref": "ListRecordSetsResponse"}}
      }}}
    }
    """#

    @Test func aSelectTakesTheMethodThatTakesEveryParameterItsWhereGives() async throws {
        let registry = try RegistryFixtures.imported(document: Self.records, fileName: "zonal.v1.json")
        let ids = "zone = 'z' AND name = 'n' AND type = 't'"
        #expect(try await RegistryFixtures.plannedCalls("SELECT name FROM google.zonal.record_sets WHERE \(ids)", registry: registry)
            == ["record_sets_get https://zonal.googleapis.com/v1/zones/z/rrsets/n/t"])
        #expect(try await RegistryFixtures.plannedCalls("SELECT name FROM google.zonal.record_sets WHERE \(ids) AND pageToken = 'k'", registry: registry)
            == ["record_sets_list https://zonal.googleapis.com/v1/zones/z/rrsets?name=n&type=t"])
    }
}
