import Foundation
import Testing
@testable import StackQ

/// Methods on any parent (`v2/{v2Id}/{v2Id1}/…`, Logging's and Support's) and an overlay's names, as StackQL's
/// provider names them.
@Suite struct GenericParentNamingTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "logbook", "version": "v2", "revision": "20261101",
      "rootUrl": "https://logbook.googleapis.com/", "servicePath": "",
      "schemas": {
        "Sink": {"id": "Sink", "type": "object", "properties": {"name": {"type": "string"}}},
        "ListSinksResponse": {"id": "ListSinksResponse", "type": "object", "properties": {
          "sinks": {"type": "array", "items": {"$ref": "Sink"}}, "nextPageToken": {"type": "string"}}},
        "Bucket": {"id": "Bucket", "type": "object", "properties": {"name": {"type": "string"}}},
        "ListBucketsResponse": {"id": "ListBucketsResponse", "type": "object", "properties": {
          "buckets": {"type": "array", "items": {"$ref": "Bucket"}}, "nextPageToken": {"type": "string"}}},
        "View": {"id": "View", "type": "object", "properties": {"name": {"type": "string"}}},
        "Role": {"id": "Role", "type": "object", "properties": {"name": {"type": "string"}}},
        "CmekSettings": {"id": "CmekSettings", "type": "object", "properties": {"name": {"type": "string"}}}
      },
      "resources": {
        "v2": {"methods": {
          "getCmekSettings": {"id": "logbook.getCmekSettings", "httpMethod": "GET", "path": "v2/{+name}/cmekSettings",
                              "flatPath": "v2/{v2Id}/{v2Id1}/cmekSettings",
                              "parameters": {"name": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "CmekSettings"}}
        }},
        "sinks": {"methods": {
          "list": {"id": "logbook.sinks.list", "httpMethod": "GET", "path": "v2/{+parent}/sinks", "flatPath": "v2/{v2Id}/{v2Id1}/sinks",
                   "parameters": {"parent": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "ListSinksResponse"}},
          "get": {"id": "logbook.sinks.get", "httpMethod": "GET", "path": "v2/{+sinkName}", "flatPath": "v2/{v2Id}/{v2Id1}/sinks/{sinksId}",
                  "parameters": {"sinkName": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "Sink"}}
        }},
        "locations": {"resources": {"buckets": {
          "methods": {
            "list": {"id": "logbook.locations.buckets.list", "httpMethod": "GET", "path": "v2/{+parent}/buckets",
                     "flatPath": "v2/{v2Id}/{v2Id1}/locations/{locationsId}/buckets",
                     "parameters": {"parent": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "ListBucketsResponse"}},
            "get": {"id": "logbook.locations.buckets.get", "httpMethod": "GET", "path": "v2/{+name}",
                    "flatPath": "v2/{v2Id}/{v2Id1}/locations/{locationsId}/buckets/{bucketsId}",
                    "parameters": {"name": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "Bucket"}}
          },
          "resources": {"views": {"methods": {
            "get": {"id": "logbook.locations.buckets.views.get", "httpMethod": "GET", "path": "v2/{+name}",
                    "flatPath": "v2/{v2Id}/{v2Id1}/locations/{locationsId}/buckets/{bucketsId}/views/{viewsId}",
                    "parameters": {"name": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "View"}}
          }}}
        }}},
        "projects": {"resources": {"roles": {"methods": {
          "get": {"id": "logbook.projects.roles.get", "httpMethod": "GET", "flatPath": "v2/projects/{projectsId}/roles/{rolesId}",
                  "path": "v2/{+name}", "parameters": {"name": {"type": "string", "location": "path", "required": true}}, "response": {"$ref": "Role"}}
        }}}}
      }
    }
    """#

    private static let overlay = #"""
    {"description": "test", "version": "v2", "names": {"logbook.projects.roles.get": "get_project_roles"},
     "resourceNames": {"locations.buckets.views": "bucket_views"}}
    """#

    /// A registry folder with the document imported and the overlay applied.
    private static func imported() throws -> URL {
        try RegistryFixtures.imported(document: document, fileName: "logbook.v2.json", overlays: ["logbook": overlay])
    }

    private static func planned(_ sql: String, in folder: URL) async throws -> [String] {
        try await RegistryFixtures.plannedCalls(sql, registry: folder)
    }

    @Test func aParentAndACollectionTakeParentTypeAndParent() async throws {
        let folder = try Self.imported()
        #expect(try await Self.planned("SELECT name FROM google.logbook.sinks WHERE parentType = 'projects' AND parent = 'p1'", in: folder)
            == ["sinks_list https://logbook.googleapis.com/v2/projects/p1/sinks"])
        #expect(try await Self.planned("SELECT name FROM google.logbook.buckets WHERE parentType = 'folders' AND parent = 'f1/locations/global'", in: folder)
            == ["locations_buckets_list https://logbook.googleapis.com/v2/folders/f1/locations/global/buckets"])
    }

    @Test func aWholeNamePathTakesThatNameAndTheFirstOfSeveralKeepsIt() async throws {
        let folder = try Self.imported()
        #expect(try await Self.planned("SELECT name FROM google.logbook.sinks WHERE sinkName = 'projects/p1/sinks/s1'", in: folder)
            == ["sinks_get https://logbook.googleapis.com/v2/projects/p1/sinks/s1"])
        #expect(try await Self.planned("SELECT name FROM google.logbook.buckets WHERE name = 'projects/p1/locations/global/buckets/b1'", in: folder)
            == ["locations_buckets_get https://logbook.googleapis.com/v2/projects/p1/locations/global/buckets/b1"])
        // views.get shares `v2/{+name}` with buckets.get, which comes first: it takes its flat path.
        #expect(try await Self.planned("SELECT name FROM google.logbook.bucket_views WHERE parentType = 'projects' AND parent = 'p1' AND locationsId = 'global' AND bucketsId = 'b1' AND viewsId = 'v1'", in: folder)
            == ["locations_buckets_views_get https://logbook.googleapis.com/v2/projects/p1/locations/global/buckets/b1/views/v1"])
    }

    @Test func aTopLevelNestingNamedAfterTheVersionIsTheService() async throws {
        let folder = try Self.imported()
        let service = try Registry(root: folder, cacheDirectory: nil).service(provider: "google", name: "logbook")
        #expect(service.resource(named: "logbook_cmek_settings")?.methods.map(\.name) == ["get_cmek_settings"])
        #expect(try await Self.planned("SELECT name FROM google.logbook.logbook_cmek_settings WHERE name = 'organizations/o1'", in: folder)
            == ["get_cmek_settings https://logbook.googleapis.com/v2/organizations/o1/cmekSettings"])
    }

    @Test func anOverlayNamesAMethodAndTheResourceOfANesting() throws {
        let registry = Registry(root: try Self.imported(), cacheDirectory: nil)
        let service = try registry.service(provider: "google", name: "logbook")
        #expect(service.resource(named: "roles")?.methods.map(\.name) == ["get_project_roles"])
        #expect(service.resource(named: "bucket_views")?.methods.map(\.name) == ["locations_buckets_views_get"])
    }
}
