import Foundation
import StackQSyntax

/// SHOW, DESCRIBE and REGISTRY: answered from the registry (and the session's calls), filtered in SQLite.
extension StatementRunner {
    func registryStatement(_ statement: RegistryStatement) async throws -> ResultSet {
        switch statement.action {
        case .list(let provider):
            let table = try provider.map { try registry().registryList(provider: $0.name) } ?? registry().registryList()
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        case .pull(let provider, let services):
            return try await pull(provider: provider.name, services: services)
        }
    }

    /// `REGISTRY PULL google [service …]`: Google's live Discovery documents into the registry cache, where they
    /// take precedence over the bundled copies.
    func pull(provider: String, services text: String?) async throws -> ResultSet {
        guard provider == DiscoveryImporter.providerName else {
            throw PlanError(.unsupported, "REGISTRY PULL reads Google's Discovery service, so it pulls google only; for \(provider), point --registry at a local registry folder")
        }
        let configuration = services.configuration
        guard let cache = configuration.registryCacheDirectory else {
            throw PlanError(.unsupported, "REGISTRY PULL keeps what it pulls in the registry cache, and this engine has none (EngineConfiguration.registryCacheDirectory)")
        }
        let names = (text ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
            .map(String.init).filter { !$0.isEmpty }
        let override = configuration.endpointOverrides["google.discovery"] ?? configuration.endpointOverrides["google"]
        let directory = override.map { EndpointResolver.split($0).origin + "/discovery/v1/apis" } ?? DiscoveryPull.directoryURL
        let registry = try self.registry()
        let overlays = registry.sourceDirectory.deletingLastPathComponent().appendingPathComponent("overlays")
        let summary = try await DiscoveryPull.pull(
            services: names, directory: directory, transport: services.transport(),
            into: DiscoveryPull.root(cacheDirectory: cache),
            overlays: FileManager.default.fileExists(atPath: overlays.path) ? overlays : nil)
        registry.forgetLoaded()
        var rows: [[String?]] = summary.imported.map { [$0.name, "pulled", String($0.resourceCount), String($0.methodCount)] }
        rows += summary.failures.map { [$0.file, "failed: \($0.message)", nil, nil] }
        return ResultSet(columnNames: ["service", "status", "resources", "methods"], textRows: rows)
    }

    func show(_ show: ShowStatement) async throws -> ResultSet {
        let registry: Registry
        switch show.kind {
        case .calls:
            return StatementRunner.callsTable(context.session.lastCalls)
        case .auth:
            return try await authTable()
        case .insert:
            guard let scope = show.scope else { throw PlanError(.invalidStatement, "SHOW INSERT needs INTO provider.service.resource") }
            return try showInsert(scope, requiredOnly: show.hints.contains(.other("REQUIRED")))
        case .tables, .views:
            return try await filter(try await storeTable(show.kind), by: show.filter)
        default:
            registry = try self.registry()
        }
        let parts = show.scope?.parts.map(\.name) ?? []
        func need(_ count: Int, _ example: String) throws {
            guard parts.count == count else {
                throw PlanError(.invalidStatement, "SHOW \(show.kind.rawValue) needs IN \(example)")
            }
        }
        let table: MetadataTable
        switch show.kind {
        case .providers:
            table = try registry.showProviders()
        case .services:
            try need(1, "a provider, e.g. SHOW SERVICES IN google")
            table = try registry.showServices(provider: parts[0], extended: show.extended)
        case .resources:
            try need(2, "provider.service, e.g. SHOW RESOURCES IN google.dataproc")
            table = try registry.showResources(provider: parts[0], service: parts[1], extended: show.extended)
        case .methods:
            try need(3, "provider.service.resource, e.g. SHOW METHODS IN google.dataproc.sessions")
            table = try registry.showMethods(provider: parts[0], service: parts[1], resource: parts[2],
                                             extended: show.extended)
        case .calls, .auth, .insert, .tables, .views:
            throw PlanError(.invalidStatement, "SHOW \(show.kind.rawValue) takes no scope")
        }
        return try await filter(table, by: show.filter)
    }

    /// `SHOW AUTH`: per provider the credential's source, account, scopes, quota project and the token's lifetime.
    func authTable() async throws -> ResultSet {
        let statuses = await services.authStatus(providers: nil)
        return ResultSet(columnNames: ["provider", "source", "account", "scopes", "quota_project", "token_expires_in", "status"],
                         textRows: statuses.map { status in
                             [status.provider, status.summary.source, status.summary.account,
                              status.summary.scopes.isEmpty ? nil : status.summary.scopes.joined(separator: " "),
                              status.summary.quotaProject, status.expiresIn.map(String.init), status.error ?? "ok"]
                         })
    }

    /// Applies `LIKE 'p'` (to the first column) or `WHERE expr` to a metadata table, in SQLite.
    func filter(_ table: MetadataTable, by filter: ShowFilter?) async throws -> ResultSet {
        guard let filter, let firstColumn = table.columns.first else {
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        }
        let name = context.tableName("metadata")
        let spec = TableSpec(name: name, columns: table.columns.map { Column(name: $0, type: "string") }, parameterColumns: [])
        let condition: String
        var bindings: [SQLValue] = []
        switch filter {
        case .like(let pattern):
            condition = "\(SQLPrinter.quoteIdentifier(firstColumn)) LIKE ?"
            bindings = [.text(pattern)]
        case .whereClause(let expression):
            condition = SQLPrinter.print(expression)
        }
        return try await withTables([spec]) {
            try await database.insertRows(table.rows, into: spec)
            return try await database.query("SELECT * FROM \(SQLPrinter.quoteIdentifier(name)) WHERE \(condition)", bindings: bindings)
        }
    }

    func describe(_ describe: DescribeStatement) async throws -> ResultSet {
        if describe.resource.parts.count == 1 { return try await describeStored(describe) }
        let (provider, service, resource) = try resourceParts(describe.resource)
        let registry = try registry()
        let (_, view) = try registry.resource(provider: provider, service: service, resource: resource)
        guard view.viewDefinition != nil else {
            let table = try registry.describe(provider: provider, service: service, resource: resource, extended: describe.extended)
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        }
        return try await describeView(try ViewExpander.definition(of: view, offset: 0), extended: describe.extended)
    }

    /// A view's columns: those SQLite gives its definition over empty tables of the resources it reads.
    func describeView(_ definition: SelectStatement, extended: Bool) async throws -> ResultSet {
        let body = try await expandingAllViews(definition)
        let registry = try registry()
        var specs: [TableSpec] = []
        var names: [SourceRange: String] = [:]
        for reference in ResourceReferenceCollector.collect(body) {
            let (service, underlying) = try registry.resource(provider: reference.provider, service: reference.service,
                                                              resource: reference.resource)
            let columns = registry.columns(of: underlying, in: service)
            let propertyNames = Set(columns.map(\.name))
            var parameters: [String] = []
            for method in underlying.methods(for: .select) {
                for parameter in method.parameters where !propertyNames.contains(parameter.name) && !parameters.contains(parameter.name) {
                    parameters.append(parameter.name)
                }
            }
            let spec = TableSpec(name: context.tableName(underlying.name), columns: columns, parameterColumns: parameters)
            specs.append(spec)
            names[reference.table.id] = spec.name
        }
        let sql = "SELECT * FROM (\(SQLPrinter.print(body) { names[$0.id] }))"
        let columns = try await withTables(specs) { try await database.resultColumns(of: sql) }
        return ResultSet(columnNames: extended ? ["name", "type", "description"] : ["name", "type"],
                         textRows: columns.map { extended ? [$0.name, $0.type, nil] : [$0.name, $0.type] })
    }

    /// `SHOW [/*+ REQUIRED */] INSERT INTO r`: a ready-to-edit INSERT for the resource's create method — its
    /// parameters and writable body fields as `data__` columns, with placeholder values by type.
    func showInsert(_ name: QualifiedName, requiredOnly: Bool) throws -> ResultSet {
        let (service, resource) = try resolveTarget(name)
        guard let method = resource.methods(for: .insert).first else {
            throw PlanError(.unknownName, "\(resource.id) has no INSERT method (its methods: \(resource.methods.map(\.name).sorted().joined(separator: ", ")))")
        }
        let body = RequestBodyBuilder(service: service, method: method)
        var columns: [(String, String)] = []
        for parameter in method.parameters where !requiredOnly || parameter.isRequired {
            guard parameter.name != "requestId" else { continue }
            columns.append((parameter.name, "'{{ \(parameter.name) }}'"))
        }
        let required = Set(body.schema?.required ?? [])
        for property in body.schema?.properties ?? [] {
            let schema = service.resolve(property.schema)
            guard !(schema?.isReadOnly ?? false), !requiredOnly || required.contains(property.name) else { continue }
            let placeholder: String
            switch Registry.columnType(of: schema) {
            case "integer", "number": placeholder = "0"
            case "boolean": placeholder = "false"
            case "object": placeholder = "'{}'"
            case "array": placeholder = "'[]'"
            default: placeholder = "'{{ \(property.name) }}'"
            }
            columns.append(("data__" + property.name, placeholder))
        }
        let text = "INSERT /*+ AWAIT */ INTO \(resource.id) (\n"
            + columns.map { "  " + SQLPrinter.identifierIfNeeded($0.0) }.joined(separator: ",\n")
            + "\n)\nSELECT\n" + columns.map { "  " + $0.1 }.joined(separator: ",\n") + "\n;"
        return ResultSet(columnNames: ["insert_statement"], textRows: [[text]])
    }

    /// `SHOW CALLS`: the session's last calls.
    static func callsTable(_ calls: [CallOutcome]) -> ResultSet {
        ResultSet(columnNames: ["reference", "method", "parameters", "url", "status", "attempts", "pages", "rows", "bytes", "ms", "cache", "error"],
                  textRows: calls.map { call in
                      [call.reference, call.qualifiedMethodName, call.parameters, call.url, call.status.map(String.init),
                       String(call.requests), String(call.pages), String(call.rows), String(call.bytes),
                       String(format: "%.1f", call.milliseconds), call.cacheDescription, call.notFound ? "not found" : call.error]
                  })
    }
}
