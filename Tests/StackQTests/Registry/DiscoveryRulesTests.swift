import Foundation
import Testing
@testable import StackQ

/// The importer's rules on a small synthetic Discovery document.
@Suite struct DiscoveryRulesTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "widgets", "version": "v2", "title": "Widgets API",
      "rootUrl": "https://widgets.googleapis.com/", "servicePath": "api/",
      "parameters": {"alt": {"type": "string", "location": "query"}},
      "schemas": {
        "Widget": {"id": "Widget", "type": "object", "properties": {
          "name": {"type": "string"}, "parts": {"type": "array", "items": {"$ref": "Part"}},
          "metadata": {"type": "object", "additionalProperties": {"type": "any"}},
          "state": {"type": "string", "description": "Output only. The state.", "enum": ["ON", "OFF"]}}},
        "Part": {"id": "Part", "type": "object", "properties": {"sku": {"type": "string"}, "parent": {"$ref": "Part"}}},
        "ListWidgetsResponse": {"id": "ListWidgetsResponse", "type": "object", "properties": {
          "unreachable": {"type": "array", "items": {"type": "string"}},
          "widgets": {"type": "array", "items": {"$ref": "Widget"}}, "nextPageToken": {"type": "string"}}},
        "Operation": {"id": "Operation", "type": "object", "properties": {"name": {"type": "string"}, "done": {"type": "boolean"}}},
        "Policy": {"id": "Policy", "type": "object", "properties": {"bindings": {"type": "array", "items": {"$ref": "Binding"}}}},
        "Binding": {"id": "Binding", "type": "object", "properties": {"role": {"type": "string"}}},
        "Gear": {"id": "Gear", "type": "object", "properties": {"teeth": {"type": "integer"}}}
      },
      "methods": {
        "ping": {"id": "widgets.ping", "path": "v2/ping", "httpMethod": "GET"}
      },
      "resources": {
        "projects": {"resources": {
          "widgets": {
            "methods": {
              "list": {"id": "widgets.projects.widgets.list", "flatPath": "v2/projects/{projectsId}/widgets",
                       "path": "v2/{+parent}/widgets", "httpMethod": "GET",
                       "parameters": {
                         "parent": {"location": "path", "required": true, "type": "string", "pattern": "^projects/[^/]+$"},
                         "colors": {"location": "query", "repeated": true, "type": "string", "enum": ["RED", "BLUE"]},
                         "pageSize": {"location": "query", "type": "integer", "format": "int32"}},
                       "response": {"$ref": "ListWidgetsResponse"}},
              "get": {"id": "widgets.projects.widgets.get", "flatPath": "v2/projects/{projectsId}/widgets/{widgetsId}",
                      "path": "v2/{+name}", "httpMethod": "GET", "response": {"$ref": "Widget"}},
              "upload": {"id": "widgets.projects.widgets.upload", "flatPath": "v2/projects/{projectsId}/widgets:upload",
                         "path": "v2/{+parent}/widgets:upload", "httpMethod": "POST", "supportsMediaUpload": true,
                         "mediaUpload": {"accept": ["*/*"], "protocols": {"simple": {"multipart": true, "path": "/upload/v2/{+parent}/widgets:upload"}}},
                         "response": {"$ref": "Operation"}},
              "getIamPolicy": {"id": "widgets.projects.widgets.getIamPolicy",
                               "flatPath": "v2/projects/{projectsId}/widgets/{widgetsId}:getIamPolicy",
                               "path": "v2/{+resource}:getIamPolicy", "httpMethod": "POST", "response": {"$ref": "Policy"}}
            },
            "resources": {"gears": {"methods": {
              "get": {"id": "widgets.projects.widgets.gears.get", "flatPath": "v2/projects/{projectsId}/widgets/{widgetsId}/gears/{gearsId}",
                      "path": "v2/{+name}", "httpMethod": "GET", "response": {"$ref": "Gear"}}}}}
          },
          "gadgets": {"resources": {"gears": {"methods": {
            "get": {"id": "widgets.projects.gadgets.gears.get", "path": "v2/projects/{project}/gadgets/{gadget}/gears/{gear}",
                    "httpMethod": "GET", "response": {"$ref": "Widget"},
                    "parameters": {"project": {"location": "path", "required": true, "type": "string"},
                                   "gadget": {"location": "path", "required": true, "type": "string"},
                                   "gear": {"location": "path", "required": true, "type": "string"}}},
            "delete": {"id": "widgets.projects.gadgets.gears.delete", "path": "v2/projects/{project}/gadgets/{gadget}/gears/{gear}",
                       "httpMethod": "DELETE"}}}}}
        }}
      }
    }
    """#

    private func imported() throws -> Registry {
        let folder = try RegistryFixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("widgets.v2.json")
        try Data(Self.document.utf8).write(to: file)
        let summary = try DiscoveryImporter.importDocuments([file], into: folder, overlaysDirectory: nil, verify: true)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        return Registry(root: folder, cacheDirectory: nil)
    }

    @Test func servesFromRootURLPlusServicePath() throws {
        #expect(try imported().service(provider: "google", name: "widgets").servers.map(\.url) == ["https://widgets.googleapis.com/api"])
    }

    @Test func keepsRepeatedQueryParametersWithTheirEnums() throws {
        let (_, _, list) = try imported().method(provider: "google", service: "widgets", resource: "widgets",
                                                 method: "projects_widgets_list")
        let colors = try #require(list.parameter(named: "colors"))
        #expect(colors.isRepeated && colors.type == "string" && colors.enumValues == ["RED", "BLUE"])
        #expect(list.parameters.map(\.name) == ["projectsId", "colors", "pageSize"])
        #expect(list.response.objectKey == "$.widgets")
    }

    @Test func splitsIAMMethodsIntoTheirOwnResource() throws {
        let registry = try imported()
        let rows = try registry.showMethods(provider: "google", service: "widgets", resource: "widgets_iam_policies").rows
        #expect(rows == [["projects_widgets_get_iam_policy", "projectsId, widgetsId", "SELECT"]])
        let (service, policies) = try registry.resource(provider: "google", service: "widgets", resource: "widgets_iam_policies")
        #expect(registry.columns(of: policies, in: service).map(\.name) == ["role"])
    }

    @Test func joinsNestingsOfOneCollectionAndNamesEachByItsParent() throws {
        let names = try imported().showResources(provider: "google", service: "widgets").rows.map { $0[0]! }
        // gadgets.gears and widgets.gears join `gears` (as in StackQL's provider, whatever their rows), and each is
        // also reachable alone by the singular of its parent.
        #expect(names == ["gadget_gears", "gears", "widget_gears", "widgets", "widgets_iam_policies", "widgets_ping"])
    }

    @Test func usesThePathWhenThereIsNoFlatPath() throws {
        let (_, _, get) = try imported().method(provider: "google", service: "widgets", resource: "gears",
                                                method: "projects_gadgets_gears_get")
        #expect(get.path == "/v2/projects/{project}/gadgets/{gadget}/gears/{gear}")
        #expect(get.requiredParameters.map(\.name) == ["project", "gadget", "gear"])
    }

    @Test func putsTopLevelMethodsInAResourceNamedAfterTheService() throws {
        let rows = try imported().showMethods(provider: "google", service: "widgets", resource: "widgets").rows
        #expect(rows.contains(["projects_widgets_upload", "projectsId", "EXEC"]))
        #expect(try imported().showMethods(provider: "google", service: "widgets", resource: "widgets_ping").rows
            == [["ping", "", "SELECT"]])
    }

    @Test func describesColumnsIncludingRecursiveAndMapFields() throws {
        let table = try imported().describe(provider: "google", service: "widgets", resource: "widgets")
        #expect(table.rows == [["name", "string"], ["parts", "array"], ["metadata", "object"], ["state", "string"]])
    }
}
