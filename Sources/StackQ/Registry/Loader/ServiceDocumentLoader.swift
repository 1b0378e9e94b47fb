import Foundation

/// Builds a ``ProviderService`` from a StackQL-format service document: OpenAPI 3.0/3.1 with
/// `components.x-stackQL-resources`.
struct ServiceDocumentLoader {
    /// Google's global query parameters: StackQL documents attach them to every path; they are not the method's.
    static let commonGoogleParameters: Set<String> = [
        "alt", "fields", "key", "access_token", "upload_protocol", "uploadType", "callback", "prettyPrint",
        "quotaUser", "$.xgafv", "oauth_token",
    ]

    private static let httpVerbs = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    let document: JSONValue
    let path: String
    let providerName: String
    let serviceName: String
    let providerPagination: Pagination?

    private let paths: [String: JSONValue]
    private let parameterComponents: [String: JSONValue]
    private let responseComponents: [String: JSONValue]
    private let requestBodyComponents: [String: JSONValue]
    private let schemas: SchemaConverter
    private let servicePagination: Pagination?

    init(document: JSONValue, path: String, providerName: String, serviceName: String,
         providerPagination: Pagination?) {
        self.document = document
        self.path = path
        self.providerName = providerName
        self.serviceName = serviceName
        self.providerPagination = providerPagination
        let components = document["components"]
        paths = document["paths"]?.memberDictionary ?? [:]
        parameterComponents = components?["parameters"]?.memberDictionary ?? [:]
        responseComponents = components?["responses"]?.memberDictionary ?? [:]
        requestBodyComponents = components?["requestBodies"]?.memberDictionary ?? [:]
        schemas = SchemaConverter(components: components?["schemas"]?.memberDictionary ?? [:])
        servicePagination = PaginationConfig.parse(document["x-stackQL-config"]?["pagination"])
            ?? PaginationConfig.parse(components?["x-stackQL-config"]?["pagination"])
    }

    /// The service the document describes.
    func load() throws -> ProviderService {
        guard document.isObject else { throw malformed("is not a mapping") }
        var convertedSchemas: [String: Schema] = [:]
        convertedSchemas.reserveCapacity(schemas.components.count)
        for (name, node) in schemas.components {
            do {
                convertedSchemas[name] = try schemas.checkedSchema(node)
            } catch let error as SchemaConverter.ReferenceLimitExceeded {
                throw malformed("has a schema \(name) that \(error.reason)")
            }
        }
        var resources: [Resource] = []
        for (key, node) in document["components"]?["x-stackQL-resources"]?.members ?? [] {
            resources.append(try resource(key: key, node: node, schemas: convertedSchemas))
        }
        resources.sort { $0.name < $1.name }
        let info = document["info"]
        return ProviderService(provider: providerName, name: serviceName,
                       title: info?["title"]?.scalarText,
                       description: info?["description"]?.scalarText,
                       version: info?["version"]?.scalarText,
                       servers: servers(document["servers"]),
                       endpoints: endpoints(),
                       resources: resources,
                       schemas: convertedSchemas)
    }

    private func malformed(_ reason: String) -> RegistryError {
        .malformedDocument(path: path, reason: reason)
    }

    // MARK: Resources

    private func resource(key: String, node: JSONValue, schemas convertedSchemas: [String: Schema]) throws -> Resource {
        let name = node["name"]?.scalarText ?? key
        let resourcePagination = PaginationConfig.parse(node["config"]?["pagination"])
        var verbs: [String: (verb: SQLVerb, order: Int)] = [:]
        let sqlVerbs = node["sqlVerbs"]
        for (verbName, list) in sqlVerbs?.members ?? [] {
            guard let verb = SQLVerb(rawValue: verbName.lowercased()) else { continue }
            for (order, entry) in list.elements.enumerated() {
                guard let reference = entry["$ref"]?.stringValue else { continue }
                let methodName = JSONPointer.lastToken(reference)
                if verbs[methodName] == nil { verbs[methodName] = (verb, order) }
            }
        }
        var methods: [Method] = []
        for (methodName, methodNode) in node["methods"]?.members ?? [] {
            var method = try self.method(name: methodName, node: methodNode, resourceName: name,
                                         inherited: resourcePagination, schemas: convertedSchemas)
            if let assigned = verbs[methodName] {
                method.sqlVerb = assigned.verb
                method.sqlVerbOrder = assigned.order
            } else if sqlVerbs == nil {
                method.sqlVerb = DefaultSQLVerbs.verb(for: method)
            }
            methods.append(method)
        }
        if sqlVerbs == nil { DefaultSQLVerbs.assignOrder(&methods) }
        var resource = Resource(name: name,
                                id: node["id"]?.scalarText ?? "\(providerName).\(serviceName).\(name)",
                                title: node["title"]?.scalarText,
                                description: node["description"]?.scalarText,
                                methods: methods,
                                viewDefinition: Self.sqliteView(node["config"]?["views"]?["select"]))
        resource.isHidden = node["x-stackQL-hidden"]?.boolValue == true
        return resource
    }

    /// The SQLite DDL of a StackQL view: the `select` entry whose predicate names sqlite3, else its fallback
    /// chain's, else the first DDL given.
    static func sqliteView(_ node: JSONValue?) -> String? {
        var candidate = node
        var first: String?
        while let current = candidate {
            let ddl = current["ddl"]?.scalarText
            if first == nil { first = ddl }
            if let ddl, current["predicate"]?.scalarText?.contains("sqlite") ?? false { return ddl }
            candidate = current["fallback"]
        }
        return first
    }

    // MARK: Methods

    private func method(name: String, node: JSONValue, resourceName: String, inherited: Pagination?,
                        schemas convertedSchemas: [String: Schema]) throws -> Method {
        guard let reference = node["operation"]?["$ref"]?.stringValue else {
            throw malformed("has method \(resourceName).\(name) without operation.$ref")
        }
        let tokens = JSONPointer.tokens(reference)
        guard tokens.count == 3, tokens[0] == "paths", let pathItem = paths[tokens[1]],
              Self.httpVerbs.contains(tokens[2].lowercased()), let operation = pathItem[tokens[2]] else {
            throw malformed("has method \(resourceName).\(name) whose operation \(reference) is not in paths")
        }
        let requestBody = self.requestBody(operation["requestBody"], mediaType: node["request"]?["mediaType"]?.stringValue)
        let response = self.response(operation["responses"], spec: node["response"])
        let methodPagination = PaginationConfig.parse(node["config"]?["pagination"])
        let responseSchema = response.schema.flatMap { resolve($0, in: convertedSchemas) }
        let pagination = methodPagination ?? inheritedPagination(
            [inherited, servicePagination, providerPagination].compactMap { $0 }.first,
            responseSchema: responseSchema)
        let operationServers = operation["servers"] ?? pathItem["servers"]
        return Method(name: name,
                      description: operation["description"]?.scalarText ?? operation["summary"]?.scalarText,
                      sqlVerb: .exec,
                      sqlVerbOrder: 0,
                      httpMethod: tokens[2].uppercased(),
                      path: tokens[1].hasPrefix("/") ? tokens[1] : "/" + tokens[1],
                      parameters: parameters(pathLevel: pathItem["parameters"], operation: operation["parameters"]),
                      requestBody: requestBody,
                      response: response,
                      pagination: pagination,
                      isAwaitable: Self.isOperation(response.schema, resolved: responseSchema),
                      servers: operationServers.map { servers($0) } ?? [])
    }

    private func resolve(_ reference: SchemaRef, in convertedSchemas: [String: Schema]) -> Schema? {
        switch reference {
        case .inline(let schema): return schema
        case .ref(let name): return convertedSchemas[name]
        }
    }

    /// Inherited pagination applies where the response carries the token (always, for header tokens);
    /// without any configuration, a `nextPageToken` in the response means Google's convention.
    private func inheritedPagination(_ configured: Pagination?, responseSchema: Schema?) -> Pagination? {
        if let configured {
            if configured.responseTokenLocation != .body { return configured }
            return responseSchema?.property(named: configured.responseToken) != nil ? configured : nil
        }
        return responseSchema?.property(named: "nextPageToken") != nil ? .google : nil
    }

    static func isOperation(_ reference: SchemaRef?, resolved: Schema?) -> Bool {
        guard case .ref(let name)? = reference else { return false }
        if name == "Operation" { return true }
        guard name.hasSuffix("Operation"), let resolved else { return false }
        return resolved.property(named: "name") != nil && resolved.property(named: "done") != nil
    }

    // MARK: Parameters

    private func parameters(pathLevel: JSONValue?, operation: JSONValue?) -> [Parameter] {
        var result: [Parameter] = []
        for node in operation?.elements ?? [] {
            if let parameter = parameter(node), !result.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) {
                result.append(parameter)
            }
        }
        for node in pathLevel?.elements ?? [] {
            guard let parameter = parameter(node),
                  !Self.commonGoogleParameters.contains(parameter.name),
                  !result.contains(where: { $0.name == parameter.name && $0.location == parameter.location }) else {
                continue
            }
            result.append(parameter)
        }
        return result
    }

    private func parameter(_ node: JSONValue) -> Parameter? {
        var node = node
        var guardCount = 0
        while let target = node["$ref"]?.stringValue, guardCount < 8 {
            guard let resolved = parameterComponents[JSONPointer.lastToken(target)] else { return nil }
            node = resolved
            guardCount += 1
        }
        guard let name = node["name"]?.scalarText,
              let location = Parameter.Location(rawValue: node["in"]?.stringValue ?? "") else { return nil }
        let schema = node["schema"].map { schemas.schema($0) } ?? Schema(type: "string")
        let isArray = schema.type == "array"
        let element = isArray ? schema.items.flatMap { schemas.schema(reference: $0) } : schema
        return Parameter(name: name,
                         location: location,
                         isRequired: node["required"]?.boolValue ?? (location == .path),
                         type: element?.type ?? (isArray ? "string" : (schema.type ?? "string")),
                         format: element?.format ?? schema.format,
                         description: node["description"]?.scalarText ?? schema.description,
                         pattern: node["pattern"]?.scalarText ?? element?.pattern ?? schema.pattern,
                         enumValues: (element?.enumValues.isEmpty == false ? element?.enumValues : schema.enumValues) ?? [],
                         isRepeated: isArray)
    }

    // MARK: Bodies

    private func requestBody(_ node: JSONValue?, mediaType preferred: String?) -> RequestBody? {
        guard var node else { return nil }
        if let target = node["$ref"]?.stringValue {
            guard let resolved = requestBodyComponents[JSONPointer.lastToken(target)] else { return nil }
            node = resolved
        }
        guard let found = Self.content(node["content"], preferred: preferred),
              let schema = found.1["schema"] else { return nil }
        return RequestBody(mediaType: found.0, schema: schemas.reference(schema),
                           isRequired: node["required"]?.boolValue ?? false)
    }

    private func response(_ responses: JSONValue?, spec: JSONValue?) -> ResponseInfo {
        let objectKey = spec?["objectKey"]?.scalarText
        let preferredType = spec?["mediaType"]?.stringValue
        let members = responses?.members ?? []
        let key = spec?["openAPIDocKey"]?.scalarText
            ?? members.first(where: { $0.key.hasPrefix("2") })?.key
            ?? "200"
        guard var node = members.first(where: { $0.key == key })?.value else {
            return ResponseInfo(mediaType: preferredType ?? "application/json", objectKey: objectKey)
        }
        if let target = node["$ref"]?.stringValue, let resolved = responseComponents[JSONPointer.lastToken(target)] {
            node = resolved
        }
        guard let found = Self.content(node["content"], preferred: preferredType) else {
            return ResponseInfo(mediaType: preferredType ?? "application/json", objectKey: objectKey)
        }
        return ResponseInfo(mediaType: found.0, schema: found.1["schema"].map { schemas.reference($0) },
                            objectKey: objectKey)
    }

    private static func content(_ node: JSONValue?, preferred: String?) -> (String, JSONValue)? {
        let members = node?.members ?? []
        if let preferred, let match = members.first(where: { $0.key == preferred }) { return (match.key, match.value) }
        if let json = members.first(where: { $0.key.contains("json") }) { return (json.key, json.value) }
        return members.first.map { ($0.key, $0.value) }
    }

    // MARK: Servers

    private func servers(_ node: JSONValue?) -> [Server] {
        (node?.elements ?? []).compactMap { entry in
            guard let url = entry["url"]?.scalarText else { return nil }
            var variables: [String: ServerVariable] = [:]
            for (name, variable) in entry["variables"]?.members ?? [] {
                variables[name] = ServerVariable(defaultValue: variable["default"]?.scalarText ?? "",
                                                 enumValues: (variable["enum"]?.elements ?? []).compactMap(\.scalarText),
                                                 description: variable["description"]?.scalarText)
            }
            return Server(url: url, description: entry["description"]?.scalarText, variables: variables)
        }
    }

    private func endpoints() -> [LocationEndpoint] {
        (document["x-stackQL-endpoints"]?.elements ?? []).compactMap { entry in
            guard let location = entry["location"]?.scalarText, let url = entry["url"]?.scalarText else { return nil }
            let kind = LocationEndpoint.Kind(rawValue: entry["kind"]?.stringValue ?? "") ?? .regional
            return LocationEndpoint(location: location, url: url, kind: kind)
        }
    }
}

extension SchemaConverter {
    /// The schema a reference stands for, looking components up by name.
    func schema(reference: SchemaRef) -> Schema? {
        switch reference {
        case .inline(let schema): return schema
        case .ref(let name): return components[name].map { schema($0) }
        }
    }
}
