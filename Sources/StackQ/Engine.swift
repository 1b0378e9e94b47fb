import Foundation
import StackQSyntax

/// The stackq engine: parses statements, plans API calls, runs them, and answers with SQLite.
///
/// ```swift
/// let engine = try Engine(configuration: EngineConfiguration(
///     auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "GOOGLE_TOKEN")])))
/// let results = try await engine.execute("""
///     SELECT name, state FROM google.dataproc.sessions
///     WHERE projectsId = 'my-project' AND locationsId = 'us-central1';
///     """)
/// print(ResultFormatter(format: .table).format(results[0]))
/// try await engine.shutdown()
/// ```
///
/// One engine owns one in-memory SQLite database and one HTTP connection pool; call ``shutdown()`` when done.
public actor Engine {
    /// The configuration the engine was created with.
    public let configuration: EngineConfiguration
    /// Hides every credential this engine holds from any text that leaves it; the CLI passes its messages through it too.
    package nonisolated let redactor = Redactor()
    let database: Database
    let registryLocation: Result<URL, any Error>
    var loadedRegistry: Registry?
    var transport: (any HTTPTransport)?
    var ownedTransport: AsyncHTTPTransport?
    var credentials: CredentialProvider?
    /// True once ``shutdown()`` ran.
    var isShutDown = false
    var tableCounter = 0
    /// The script being run, so the planner can send numbers as they were written.
    var currentSource: [UInt8]?
    /// The calls of the last statement that made any (`SHOW CALLS`).
    var lastCalls: [CallOutcome] = []

    /// Creates an engine. The registry is located now but read only when a statement needs it.
    /// - Throws: ``SQLiteError`` when the database cannot be opened.
    public init(configuration: EngineConfiguration = EngineConfiguration()) throws {
        self.configuration = configuration
        self.database = try Database()
        self.registryLocation = Result { try RegistryLocator.locate(explicitPath: configuration.registryPath) }
        self.transport = configuration.transport
    }

    /// The provider registry, loaded on first use.
    public func registry() throws -> Registry {
        if let loadedRegistry { return loadedRegistry }
        let registry = Registry(root: try registryLocation.get(), cacheDirectory: configuration.registryCacheDirectory)
        loadedRegistry = registry
        return registry
    }

    /// Runs every statement of a script and returns their results in order. Stops at the first error.
    /// - Throws: `SyntaxError` (with line:col), ``PlanError``, ``RegistryError``, ``APIError``, ``SQLiteError``.
    public func execute(_ script: String) async throws -> [ResultSet] {
        var results: [ResultSet] = []
        try await execute(script: script) { results.append($0) }
        return results
    }

    /// Runs every statement of a script, handing each result to `onResult` as soon as it is ready.
    ///
    /// `{{ name }}` in the script is replaced by ``EngineConfiguration/variables`` first; an undefined name is an
    /// error before any statement runs.
    public func execute(script: String, onResult: (ResultSet) async throws -> Void) async throws {
        try await forEachStatement(of: script) { statement in
            try await onResult(try await withinDeadline { try await self.execute(statement) })
        }
    }

    /// Substitutes the script's variables, parses it whole, and runs `body` for each statement in order, with
    /// SQLite errors located in the script's text.
    func forEachStatement(of script: String, _ body: (Statement) async throws -> Void) async throws {
        let script = try ScriptVariables.substitute(configuration.variables, in: script)
        let statements = try Parser.parseScript(script)
        currentSource = Array(script.utf8)
        defer { currentSource = nil }
        for statement in statements {
            do {
                try await body(statement)
            } catch let error as QueryError {
                throw error.located(in: Array(script.utf8), statement: statement.range)
            }
        }
    }

    /// Runs one parsed statement.
    public func execute(_ statement: Statement) async throws -> ResultSet {
        if configuration.explainOnly, !statement.isExplain {
            return try await explain(statement)
        }
        switch statement {
        case .select(let select):
            return try await executeSelect(select)
        case .show(let show):
            return try await executeShow(show)
        case .describe(let describe):
            let (provider, service, resource) = try resourceParts(describe.resource)
            if let view = try await describeView(provider: provider, service: service, resource: resource,
                                                 extended: describe.extended) { return view }
            let table = try registry().describe(provider: provider, service: service, resource: resource,
                                                extended: describe.extended)
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        case .describeMethod(let describe):
            let (provider, service, resource) = try resourceParts(describe.resource)
            let table = try registry().describeMethod(provider: provider, service: service, resource: resource,
                                                      method: describe.method.name)
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        case .registry(let statement):
            return try await executeRegistry(statement)
        case .insert(let insert):
            return try await executeInsert(insert)
        case .update(let update):
            return try await executeUpdate(update, verb: .update)
        case .replace(let replace):
            return try await executeUpdate(replace, verb: .replace)
        case .delete(let delete):
            return try await executeDelete(delete)
        case .exec(let exec):
            return try await executeExec(exec)
        case .explain(let inner, _):
            return try await explain(inner)
        }
    }

    /// The credential each provider uses: source, account, scopes, quota project and the token's remaining
    /// lifetime — never the token. Fetches a token per provider to prove the source works.
    /// - Parameter providers: the providers to report; by default those of the registry and of the configuration.
    public func authStatus(providers: [String]? = nil) async -> [AuthStatus] {
        var names = providers ?? ((try? registry().providers().map(\.name)) ?? [])
        if providers == nil {
            for name in configuration.auth.providers.keys where !names.contains(name) { names.append(name) }
        }
        let credentials = credentialProvider()
        var statuses: [AuthStatus] = []
        for name in names.sorted() {
            statuses.append(await credentials.status(for: name))
        }
        return statuses
    }

    /// Closes the HTTP connection pool.
    public func shutdown() async throws {
        isShutDown = true
        try await ownedTransport?.shutdown()
        ownedTransport = nil
    }

    // MARK: Statements

    func executeRegistry(_ statement: RegistryStatement) async throws -> ResultSet {
        switch statement.action {
        case .list(let provider):
            let table = try provider.map { try registry().registryList(provider: $0.name) } ?? registry().registryList()
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        case .pull(let provider, let services):
            return try await pullGoogle(provider: provider.name, services: services)
        }
    }

    /// `REGISTRY PULL google [service …]`: Google's live Discovery documents into the registry cache.
    func pullGoogle(provider: String, services text: String?) async throws -> ResultSet {
        guard provider == DiscoveryImporter.providerName else {
            throw PlanError(message: "REGISTRY PULL reads Google's Discovery service, so it pulls google only; for \(provider), point --registry at a local registry folder")
        }
        guard let cache = configuration.registryCacheDirectory else {
            throw PlanError(message: "REGISTRY PULL keeps what it pulls in the registry cache, and this engine has none (EngineConfiguration.registryCacheDirectory)")
        }
        let services = (text ?? "").split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\n" || $0 == "\t" })
            .map(String.init).filter { !$0.isEmpty }
        let override = configuration.endpointOverrides["google.discovery"] ?? configuration.endpointOverrides["google"]
        let directory = override.map { EndpointResolver.split($0).origin + "/discovery/v1/apis" } ?? DiscoveryPull.directoryURL
        let overlays = try? registryLocation.get().appendingPathComponent("overlays")
        let summary = try await DiscoveryPull.pull(services: services, directory: directory, transport: httpTransport(),
                                                   into: DiscoveryPull.root(cacheDirectory: cache), overlays: overlays)
        loadedRegistry = nil
        var rows: [[String?]] = summary.imported.map { [$0.name, "pulled", String($0.resourceCount), String($0.methodCount)] }
        rows += summary.failures.map { [$0.file, "failed: \($0.message)", nil, nil] }
        return ResultSet(columnNames: ["service", "status", "resources", "methods"], textRows: rows)
    }

    func executeShow(_ show: ShowStatement) async throws -> ResultSet {
        switch show.kind {
        case .calls:
            return Engine.callsTable(lastCalls)
        case .auth:
            let statuses = await authStatus()
            return ResultSet(columnNames: ["provider", "source", "account", "scopes", "quota_project", "token_expires_in", "status"],
                             textRows: statuses.map { status in
                                 [status.provider, status.summary.source, status.summary.account,
                                  status.summary.scopes.isEmpty ? nil : status.summary.scopes.joined(separator: " "),
                                  status.summary.quotaProject, status.expiresIn.map(String.init), status.error ?? "ok"]
                             })
        case .insert:
            guard let scope = show.scope else { throw PlanError(message: "SHOW INSERT needs INTO provider.service.resource") }
            return try showInsert(scope, requiredOnly: show.hints.contains(.other("REQUIRED")))
        default:
            break
        }
        let registry = try registry()
        let parts = show.scope?.parts.map(\.name) ?? []
        func need(_ count: Int, _ example: String) throws {
            guard parts.count == count else {
                throw PlanError(message: "SHOW \(show.kind.rawValue) needs IN \(example)")
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
        case .calls, .auth, .insert:
            throw PlanError(message: "SHOW \(show.kind.rawValue) takes no scope")
        }
        return try await filter(table, by: show.filter)
    }

    /// Applies `LIKE 'p'` (to the first column) or `WHERE expr` to a metadata table, in SQLite.
    func filter(_ table: MetadataTable, by filter: ShowFilter?) async throws -> ResultSet {
        guard let filter, let firstColumn = table.columns.first else {
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        }
        let name = nextTableName("metadata")
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
        try await database.createTable(spec)
        do {
            try await database.insertRows(table.rows, into: spec)
            let result = try await database.query("SELECT * FROM \(SQLPrinter.quoteIdentifier(name)) WHERE \(condition)", bindings: bindings)
            try await database.dropTable(spec)
            return result
        } catch {
            try? await database.dropTable(spec)
            throw error
        }
    }

    // MARK: Helpers

    func resourceParts(_ name: QualifiedName) throws -> (String, String, String) {
        guard name.parts.count == 3 else {
            throw PlanError(message: "'\(name.dotted)' is not a resource: name it as provider.service.resource, e.g. google.dataproc.sessions")
        }
        return (name.parts[0].name, name.parts[1].name, name.parts[2].name)
    }

    func nextTableName(_ base: String) -> String {
        tableCounter += 1
        return "\(base)_\(tableCounter)"
    }
}
