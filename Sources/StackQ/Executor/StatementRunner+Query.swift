import Foundation
import StackQSyntax
import Synchronization

extension StatementRunner {
    /// How many rows a chunk handed to a ``ResultHandler`` holds at most.
    static let streamingChunkRows = 512
    /// About how many bytes a chunk of lines handed to a ``ResultHandler`` (``ResultHandler/lines(_:)``) holds.
    static let streamingChunkBytes = 1 << 16

    /// Runs a SELECT: plans it, fills the tables of its resource references stage by stage, and answers from
    /// SQLite. A SELECT without resources goes straight to SQLite.
    ///
    /// With a `handler`, the rows go to it a chunk at a time as SQLite produces them and the result has none.
    func select(_ select: SelectStatement, streamingTo handler: (any ResultHandler)? = nil) async throws -> ResultSet {
        let select = try await expandingAllViews(select)
        guard !ResourceReferenceCollector.collect(select).isEmpty else {
            return try await translatingSQLiteErrors(tables: [:]) { try await answer(SQLPrinter.print(select), to: handler) }
        }
        let plan = try await planQuery(select)
        if configuration.dryRun {
            return ResultSet(columnNames: DryRun.columns, textRows: try dryRunRows(plan))
        }
        return try await withFilledTables(plan) { calls in
            var result = try await translatingSQLiteErrors(tables: plan.materialisedTables) { try await answer(plan.sql, to: handler) }
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
            try await database.query(sql, lines: writer, chunkBytes: Self.streamingChunkBytes) { chunkColumns, bytes in
                if first(chunkColumns) { try await handler.columns(chunkColumns) }
                if !bytes.isEmpty { try await handler.lines(bytes) }
            }
        } else {
            try await database.query(sql, chunkSize: Self.streamingChunkRows) { chunkColumns, rows in
                if first(chunkColumns) { try await handler.columns(chunkColumns) }
                if !rows.isEmpty { try await handler.rows(rows) }
            }
        }
        return ResultSet(columns: columns.withLock { $0 } ?? [], rows: [])
    }

    /// The rows of a SELECT, collected (the read stage of a mutation, a SELECT with no resources).
    func collect(_ select: SelectStatement) async throws -> ResultSet {
        let select = try await expandingAllViews(select)
        guard !ResourceReferenceCollector.collect(select).isEmpty else {
            return try await translatingSQLiteErrors(tables: [:]) { try await database.query(SQLPrinter.print(select)) }
        }
        return try await collect(try await planQuery(select))
    }

    /// The rows of a planned SELECT, its tables filled and dropped again.
    func collect(_ plan: QueryPlan) async throws -> ResultSet {
        try await withFilledTables(plan) { _ in
            try await translatingSQLiteErrors(tables: plan.materialisedTables) { try await database.query(plan.sql) }
        }
    }

    /// Plans a SELECT after evaluating, in SQLite, the constant expressions its bindings use.
    func planQuery(_ select: SelectStatement) async throws -> QueryPlan {
        let select = try await expandingAllViews(select)
        let constants = try await constants(ConstantExpressions.candidates(in: select))
        let references = ResourceReferenceCollector.collect(select).count
        let planner = QueryPlanner(registry: try registry(), constants: constants, source: context.source,
                                   firstTableNumber: context.reserveTableNumbers(references))
        return try planner.plan(select)
    }

    /// The values of constant expressions (`lower('P')`), by source range, evaluated in SQLite: the planner's
    /// only input that needs the database. Nothing is sent.
    func constants(_ candidates: [SQLExpression]) async throws -> [SourceRange: String] {
        guard !candidates.isEmpty else { return [:] }
        let sql = "SELECT " + candidates.map { "CAST((\(SQLPrinter.print($0))) AS TEXT)" }.joined(separator: ", ")
        let row = try await database.query(sql).rows.first ?? []
        var constants: [SourceRange: String] = [:]
        for (expression, value) in zip(candidates, row) {
            if let text = value.textValue { constants[expression.range] = text }
        }
        return constants
    }

    /// Creates `tables`, runs `body`, and drops them whatever happens: on return, on throw and on cancellation.
    func withTables<T>(_ tables: [TableSpec], _ body: () async throws -> T) async throws -> T {
        var created: [TableSpec] = []
        do {
            for spec in tables {
                try await database.createTable(spec)
                created.append(spec)
            }
            let value = try await body()
            for spec in created { try await database.dropTable(spec) }
            return value
        } catch {
            for spec in created { try? await database.dropTable(spec) }
            throw error
        }
    }

    /// Creates the plan's tables, fills them, runs `body` with the calls made, and drops the tables whatever happens.
    func withFilledTables<T>(_ plan: QueryPlan, _ body: ([CallOutcome]) async throws -> T) async throws -> T {
        try await withTables(plan.tables) {
            try await body(try await fill(plan))
        }
    }

    /// Sends every call of a plan, each reference as soon as the references it reads are filled, all under one
    /// concurrency bound, and streams each page into its table. Returns every call's outcome; a failed call fails
    /// the statement (naming every failed call) unless `allowPartial` is set.
    func fill(_ plan: QueryPlan) async throws -> [CallOutcome] {
        let shard = configuration.shard
        // With --shard, the outermost fan-out (the first reference that reads no other's rows) makes only its
        // share of calls, so its calls count once the share is known, not all of them before.
        let shardedReference = shard == nil ? nil : plan.references.first { $0.dependencies.isEmpty }?.index
        let literalCalls = plan.references.filter { $0.index != shardedReference }.compactMap(\.literalCallCount)
            .reduce(0) { $0.saturatingAdding($1) }
        try checkCallBudget(literalCalls, what: "this statement")
        let progress = CallProgress()
        let runner = callRunner(progress: progress)
        configuration.observer?.statementStarted(progress: progress)
        defer { configuration.observer?.statementFinished() }
        let log = CallLog()
        let budget = CallBudget(literalCalls)
        let maximumCalls = configuration.maximumCalls
        let database = self.database
        let pageLimit = configuration.pageLimit
        let allowPartial = configuration.allowPartial
        let statementLog = context.calls
        let cache = services.responseCache
        let readsCache = context.readsCache && !configuration.dryRun
        let warnings = WarningList()

        var tasks: [Task<Void, any Error>] = []
        for reference in plan.references {
            let dependencies = reference.dependencies.map { tasks[$0] }
            let sources = reference.dependencies.map { plan.references[$0] }
            let builder = callBuilder(service: reference.service, resource: reference.resource, method: reference.method,
                                      fields: reference.fields)
            tasks.append(Task {
                for dependency in dependencies { try await dependency.value }
                func tooMany(_ count: Int) -> PlanError {
                    PlanError(.tooManyCalls, "\(reference.displayName) needs \(count.saturatedDescription) calls (one per distinct \(plan.describeSources(of: reference))), which takes the statement past --max-calls \(maximumCalls); raise --max-calls to allow it")
                }
                // A dependent reference's combinations are counted before they are made: IN lists times the
                // distinct rows read can be more than memory holds.
                let sharded = shard.flatMap { reference.index == shardedReference ? $0 : nil }
                var combinations = try await StatementRunner.combinations(for: reference, sources: sources, database: database) { count in
                    if reference.literalCallCount == nil, count > maximumCalls { throw tooMany(count) }
                    // A share of a fan-out far past --max-calls is still past it (the shares are near equal).
                    if let sharded, count > maximumCalls.saturatingMultiplied(by: sharded.count) { throw tooMany(count) }
                }
                if let sharded { combinations = combinations.filter(sharded.contains) }
                if reference.literalCallCount == nil || sharded != nil, budget.add(combinations.count) > maximumCalls {
                    throw tooMany(combinations.count)
                }
                let calls = try builder.calls(combinations: combinations)
                let table = reference.table
                let objectKey = reference.method.response.objectKey
                let cacheRequest = ResponseCache.request(for: reference, readsCache: readsCache)
                let results = try await cache.runAll(calls, request: cacheRequest, runner: runner, database: database,
                                                     reference: reference.displayName, pageLimit: pageLimit,
                                                     progress: progress) { _, call, page in
                    try await database.insertPage(page, into: table, objectKey: objectKey, parameters: call.parameterValues)
                }
                log.append(results)
                statementLog.append(results)
                let failures = results.filter { $0.error != nil }
                guard !failures.isEmpty else { return }
                let lost = CallFailures.wholeGroups(calls: calls, results: results)
                if !allowPartial { throw CallFailures.from(failures, total: results.count, wholeGroups: lost) }
                for group in lost { warnings.append("every call for \(group) failed — its rows are missing (--allow-partial)") }
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
            progress.finish(concurrency: await services.limiters.concurrency())
            if let firstError {
                context.reportCalls()
                throw firstError
            }
        } onCancel: {
            for task in started { task.cancel() }
        }
        let outcomes = log.outcomes
        context.reportCalls()
        for outcome in outcomes where outcome.truncatedByPageLimit {
            let cap = outcome.stoppedByDefaultPageCap ? "the default cap of \(configuration.defaultPageCap) pages (raise it with --page-limit)"
                                                      : "--page-limit \(configuration.pageLimit ?? 0) pages"
            warn(redactor.redact("\(outcome.qualifiedMethodName)(\(outcome.parameters)) has more pages: stopped after \(cap) (\(outcome.rows) rows); the result is incomplete"))
        }
        for outcome in outcomes where !outcome.succeeded {
            warn("\(outcome.error ?? "") — its rows are missing (--allow-partial)")
        }
        for message in warnings.messages { warn(redactor.redact(message)) }
        return outcomes
    }

    /// The parameter values of each call of `reference`: the cartesian product of its literal lists and, for each
    /// reference it reads, the distinct tuples of the columns it reads there (rows with a NULL or empty value
    /// give no call).
    ///
    /// `check` is given the number of combinations before each product is made, and may throw to stop there.
    static func combinations(for reference: PlannedReference, sources: [PlannedReference], database: Database,
                             check: (Int) throws -> Void) async throws -> [[String: String]] {
        var literals: [String: [String]] = [:]
        var bySource: [Int: [(parameter: String, column: String)]] = [:]
        for binding in reference.bindings {
            switch binding.source {
            case .literals(let values): literals[binding.parameter] = values
            case .column(let source, let column): bySource[source, default: []].append((binding.parameter, column))
            }
        }
        let order = reference.method.parameters.map(\.name)
        try check(CallBuilder.combinationCount(literals, order: order))
        var combinations = CallBuilder.cartesianProduct(literals, order: order)
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
            try check(combinations.count.saturatingMultiplied(by: tuples.count))
            combinations = combinations.flatMap { partial in tuples.map { partial.merging($0) { a, _ in a } } }
        }
        return combinations
    }
}

extension QueryPlan {
    /// `p.projectId` or `p.projectId, p.locationId`, for messages.
    func describeSources(of reference: PlannedReference) -> String {
        reference.bindings.compactMap { binding -> String? in
            guard case .column(let source, let column) = binding.source else { return nil }
            return "\(references[source].exposedName).\(column)"
        }.joined(separator: ", ")
    }

    /// The plan's tables by internal name, each with the resource it holds, for SQLite's messages.
    var materialisedTables: [String: SQLiteErrorTranslator.Table] {
        var tables: [String: SQLiteErrorTranslator.Table] = [:]
        for reference in references {
            tables[reference.table.name] = .init(resource: reference.resource.id, columns: reference.table.allColumnNames)
        }
        return tables
    }
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

/// Messages gathered by a statement's concurrent stages.
final class WarningList: Sendable {
    private let list = Mutex<[String]>([])

    func append(_ message: String) { list.withLock { $0.append(message) } }

    var messages: [String] { list.withLock { $0 } }
}

/// Several calls of one statement failed: each is named with its status and message.
public struct CallFailures: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The failed calls' outcomes (``CallOutcome/error`` says why).
    public var failures: [CallOutcome]
    /// How many calls the statement made in all.
    public var total: Int

    /// The parameter values every call of which failed while others' calls worked (`projectsId='demo-3'`): a
    /// project (or location) that is gone or closed to the caller, named first.
    public var wholeGroups: [String] = []

    public var description: String {
        wholeGroups.map { "every call for \($0) failed\n" }.joined()
            + "\(failures.count) of \(total) calls failed:\n" + failures.map { "  \($0.error ?? "")" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }

    /// The original error when one call failed (an ``APIError`` keeps its type), else all of them together.
    static func from(_ failed: [CallResult], total: Int? = nil, wholeGroups: [String] = []) -> any Error {
        if failed.count == 1, let error = failed[0].error { return error }
        return CallFailures(failures: failed.map(\.outcome), total: total ?? failed.count, wholeGroups: wholeGroups)
    }

    /// `name='value'` for each parameter value whose calls (two or more) all failed while some call of the fan-out
    /// worked, in the calls' order.
    static func wholeGroups(calls: [PreparedCall], results: [CallResult]) -> [String] {
        guard results.contains(where: { $0.error == nil }) else { return [] }
        var order: [String] = []
        var counts: [String: (calls: Int, failed: Int)] = [:]
        for (call, result) in zip(calls, results) {
            for parameter in call.displayedParameters {
                let key = "\(parameter.name)='\(parameter.value)'"
                if counts[key] == nil { order.append(key) }
                counts[key, default: (0, 0)].calls += 1
                if result.error != nil { counts[key, default: (0, 0)].failed += 1 }
            }
        }
        return order.filter { key in counts[key].map { $0.calls >= 2 && $0.failed == $0.calls } ?? false }
    }
}
