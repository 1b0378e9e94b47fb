import Foundation
import NIOCore
import StackQSyntax
import Synchronization

extension Engine {
    /// Runs a SELECT: plans it, fills the tables of its resource references stage by stage, and answers from
    /// SQLite. A SELECT without resources goes straight to SQLite.
    ///
    /// With a `handler`, the rows go to it a chunk at a time as SQLite produces them and the result has none.
    func executeSelect(_ select: SelectStatement, streamingTo handler: (any ResultHandler)? = nil) async throws -> ResultSet {
        guard !ResourceReferenceCollector.collect(select).isEmpty else {
            return try await translatingSQLiteErrors(tables: [:]) { try await answer(SQLPrinter.print(select), to: handler) }
        }
        let plan = try await planQuery(select)
        if configuration.dryRun {
            return try dryRunResult(plan)
        }
        return try await withFilledTables(plan) { calls in
            var result = try await translatingSQLiteErrors(tables: materialisedTables(plan)) { try await answer(plan.sql, to: handler) }
            result.calls = calls
            return result
        }
    }

    /// The rows of `sql`: collected into the result, or handed to `handler` a chunk at a time (the result is then
    /// only the columns).
    func answer(_ sql: String, to handler: (any ResultHandler)?) async throws -> ResultSet {
        guard let handler else { return try await database.query(sql) }
        let columns = Mutex<[ResultSet.Column]?>(nil)
        /// True for the first chunk: the columns go to the handler before it.
        @Sendable func first(_ chunkColumns: [ResultSet.Column]) -> Bool {
            columns.withLock { known in
                defer { if known == nil { known = chunkColumns } }
                return known == nil
            }
        }
        if let writer = handler.lineWriter {
            try await database.query(sql, lines: writer, chunkBytes: Engine.streamingChunkBytes) { chunkColumns, bytes in
                if first(chunkColumns) { try await handler.columns(chunkColumns) }
                if !bytes.isEmpty { try await handler.lines(bytes) }
            }
        } else {
            try await database.query(sql, chunkSize: Engine.streamingChunkRows) { chunkColumns, rows in
                if first(chunkColumns) { try await handler.columns(chunkColumns) }
                if !rows.isEmpty { try await handler.rows(rows) }
            }
        }
        return ResultSet(columns: columns.withLock { $0 } ?? [], rows: [])
    }

    /// Plans a SELECT after evaluating, in SQLite, the constant expressions its bindings use.
    func planQuery(_ select: SelectStatement) async throws -> QueryPlan {
        let select = try expandingViews(select)
        var constants: [SourceRange: String] = [:]
        let candidates = ConstantExpressions.candidates(in: select)
        if !candidates.isEmpty {
            let sql = "SELECT " + candidates.map { "CAST((\(SQLPrinter.print($0))) AS TEXT)" }.joined(separator: ", ")
            let row = try await database.query(sql).rows.first ?? []
            for (expression, value) in zip(candidates, row) {
                if let text = value.textValue { constants[expression.range] = text }
            }
        }
        let planner = QueryPlanner(registry: try registry(), constants: constants, source: currentSource,
                                   firstTableNumber: tableCounter + 1)
        let plan = try planner.plan(select)
        tableCounter += plan.references.count
        return plan
    }

    /// Creates the plan's tables, fills them, runs `body` with the calls made, and drops the tables whatever happens.
    func withFilledTables<T>(_ plan: QueryPlan, _ body: ([CallOutcome]) async throws -> T) async throws -> T {
        for spec in plan.tables { try await database.createTable(spec) }
        do {
            let calls = try await fill(plan)
            let value = try await body(calls)
            for spec in plan.tables { try await database.dropTable(spec) }
            return value
        } catch {
            for spec in plan.tables { try? await database.dropTable(spec) }
            throw error
        }
    }

    /// Sends every call of a plan, each reference as soon as the references it reads are filled, all under one
    /// concurrency bound, and streams each page into its table. Returns every call's outcome; a failed call fails
    /// the statement (naming every failed call) unless `allowPartial` is set.
    func fill(_ plan: QueryPlan) async throws -> [CallOutcome] {
        let literalCalls = plan.references.compactMap(\.literalCallCount).reduce(0, +)
        try checkCallBudget(literalCalls, what: "this statement")
        let runner = callRunner(limiter: CallLimiter(maximum: configuration.concurrency))
        let progress = CallProgress()
        configuration.observer?.statementStarted(progress: progress)
        defer { configuration.observer?.statementFinished() }
        let log = CallLog()
        let budget = CallBudget(literalCalls)
        let maximumCalls = configuration.maximumCalls
        let endpoints = EndpointResolver(overrides: configuration.endpointOverrides)
        let database = self.database
        let pageLimit = configuration.pageLimit
        let allowPartial = configuration.allowPartial

        var tasks: [Task<Void, any Error>] = []
        for reference in plan.references {
            let dependencies = reference.dependencies.map { tasks[$0] }
            let sources = reference.dependencies.map { plan.references[$0] }
            tasks.append(Task {
                for dependency in dependencies { try await dependency.value }
                let combinations = try await Engine.combinations(for: reference, sources: sources, database: database)
                if reference.literalCallCount == nil {
                    let total = budget.add(combinations.count)
                    if total > maximumCalls {
                        throw PlanError(message: "\(reference.displayName) needs \(combinations.count) calls (one per distinct \(Engine.describeSources(of: reference, in: plan))), which takes the statement past --max-calls \(maximumCalls); raise --max-calls to allow it")
                    }
                }
                let builder = CallBuilder(service: reference.service, resource: reference.resource,
                                          method: reference.method, endpoints: endpoints,
                                          fields: reference.fields)
                let calls = try builder.calls(combinations: combinations)
                let table = reference.table
                let objectKey = reference.method.response.objectKey
                let results = try await runner.runAll(calls, reference: reference.displayName, pageLimit: pageLimit,
                                                      progress: progress) { _, call, page in
                    try await database.insertPage(page, into: table, objectKey: objectKey, parameters: call.parameterValues)
                }
                log.append(results)
                let failures = results.filter { $0.error != nil }
                if !failures.isEmpty, !allowPartial { throw CallFailures.from(failures, total: results.count) }
            })
        }
        let started = tasks
        try await withTaskCancellationHandler {
            var firstError: (any Error)?
            for task in started {
                do {
                    try await task.value
                } catch {
                    // The statement has failed: stop the stages still running instead of finishing them.
                    if firstError == nil {
                        firstError = error
                        for other in started { other.cancel() }
                    }
                }
            }
            if let firstError {
                lastCalls = log.outcomes
                throw firstError
            }
        } onCancel: {
            for task in started { task.cancel() }
        }
        let outcomes = log.outcomes
        lastCalls = outcomes
        for outcome in outcomes where outcome.truncatedByPageLimit {
            let cap = outcome.stoppedByDefaultPageCap ? "the default cap of \(configuration.defaultPageCap) pages (raise it with --page-limit)"
                                                      : "--page-limit \(configuration.pageLimit ?? 0) pages"
            warn(redactor.redact("\(outcome.qualifiedMethodName)(\(outcome.parameters)) has more pages: stopped after \(cap) (\(outcome.rows) rows); the result is incomplete"))
        }
        for outcome in outcomes where !outcome.succeeded {
            warn("\(outcome.error ?? "") — its rows are missing (--allow-partial)")
        }
        return outcomes
    }

    /// Refuses a plan of more calls than `--max-calls` before any is sent.
    func checkCallBudget(_ calls: Int, what: String) throws {
        guard calls > configuration.maximumCalls else { return }
        throw PlanError(message: "\(what) would make \(calls) calls, more than --max-calls \(configuration.maximumCalls); narrow the IN lists or raise --max-calls")
    }

    /// The parameter values of each call of `reference`: the cartesian product of its literal lists and, for each
    /// reference it reads, the distinct tuples of the columns it reads there (rows with a NULL or empty value
    /// give no call).
    static func combinations(for reference: PlannedReference, sources: [PlannedReference],
                             database: Database) async throws -> [[String: String]] {
        var literals: [String: [String]] = [:]
        var bySource: [Int: [(parameter: String, column: String)]] = [:]
        for binding in reference.bindings {
            switch binding.source {
            case .literals(let values): literals[binding.parameter] = values
            case .column(let source, let column): bySource[source, default: []].append((binding.parameter, column))
            }
        }
        var combinations = CallBuilder.cartesianProduct(literals, order: reference.method.parameters.map(\.name))
        for source in sources {
            guard let pairs = bySource[source.index] else { continue }
            let columns = pairs.map { SQLPrinter.quoteIdentifier($0.column) }
            var conditions = source.localPredicates.map { "(\(SQLPrinter.print($0)))" }
            conditions += columns.map { "\($0) IS NOT NULL AND \($0) <> ''" }
            let sql = "SELECT DISTINCT \(columns.joined(separator: ", ")) FROM \(SQLPrinter.quoteIdentifier(source.table.name)) AS \(SQLPrinter.quoteIdentifier(source.exposedName)) WHERE \(conditions.joined(separator: " AND "))"
            let rows = try await database.query(sql).rows
            let tuples = rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(pairs.map(\.parameter), row.map { $0.textValue ?? "" }))
            }
            combinations = combinations.flatMap { partial in tuples.map { partial.merging($0) { a, _ in a } } }
        }
        return combinations
    }

    /// `p.projectId` or `p.projectId, p.locationId`, for messages.
    static func describeSources(of reference: PlannedReference, in plan: QueryPlan) -> String {
        reference.bindings.compactMap { binding -> String? in
            guard case .column(let source, let column) = binding.source else { return nil }
            return "\(plan.references[source].exposedName).\(column)"
        }.joined(separator: ", ")
    }

    func callRunner(limiter: CallLimiter?) -> CallRunner {
        CallRunner(transport: httpTransport(), credentials: credentialProvider(), redactor: redactor,
                   retry: configuration.retry, timeout: configuration.requestTimeout,
                   userAgent: StackQVersion.userAgent, limiter: limiter, onRetry: retryAnnouncer(),
                   defaultPageCap: configuration.defaultPageCap, logger: configuration.logger)
    }

    /// The credentials of every provider, created on first use and kept for the engine's lifetime.
    func credentialProvider() -> CredentialProvider {
        if let credentials { return credentials }
        let registry = try? self.registry()
        let created = CredentialProvider(
            resolver: credentialResolver,
            client: TokenClient(transport: httpTransport(), redactor: redactor,
                                endpointOverrides: configuration.endpointOverrides),
            documentAuth: { provider in (try? registry?.provider(named: provider))?.authConfig })
        credentials = created
        return created
    }

    var credentialResolver: CredentialResolver {
        CredentialResolver(configuration: configuration.auth, environment: configuration.environment, redactor: redactor)
    }

    /// A provider's `config.auth` from its provider document.
    func documentAuth(_ provider: String) -> JSONValue? {
        (try? registry().provider(named: provider))?.authConfig
    }

    func httpTransport() -> any HTTPTransport {
        if let transport { return transport }
        let created = AsyncHTTPTransport(connectionsPerHost: configuration.concurrency)
        ownedTransport = created
        transport = created
        return created
    }

    /// The calls a plan would send: method, URL, headers (Authorization redacted) and body. A reference whose
    /// parameters come from another's rows is one line saying so: its calls are known only once that one ran.
    func dryRunResult(_ plan: QueryPlan) throws -> ResultSet {
        let endpoints = EndpointResolver(overrides: configuration.endpointOverrides)
        var calls: [PreparedCall] = []
        var rows: [[String?]] = []
        for reference in plan.references {
            guard reference.literalCallCount != nil else {
                rows.append(["\(reference.resource.id).\(reference.method.name)", reference.method.httpMethod.uppercased(),
                             "(one call per distinct \(Engine.describeSources(of: reference, in: plan)))", nil, nil])
                continue
            }
            var literals: [String: [String]] = [:]
            for case let binding in reference.bindings { if case .literals(let values) = binding.source { literals[binding.parameter] = values } }
            let builder = CallBuilder(service: reference.service, resource: reference.resource, method: reference.method,
                                      endpoints: endpoints, fields: reference.fields)
            calls = try builder.calls(bindings: literals)
            try checkCallBudget(calls.count + rows.count, what: "this statement")
            rows += dryRunRows(calls)
        }
        return ResultSet(columnNames: ["method", "http_method", "url", "headers", "body"], textRows: rows)
    }

    /// One dry-run row per call.
    func dryRunRows(_ calls: [PreparedCall]) -> [[String?]] {
        calls.map { call in
            var headers = call.headers.map { "\($0.name): \($0.value)" }
            if credentialResolver.authenticates(call.provider, documentAuth: documentAuth(call.provider)) {
                headers.append("Authorization: Bearer <redacted>")
            }
            if let quotaProject = configuration.auth.providers[call.provider]?.quotaProject {
                headers.append("x-goog-user-project: \(quotaProject)")
            }
            return [call.qualifiedMethodName, call.httpMethod, call.url(), headers.isEmpty ? nil : headers.joined(separator: "\n"),
                    call.body.map { redactor.redact(String(decoding: $0, as: UTF8.self)) }]
        }
    }
}

/// The outcomes of a statement's calls as they complete (calls of several references finish concurrently).
final class CallLog: Sendable {
    private let recorded = Mutex<[CallOutcome]>([])

    func append(_ results: [CallResult]) {
        recorded.withLock { $0 += results.map(\.outcome) }
    }

    var outcomes: [CallOutcome] { recorded.withLock { $0 } }
}

/// The calls a statement has planned so far, across its concurrently planned stages.
final class CallBudget: Sendable {
    private let total: Mutex<Int>

    init(_ initial: Int) {
        total = Mutex(initial)
    }

    /// Adds `count` and returns the new total.
    func add(_ count: Int) -> Int {
        total.withLock { $0 += count; return $0 }
    }
}

/// Several calls of one statement failed: each is named with its status and message.
public struct CallFailures: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The failed calls' outcomes (``CallOutcome/error`` says why).
    public var failures: [CallOutcome]
    /// How many calls the statement made in all.
    public var total: Int

    public var description: String {
        "\(failures.count) of \(total) calls failed:\n" + failures.map { "  \($0.error ?? "")" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }

    /// The original error when one call failed (an ``APIError`` keeps its type), else all of them together.
    static func from(_ failed: [CallResult], total: Int? = nil) -> any Error {
        if failed.count == 1, let error = failed[0].error { return error }
        return CallFailures(failures: failed.map(\.outcome), total: total ?? failed.count)
    }
}
