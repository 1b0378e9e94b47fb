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

    /// IAM methods go to `<resource>_iam_policies`, as StackQL does.
    private static let iamMethods: Set<String> = ["getIamPolicy", "setIamPolicy", "testIamPermissions",
                                                  "analyzeIamPolicy", "analyzeIamPolicyLongrunning",
                                                  "searchAllIamPolicies"]
    /// Method names that begin with one of these verbs name a resource of their own after the verb
    /// (`getSettings` → `settings`, `listUsable` → `subnetworks_usable`), as StackQL's google provider does.
    private static let namingVerbs = ["get", "list", "delete", "batchGet", "remove", "create", "add", "update",
                                      "fetch", "retrieve"]
    /// Collections that only scope others: a resource named after a verb's object under one of them drops the
    /// collection (`projects.locations.getSettings` → `settings`, not `locations_settings`).
    private static let scopeCollections: Set<String> = ["organizations", "folders", "projects", "locations"]

    /// The resource name suffix of a GET method beside `get`/`list`: `getSettings` → `settings`,
    /// `listUsable` → `usable`, `search` → `search`.
    static func readSuffix(_ key: String) -> String {
        let snake = NameCase.snake(key)
        for prefix in ["get_", "list_"] where snake.hasPrefix(prefix) && snake.count > prefix.count {
            return String(snake.dropFirst(prefix.count))
        }
        return snake
    }

    /// True when `key` is `verb` or starts with it at a word boundary (`getSettings`, not `getter`).
    static func begins(_ key: String, with verb: String) -> Bool {
        guard key.hasPrefix(verb) else { return false }
        return key.count == verb.count || key.dropFirst(verb.count).first?.isUppercase == true
    }

    /// The SQL verb of a method by StackQL's rule: its name's verb and its HTTP method together
    /// (`create` POST → INSERT, `patch` PATCH → UPDATE, `update` PUT → REPLACE, `setIamPolicy` → REPLACE,
    /// `get`/`list`/`fetch`… GET → SELECT, anything else → EXEC).
    static func stackQLVerb(key: String, httpMethod: String) -> SQLVerb {
        if key == "getIamPolicy" { return .select }
        if key == "setIamPolicy" { return .replace }
        func any(_ verbs: [String]) -> Bool { verbs.contains { begins(key, with: $0) } }
        var verb = SQLVerb.exec
        switch httpMethod {
        case "POST":
            if any(["insert", "create", "add", "batchCreate", "bulkInsert"]) { verb = .insert }
            if any(["update", "patch", "batchUpdate"]) { verb = .update }
            if any(["replace"]) { verb = .replace }
            if any(["delete", "destroy", "batchDelete", "bulkDelete", "remove"]) { verb = .delete }
            if any(["get", "list", "fetch"]) { verb = .select }
        case "PATCH":
            if any(["update", "patch"]) { verb = .update }
        case "PUT":
            if any(["update", "replace"]) { verb = .replace }
        case "DELETE":
            if any(["delete", "remove"]) { verb = .delete }
        case "GET":
            if any(["aggregatedList", "get", "batchGet", "list", "query", "fetch", "retrieve"]) { verb = .select }
        default:
            break
        }
        return verb
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
        var verb: SQLVerb
        /// The resource this method had before names followed StackQL's (`locations_settings`): kept as a hidden
        /// name so scripts written then still run.
        var legacyResource: String
        /// A second entry for a GET method StackQL serves by EXEC: the same request as SELECT on a resource of
        /// its own (`documents_search`), so every read stays reachable by SELECT.
        var isSelectAlias = false
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
        var collections: Set<String> = []
        Self.collectionKeys(document["resources"], into: &collections)
        collectMethods(of: document, nesting: [], collections: collections, into: &entries)
        collectResources(document["resources"], nesting: [], collections: collections, into: &entries)
        // A whole-name path several methods share (Support's cases, attachments and comments `get`: `v2/{+name}`)
        // cannot tell them apart: the first in the document keeps it, as in StackQL's provider, and the others take
        // their flat paths (`parentType`, `parent`, `casesId`, …).
        var holder: [String: [String]] = [:]
        for entry in entries where !entry.isSelectAlias {
            let key = entry.httpMethod + " " + entry.path
            if holder[key] == nil { holder[key] = entry.nesting + [entry.key] }
        }
        for index in entries.indices {
            let key = entries[index].httpMethod + " " + entries[index].path
            guard let first = holder[key], first != entries[index].nesting + [entries[index].key] else { continue }
            entries[index].path = "/" + String(Self.template(of: entries[index].node, wholeName: false).drop { $0 == "/" })
        }
        let resourceNames = separateCollisions(entries, names: assignResourceNames(entries),
                                               schemas: schemas)

        var paths: [(key: String, value: JSONValue)] = []
        var pathIndex: [String: Int] = [:]
        var resources: [(name: String, methods: [(key: String, value: JSONValue)], verbs: [SQLVerb: [(String, Int)]])] = []
        var resourceIndex: [String: Int] = [:]
        func add(_ entry: Entry, to resourceName: String) {
            let objectKey = entry.verb == .select ? self.objectKey(entry, schemas: schemas) : nil
            let methodNode = Self.methodNode(path: entry.path, verb: entry.httpMethod.lowercased(), objectKey: objectKey)
            if resourceIndex[resourceName] == nil {
                resourceIndex[resourceName] = resources.count
                resources.append((resourceName, [], [:]))
            }
            let index = resourceIndex[resourceName]!
            resources[index].methods.append((entry.name, methodNode))
            if entry.verb != .exec {
                resources[index].verbs[entry.verb, default: []].append((entry.name, verbRank(entry)))
            }
        }

        for (offset, entry) in entries.enumerated() {
            let resourceName = resourceNames[offset]
            let verbKey = entry.httpMethod.lowercased()
            if entry.isSelectAlias {
                // The request was added with the entry this one copies.
            } else if let index = pathIndex[entry.path] {
                let operation = try self.operation(entry)
                guard paths[index].value[verbKey] == nil else {
                    throw ConversionError(description: "two methods share \(entry.httpMethod) \(entry.path)")
                }
                paths[index].value = paths[index].value.setting(verbKey, to: operation)
            } else {
                pathIndex[entry.path] = paths.count
                paths.append((entry.path, .fields([(verbKey, try self.operation(entry))])))
            }
            add(entry, to: resourceName)
        }
        for (alias, members) in nestingAliases(entries, names: resourceNames) where resourceIndex[alias] == nil {
            for member in members { add(entries[member], to: alias) }
        }
        var hidden: Set<String> = []
        for (offset, entry) in entries.enumerated() where !entry.isSelectAlias && entry.legacyResource != resourceNames[offset] {
            guard resourceIndex[entry.legacyResource] == nil || hidden.contains(entry.legacyResource) else { continue }
            hidden.insert(entry.legacyResource)
            var legacy = entry
            if legacy.httpMethod == "GET", legacy.verb == .exec { legacy.verb = .select }
            add(legacy, to: entry.legacyResource)
        }
        for (offset, entry) in entries.enumerated() where !entry.isSelectAlias {
            guard let plural = pluralObjectName(entry, name: resourceNames[offset]),
                  resourceIndex[plural] == nil || hidden.contains(plural) else { continue }
            hidden.insert(plural)
            add(entry, to: plural)
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
                ("x-stackQL-hidden", hidden.contains(resource.name) ? JSONValue.bool(true) : nil),
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

    private func collectMethods(of container: JSONValue, nesting: [String], collections: Set<String>,
                                into entries: inout [Entry]) {
        for (key, node) in container["methods"]?.members ?? [] where node.isObject {
            // A top-level nesting named after the API version (Logging's `v2`) is the service itself:
            // `v2.getCmekSettings` → `logging_cmek_settings`, as in StackQL's provider.
            let versionNesting = nesting == [document["version"]?.stringValue]
            let leaf = versionNesting ? nil : nesting.last.map { Self.collectionName($0, among: collections) }
            let base = leaf.map(NameCase.snake) ?? NameCase.snake(serviceName)
            let template = Self.template(of: node)
            let httpMethod = (node["httpMethod"]?.stringValue ?? "GET").uppercased()
            let verb = Self.stackQLVerb(key: key, httpMethod: httpMethod)
            var baseResource = base
            if let named = node["x-stackQL-resource"]?.stringValue {
                baseResource = named
            } else if Self.iamMethods.contains(key) {
                baseResource = base + "_iam_policies"
            } else if let object = Self.namedObject(key), object != base, NameCase.plural(object) != base {
                let scoped = versionNesting ? false : leaf.map { Self.scopeCollections.contains($0) } ?? true
                baseResource = scoped ? object : base + "_" + object
            }
            let oldBase = nesting.last.map(NameCase.snake) ?? NameCase.snake(serviceName)
            let legacy = ["getIamPolicy", "setIamPolicy", "testIamPermissions"].contains(key) ? oldBase + "_iam_policies"
                : httpMethod == "GET" && !["get", "list", "aggregatedList"].contains(key) ? oldBase + "_" + Self.readSuffix(key)
                : oldBase
            let entry = Entry(nesting: nesting, key: key, node: node,
                              name: methodName(node, nesting: nesting, key: key),
                              baseResource: baseResource,
                              path: "/" + String(template.drop { $0 == "/" }),
                              httpMethod: httpMethod, verb: verb, legacyResource: legacy)
            entries.append(entry)
            if httpMethod == "GET", verb == .exec {
                var alias = entry
                alias.baseResource = base + "_" + Self.readSuffix(key)
                alias.verb = .select
                alias.isSelectAlias = true
                entries.append(alias)
            }
        }
    }

    /// The object of a method named verb + object, in snake_case (`getSettings` → `settings`,
    /// `fetchClusterUpgradeInfo` → `cluster_upgrade_info`); nil for any other method name.
    static func namedObject(_ key: String) -> String? {
        guard let verb = namingVerbs.first(where: { begins(key, with: $0) && key != $0 }) else { return nil }
        return NameCase.snake(String(key.dropFirst(verb.count)))
    }

    /// A method's path template: its `flatPath` (`v1/projects/{projectsId}/sessions`), else its `path`.
    ///
    /// Where the flat path starts with variables named after the API version (`v2/{v2Id}/{v2Id1}/exclusions`: any
    /// resource name's first two segments), they are `parentType` and `parent`, as StackQL names them
    /// (`WHERE parentType = 'projects' AND parent = 'p1'`); a method whose `path` is one whole resource name
    /// (`v2/{+name}`, `v2/{+sinkName}`, `v2/{+name}:undelete`, `v2/{+name}/cmekSettings`) takes that name instead,
    /// and one whose path is a parent and a collection (`v2/{+parent}/buckets`) takes `parentType` and the rest of
    /// the parent as `parent`, unless `wholeName` is false.
    static func template(of node: JSONValue, wholeName: Bool = true) -> String {
        let path = node["path"]?.stringValue
        guard let flat = node["flatPath"]?.stringValue else { return path ?? "" }
        let variables = PathTemplate(flat).variables
        guard let first = variables.first, isVersionVariable(first) else {
            return flat.replacingOccurrences(of: "{+", with: "{")
        }
        if wholeName, let path, let variable = PathTemplate(path).variables.first, PathTemplate(path).variables.count == 1,
           let range = path.range(of: "{+\(variable)}") {
            let before = path[..<range.lowerBound].drop { $0 == "/" }
            let after = path[range.upperBound...]
            if !before.dropLast().contains("/") {
                // `v2/{+parent}/buckets`: the parent's first segment is `parentType`, the rest of it `parent`
                // (`WHERE parentType = 'projects' AND parent = 'p1/locations/global'`), as StackQL names them; any
                // other whole name stays one parameter (`v2/{+name}/cmekSettings`, `v2/{+name}/locations`).
                if variable == "parent", after.hasPrefix("/") {
                    return String(path[..<range.lowerBound]) + "{parentType}/{+parent}" + after
                }
                if after.isEmpty || after.hasPrefix(":") || after.hasPrefix("/") { return path }
            }
        }
        var result = flat
        for (variable, name) in zip(variables.prefix { isVersionVariable($0) }, ["parentType", "parent"]) {
            result = result.replacingOccurrences(of: "{\(variable)}", with: "{\(name)}")
        }
        return result
    }

    /// `v2Id`, `v1beta1Id1`: a flat path's variable named after the API version, standing for any collection.
    static func isVersionVariable(_ name: String) -> Bool {
        guard name.first == "v", name.dropFirst().first?.isNumber == true, let id = name.range(of: "Id") else { return false }
        return name[id.upperBound...].allSatisfy(\.isNumber)
    }

    /// The collection a nesting's last segment names: Compute's `regionAutoscalers`, `globalOperations` and
    /// `zoneOperations` are scoped copies of `autoscalers` and `operations` and join them, as in StackQL's
    /// provider, whenever the document has the unscoped collection.
    static func collectionName(_ segment: String, among collections: Set<String>) -> String {
        for scope in ["region", "global", "zone"] where begins(segment, with: scope) && segment.count > scope.count {
            let rest = segment.dropFirst(scope.count)
            let unscoped = rest.prefix(1).lowercased() + rest.dropFirst()
            if collections.contains(unscoped) { return unscoped }
        }
        return segment
    }

    /// Every collection key of the document, at any depth.
    private static func collectionKeys(_ resources: JSONValue?, into keys: inout Set<String>) {
        for (key, node) in resources?.members ?? [] {
            keys.insert(key)
            collectionKeys(node["resources"], into: &keys)
        }
    }

    private func collectResources(_ resources: JSONValue?, nesting: [String], collections: Set<String>,
                                  into entries: inout [Entry]) {
        for (key, node) in resources?.members ?? [] {
            collectMethods(of: node, nesting: nesting + [key], collections: collections, into: &entries)
            collectResources(node["resources"], nesting: nesting + [key], collections: collections, into: &entries)
        }
    }

    private func methodName(_ node: JSONValue, nesting: [String], key: String) -> String {
        if let name = node["x-stackQL-name"]?.stringValue { return name }
        let id = node["id"]?.stringValue ?? (nesting + [key]).joined(separator: ".")
        var parts = id.split(separator: ".").map(String.init)
        if parts.count > 1 { parts.removeFirst() }
        return parts.map(NameCase.snake).joined(separator: "_")
    }

    // MARK: Resource names

    /// The resource name of each entry: as in StackQL's google provider, every nesting of one collection name
    /// joins one resource (`projects.locations.operations` and `projects.regions.operations` → `operations`;
    /// aiplatform's `projects.locations.models` and `publishers.models` → `models`), whose methods the planner
    /// picks by the parameters a statement binds.
    ///
    /// Methods of one nesting whose objects are one word in the singular and the plural share the plural's resource
    /// (`addAttestationRule`, `removeAttestationRule` and `listAttestationRules` →
    /// `managed_identities_attestation_rules`).
    private func assignResourceNames(_ entries: [Entry]) -> [String] {
        var pluralNames: [[String]: [String: String]] = [:]
        for entry in entries {
            guard let object = Self.namedObject(entry.key), object == NameCase.plural(object),
                  entry.baseResource.hasSuffix(object) else { continue }
            pluralNames[entry.nesting, default: [:]][object] = entry.baseResource
        }
        return entries.map { entry in
            guard let object = Self.namedObject(entry.key), object != NameCase.plural(object),
                  entry.baseResource.hasSuffix(object),
                  let joined = pluralNames[entry.nesting]?[NameCase.plural(object)] else { return entry.baseResource }
            return joined
        }
    }

    /// The plural of a named object, as the newer resources of StackQL's provider are named
    /// (`keys.getKeyString` → `key_strings`, `projects.getPolicy` → `policies`): a hidden second name.
    private func pluralObjectName(_ entry: Entry, name: String) -> String? {
        guard let object = Self.namedObject(entry.key), name.hasSuffix(object) || name.hasSuffix(NameCase.plural(object)),
              !Self.iamMethods.contains(entry.key) else { return nil }
        let plural = NameCase.plural(object)
        return plural == name ? nil : plural
    }

    /// Names for the nestings a merged resource holds, so each can be named alone as StackQL's provider names
    /// them: the singular of the collections above it, nearest first, until the names differ
    /// (iam's `keys` → `service_account_keys`, `workforce_pool_provider_keys`,
    /// `workload_identity_pool_provider_keys`). Collections that only scope (`projects`, `locations`, …) are
    /// passed over; a nesting with nothing else above it gets no name of its own.
    private func nestingAliases(_ entries: [Entry], names: [String]) -> [(String, [Int])] {
        var nestingsByName: [String: [[String]]] = [:]
        var members: [String: [[String]: [Int]]] = [:]
        for (index, entry) in entries.enumerated() where !entry.isSelectAlias && !entry.nesting.isEmpty {
            let leaf = NameCase.snake(entry.nesting.last!)
            guard names[index] == entry.baseResource, entry.baseResource.hasSuffix(leaf) else { continue }
            if members[names[index]]?[entry.nesting] == nil {
                nestingsByName[names[index], default: []].append(entry.nesting)
            }
            members[names[index], default: [:]][entry.nesting, default: []].append(index)
        }
        var result: [(String, [Int])] = []
        for name in nestingsByName.keys.sorted() {
            let nestings = nestingsByName[name]!
            guard nestings.count > 1 else { continue }
            let parents = nestings.map { $0.dropLast().filter { !Self.scopeCollections.contains($0) }.map(NameCase.singular) }
            var depth = 1
            var aliases: [String?] = []
            repeat {
                aliases = parents.map { chain in
                    chain.isEmpty ? nil : (chain.suffix(depth) + [name]).joined(separator: "_")
                }
                let named = aliases.compactMap { $0 }
                if Set(named).count == named.count { break }
                depth += 1
            } while depth <= parents.map(\.count).max()!
            var seen: Set<String> = []
            for (position, alias) in aliases.enumerated() {
                guard let alias, seen.insert(alias).inserted else { continue }
                result.append((alias, members[name]![nestings[position]]!))
            }
        }
        return result
    }

    /// The schema name of a nesting's rows: its `get` response, else its `list` response's item.
    private func rowSchemaName(_ entries: [Entry], schemas: [String: JSONValue]) -> String? {
        if let get = entries.first(where: { $0.key == "get" }), let name = get.node["response"]?["$ref"]?.stringValue {
            return name
        }
        if let list = entries.first(where: { $0.key == "list" }), let key = objectKeyProperty(list, schemas: schemas) {
            return key.itemReference
        }
        for entry in entries where entry.verb == .select {
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
        let selects = Set(entries.indices.filter { entries[$0].verb == .select })
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
                        // Two reads of one nesting whose rows differ (certificate authorities' `get` and `fetch`)
                        // stay together, as in StackQL's provider: the planner tells them apart by the columns
                        // a statement reads.
                        if entries[index].nesting == entries[keeper].nesting,
                           let mine = rowSchemaName([entries[index]], schemas: schemas),
                           let theirs = rowSchemaName([entries[keeper]], schemas: schemas), mine != theirs {
                            continue
                        }
                        collision = (index, keeper)
                        break search
                    }
                    keepers[required[index]] = index
                }
            }
            guard let (index, keeper) = collision else { return names }
            let name = names[index]
            let used = Set(names)
            // An aggregated list beside a list of the same parameters gets a resource of its own, as in StackQL's
            // provider (`google.compute.target_http_proxies_aggregated`).
            if let aggregated = [index, keeper].first(where: { entries[$0].key == "aggregatedList" }),
               !used.contains(name + "_aggregated") {
                names[aggregated] = name + "_aggregated"
                continue
            }
            let entry = entries[index]
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

    private func requiredQueryParameters(_ entry: Entry) -> [String] {
        (entry.node["parameters"]?.members ?? []).filter {
            $0.value["location"]?.stringValue == "query" && $0.value["required"]?.boolValue == true
        }.map(\.key)
    }

    // MARK: Methods

    /// The order of a method among its resource's methods of one verb, highest first: more required parameters
    /// first; of as many, `get` and `list` before the others (a `fetch` beside a `get` is read when a statement
    /// asks for its columns) and an `aggregatedList` last (Compute's global `list` stays the default).
    private func verbRank(_ entry: Entry) -> Int {
        requiredCount(entry) * 4 + (["get", "list"].contains(entry.key) ? 2 : 0) + (entry.key == "aggregatedList" ? 0 : 1)
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
