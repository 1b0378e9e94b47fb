import StackQSyntax

/// A `provider.service.resource` named in a SELECT, with the conditions that may bind its parameters.
struct ResourceReference {
    /// The reference in the AST.
    var table: NamedTable
    /// The top-level AND-ed conditions of the WHERE and JOIN…ON clauses of the SELECT it appears in.
    var conjuncts: [Expression]
    /// The other resource references of the same FROM clause (for deciding whether a bare column is ambiguous).
    var siblings: [NamedTable]

    var provider: String { table.name.parts[0].name }
    var service: String { table.name.parts[1].name }
    var resource: String { table.name.parts[2].name }
}

/// Finds every resource reference of a SELECT: FROM and JOINs, subqueries anywhere, CTE bodies, compound branches.
enum ResourceReferenceCollector {
    static func collect(_ statement: SelectStatement) -> [ResourceReference] {
        var references: [ResourceReference] = []
        visit(statement, into: &references)
        return references
    }

    static func visit(_ statement: SelectStatement, into references: inout [ResourceReference]) {
        for cte in statement.with?.tables ?? [] {
            visit(cte.select, into: &references)
        }
        for core in statement.cores {
            visit(core, into: &references)
        }
        for term in statement.orderBy {
            visit(term.expression, into: &references)
        }
        if let limit = statement.limit {
            visit(limit.count, into: &references)
            if let offset = limit.offset { visit(offset, into: &references) }
        }
    }

    static func visit(_ core: SelectCore, into references: inout [ResourceReference]) {
        switch core {
        case .values(let rows, _):
            for row in rows { for expression in row { visit(expression, into: &references) } }
        case .select(let select):
            var named: [NamedTable] = []
            var conditions: [Expression] = []
            if let from = select.from {
                visit(from, named: &named, conditions: &conditions, into: &references)
            }
            if let whereClause = select.whereClause {
                conditions.append(whereClause)
            }
            let conjuncts = conditions.flatMap(splitConjuncts)
            let resources = named.filter { $0.name.parts.count == 3 }
            for table in resources {
                references.append(ResourceReference(table: table, conjuncts: conjuncts,
                                                    siblings: resources.filter { $0.id != table.id }))
            }
            for column in select.columns {
                if case .expression(let expression, _, _) = column { visit(expression, into: &references) }
            }
            for expression in conditions + select.groupBy { visit(expression, into: &references) }
            if let having = select.having { visit(having, into: &references) }
        }
    }

    static func visit(_ join: JoinClause, named: inout [NamedTable], conditions: inout [Expression],
                      into references: inout [ResourceReference]) {
        for table in join.tables {
            switch table {
            case .named(let t): named.append(t)
            case .function(let f): for argument in f.arguments { visit(argument, into: &references) }
            case .subquery(let select, _, _): visit(select, into: &references)
            case .parenthesized(let inner, _): visit(inner, named: &named, conditions: &conditions, into: &references)
            }
        }
        conditions.append(contentsOf: join.onConditions)
    }

    /// Finds subqueries inside an expression.
    static func visit(_ expression: Expression, into references: inout [ResourceReference]) {
        switch expression {
        case .literal, .column, .parameter:
            return
        case .unary(_, let e, _), .isNull(let e, _, _), .collate(let e, _, _), .cast(let e, _, _):
            visit(e, into: &references)
        case .binary(_, let l, let r, _):
            visit(l, into: &references)
            visit(r, into: &references)
        case .inList(let e, let items, _, _):
            visit(e, into: &references)
            for item in items { visit(item, into: &references) }
        case .inSelect(let e, let select, _, _):
            visit(e, into: &references)
            visit(select, into: &references)
        case .inTable(let e, _, let arguments, _, _):
            visit(e, into: &references)
            for argument in arguments ?? [] { visit(argument, into: &references) }
        case .between(let e, let low, let high, _, _):
            for part in [e, low, high] { visit(part, into: &references) }
        case .pattern(_, let e, let pattern, let escape, _, _):
            for part in [e, pattern] + (escape.map { [$0] } ?? []) { visit(part, into: &references) }
        case .caseWhen(let c):
            if let base = c.base { visit(base, into: &references) }
            for when in c.whens {
                visit(when.condition, into: &references)
                visit(when.result, into: &references)
            }
            if let elseResult = c.elseResult { visit(elseResult, into: &references) }
        case .exists(let select, _), .subquery(let select, _):
            visit(select, into: &references)
        case .row(let items, _):
            for item in items { visit(item, into: &references) }
        case .function(let call):
            for argument in call.arguments { visit(argument, into: &references) }
            if let filter = call.filter { visit(filter, into: &references) }
        }
    }

    /// `a AND (b AND c)` → `[a, b, c]`.
    static func splitConjuncts(_ expression: Expression) -> [Expression] {
        if case .binary(.and, let l, let r, _) = expression {
            return splitConjuncts(l) + splitConjuncts(r)
        }
        return [expression]
    }
}
