extension Registry {
    /// `SHOW PROVIDERS`: name, version.
    public func showProviders() throws -> MetadataTable {
        MetadataTable(columns: ["name", "version"], rows: try providers().map { [$0.name, $0.version] })
    }

    /// `SHOW [EXTENDED] SERVICES IN provider`: id, name, title (extended: description, version, preferred).
    ///
    /// Answered from `provider.yaml` alone; no service document is read.
    public func showServices(provider providerName: String, extended: Bool = false) throws -> MetadataTable {
        let provider = try provider(named: providerName)
        var columns = ["id", "name", "title"]
        if extended { columns += ["description", "version", "preferred"] }
        let rows: [[String?]] = provider.services.map { entry in
            var row: [String?] = [entry.id, entry.name, entry.title]
            if extended { row += [entry.description, entry.version, entry.preferred ? "true" : "false"] }
            return row
        }
        return MetadataTable(columns: columns, rows: rows)
    }

    /// `SHOW [EXTENDED] RESOURCES IN provider.service`: name, id (extended: description).
    public func showResources(provider providerName: String, service serviceName: String,
                              extended: Bool = false) throws -> MetadataTable {
        var columns = ["name", "id"]
        if extended { columns.append("description") }
        let rows: [[String?]] = try resourceList(provider: providerName, service: serviceName).map { resource in
            var row: [String?] = [resource.name, resource.id]
            if extended { row.append(resource.description) }
            return row
        }
        return MetadataTable(columns: columns, rows: rows)
    }

    /// `SHOW [EXTENDED] METHODS IN provider.service.resource`: MethodName, RequiredParams, SQLVerb
    /// (extended: description).
    ///
    /// Methods come in verb order (SELECT, INSERT, UPDATE, REPLACE, DELETE, then EXEC), each verb in its
    /// `sqlVerbs` order, EXEC methods by name; RequiredParams are sorted and comma-separated.
    public func showMethods(provider providerName: String, service serviceName: String, resource resourceName: String,
                            extended: Bool = false) throws -> MetadataTable {
        let (_, resource) = try self.resource(provider: providerName, service: serviceName, resource: resourceName)
        var columns = ["MethodName", "RequiredParams", "SQLVerb"]
        if extended { columns.append("description") }
        let rows: [[String?]] = Self.methodsInDisplayOrder(resource).map { method in
            var row: [String?] = [method.name,
                                  method.requiredParameters.map(\.name).sorted().joined(separator: ", "),
                                  method.sqlVerb.rawValue.uppercased()]
            if extended { row.append(method.description) }
            return row
        }
        return MetadataTable(columns: columns, rows: rows)
    }

    /// A resource's methods as SHOW METHODS lists them.
    public static func methodsInDisplayOrder(_ resource: Resource) -> [Method] {
        SQLVerb.allCases.flatMap { verb in
            verb == .exec
                ? resource.methods(for: .exec).sorted { $0.name < $1.name }
                : resource.methods(for: verb)
        }
    }

    /// `DESCRIBE [EXTENDED] provider.service.resource`: name, type (extended: description) — the table's columns.
    public func describe(provider providerName: String, service serviceName: String, resource resourceName: String,
                         extended: Bool = false) throws -> MetadataTable {
        let (service, resource) = try self.resource(provider: providerName, service: serviceName, resource: resourceName)
        var columns = ["name", "type"]
        if extended { columns.append("description") }
        let rows: [[String?]] = self.columns(of: resource, in: service).map { column in
            extended ? [column.name, column.type, column.description] : [column.name, column.type]
        }
        return MetadataTable(columns: columns, rows: rows)
    }

    /// `DESCRIBE METHOD provider.service.resource.method`: name, in, required, type, description — the method's
    /// parameters, then its request body's top-level fields as `data__<field>` (in `body`).
    public func describeMethod(provider providerName: String, service serviceName: String, resource resourceName: String,
                               method methodName: String) throws -> MetadataTable {
        let (service, _, method) = try self.method(provider: providerName, service: serviceName,
                                                   resource: resourceName, method: methodName)
        var rows: [[String?]] = method.parameters.map { parameter in
            [parameter.name, parameter.location.rawValue, parameter.isRequired ? "true" : "false",
             parameter.isRepeated ? "array" : parameter.type, parameter.description]
        }
        if let body = method.requestBody, let schema = service.resolve(body.schema) {
            for property in schema.properties {
                let resolved = service.resolve(property.schema)
                let required = schema.required.contains(property.name)
                    || ((property.description ?? resolved?.description)?.hasPrefix("Required.") ?? false)
                rows.append(["data__\(property.name)", "body", required ? "true" : "false",
                             Self.columnType(of: resolved), property.description ?? resolved?.description])
            }
        }
        return MetadataTable(columns: ["name", "in", "required", "type", "description"], rows: rows)
    }

    /// `REGISTRY LIST`: provider, version — every provider version in the registry.
    public func registryList() throws -> MetadataTable {
        MetadataTable(columns: ["provider", "version"], rows: try providerVersions().map { [$0.provider, $0.version] })
    }

    /// `REGISTRY LIST provider`: each service with its document's revision and where it comes from — `bundled`
    /// (this registry) or `pulled` (`REGISTRY PULL`, which takes precedence).
    public func registryList(provider providerName: String) throws -> MetadataTable {
        let provider = try provider(named: providerName)
        return MetadataTable(columns: ["provider", "version", "service", "revision", "source"], rows: provider.services.map {
            [provider.name, provider.version, $0.name, $0.revision, $0.documentReference.hasPrefix("/") ? "pulled" : "bundled"]
        })
    }
}
