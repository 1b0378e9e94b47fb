import Foundation

/// Converts one Google Discovery document into a StackQL-format OpenAPI service document.
///
/// Rules (see `providers/README.md`):
/// - a method's path is its `flatPath` (else `path`) with a leading `/`; its path parameters are the template's
///   variables (`projectsId`, `locationsId`, `sessionsId`), all required strings;
/// - query parameters keep type, format, enum, pattern, `repeated` (as an array schema) and description;
///   Google's global parameters (`alt`, `fields`, `key`, …) are left out;
/// - a resource is named by the snake_case of its last Discovery segment (`projects.locations.sessions` →
///   `sessions`); IAM methods (`getIamPolicy`, `setIamPolicy`, `testIamPermissions`) go to `<name>_iam_policies`
///   as StackQL does. Nestings that share a last segment merge into one resource when their rows have the same
///   schema (`projects.locations.operations` and `projects.regions.operations`), as StackQL does; otherwise the
///   nestings of the row schema served by the most methods keep the name and the others are prefixed with their
///   parent segments until the names differ (`publishers_models`);
/// - GET methods other than `get`, `list` and `aggregatedList` get a resource of their own,
///   `<name>_<method>` without a leading get/list (`getSettings` → `locations_settings`);
/// - no resource keeps two SELECT methods with the same required parameters: the nesting that is not the
///   shortest is renamed by the segments that tell it apart (`agent_knowledge_bases_documents` beside
///   `documents`), or two methods of one nesting split by method, unless a parameter only the second-ranked one
///   takes tells them apart (Compute's global `list` and `aggregatedList`);
/// - a method is named by its id without the service prefix, camelCase and dots to snake_case
///   (`dataproc.projects.locations.sessions.list` → `projects_locations_sessions_list`);
/// - every GET method (and `getIamPolicy`) serves SELECT (more required parameters first; of as many,
///   `aggregatedList` last), `create`/`insert` INSERT, `patch`/`update` UPDATE, `delete` DELETE, anything else
///   EXEC; the `objectKey` of a list (and of `list…`/`search…` reads) is its response's array-of-objects
///   property, of an `aggregatedList` `$.items.*.<array>[*]`;
/// - the server is `rootUrl` + `servicePath`; the document's `endpoints` are kept in `x-stackQL-endpoints`;
///   pagination is Google's (`pageToken` → `nextPageToken`).
struct DiscoveryConverter {
    /// An extra method copying another one's operation with a different verb or response (from an overlay).
    struct Alias {
        var resource: String
        var name: String
        var method: String
        var sqlVerb: SQLVerb
        var objectKey: String?
    }

    let document: JSONValue
    let serviceName: String
    let providerName: String
    let aliases: [Alias]

    private static let iamMethods: Set<String> = ["getIamPolicy", "setIamPolicy", "testIamPermissions"]
    /// GET methods that serve their nesting's own resource; any other GET gets a resource of its own.
    private static let plainReads: Set<String> = ["get", "list", "aggregatedList"]

    /// The resource name suffix of a GET method beside `get`/`list`: `getSettings` → `settings`,
    /// `listUsable` → `usable`, `search` → `search`.
    static func readSuffix(_ key: String) -> String {
        let snake = NameCase.snake(key)
        for prefix in ["get_", "list_"] where snake.hasPrefix(prefix) && snake.count > prefix.count {
            return String(snake.dropFirst(prefix.count))
        }
        return snake
    }

    /// One Discovery method with where it sits.
    private struct Entry {
        var nesting: [String]
        var key: String
        var node: JSONValue
        var name: String
        var baseResource: String
        var path: String
        var httpMethod: String
    }

    private struct ConversionError: Error, CustomStringConvertible {
        var description: String
    }

    /// The OpenAPI document.
    ///
    /// - Throws: an error describing the first thing that cannot be converted.
    func convert() throws -> JSONValue {
        let schemas = document["schemas"]?.memberDictionary ?? [:]
        var entries: [Entry] = []
        collectMethods(of: document, nesting: [], into: &entries)
        collectResources(document["resources"], nesting: [], into: &entries)
        let resourceNames = separateCollisions(entries, names: assignResourceNames(entries, schemas: schemas),
                                               schemas: schemas)

        var paths: [(key: String, value: JSONValue)] = []
        var pathIndex: [String: Int] = [:]
        var resources: [(name: String, methods: [(key: String, value: JSONValue)], verbs: [SQLVerb: [(String, Int)]])] = []
        var resourceIndex: [String: Int] = [:]

        for (offset, entry) in entries.enumerated() {
            let resourceName = resourceNames[offset]
            let operation = try self.operation(entry)
            let verbKey = entry.httpMethod.lowercased()
            if let index = pathIndex[entry.path] {
                guard paths[index].value[verbKey] == nil else {
                    throw ConversionError(description: "two methods share \(entry.httpMethod) \(entry.path)")
                }
                paths[index].value = paths[index].value.setting(verbKey, to: operation)
            } else {
                pathIndex[entry.path] = paths.count
                paths.append((entry.path, .fields([(verbKey, operation)])))
            }
            let verb = sqlVerb(entry)
            let objectKey = verb == .select ? self.objectKey(entry, schemas: schemas) : nil
            let methodNode = Self.methodNode(path: entry.path, verb: verbKey, objectKey: objectKey)
            if resourceIndex[resourceName] == nil {
                resourceIndex[resourceName] = resources.count
                resources.append((resourceName, [], [:]))
            }
            let index = resourceIndex[resourceName]!
            resources[index].methods.append((entry.name, methodNode))
            if verb != .exec {
                resources[index].verbs[verb, default: []].append((entry.name, verbRank(entry)))
            }
        }
        for alias in aliases {
            guard let index = resourceIndex[alias.resource],
                  let original = resources[index].methods.first(where: { $0.key == alias.method }) else {
                throw ConversionError(description: "overlay alias \(alias.name) refers to unknown method \(alias.resource).\(alias.method)")
            }
            var node = original.value
            var response = node["response"] ?? .object([])
            response = .object(response.members.filter { $0.key != "objectKey" })
            if let objectKey = alias.objectKey { response = response.setting("objectKey", to: .string(objectKey)) }
            node = node.setting("response", to: response)
            resources[index].methods.removeAll { $0.key == alias.name }
            resources[index].methods.append((alias.name, node))
            if alias.sqlVerb != .exec { resources[index].verbs[alias.sqlVerb, default: []].append((alias.name, 0)) }
        }

        let stackQLResources: [(key: String, value: JSONValue)] = resources.map { resource in
            (resource.name, .fields([
                ("id", .string("\(providerName).\(serviceName).\(resource.name)")),
                ("name", .string(resource.name)),
                ("title", .string(NameCase.title(resource.name))),
                ("methods", .object(resource.methods)),
                ("sqlVerbs", Self.sqlVerbsNode(resource.name, resource.verbs)),
            ]))
        }
        let convertedSchemas: [(key: String, value: JSONValue)] = (document["schemas"]?.members ?? []).map {
            ($0.key, DiscoverySchemaConverter.convert($0.value))
        }
        return .fields([
            ("openapi", .string("3.1.0")),
            ("info", .fields([
                ("title", .text(document["title"]?.scalarText)),
                ("description", .text(document["description"]?.scalarText)),
                ("version", .text(document["version"]?.scalarText)),
                ("x-discovery-doc-id", .text(document["id"]?.scalarText)),
                ("x-discovery-doc-revision", .text(document["revision"]?.scalarText)),
            ])),
            ("externalDocs", document["documentationLink"].map { JSONValue.fields([("url", $0)]) }),
            ("servers", .array([.fields([("url", .string(serverURL()))])])),
            ("x-stackQL-endpoints", endpoints()),
            ("x-stackQL-config", .fields([("pagination", .fields([
                ("requestToken", .fields([("key", .string("pageToken")), ("location", .string("query"))])),
                ("responseToken", .fields([("key", .string("nextPageToken")), ("location", .string("body"))])),
            ]))])),
            ("paths", .object(paths)),
            ("components", .fields([
                ("schemas", .object(convertedSchemas)),
                ("x-stackQL-resources", .object(stackQLResources)),
            ])),
        ])
    }

    // MARK: Collecting methods

    private func collectMethods(of container: JSONValue, nesting: [String], into entries: inout [Entry]) {
        for (key, node) in container["methods"]?.members ?? [] where node.isObject {
            let base = nesting.last.map(NameCase.snake) ?? NameCase.snake(serviceName)
            let template = node["flatPath"]?.stringValue ?? node["path"]?.stringValue ?? ""
            let httpMethod = (node["httpMethod"]?.stringValue ?? "GET").uppercased()
            let baseResource: String
            if Self.iamMethods.contains(key) {
                baseResource = base + "_iam_policies"
            } else if httpMethod == "GET", !Self.plainReads.contains(key) {
                baseResource = base + "_" + Self.readSuffix(key)
            } else {
                baseResource = base
            }
            entries.append(Entry(nesting: nesting, key: key, node: node,
                                 name: methodName(node, nesting: nesting, key: key),
                                 baseResource: baseResource,
                                 path: "/" + String(template.replacingOccurrences(of: "{+", with: "{").drop { $0 == "/" }),
                                 httpMethod: httpMethod))
        }
    }

    private func collectResources(_ resources: JSONValue?, nesting: [String], into entries: inout [Entry]) {
        for (key, node) in resources?.members ?? [] {
            collectMethods(of: node, nesting: nesting + [key], into: &entries)
            collectResources(node["resources"], nesting: nesting + [key], into: &entries)
        }
    }

    private func methodName(_ node: JSONValue, nesting: [String], key: String) -> String {
        let id = node["id"]?.stringValue ?? (nesting + [key]).joined(separator: ".")
        var parts = id.split(separator: ".").map(String.init)
        if parts.count > 1 { parts.removeFirst() }
        return parts.map(NameCase.snake).joined(separator: "_")
    }

    // MARK: Resource names

    /// The resource name of each entry: nestings sharing a last segment merge when their rows agree, else
    /// get parent prefixes until unique.
    private func assignResourceNames(_ entries: [Entry], schemas: [String: JSONValue]) -> [String] {
        var nestingsByBase: [String: [[String]]] = [:]
        for entry in entries where !(nestingsByBase[entry.baseResource]?.contains(entry.nesting) ?? false) {
            nestingsByBase[entry.baseResource, default: []].append(entry.nesting)
        }
        var nameOfNesting: [String: [[String]: String]] = [:]
        for (base, nestings) in nestingsByBase {
            let rowSchemas = nestings.map { nesting in
                rowSchemaName(entries.filter { $0.baseResource == base && $0.nesting == nesting }, schemas: schemas)
            }
            if nestings.count == 1 || Set(rowSchemas.compactMap { $0 }).count <= 1 {
                nameOfNesting[base] = Dictionary(uniqueKeysWithValues: nestings.map { ($0, base) })
                continue
            }
            let keeper = plainNameSchema(nestings: nestings, rowSchemas: rowSchemas, entries: entries, base: base)
            let prefixed = nestings.indices.filter { rowSchemas[$0] != keeper && rowSchemas[$0] != nil }.map { nestings[$0] }
            var names = Dictionary(uniqueKeysWithValues: nestings.map { ($0, base) })
            var depth = 1
            while true {
                for nesting in prefixed {
                    names[nesting] = (nesting.dropLast().suffix(depth).map(NameCase.snake) + [base]).joined(separator: "_")
                }
                let distinct = Set(prefixed.map { names[$0]! })
                if (distinct.count == prefixed.count && !distinct.contains(base)) || depth > 16 { break }
                depth += 1
            }
            nameOfNesting[base] = names
        }
        return entries.map { nameOfNesting[$0.baseResource]?[$0.nesting] ?? $0.baseResource }
    }

    /// The row schema whose nestings keep the plain name: the one served by the most methods, ties to the first.
    private func plainNameSchema(nestings: [[String]], rowSchemas: [String?], entries: [Entry], base: String) -> String? {
        var methodCounts: [String: Int] = [:]
        var order: [String] = []
        for (index, nesting) in nestings.enumerated() {
            guard let schema = rowSchemas[index] else { continue }
            if methodCounts[schema] == nil { order.append(schema) }
            methodCounts[schema, default: 0] += entries.filter { $0.baseResource == base && $0.nesting == nesting }.count
        }
        return order.max { lhs, rhs in
            methodCounts[lhs]! != methodCounts[rhs]! ? methodCounts[lhs]! < methodCounts[rhs]! : order.firstIndex(of: lhs)! > order.firstIndex(of: rhs)!
        }
    }

    /// The schema name of a nesting's rows: its `get` response, else its `list` response's item.
    private func rowSchemaName(_ entries: [Entry], schemas: [String: JSONValue]) -> String? {
        if let get = entries.first(where: { $0.key == "get" }), let name = get.node["response"]?["$ref"]?.stringValue {
            return name
        }
        if let list = entries.first(where: { $0.key == "list" }), let key = objectKeyProperty(list, schemas: schemas) {
            return key.itemReference
        }
        for entry in entries where sqlVerb(entry) == .select {
            if entry.key == "aggregatedList" {
                if let property = aggregatedProperty(entry, schemas: schemas) { return property.itemReference }
            } else if Self.returnsList(entry.key), let property = objectKeyProperty(entry, schemas: schemas) {
                return property.itemReference
            } else if let name = entry.node["response"]?["$ref"]?.stringValue {
                return name
            }
        }
        return nil
    }

    /// Renames until no resource has two SELECT methods with the same required parameters (one of them could
    /// never be chosen). Of two nestings that collide, the shorter keeps the name and the other is named by the
    /// segments that tell it apart (`projects.agent.knowledgeBases.documents` beside
    /// `projects.knowledgeBases.documents` → `agent_knowledge_bases_documents`); two methods of one nesting
    /// that collide split by method (`<resource>_<method key>`).
    private func separateCollisions(_ entries: [Entry], names initial: [String], schemas: [String: JSONValue]) -> [String] {
        var names = initial
        let required = entries.map { Set(PathTemplate($0.path).variables).union(requiredQueryParameters($0)) }
        let selects = Set(entries.indices.filter { sqlVerb(entries[$0]) == .select })
        for _ in 0..<max(1, selects.count) {
            var byName: [String: [Int]] = [:]
            for index in selects.sorted() { byName[names[index], default: []].append(index) }
            var collision: (index: Int, keeper: Int)?
            search: for name in byName.keys.sorted() {
                let ordered = byName[name]!.sorted { lhs, rhs in
                    entries[lhs].nesting.count != entries[rhs].nesting.count
                        ? entries[lhs].nesting.count < entries[rhs].nesting.count : lhs < rhs
                }
                var keepers: [Set<String>: Int] = [:]
                for index in ordered {
                    if let keeper = keepers[required[index]] {
                        if choosableByOptionalParameter(entries[index], beside: entries[keeper]) { continue }
                        collision = (index, keeper)
                        break search
                    }
                    keepers[required[index]] = index
                }
            }
            guard let (index, keeper) = collision else { return names }
            let entry = entries[index]
            let name = names[index]
            let used = Set(names)
            var nestingNames: [String] = []
            if entry.nesting != entries[keeper].nesting {
                let common = zip(entry.nesting, entries[keeper].nesting).prefix { $0 == $1 }.count
                let distinct = entry.nesting.dropFirst(common).dropLast().map(NameCase.snake)
                if !distinct.isEmpty { nestingNames.append((distinct + [entry.baseResource]).joined(separator: "_")) }
                nestingNames.append((entry.nesting.dropLast().map(NameCase.snake) + [entry.baseResource]).joined(separator: "_"))
            }
            let moving = entries.indices.filter {
                names[$0] == name && entries[$0].nesting == entry.nesting && entries[$0].baseResource == entry.baseResource
            }
            /// A name is free, or held by nestings of the same base and rows that it can join without a collision.
            func fits(_ candidate: String) -> Bool {
                let holders = entries.indices.filter { names[$0] == candidate }
                guard !holders.isEmpty else { return true }
                guard holders.allSatisfy({ entries[$0].baseResource == entry.baseResource }) else { return false }
                let held = Set(holders.filter(selects.contains).map { required[$0] })
                guard moving.filter(selects.contains).allSatisfy({ !held.contains(required[$0]) }) else { return false }
                return rowSchemaName(holders.map { entries[$0] }, schemas: schemas)
                    == rowSchemaName(moving.map { entries[$0] }, schemas: schemas)
            }
            if let chosen = nestingNames.first(where: { $0 != name && fits($0) }) {
                for other in moving { names[other] = chosen }
            } else {
                names[index] = [name + "_" + NameCase.snake(entry.key), entry.name].first { !used.contains($0) }
                    ?? "\(entry.name)_\(index)"
            }
        }
        return names
    }

    /// Two methods of one nesting with the same required parameters stay together when the one the planner
    /// ranks second takes a parameter the other does not: binding it chooses that method (Compute's global
    /// `backendServices.aggregatedList` beside `list`, chosen by `includeAllScopes`).
    private func choosableByOptionalParameter(_ entry: Entry, beside keeper: Entry) -> Bool {
        guard entry.nesting == keeper.nesting else { return false }
        let (first, second) = verbRank(entry) > verbRank(keeper) ? (entry, keeper) : (keeper, entry)
        func names(_ entry: Entry) -> Set<String> {
            Set(PathTemplate(entry.path).variables).union((entry.node["parameters"]?.members ?? []).filter {
                $0.value["location"]?.stringValue == "query"
            }.map(\.key))
        }
        return !names(second).isSubset(of: names(first))
    }

    private func requiredQueryParameters(_ entry: Entry) -> [String] {
        (entry.node["parameters"]?.members ?? []).filter {
            $0.value["location"]?.stringValue == "query" && $0.value["required"]?.boolValue == true
        }.map(\.key)
    }

    // MARK: Methods

    private func sqlVerb(_ entry: Entry) -> SQLVerb {
        switch entry.key {
        case "get", "list", "getIamPolicy": return .select
        case "create", "insert": return .insert
        case "patch", "update": return .update
        case "delete": return .delete
        default: return entry.httpMethod == "GET" ? .select : .exec
        }
    }

    /// The order of a method among its resource's methods of one verb, highest first: more required parameters
    /// first; of as many, an `aggregatedList` after the others (Compute's global `list` stays the default).
    private func verbRank(_ entry: Entry) -> Int {
        requiredCount(entry) * 2 + (entry.key == "aggregatedList" ? 0 : 1)
    }

    private func requiredCount(_ entry: Entry) -> Int {
        PathTemplate(entry.path).variables.count
            + (entry.node["parameters"]?.members ?? []).filter {
                $0.value["location"]?.stringValue == "query" && $0.value["required"]?.boolValue == true
            }.count
    }

    private static func methodNode(path: String, verb: String, objectKey: String?) -> JSONValue {
        .fields([
            ("operation", .fields([("$ref", .string("#/paths/\(JSONPointer.escape(path))/\(verb)"))])),
            ("response", .fields([
                ("mediaType", .string("application/json")),
                ("openAPIDocKey", .string("200")),
                ("objectKey", .text(objectKey)),
            ])),
        ])
    }

    private static func sqlVerbsNode(_ resource: String, _ verbs: [SQLVerb: [(String, Int)]]) -> JSONValue {
        .fields([SQLVerb.select, .insert, .update, .replace, .delete].map { verb -> (String, JSONValue?) in
            let methods = (verbs[verb] ?? []).enumerated().sorted { lhs, rhs in
                let (left, right) = (lhs.element, rhs.element)
                if left.1 != right.1 { return left.1 > right.1 }
                return lhs.offset < rhs.offset
            }.map(\.element.0)
            return (verb.rawValue, .array(methods.map { name in
                .fields([("$ref", .string("#/components/x-stackQL-resources/\(JSONPointer.escape(resource))/methods/\(JSONPointer.escape(name))"))])
            }))
        })
    }

    private func operation(_ entry: Entry) throws -> JSONValue {
        let node = entry.node
        let definitions = node["parameters"]?.members ?? []
        var parameters: [JSONValue] = []
        var names: Set<String> = []
        for variable in PathTemplate(entry.path).variables where names.insert(variable).inserted {
            let definition = definitions.first { $0.key == variable && $0.value["location"]?.stringValue == "path" }?.value
            parameters.append(.fields([
                ("in", .string("path")),
                ("name", .string(variable)),
                ("required", .bool(true)),
                ("description", .text(definition?["description"]?.scalarText)),
                ("schema", .fields([("type", .string("string"))])),
            ]))
        }
        for (name, definition) in definitions where definition["location"]?.stringValue == "query" {
            guard names.insert(name).inserted else { continue }
            parameters.append(.fields([
                ("in", .string("query")),
                ("name", .string(name)),
                ("required", definition["required"]?.boolValue == true ? JSONValue.bool(true) : nil),
                ("description", .text(definition["description"]?.scalarText)),
                ("schema", Self.parameterSchema(definition)),
            ]))
        }
        let response: JSONValue
        if let reference = node["response"]?["$ref"]?.stringValue {
            response = .fields([("200", .fields([
                ("description", .string("Successful response")),
                ("content", .fields([("application/json", .fields([
                    ("schema", .fields([("$ref", .string(SchemaConverter.componentPrefix + reference))])),
                ]))])),
            ]))])
        } else {
            response = .fields([("200", .fields([("description", .string("Successful response"))]))])
        }
        let requestBody: JSONValue? = node["request"]?["$ref"]?.stringValue.map { reference -> JSONValue in
            .fields([("content", .fields([("application/json", .fields([
                ("schema", .fields([("$ref", .string(SchemaConverter.componentPrefix + reference))])),
            ]))]))])
        }
        return .fields([
            ("description", .text(node["description"]?.scalarText)),
            ("operationId", .text(node["id"]?.scalarText)),
            ("parameters", .array(parameters)),
            ("requestBody", requestBody),
            ("responses", response),
        ])
    }

    private static func parameterSchema(_ definition: JSONValue) -> JSONValue {
        let element = JSONValue.fields([
            ("type", .string(definition["type"]?.stringValue ?? "string")),
            ("format", definition["format"]),
            ("enum", definition["enum"]),
            ("pattern", definition["pattern"]),
            ("default", definition["default"]),
        ])
        guard definition["repeated"]?.boolValue == true else { return element }
        return .fields([("type", .string("array")), ("items", element)])
    }

    // MARK: Rows

    private struct ArrayProperty {
        var name: String
        var itemReference: String?
    }

    /// Where a SELECT method's rows are: a list's (or `list*`/`search*` read's) array-of-objects property,
    /// `$.items.*.<array>[*]` for an `aggregatedList` (every member of the `items` map), `$.bindings` for
    /// `getIamPolicy`; nil (the body is the row) for any other read.
    private func objectKey(_ entry: Entry, schemas: [String: JSONValue]) -> String? {
        if entry.key == "getIamPolicy" { return "$.bindings" }
        if entry.key == "aggregatedList" {
            return aggregatedProperty(entry, schemas: schemas).map { "$.items.*.\($0.name)[*]" }
        }
        guard Self.returnsList(entry.key) else { return nil }
        return objectKeyProperty(entry, schemas: schemas).map { "$.\($0.name)" }
    }

    /// True for the reads whose rows are an array of the response: `list`, `list*`, `search*`.
    private static func returnsList(_ key: String) -> Bool {
        key == "list" || key == "search" || ((key.hasPrefix("list") || key.hasPrefix("search"))
            && key.dropFirst(key.hasPrefix("list") ? 4 : 6).first?.isUppercase == true)
    }

    /// The array-of-objects property of an `aggregatedList` response's `items` map values (Compute's
    /// `InstancesScopedList.instances`).
    private func aggregatedProperty(_ entry: Entry, schemas: [String: JSONValue]) -> ArrayProperty? {
        guard let responseName = entry.node["response"]?["$ref"]?.stringValue,
              let items = schemas[responseName]?["properties"]?["items"],
              let scopedName = items["additionalProperties"]?["$ref"]?.stringValue,
              let scoped = schemas[scopedName] else { return nil }
        return arrayProperties(of: scoped).first
    }

    /// The list response's array-of-objects property (not `unreachable`), preferring the nesting's `get` schema.
    private func objectKeyProperty(_ entry: Entry, schemas: [String: JSONValue]) -> ArrayProperty? {
        guard let responseName = entry.node["response"]?["$ref"]?.stringValue,
              let response = schemas[responseName] else { return nil }
        return arrayProperties(of: response).first
    }

    /// The array-of-objects properties of a schema, in order (not `unreachable`).
    private func arrayProperties(of response: JSONValue) -> [ArrayProperty] {
        var candidates: [ArrayProperty] = []
        for (name, property) in response["properties"]?.members ?? [] where property["type"]?.stringValue == "array" {
            guard name != "unreachable", let items = property["items"] else { continue }
            if let reference = items["$ref"]?.stringValue {
                candidates.append(ArrayProperty(name: name, itemReference: reference))
            } else if items["type"]?.stringValue == "object" {
                candidates.append(ArrayProperty(name: name, itemReference: nil))
            }
        }
        return candidates
    }

    // MARK: Servers

    private func serverURL() -> String {
        let root = document["rootUrl"]?.stringValue ?? document["baseUrl"]?.stringValue ?? ""
        let servicePath = document["servicePath"]?.stringValue ?? ""
        var url = root.hasSuffix("/") || servicePath.isEmpty || servicePath.hasPrefix("/") ? root + servicePath : root + "/" + servicePath
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    private func endpoints() -> JSONValue? {
        let entries = document["endpoints"]?.elements ?? []
        guard !entries.isEmpty else { return nil }
        return .array(entries.compactMap { entry in
            guard let location = entry["location"]?.scalarText, let url = entry["endpointUrl"]?.scalarText else { return nil }
            let description = entry["description"]?.scalarText ?? ""
            let kind: LocationEndpoint.Kind = description.localizedCaseInsensitiveContains("locational") ? .locational : .regional
            return .fields([
                ("location", .string(location)),
                ("url", .string(url)),
                ("kind", .string(kind.rawValue)),
                ("description", .text(entry["description"]?.scalarText)),
            ])
        })
    }
}
