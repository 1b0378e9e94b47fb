import Foundation
import StackQSyntax

extension Engine {
    /// `EXPLAIN statement`: the plan, nothing sent. For a SELECT, per reference its stage, method, bindings, call
    /// count and SQLite-only conditions, then the SQL; for a mutation, its method and target, and the SELECT that
    /// finds its targets when it needs one.
    func explain(_ statement: Statement) async throws -> ResultSet {
        switch statement {
        case .select(let select):
            guard !ResourceReferenceCollector.collect(select).isEmpty else {
                return ResultSet(columnNames: PlanExplainer.columns, textRows: [[nil, "(result)", nil, nil, nil, SQLPrinter.print(select), nil]])
            }
            let plan = try await planQuery(select)
            return ResultSet(columnNames: PlanExplainer.columns, textRows: PlanExplainer.rows(plan))
        case .insert(let insert):
            let (_, resource) = try resolveTarget(insert.table)
            let method = try MethodSelector.choose(resource: resource, verb: .insert, bound: Set(insert.columns.map(\.name)))
            var rows: [[String?]] = []
            if !ResourceReferenceCollector.collect(insert.source).isEmpty {
                rows = PlanExplainer.rows(try await planQuery(insert.source))
            }
            let last = rows.isEmpty ? 1 : (Int(rows.dropLast().last?[0] ?? "0") ?? 0) + 1
            rows.append([String(last), resource.id, method.name, insert.columns.map(\.name).joined(separator: ", "),
                         "one per row of the source", nil, nil])
            return ResultSet(columnNames: PlanExplainer.columns, textRows: rows)
        case .update(let s), .replace(let s):
            return try explainTarget(s.table, verb: statement.isReplace ? .replace : .update, whereClause: s.whereClause)
        case .delete(let s):
            return try explainTarget(s.table, verb: .delete, whereClause: s.whereClause)
        case .exec(let exec):
            let (_, resource) = try resolveTarget(exec.resource)
            let parameters = exec.arguments.map { "\($0.name) = \(Engine.literalText($0.value, range: $0.range, source: currentSource))" }
            return ResultSet(columnNames: PlanExplainer.columns,
                             textRows: [["1", resource.id, exec.method.name, parameters.joined(separator: ", "), "1", nil, nil]])
        default:
            return ResultSet(columnNames: PlanExplainer.columns, textRows: [[nil, "(metadata)", nil, nil, "0", SQLPrinter.print(statement), nil]])
        }
    }

    func explainTarget(_ table: QualifiedName, verb: SQLVerb, whereClause: SQLExpression?) throws -> ResultSet {
        let (service, resource) = try resolveTarget(table)
        let methods = resource.methods(for: verb)
        let parameterNames = Set(methods.flatMap { $0.parameters.map(\.name) })
        let planner = QueryPlanner(registry: try registry(), source: currentSource)
        let (bindings, others) = try planner.targetBindings(table: NamedTable(name: table, alias: nil, range: table.range),
                                                           service: service, resource: resource,
                                                           parameterNames: parameterNames, whereClause: whereClause)
        let method = try MethodSelector.choose(resource: resource, verb: verb, bound: others.isEmpty ? Set(bindings.keys) : parameterNames)
        let parameters = bindings.keys.sorted().map { name in
            let values = bindings[name] ?? []
            return values.count == 1 ? "\(name) = \(SQLPrinter.quoteString(values[0]))" : "\(name) IN (\(values.map(SQLPrinter.quoteString).joined(separator: ", ")))"
        }.joined(separator: ", ")
        let calls = others.isEmpty
            ? String(bindings.values.reduce(1) { $0 * max(1, $1.count) })
            : "one per resource matching: " + others.map(SQLPrinter.print).joined(separator: " AND ")
        return ResultSet(columnNames: PlanExplainer.columns, textRows: [["1", resource.id, method.name, parameters, calls, nil, nil]])
    }

    /// `SHOW CALLS`: the last statement's calls.
    static func callsTable(_ calls: [CallOutcome]) -> ResultSet {
        ResultSet(columnNames: ["reference", "method", "parameters", "url", "status", "attempts", "pages", "rows", "bytes", "ms", "error"],
                  textRows: calls.map { call in
                      [call.reference, call.qualifiedMethodName, call.parameters, call.url, call.status.map(String.init),
                       String(call.requests), String(call.pages), String(call.rows), String(call.bytes),
                       String(format: "%.1f", call.milliseconds), call.notFound ? "not found" : call.error]
                  })
    }
}

extension Statement {
    var isExplain: Bool {
        if case .explain = self { return true }
        return false
    }

    var isReplace: Bool {
        if case .replace = self { return true }
        return false
    }
}
