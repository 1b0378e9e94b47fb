import Foundation
import NIOCore
import StackQSyntax
import Synchronization

/// Mutations: planned into a ``MutationPlan`` (SQLite evaluates what the planner needs first), then sent —
/// every call reported, those that succeeded answered even when others failed.
extension StatementRunner {
    /// The plan of an INSERT, UPDATE, REPLACE, DELETE or EXEC. Nothing is sent: a read stage is planned, not run.
    func planMutation(_ statement: Statement) async throws -> MutationPlan {
        let planner = MutationPlanner(registry: try registry(), source: context.source)
        switch statement {
        case .insert(let insert):
            let (service, resource) = try resolveTarget(insert.table)
            let source = insert.source
            if ResourceReferenceCollector.collect(source).isEmpty {
                let rows = try await collect(source)
                let columns = insert.columns.isEmpty ? rows.columns.map(\.name) : insert.columns.map(\.name)
                return try planner.insert(insert, service: service, resource: resource, columns: columns, rows: rows.rows, read: nil)
            }
            let read = try await planQuery(source)
            let columns = insert.columns.isEmpty ? try await resultColumns(of: read) : insert.columns.map(\.name)
            return try planner.insert(insert, service: service, resource: resource, columns: columns, rows: nil, read: read)
        case .update(let update), .replace(let update):
            var verb = SQLVerb.update
            if case .replace = statement { verb = .replace }
            let target = try await self.target(update.table, alias: update.alias, verb: verb, whereClause: update.whereClause, planner: planner)
            let values = try await evaluate(update.assignments.map(\.value))
            let shared = try planner.setClause(update.assignments, values: values, target: target)
            return planner.mutation(target, shared: shared, read: try await readStage(of: target, update.table, alias: update.alias, whereClause: update.whereClause),
                                    hints: update.hints, returning: update.returning)
        case .delete(let delete):
            let target = try await self.target(delete.table, alias: delete.alias, verb: .delete, whereClause: delete.whereClause, planner: planner)
            return planner.mutation(target, shared: MutationCall(values: [:], body: nil),
                                    read: try await readStage(of: target, delete.table, alias: delete.alias, whereClause: delete.whereClause),
                                    hints: delete.hints, returning: delete.returning)
        case .exec(let exec):
            return try planner.exec(exec)
        default:
            throw PlanError(.invalidStatement, "\(SQLPrinter.print(statement)) is not a mutation")
        }
    }

    func target(_ table: QualifiedName, alias: Identifier?, verb: SQLVerb, whereClause: SQLExpression?,
                planner: MutationPlanner) async throws -> MutationPlanner.Target {
        let (service, resource) = try resolveTarget(table)
        let constants = try await constants(ConstantExpressions.candidates(in: whereClause?.conjuncts ?? []))
        return try planner.target(table, alias: alias, service: service, resource: resource, verb: verb,
                                  whereClause: whereClause, constants: constants)
    }

    /// The SELECT that finds a target's resources, planned (in a text of its own), when its WHERE says more than
    /// the method's parameters; nil when it does not.
    func readStage(of target: MutationPlanner.Target, _ table: QualifiedName, alias: Identifier?,
                   whereClause: SQLExpression?) async throws -> QueryPlan? {
        guard !target.others.isEmpty else { return nil }
        let sql = MutationPlanner.readStatement(table, alias: alias, whereClause: whereClause)
        guard case .select(let select) = try Parser.parseStatement(sql) else { return nil }
        let reader = StatementRunner(services: services, database: database, context: context.reading(Array(sql.utf8)))
        do {
            return try await reader.planQuery(select)
        } catch let error as PlanError {
            throw PlanError(error.code, "\(target.keyword) selects the resources its WHERE describes first, and that SELECT cannot run: \(error.message)")
        }
    }

    /// The names of a planned SELECT's result columns, from SQLite over its tables left empty.
    func resultColumns(of plan: QueryPlan) async throws -> [String] {
        try await withTables(plan.tables) {
            try await translatingSQLiteErrors(tables: plan.materialisedTables) {
                ResultSet(columnNames: try await database.resultColumns(of: plan.sql).map(\.name), textRows: [])
            }
        }.columns.map(\.name)
    }

    /// Evaluates expressions that read no column (SET values) in SQLite.
    func evaluate(_ expressions: [SQLExpression]) async throws -> [SQLValue] {
        guard !expressions.isEmpty else { return [] }
        let sql = "SELECT " + expressions.map(SQLPrinter.print).joined(separator: ", ")
        return try await database.query(sql).rows.first ?? []
    }

    /// The calls a plan sends: its read stage run first when it has one.
    func mutationCalls(_ plan: MutationPlan) async throws -> [MutationCall] {
        guard let read = plan.read else { return try knownCalls(plan) }
        let found = try await collect(read)
        return try plan.calls(forRows: found.rows, columns: found.columns.map(\.name))
    }

    /// The calls a plan without a read stage makes, their number checked against the budget before any is made.
    func knownCalls(_ plan: MutationPlan) throws -> [MutationCall] {
        if let count = plan.knownCallCount { try checkCallBudget(count, what: "this \(plan.keyword)") }
        return try plan.calls(forRows: [], columns: [])
    }

    /// The requests of a plan's calls, each with a fresh `requestId` where the method takes one.
    func preparedCalls(_ plan: MutationPlan, _ mutations: [MutationCall]) throws -> [PreparedCall] {
        let method = plan.method
        try checkCallBudget(mutations.count, what: "this \(plan.keyword)")
        let builder = callBuilder(service: plan.service, resource: plan.resource, method: method)
        let takesRequestID = method.parameter(named: "requestId") != nil
        return try mutations.map { mutation in
            var mutation = mutation
            if takesRequestID, mutation.values["requestId"] == nil { mutation.values["requestId"] = UUID().uuidString.lowercased() }
            for parameter in method.requiredParameters {
                guard let value = mutation.values[parameter.name] else {
                    throw PlanError(.missingParameters, "\(plan.keyword) \(plan.resource.id): \(method.name) needs \(parameter.name), which a row leaves empty")
                }
                if value.isEmpty, parameter.location == .path {
                    throw PlanError(.missingParameters, "\(plan.keyword) \(plan.resource.id): \(parameter.name) is empty; \(method.name) needs a value for it")
                }
            }
            return try builder.call(values: mutation.values, body: mutation.body.map { Array($0.serialized().utf8) })
        }
    }

    /// Sends a plan's calls, reports every call, waits on the operations with `AWAIT`, and answers one row per
    /// call that succeeded (or the `RETURNING` projection of the resources). When some calls failed, the answer
    /// of the others still comes (``PartlyFailed``), and the statement fails after it unless `allowPartial` is set.
    func perform(_ plan: MutationPlan) async throws -> ResultSet {
        let calls = try preparedCalls(plan, try await mutationCalls(plan))
        guard !calls.isEmpty else { return ResultSet.message("\(plan.keyword): no resource matched, no call made") }
        let runner = callRunner()
        let responses = Mutex([[UInt8]?](repeating: nil, count: calls.count))
        let progress = CallProgress()
        configuration.observer?.statementStarted(progress: progress)
        defer { configuration.observer?.statementFinished() }
        let results = try await runner.runAll(calls, reference: plan.resource.id, pageLimit: 1, progress: progress) { index, _, page in
            let bytes = Array(page.readableBytesView)
            responses.withLock { $0[index] = bytes }
            return 1
        }
        context.calls.append(results)
        let outcomes = context.reportCalls()
        let succeeded = results.indices.filter { results[$0].error == nil }
        let bodies = responses.withLock { $0 }
        var documents = succeeded.map { index in bodies[index].flatMap { try? JSONValue(parsing: $0) } ?? .object([]) }
        let overrideOrigin = (configuration.endpointOverrides["\(plan.service.provider).\(plan.service.name)"]
                              ?? configuration.endpointOverrides[plan.service.provider]).map { EndpointResolver.split($0).origin }
        var operations: [LongRunningOperation?] = zip(documents, succeeded.map { calls[$0] }).map { document, call in
            LongRunningOperation(document, base: StatementRunner.operationBase(of: call, method: plan.method), overrideOrigin: overrideOrigin)
        }
        if plan.hints.contains(.await), operations.contains(where: { $0 != nil }) {
            let waiter = OperationWaiter(runner: runner, provider: plan.service.provider,
                                         interval: configuration.operationPollInterval,
                                         timeout: configuration.operationTimeout, observer: configuration.observer)
            var finished = try await waiter.wait(operations.compactMap { $0 }).makeIterator()
            operations = operations.map { $0 == nil ? nil : finished.next() }
            let errors = operations.compactMap { $0 }.filter { $0.errorMessage != nil }
            if !errors.isEmpty {
                throw OperationFailure(operations: errors.map { ($0.name, $0.errorMessage ?? "") })
            }
            documents = zip(documents, operations).map { document, operation in operation?.document ?? document }
        }
        var result: ResultSet
        if !plan.returning.isEmpty {
            let resources = zip(documents, operations).map { document, operation in operation?.response ?? (operation == nil ? document : .object([])) }
            result = try await project(plan.returning, of: resources, plan: plan)
        } else if operations.allSatisfy({ $0 != nil }), !plan.hints.contains(.showResults) {
            result = ResultSet(columns: [ResultSet.Column(name: "name"), ResultSet.Column(name: "done"), ResultSet.Column(name: "error", isJSON: true)],
                               rows: operations.compactMap { $0 }.map { operation in
                                   [.text(operation.name), .integer(operation.done ? 1 : 0),
                                    operation.document["error"].map { .text($0.serialized()) } ?? .null]
                               })
        } else {
            result = StatementRunner.table(of: documents)
            if result.columns.isEmpty {
                result = .message("\(plan.keyword): \(succeeded.count) call\(succeeded.count == 1 ? "" : "s") succeeded")
            }
        }
        result.calls = outcomes
        let failed = results.filter { $0.error != nil }
        guard !failed.isEmpty else { return result }
        if configuration.allowPartial {
            for failure in failed { warn("\(failure.outcome.error ?? "") — not done (--allow-partial)") }
            return result
        }
        throw PartlyFailed(result: result, error: CallFailures.from(failed, total: results.count))
    }

    /// `https://host/v1`: where a call's operations are polled (its own host, so Vertex AI's locational one).
    static func operationBase(of call: PreparedCall, method: Method) -> String {
        let version = method.path.split(separator: "/").first.map(String.init) ?? ""
        guard let range = call.url.range(of: "/" + version + "/") else { return EndpointResolver.split(call.url).origin }
        return String(call.url[..<range.lowerBound]) + "/" + version
    }

    /// JSON objects as a table: a column per top-level key, in the order they first appear.
    static func table(of documents: [JSONValue]) -> ResultSet {
        var names: [String] = []
        var nested: Set<String> = []
        for case .object(let members) in documents {
            for (key, value) in members where !names.contains(key) {
                names.append(key)
                if case .object = value { nested.insert(key) }
                if case .array = value { nested.insert(key) }
            }
        }
        let rows: [[SQLValue]] = documents.map { document in
            names.map { name -> SQLValue in
                switch document[name] {
                case nil, .null?: return .null
                case .bool(let b)?: return .integer(b ? 1 : 0)
                case .number(let n)?: return n.rounded() == n && abs(n) < 9e15 ? .integer(Int64(n)) : .real(n)
                case .string(let s)?: return .text(s)
                case let value?: return .text(value.serialized())
                }
            }
        }
        return ResultSet(columns: names.map { ResultSet.Column(name: $0, isJSON: nested.contains($0)) }, rows: rows)
    }

    /// `RETURNING …` over the resources a mutation created or changed, in SQLite.
    func project(_ returning: [ResultColumn], of resources: [JSONValue], plan: MutationPlan) async throws -> ResultSet {
        let spec = TableSpec(name: context.tableName(plan.resource.name),
                             columns: try registry().columns(of: plan.resource, in: plan.service), parameterColumns: [])
        return try await withTables([spec]) {
            for resource in resources {
                _ = try await database.insertPage(ByteBuffer(string: resource.serialized()), into: spec, objectKey: nil, parameters: [:])
            }
            let columns = returning.map { column -> String in
                switch column {
                case .expression(let expression, let alias, _):
                    return SQLPrinter.print(expression) + (alias.map { " AS " + SQLPrinter.quoteIdentifier($0.name) } ?? "")
                case .star, .tableStar: return "*"
                }
            }
            let sql = "SELECT \(columns.joined(separator: ", ")) FROM \(SQLPrinter.quoteIdentifier(spec.name)) AS \(SQLPrinter.quoteIdentifier(plan.resource.name))"
            return try await database.query(sql)
        }
    }
}

/// A mutation some of whose calls failed: the answer of those that succeeded, and the error of those that did
/// not. The engine hands the answer on, then throws the error.
struct PartlyFailed: Error {
    var result: ResultSet
    var error: any Error
}

/// Long-running operations that finished in error.
public struct OperationFailure: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// Each failed operation's name and `code status message`.
    public var operations: [(name: String, error: String)]

    public var description: String {
        if operations.count == 1 { return "operation \(operations[0].name) failed: \(operations[0].error)" }
        return "\(operations.count) operations failed:\n" + operations.map { "  \($0.name): \($0.error)" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
