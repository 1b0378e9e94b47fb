import Foundation
import Testing
@testable import StackQ

/// The importer names resources, methods, verbs and services as StackQL's google provider does, one rule per
/// naming pattern, on a synthetic Discovery document (`shelves`).
@Suite struct StackQLNamingTests {
    private static let document = #"""
    {
      "kind": "discovery#restDescription", "name": "shelves", "version": "v1", "revision": "20261101",
      "rootUrl": "https://shelves.googleapis.com/", "servicePath": "",
      "schemas": {
        "Book": {"id": "Book", "type": "object", "properties": {"name": {"type": "string"}, "values": {"type": "string"}}},
        "Page": {"id": "Page", "type": "object", "properties": {"number": {"type": "integer"}}},
        "ListBooksResponse": {"id": "ListBooksResponse", "type": "object", "properties": {
          "books": {"type": "array", "items": {"$ref": "Book"}}, "nextPageToken": {"type": "string"}}},
        "ListPagesResponse": {"id": "ListPagesResponse", "type": "object", "properties": {
          "pages": {"type": "array", "items": {"$ref": "Page"}}, "nextPageToken": {"type": "string"}}},
        "Settings": {"id": "Settings", "type": "object", "properties": {"theme": {"type": "string"}}},
        "Policy": {"id": "Policy", "type": "object", "properties": {"bindings": {"type": "array", "items": {"$ref": "Binding"}}}},
        "Binding": {"id": "Binding", "type": "object", "properties": {"role": {"type": "string"}}},
        "Operation": {"id": "Operation", "type": "object", "properties": {"name": {"type": "string"}, "done": {"type": "boolean"}}},
        "BookAggregatedList": {"id": "BookAggregatedList", "type": "object", "properties": {
          "items": {"type": "object", "additionalProperties": {"$ref": "BooksScopedList"}}, "nextPageToken": {"type": "string"}}},
        "BooksScopedList": {"id": "BooksScopedList", "type": "object", "properties": {"books": {"type": "array", "items": {"$ref": "Book"}}}}
      },
      "resources": {
        "projects": {"resources": {
          "locations": {
            "methods": {
              "getSettings": {"id": "shelves.projects.locations.getSettings", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/settings",
                              "httpMethod": "GET", "response": {"$ref": "Settings"}},
              "updateSettings": {"id": "shelves.projects.locations.updateSettings", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/settings",
                                 "httpMethod": "PATCH", "request": {"$ref": "Settings"}, "response": {"$ref": "Settings"}}
            },
            "resources": {
              "books": {
                "methods": {
                  "list": {"id": "shelves.projects.locations.books.list", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books",
                           "httpMethod": "GET", "response": {"$ref": "ListBooksResponse"}},
                  "get": {"id": "shelves.projects.locations.books.get", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}",
                          "httpMethod": "GET", "response": {"$ref": "Book"}},
                  "create": {"id": "shelves.projects.locations.books.create", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books",
                             "httpMethod": "POST", "request": {"$ref": "Book"}, "response": {"$ref": "Operation"}},
                  "patch": {"id": "shelves.projects.locations.books.patch", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}",
                            "httpMethod": "PATCH", "request": {"$ref": "Book"}, "response": {"$ref": "Operation"}},
                  "replace": {"id": "shelves.projects.locations.books.replace", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}",
                              "httpMethod": "PUT", "request": {"$ref": "Book"}, "response": {"$ref": "Book"}},
                  "delete": {"id": "shelves.projects.locations.books.delete", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}",
                             "httpMethod": "DELETE", "response": {"$ref": "Operation"}},
                  "archive": {"id": "shelves.projects.locations.books.archive", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}:archive",
                              "httpMethod": "POST", "response": {"$ref": "Operation"}},
                  "search": {"id": "shelves.projects.locations.books.search", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books:search",
                             "httpMethod": "GET", "response": {"$ref": "ListBooksResponse"}},
                  "listBorrowed": {"id": "shelves.projects.locations.books.listBorrowed", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books:listBorrowed",
                                   "httpMethod": "GET", "response": {"$ref": "ListBooksResponse"}},
                  "getIamPolicy": {"id": "shelves.projects.locations.books.getIamPolicy", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}:getIamPolicy",
                                   "httpMethod": "GET", "response": {"$ref": "Policy"}},
                  "setIamPolicy": {"id": "shelves.projects.locations.books.setIamPolicy", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}:setIamPolicy",
                                   "httpMethod": "POST", "request": {"$ref": "Policy"}, "response": {"$ref": "Policy"}}
                },
                "resources": {"pages": {"methods": {
                  "list": {"id": "shelves.projects.locations.books.pages.list", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}/pages",
                           "httpMethod": "GET", "response": {"$ref": "ListPagesResponse"}},
                  "delete": {"id": "shelves.projects.locations.books.pages.delete", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/books/{booksId}/pages/{pagesId}",
                             "httpMethod": "DELETE"}
                }}}
              },
              "magazines": {"resources": {"pages": {"methods": {
                "list": {"id": "shelves.projects.locations.magazines.pages.list", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/magazines/{magazinesId}/pages",
                         "httpMethod": "GET", "response": {"$ref": "ListPagesResponse"}},
                "delete": {"id": "shelves.projects.locations.magazines.pages.delete", "flatPath": "v1/projects/{projectsId}/locations/{locationsId}/magazines/{magazinesId}/pages/{pagesId}",
                           "httpMethod": "DELETE"}
              }}}}
            }
          },
          "books": {"methods": {
            "list": {"id": "shelves.projects.books.list", "flatPath": "v1/projects/{projectsId}/books",
                     "httpMethod": "GET", "response": {"$ref": "ListBooksResponse"}},
            "aggregatedList": {"id": "shelves.projects.books.aggregatedList", "flatPath": "v1/projects/{projectsId}/aggregated/books",
                               "httpMethod": "GET", "response": {"$ref": "BookAggregatedList"}}
          }},
          "regionBooks": {"methods": {
            "list": {"id": "shelves.projects.regionBooks.list", "flatPath": "v1/projects/{projectsId}/regions/{region}/books",
                     "httpMethod": "GET", "response": {"$ref": "ListBooksResponse"}}
          }}
        }}
      }
    }
    """#

    private static func imported() throws -> Registry {
        let folder = try RegistryFixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("shelves.v1.json")
        try Data(document.utf8).write(to: file)
        let summary = try DiscoveryImporter.importDocuments([file], into: folder, overlaysDirectory: nil, verify: true)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
        return Registry(root: folder, cacheDirectory: nil)
    }

    private static func methods(_ resource: String) throws -> [[String?]] {
        try imported().showMethods(provider: "google", service: "shelves", resource: resource).rows
    }

    @Test func aResourceIsNamedAfterItsCollection() throws {
        let names = try Self.imported().showResources(provider: "google", service: "shelves").rows.map { $0[0]! }
        #expect(names.contains("books") && names.contains("pages"))
        #expect(!names.contains("locations_books"))
    }

    @Test(arguments: [
        // A method named verb+object gets a resource named after the object; under a scoping collection
        // (projects, locations, …) the collection is dropped.
        ("settings", "projects_locations_get_settings", "SELECT"),
        ("settings", "projects_locations_update_settings", "UPDATE"),
        ("books_borrowed", "projects_locations_books_list_borrowed", "SELECT"),
        ("books_iam_policies", "projects_locations_books_get_iam_policy", "SELECT"),
        ("books_iam_policies", "projects_locations_books_set_iam_policy", "REPLACE"),
    ])
    func aMethodNamedVerbAndObjectGetsAResourceOfItsOwn(resource: String, method: String, verb: String) throws {
        #expect(try Self.methods(resource).contains { $0[0] == method && $0[2] == verb })
    }

    @Test(arguments: [
        ("projects_locations_books_create", "INSERT"),
        ("projects_locations_books_patch", "UPDATE"),
        ("projects_locations_books_replace", "REPLACE"),
        ("projects_locations_books_delete", "DELETE"),
        ("projects_locations_books_archive", "EXEC"),
        ("projects_locations_books_search", "EXEC"),
        ("projects_locations_books_get", "SELECT"),
    ])
    func verbsFollowTheMethodNameAndItsHTTPMethod(method: String, verb: String) throws {
        #expect(try Self.methods("books").contains { $0[0] == method && $0[2] == verb })
    }

    @Test func aGETThatStackQLServesByEXECIsAlsoASelectOfItsOwn() throws {
        #expect(try Self.methods("books_search") == [["projects_locations_books_search", "locationsId, projectsId", "SELECT"]])
    }

    @Test func nestingsOfOneCollectionJoinOneResourceAndAreEachNamedByTheirParent() throws {
        let pages = try Self.methods("pages").map { $0[0]! }
        #expect(Set(pages) == ["projects_locations_books_pages_list", "projects_locations_books_pages_delete",
                               "projects_locations_magazines_pages_list", "projects_locations_magazines_pages_delete"])
        #expect(try Self.methods("book_pages").map { $0[0]! }.sorted()
            == ["projects_locations_books_pages_delete", "projects_locations_books_pages_list"])
        #expect(try Self.methods("magazine_pages").map { $0[0]! }.sorted()
            == ["projects_locations_magazines_pages_delete", "projects_locations_magazines_pages_list"])
    }

    @Test func aRegionScopedCollectionJoinsItsUnscopedOne() throws {
        #expect(try Self.methods("books").contains { $0[0] == "projects_region_books_list" })
        let names = try Self.imported().showResources(provider: "google", service: "shelves").rows.map { $0[0]! }
        #expect(!names.contains("region_books"))
    }

    @Test func anAggregatedListBesideAListOfTheSameParametersGetsAResourceOfItsOwn() throws {
        #expect(try Self.methods("books_aggregated") == [["projects_books_aggregated_list", "projectsId", "SELECT"]])
        #expect(try !Self.methods("books").contains { $0[0] == "projects_books_aggregated_list" })
        let findings = SelectReachability.findings(in: try Self.imported().service(provider: "google", name: "shelves"))
        #expect(findings.isEmpty, "\(findings)")
    }

    @Test func aMethodIsFoundByItsFullNameOrAnUnambiguousSuffix() throws {
        let registry = try Self.imported()
        for name in ["projects_locations_books_archive", "books_archive", "archive", "Archive"] {
            let (_, _, method) = try registry.method(provider: "google", service: "shelves", resource: "books", method: name)
            #expect(method.name == "projects_locations_books_archive", "\(name)")
        }
    }

    @Test func anAmbiguousSuffixIsSettledByTheParametersGiven() throws {
        let registry = try Self.imported()
        #expect(throws: RegistryError.self) {
            try registry.method(provider: "google", service: "shelves", resource: "pages", method: "delete")
        }
        let (_, _, method) = try registry.method(provider: "google", service: "shelves", resource: "pages", method: "delete",
                                                 given: ["projectsId", "locationsId", "magazinesId", "pagesId"])
        #expect(method.name == "projects_locations_magazines_pages_delete")
    }

    @Test(arguments: [
        ("serviceAccounts", "service_account"), ("policies", "policy"), ("indexes", "index"), ("addresses", "address"),
        ("workloadIdentityPools", "workload_identity_pool"), ("access", "access"),
    ])
    func singulars(plural: String, singular: String) {
        #expect(NameCase.singular(plural) == singular)
    }

    @Test func otherVersionsOfAnAPIAreNamedWithTheirVersion() {
        func document(_ version: String, revision: String, methods: Int) -> JSONValue {
            .object([("revision", .string(revision)), ("methods", .object((0..<methods).map { ("m\($0)", .object([])) }))])
        }
        let names = DiscoveryImporter.assignServiceNames([
            ("iam", "v1", document("v1", revision: "20261023", methods: 130)),
            ("iam", "v2", document("v2", revision: "20261023", methods: 6)),
            ("iam", "v2beta", document("v2beta", revision: "20261023", methods: 6)),
            ("dns", "v1", document("v1", revision: "20261009", methods: 51)),
            ("dns", "v2", document("v2", revision: "20220426", methods: 37)),
            ("run", "v1", document("v1", revision: "20261031", methods: 76)),
            ("run", "v2", document("v2", revision: "20261031", methods: 59)),
        ], preferred: [:])
        #expect(names == ["iam", "iamv2", "iamv2beta", "dns", "dnsv2", "runv1", "run"])
        #expect(DiscoveryImporter.assignServiceNames([("run", "v1", document("v1", revision: "1", methods: 1)),
                                                      ("run", "v2", document("v2", revision: "1", methods: 1))],
                                                     preferred: ["run": "v1"]) == ["run", "runv2"])
    }
}

/// "Did you mean" among the many names of a whole Google service.
@Suite struct NameSuggestionTests {
    @Test func theNearestOfTheNamesThatContainATypoComesFirst() {
        let names = ["instance_group_manager_resize_requests", "instance_group_managers", "instance_templates",
                     "instances", "instant_snapshots"]
        #expect(NameSuggester.suggestions(for: "instan", among: names).first == "instances")
        #expect(NameSuggester.suggestions(for: "instnaces", among: names).first == "instances")
    }
}
