import Foundation

/// A documented patch applied to one service's Discovery document before import (`providers/overlays/google/<service>.json`).
///
/// An overlay has up to three parts, all optional:
/// ```json
/// {
///   "description": "why this overlay exists",
///   "version": "v1",
///   "schemas":   { "Name": { …Discovery schema… } },
///   "resources": { "projects.locations.sessions": { "methods": { "injectCredentials": { …Discovery method… } } } },
///   "aliases":   [ { "resource": "sessions", "name": "_projects_locations_sessions_list",
///                    "method": "projects_locations_sessions_list", "sqlVerb": "exec", "objectKey": null } ],
///   "names":     { "iam.projects.roles.get": "get_project_roles" },
///   "resourceNames": { "projects.locations.oauthClients.credentials": "oauth_client_credentials" }
/// }
/// ```
/// `names` give methods (by Discovery id) and `resourceNames` the methods of a nesting (by its dotted collection
/// keys) the names StackQL's provider gives them where its own rules do not follow from the document.
/// An overlay with a `version` applies only to Discovery documents of that version.
/// `schemas` and `resources` methods are merged into the Discovery document (an overlay entry replaces one of the
/// same name); `aliases` add methods that reuse another method's operation with their own SQL verb and object key
/// (a null or absent `objectKey` returns the raw response).
struct DiscoveryOverlay {
    /// The Discovery `version` the overlay is written for (`v1`); nil applies to any version.
    var version: String?
    var schemas: [(key: String, value: JSONValue)]
    var methods: [(resourcePath: [String], methods: [(key: String, value: JSONValue)])]
    var aliases: [DiscoveryConverter.Alias]
    var names: [String: String] = [:]
    var resourceNames: [String: String] = [:]

    /// The overlay for `service` in `directory/<provider>/<service>.json`, or nil when there is none.
    static func load(directory: URL?, provider: String, service: String) throws -> DiscoveryOverlay? {
        guard let directory else { return nil }
        let file = directory.appendingPathComponent(provider).appendingPathComponent("\(service).json")
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let node = try DocumentReader(cacheDirectory: nil).read(file)
        var aliases: [DiscoveryConverter.Alias] = []
        for entry in node["aliases"]?.elements ?? [] {
            guard let resource = entry["resource"]?.stringValue, let name = entry["name"]?.stringValue,
                  let method = entry["method"]?.stringValue else {
                throw RegistryError.malformedDocument(path: file.path, reason: "has an alias without resource, name and method")
            }
            guard let verb = SQLVerb(rawValue: (entry["sqlVerb"]?.stringValue ?? "exec").lowercased()) else {
                throw RegistryError.malformedDocument(path: file.path, reason: "has alias \(name) with an unknown sqlVerb")
            }
            aliases.append(.init(resource: resource, name: name, method: method, sqlVerb: verb,
                                 objectKey: entry["objectKey"]?.stringValue))
        }
        return DiscoveryOverlay(
            version: node["version"]?.scalarText,
            schemas: node["schemas"]?.members ?? [],
            methods: (node["resources"]?.members ?? []).map { entry in
                (resourcePath: entry.key.split(separator: ".").map(String.init),
                 methods: entry.value["methods"]?.members ?? [])
            },
            aliases: aliases,
            names: (node["names"]?.members ?? []).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue },
            resourceNames: (node["resourceNames"]?.members ?? []).reduce(into: [:]) { $0[$1.key] = $1.value.stringValue })
    }

    /// The Discovery document with this overlay's schemas and methods merged in.
    func apply(to document: JSONValue) -> JSONValue {
        var result = document
        var schemaNode = result["schemas"] ?? .object([])
        for (name, schema) in schemas { schemaNode = schemaNode.setting(name, to: schema) }
        result = result.setting("schemas", to: schemaNode)
        for (resourcePath, additions) in methods {
            result = Self.merging(additions, at: resourcePath[...], into: result)
        }
        if !names.isEmpty || !resourceNames.isEmpty { result = naming(result, nesting: []) }
        return result
    }

    /// Marks the methods `names` and `resourceNames` name (`x-stackQL-name`, `x-stackQL-resource`), which the
    /// converter takes over its own rules.
    private func naming(_ container: JSONValue, nesting: [String]) -> JSONValue {
        var result = container
        if var methods = container["methods"] {
            for (key, method) in methods.members {
                var marked = method
                if let id = method["id"]?.stringValue, let name = names[id] { marked = marked.setting("x-stackQL-name", to: .string(name)) }
                if let resource = resourceNames[nesting.joined(separator: ".")] {
                    marked = marked.setting("x-stackQL-resource", to: .string(resource))
                }
                methods = methods.setting(key, to: marked)
            }
            result = result.setting("methods", to: methods)
        }
        if var resources = container["resources"] {
            for (key, child) in resources.members { resources = resources.setting(key, to: naming(child, nesting: nesting + [key])) }
            result = result.setting("resources", to: resources)
        }
        return result
    }

    private static func merging(_ additions: [(key: String, value: JSONValue)], at path: ArraySlice<String>,
                                into container: JSONValue) -> JSONValue {
        guard let first = path.first else {
            var methods = container["methods"] ?? .object([])
            for (key, method) in additions { methods = methods.setting(key, to: method) }
            return container.setting("methods", to: methods)
        }
        let resources = container["resources"] ?? .object([])
        let child = merging(additions, at: path.dropFirst(), into: resources[first] ?? .object([]))
        return container.setting("resources", to: resources.setting(first, to: child))
    }
}
