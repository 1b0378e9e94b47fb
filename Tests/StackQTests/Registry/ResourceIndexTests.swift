import Foundation
import Testing
@testable import StackQ

/// A resource loaded through its service document's index is the resource a load of the whole document gives.
@Suite struct ResourceIndexTests {
    private func bundled() -> Registry {
        Registry(root: RegistryFixtures.repository.appendingPathComponent("providers"), cacheDirectory: nil)
    }

    /// The component schemas a resource's methods reach through references, transitively.
    private func reachableSchemas(of resource: Resource, in service: ProviderService) -> Set<String> {
        var found: Set<String> = []
        func visit(_ reference: SchemaRef?) {
            switch reference {
            case .ref(let name)?:
                guard found.insert(name).inserted, let schema = service.schemas[name] else { return }
                visit(schema)
            case .inline(let schema)?:
                visit(schema)
            case nil:
                break
            }
        }
        func visit(_ schema: Schema) {
            for property in schema.properties { visit(property.schema) }
            visit(schema.items)
            visit(schema.additionalProperties)
        }
        for method in resource.methods {
            visit(method.response.schema)
            visit(method.requestBody?.schema)
        }
        return found
    }

    @Test(arguments: ["aiplatform", "dataproc"])
    func everyBundledResourceMatchesTheWholeService(serviceName: String) throws {
        let whole = bundled()
        let full = try whole.service(provider: "google", name: serviceName)
        let indexed = bundled()
        #expect(full.resources.count > 10)
        for resource in full.resources {
            guard let pair = indexed.indexedResource(provider: "google", service: serviceName,
                                                     resource: resource.name) else {
                Issue.record("\(resource.id) is not served by the index")
                continue
            }
            let (partial, found) = pair
            #expect(found == resource, "\(resource.id)")
            #expect(partial.resources == [resource])
            #expect(partial.provider == full.provider && partial.name == full.name && partial.title == full.title
                    && partial.description == full.description && partial.version == full.version)
            #expect(partial.servers == full.servers && partial.endpoints == full.endpoints)
            for name in reachableSchemas(of: resource, in: full) {
                #expect(partial.schemas[name] == full.schemas[name], "\(resource.id): schema \(name)")
            }
            for method in resource.methods {
                #expect(indexed.columns(of: found, in: partial, method: method)
                        == whole.columns(of: resource, in: full, method: method), "\(resource.id).\(method.name)")
            }
            let arguments = (provider: "google", service: serviceName, resource: resource.name)
            #expect(try indexed.describe(provider: arguments.provider, service: arguments.service,
                                         resource: arguments.resource, extended: true)
                    == whole.describe(provider: arguments.provider, service: arguments.service,
                                      resource: arguments.resource, extended: true))
            #expect(try indexed.showMethods(provider: arguments.provider, service: arguments.service,
                                            resource: arguments.resource, extended: true)
                    == whole.showMethods(provider: arguments.provider, service: arguments.service,
                                         resource: arguments.resource, extended: true))
            for method in resource.methods {
                #expect(try indexed.describeMethod(provider: arguments.provider, service: arguments.service,
                                                   resource: arguments.resource, method: method.name)
                        == whole.describeMethod(provider: arguments.provider, service: arguments.service,
                                                resource: arguments.resource, method: method.name))
            }
        }
        // Everything above went through the index: the whole document was never loaded.
        #expect(indexed.loadedServiceKeys.isEmpty)
        #expect(indexed.resourceIndexes.resourceKeys.count == full.resources.count)
    }

    @Test func describeParsesOnlyTheResourceItNames() throws {
        let registry = bundled()
        let table = try registry.describe(provider: "google", service: "aiplatform", resource: "notebook_execution_jobs")
        #expect(Set(RegistryFixtures.notebookExecutionJobFields).isSubset(of: Set(table.rows.map { $0[0]! })))
        #expect(registry.loadedServiceKeys.isEmpty)
        #expect(registry.resourceIndexes.resourceKeys == ["google.aiplatform.notebook_execution_jobs"])
    }

    @Test func anUnknownResourceStillGetsSuggestions() throws {
        let error = #expect(throws: RegistryError.self) {
            try bundled().resource(provider: "google", service: "dataproc", resource: "sesions")
        }
        guard case .unknownResource(_, _, let name, let suggestions)? = error else {
            Issue.record("unexpected \(String(describing: error))")
            return
        }
        #expect(name == "sesions")
        #expect(suggestions.contains("google.dataproc.sessions"))
    }

    /// A provider of one JSON service, `acme.things`, whose document is `document`.
    private func acmeProvider(document contents: Data) throws -> (root: URL, document: URL) {
        let root = try RegistryFixtures.temporaryDirectory()
        let provider = root.appendingPathComponent("src/acme/v1")
        try FileManager.default.createDirectory(at: provider.appendingPathComponent("services"),
                                                withIntermediateDirectories: true)
        try Data("name: acme\nproviderServices:\n  things:\n    service:\n      $ref: acme/v1/services/things.json\n".utf8)
            .write(to: provider.appendingPathComponent("provider.yaml"))
        let document = provider.appendingPathComponent("services/things.json")
        try contents.write(to: document)
        return (root, document)
    }

    private func thingsDocument(columns names: [String]) -> Data {
        let properties = names.map { "\"\($0)\": {\"type\": \"string\"}" }.joined(separator: ", ")
        return Data("""
            {"openapi": "3.0.0", "servers": [{"url": "https://acme.example"}],
             "paths": {"/things/{id}": {"get": {"operationId": "things.get",
               "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
               "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "properties": {\(properties)}},
                                        "Unused": {"type": "object"}},
               "x-stackQL-resources": {"things": {"id": "acme.things.things", "name": "things",
                 "methods": {"get": {"operation": {"$ref": "#/paths/~1things~1{id}/get"},
                                     "response": {"mediaType": "application/json", "openAPIDocKey": "200"}}},
                 "sqlVerbs": {"select": [{"$ref": "#/components/x-stackQL-resources/things/methods/get"}]}}}}}
            """.utf8)
    }

    @Test func theResourcesPartIsCachedAndALaterChangeToTheDocumentIsSeen() throws {
        let (root, document) = try acmeProvider(document: thingsDocument(columns: ["name", "state"]))
        let cache = try RegistryFixtures.temporaryDirectory()
        func columns() throws -> [String] {
            let registry = Registry(root: root, cacheDirectory: cache)
            let table = try registry.describe(provider: "acme", service: "things", resource: "things")
            #expect(registry.loadedServiceKeys.isEmpty)
            return table.rows.map { $0[0]! }
        }
        #expect(try columns() == ["name", "state"])
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("things-") }
        #expect(cached.count == 1)
        // The cached part holds the resource and what it reaches, not the schema nothing refers to.
        let part = try JSONValue(parsing: Data(contentsOf: cache.appendingPathComponent(cached[0])))
        #expect(part["components"]?["schemas"]?["Thing"] != nil)
        #expect(part["components"]?["schemas"]?["Unused"] == nil)
        // A second registry (a later process) answers from it; a changed document is read anew.
        #expect(try columns() == ["name", "state"])
        try thingsDocument(columns: ["name", "state", "createTime"]).write(to: document)
        #expect(try columns() == ["name", "state", "createTime"])
    }

    @Test func theResourceListIsCachedAndAChangedDocumentIsListedAnew() throws {
        let (root, document) = try acmeProvider(document: thingsDocument(columns: ["name"]))
        let cache = try RegistryFixtures.temporaryDirectory()
        func listed() throws -> (names: [String], loadedWhole: Bool) {
            let registry = Registry(root: root, cacheDirectory: cache)
            let table = try registry.showResources(provider: "acme", service: "things")
            return (table.rows.map { $0[0]! }, !registry.loadedServiceKeys.isEmpty)
        }
        #expect(try listed() == (["things"], true))
        // A later process lists the service from the cache, without loading its document.
        #expect(try listed() == (["things"], false))
        let renamed = String(decoding: thingsDocument(columns: ["name"]), as: UTF8.self)
            .replacingOccurrences(of: #""name": "things""#, with: #""name": "widgets""#)
            .replacingOccurrences(of: "acme.things.things", with: "acme.things.widgets")
        try Data(renamed.utf8).write(to: document)
        #expect(try listed().names == ["widgets"])
        // A service that does not load still says why.
        try Data("{".utf8).write(to: document)
        #expect(throws: RegistryError.self) { _ = try listed() }
    }

    @Test func cacheFilesOlderThanTheirLifetimeAreRemoved() throws {
        let cache = try RegistryFixtures.temporaryDirectory()
        let old = cache.appendingPathComponent("things-1.json")
        let fresh = cache.appendingPathComponent("things-2.json")
        let other = cache.appendingPathComponent("notes.txt")
        for file in [old, fresh, other] { try Data("{}".utf8).write(to: file) }
        let longAgo = Date(timeIntervalSinceNow: -DocumentReader.cacheLifetime - 3600)
        for file in [old, other] {
            try FileManager.default.setAttributes([.modificationDate: longAgo], ofItemAtPath: file.path)
        }
        DocumentReader.prune(cache)
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted() == ["notes.txt", "things-2.json"])
    }

    /// A JSON document whose resource is broken: the index declines it and the whole load reports the problem.
    @Test func aBrokenResourceReportsTheWholeLoadsError() throws {
        let root = try acmeProvider(document: Data(#"""
            {"openapi": "3.0.0", "paths": {},
             "components": {"x-stackQL-resources": {"things": {"methods": {"list": {"operation": {"$ref": "#/paths/~1things/get"}}}}}}}
            """#.utf8)).root
        let registry = Registry(root: root, cacheDirectory: nil)
        #expect(registry.indexedResource(provider: "acme", service: "things", resource: "things") == nil)
        let error = #expect(throws: RegistryError.self) {
            try registry.resource(provider: "acme", service: "things", resource: "things")
        }
        #expect(error?.description.contains("things.list whose operation #/paths/~1things/get is not in paths") == true)
    }

    @Test func scannerFindsMembersPastEscapesAndNesting() throws {
        let text = #" {"a\"b": "x\\", "c" : [1, {"d": "}]"}], "e":true, "f": -1.5e3 } "#
        let bytes = Array(text.utf8)
        let members = try bytes.withUnsafeBytes { buffer in
            let scanner = JSONScanner(buffer)
            return try scanner.members(ofObjectAt: scanner.documentRange().lowerBound).map { member in
                (member.key, try JSONValue(parsing: bytes[member.value]))
            }
        }
        #expect(members.map(\.0) == ["a\"b", "c", "e", "f"])
        #expect(members.map(\.1) == [.string("x\\"), try JSONValue(parsing: #"[1, {"d": "}]"}]"#), .bool(true),
                                     .number(-1500)])
    }

    @Test(arguments: [#"{"a": [1, 2}"#, #"{"a": "x}"#, #"{"a" 1}"#, #"[1]"#, #"{"a": 1} x"#])
    func scannerRejectsBrokenOutlines(text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: JSONParseError.self) {
            try bytes.withUnsafeBytes { buffer in
                let scanner = JSONScanner(buffer)
                _ = try scanner.members(ofObjectAt: scanner.documentRange().lowerBound)
            }
        }
    }
}
