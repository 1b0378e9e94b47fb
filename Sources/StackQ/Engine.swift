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
/// It serves many statements at once (a server's connections, say): each runs with its own tables, calls and
/// deadline, and `SHOW CALLS` answers per ``EngineSession``.
public actor Engine {
    /// The configuration the engine was created with.
    public let configuration: EngineConfiguration
    /// Hides every credential this engine holds from any text that leaves it; the CLI passes its messages through it too.
    package nonisolated let redactor = Redactor()
    let database: Database
    /// The registry, transport, credentials and the other things every statement shares.
    let services: EngineServices
    /// The session of the statements that name none.
    let defaultSession = EngineSession()

    /// Creates an engine. The registry is located now but read only when a statement needs it.
    /// - Throws: ``SQLiteError`` when the database cannot be opened; ``StoreError`` when
    ///   ``EngineConfiguration/databasePath`` cannot be used.
    public init(configuration: EngineConfiguration = EngineConfiguration()) throws {
        self.configuration = configuration
        self.database = try Database(storePath: configuration.databasePath)
        self.services = EngineServices(configuration: configuration, redactor: redactor)
    }

    /// The provider registry (read lazily, service by service).
    public func registry() throws -> Registry {
        try services.registry.get()
    }

    /// True once ``shutdown()`` ran.
    var isShutDown: Bool { services.isShutDown }

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
    /// error before any statement runs. A mutation some of whose calls failed hands on the answer of the others
    /// and then throws (unless ``EngineConfiguration/allowPartial`` is set).
    /// - Parameter session: whose `SHOW CALLS` the statements answer and record; the engine's own by default.
    public func execute(script: String, session: EngineSession? = nil,
                        onResult: (ResultSet) async throws -> Void) async throws {
        try await forEachStatement(of: script, session: session) { statement, runner in
            do {
                try await onResult(try await runner.withinDeadline { try await runner.run(statement) })
            } catch let partly as PartlyFailed {
                try await onResult(partly.result)
                throw partly.error
            }
        }
    }

    /// Runs one parsed statement.
    public func execute(_ statement: Statement) async throws -> ResultSet {
        let context = StatementContext(source: nil, session: defaultSession, deadline: deadline(), names: services.tableNames)
        let runner = StatementRunner(services: services, database: database, context: context)
        do {
            return try await runner.withinDeadline { try await runner.run(statement) }
        } catch let partly as PartlyFailed {
            throw partly.error
        }
    }

    /// Substitutes the script's variables, parses it whole, and runs `body` for each statement in order, each
    /// with a context of its own, with SQLite errors located in the script's text.
    func forEachStatement(of script: String, session: EngineSession?,
                          _ body: (Statement, StatementRunner) async throws -> Void) async throws {
        let script = try ScriptVariables.substitute(configuration.variables, in: script)
        let statements = try Parser.parseScript(script)
        let source = Array(script.utf8)
        for statement in statements {
            let context = StatementContext(source: source, session: session ?? defaultSession, deadline: deadline(),
                                           names: services.tableNames)
            do {
                try await body(statement, StatementRunner(services: services, database: database, context: context))
            } catch let error as QueryError {
                throw error.located(in: source, statement: statement.range)
            }
        }
    }

    /// When a statement starting now must end (``EngineConfiguration/statementTimeout``).
    nonisolated func deadline() -> ContinuousClock.Instant? {
        configuration.statementTimeout.map { ContinuousClock.now + $0 }
    }

    /// The credential each provider uses: source, account, scopes, quota project and the token's remaining
    /// lifetime — never the token. Fetches a token per provider to prove the source works.
    /// - Parameter providers: the providers to report; by default those of the registry and of the configuration.
    public func authStatus(providers: [String]? = nil) async -> [AuthStatus] {
        await services.authStatus(providers: providers)
    }

    /// Closes the HTTP connection pool.
    public func shutdown() async throws {
        try await services.shutdown()
    }
}
