import Foundation
import Logging
import StackQSyntax

/// Runs one statement: plans it (a ``QueryPlan`` or a ``MutationPlan``), then runs, explains or dry-runs that
/// plan. It holds what the engine shares (``EngineServices``, the database) and what belongs to the statement
/// (``StatementContext``), and nothing else, so statements run at once on one engine do not meet.
struct StatementRunner: Sendable {
    let services: EngineServices
    let database: Database
    let context: StatementContext

    var configuration: EngineConfiguration { services.configuration }
    var redactor: Redactor { services.redactor }

    func registry() throws -> Registry { try services.registry.get() }

    /// The statement's result: its rows handed to `handler` as SQLite produces them when it is a SELECT and a
    /// handler is given (the result then has none), else collected.
    func run(_ statement: Statement, streamingTo handler: (any ResultHandler)? = nil) async throws -> ResultSet {
        do {
            return try await runOnce(statement, streamingTo: handler)
        } catch RegistryError.unknownService(let provider, let name, let suggestions)
                    where provider == DiscoveryImporter.providerName && mayPull(statement) {
            // A Google API newer than the bundled registry: pulled from Google's Discovery service on first use.
            do {
                _ = try await pull(provider: provider, services: name)
            } catch {
                throw RegistryError.unknownService(provider: provider, name: name, suggestions: suggestions)
            }
            return try await runOnce(statement, streamingTo: handler)
        }
    }

    /// True when an unknown google service may be pulled for `statement`: it sends requests anyway (no dry run,
    /// no EXPLAIN) and the engine has a registry cache to keep what it pulls.
    private func mayPull(_ statement: Statement) -> Bool {
        guard !configuration.dryRun, !configuration.explainOnly, configuration.registryCacheDirectory != nil else { return false }
        switch statement {
        case .explain, .registry: return false
        default: return true
        }
    }

    private func runOnce(_ statement: Statement, streamingTo handler: (any ResultHandler)?) async throws -> ResultSet {
        if configuration.explainOnly, !statement.isExplain {
            return try await explain(statement)
        }
        if statement.isStoreStatement {
            return try await storeStatement(statement)
        }
        switch statement {
        case .select(let select):
            return try await self.select(select, streamingTo: handler)
        case .explain(let inner, _):
            return try await explain(inner)
        case .insert, .update, .replace, .delete, .exec:
            return try await mutate(statement)
        case .show(let show):
            return try await self.show(show)
        case .describe(let describe):
            return try await self.describe(describe)
        case .describeMethod(let describe):
            let (provider, service, resource) = try resourceParts(describe.resource)
            let table = try registry().describeMethod(provider: provider, service: service, resource: resource,
                                                      method: describe.method.name)
            return ResultSet(columnNames: table.columns, textRows: table.rows)
        case .registry(let statement):
            return try await registryStatement(statement)
        case .createTable, .createView, .drop, .refresh:
            return try await storeStatement(statement)
        }
    }

    /// `EXPLAIN statement`: the plan that would run, nothing sent. For a SELECT, per reference its stage, method,
    /// bindings, call count and SQLite-only conditions, then the SQL; for a mutation, its read stage (when it
    /// has one) and then its action, from the same ``MutationPlan`` a run sends.
    func explain(_ statement: Statement) async throws -> ResultSet {
        switch statement {
        case .select(let select):
            let select = try await expandingAllViews(select)
            guard !ResourceReferenceCollector.collect(select).isEmpty else {
                return ResultSet(columnNames: PlanExplainer.columns, textRows: [[nil, "(result)", nil, nil, nil, SQLPrinter.print(select), nil]])
            }
            return ResultSet(columnNames: PlanExplainer.columns, textRows: PlanExplainer.rows(try await planQuery(select)))
        case .insert, .update, .replace, .delete, .exec:
            return ResultSet(columnNames: PlanExplainer.columns, textRows: PlanExplainer.rows(try await planMutation(statement)))
        default:
            return ResultSet(columnNames: PlanExplainer.columns, textRows: [[nil, "(metadata)", nil, nil, "0", SQLPrinter.print(statement), nil]])
        }
    }

    /// Runs `body` (the statement), cancelling it at the context's deadline (``EngineConfiguration/statementTimeout``).
    /// An `AWAIT` stopped by the deadline says which operations are still running.
    func withinDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let timeout = configuration.statementTimeout, let remaining = context.remaining else { return try await body() }
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await body() }
            group.addTask {
                try await Task.sleep(for: remaining)
                return nil
            }
            defer { group.cancelAll() }
            if let first = try await group.next(), let result = first { return result }
            // The deadline passed: stop the statement and hear what it was doing when it stopped.
            group.cancelAll()
            do {
                while let next = try await group.next() { if let result = next { return result } }
            } catch var wait as OperationWaitError {
                wait.reason = .timedOut(timeout)
                throw wait
            } catch {}
            throw StatementTimeoutError(timeout: timeout)
        }
    }

    // MARK: Helpers

    func resourceParts(_ name: QualifiedName) throws -> (String, String, String) {
        guard name.parts.count == 3 else {
            throw PlanError(.unknownName, "'\(name.dotted)' is not a resource: name it as provider.service.resource, e.g. google.dataproc.sessions")
        }
        return (name.parts[0].name, name.parts[1].name, name.parts[2].name)
    }

    /// The resource a statement names.
    func resolveTarget(_ name: QualifiedName) throws -> (ProviderService, Resource) {
        let (provider, service, resource) = try resourceParts(name)
        return try registry().resource(provider: provider, service: service, resource: resource)
    }

    /// The runner of the statement's calls; `progress` gets the time they are held back by the hosts' limiters.
    func callRunner(progress: CallProgress? = nil) -> CallRunner {
        var runner = CallRunner(transport: services.transport(), credentials: services.credentials(), redactor: redactor,
                                retry: configuration.retry, timeout: configuration.requestTimeout,
                                userAgent: StackQVersion.userAgent, limiters: services.limiters,
                                onRetry: retryAnnouncer(), defaultPageCap: configuration.defaultPageCap,
                                logger: configuration.logger)
        runner.pageSizeRefusals = services.pageSizeRefusals
        runner.progress = progress
        return runner
    }

    /// The calls of `method` with `values` and `body`, built the one way every statement builds them.
    func callBuilder(service: ProviderService, resource: Resource, method: Method, fields: String? = nil) -> CallBuilder {
        var builder = CallBuilder(service: service, resource: resource, method: method,
                                  endpoints: EndpointResolver(overrides: configuration.endpointOverrides), fields: fields)
        builder.pageSizeRefusals = services.pageSizeRefusals
        return builder
    }

    /// Refuses a plan of more calls than `--max-calls` before any is sent.
    func checkCallBudget(_ calls: Int, what: String) throws {
        guard calls > configuration.maximumCalls else { return }
        throw PlanError(.tooManyCalls, "\(what) would make \(calls) calls, more than --max-calls \(configuration.maximumCalls); narrow the IN lists or raise --max-calls")
    }

    /// Passes the executor's long retries to the observer (the CLI shows them on a terminal).
    func retryAnnouncer() -> (@Sendable (String) -> Void)? {
        let observer = configuration.observer
        let logger = configuration.logger
        guard observer != nil || logger != nil else { return nil }
        let redactor = self.redactor
        return { message in
            let safe = redactor.redact(message)
            observer?.retrying(safe)
            logger?.notice("\(safe)")
        }
    }

    /// A warning, to the observer and the logger.
    func warn(_ message: String) {
        configuration.observer?.warning(message)
        configuration.logger?.warning("\(message)")
    }

    /// Runs a query, turning an ``SQLiteError`` into a ``QueryError`` in the user's terms.
    func translatingSQLiteErrors(tables: [String: SQLiteErrorTranslator.Table],
                                 _ query: () async throws -> ResultSet) async throws -> ResultSet {
        do {
            return try await query()
        } catch let error as SQLiteError {
            throw SQLiteErrorTranslator.translate(error, tables: tables)
        }
    }
}

extension Statement {
    var isExplain: Bool {
        if case .explain = self { return true }
        return false
    }
}
