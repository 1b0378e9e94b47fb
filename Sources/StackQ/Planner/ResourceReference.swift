import StackQSyntax

/// A `provider.service.resource` named in a statement, with the SELECT core it appears in.
struct ResourceReference {
    /// The reference in the AST.
    var table: NamedTable
    /// The top-level AND-ed conditions of the WHERE and JOIN…ON clauses of the SELECT core it appears in.
    var conjuncts: [SQLExpression]
    /// Which SELECT core it is in (references of one core share the number).
    var core: Int

    var provider: String { table.name.parts[0].name }
    var service: String { table.name.parts[1].name }
    var resource: String { table.name.parts[2].name }

    /// The name columns are qualified with: the alias, or the last part of the name.
    var exposedName: String { table.exposedName.name }

    /// `google.dataproc.sessions AS s`, or just the name.
    var displayName: String {
        table.alias.map { "\(table.name.dotted) AS \($0.name)" } ?? table.name.dotted
    }
}

/// Finds every resource reference of a SELECT: FROM and JOINs, subqueries anywhere, CTE bodies, compound branches,
/// each with the conditions of the SELECT core it appears in.
enum ResourceReferenceCollector {
    static func collect(_ statement: SelectStatement) -> [ResourceReference] {
        var references: [ResourceReference] = []
        var coreNumber = 0
        statement.forEachSimpleSelect { select, cteNames in
            var named: [NamedTable] = []
            var conditions: [SQLExpression] = []
            if let from = select.from {
                gather(from, named: &named, conditions: &conditions)
            }
            if let whereClause = select.whereClause {
                conditions.append(whereClause)
            }
            let conjuncts = conditions.flatMap(\.conjuncts)
            let resources = named.filter { $0.name.parts.count == 3 && !$0.isCommonTableExpression(in: cteNames) }
            for table in resources {
                references.append(ResourceReference(table: table, conjuncts: conjuncts, core: coreNumber))
            }
            coreNumber += 1
        }
        return references
    }

    /// The named tables and ON conditions of a FROM clause itself (parenthesized joins included; subqueries are
    /// SELECT cores of their own).
    static func gather(_ join: JoinClause, named: inout [NamedTable], conditions: inout [SQLExpression]) {
        for table in join.tables {
            switch table {
            case .named(let t): named.append(t)
            case .parenthesized(let inner, _): gather(inner, named: &named, conditions: &conditions)
            case .function, .subquery: break
            }
        }
        conditions.append(contentsOf: join.onConditions)
    }
}
