/// Walking the table references of any statement.
extension Statement {
    /// Calls `body` for every named table reference inside the statement that is not a CTE in
    /// scope: a SELECT's (see ``SelectStatement/forEachTableReference(_:)``), an INSERT's source,
    /// and subqueries in the SET, WHERE and RETURNING clauses of UPDATE, REPLACE and DELETE or
    /// in a SHOW's WHERE. The target resource of INSERT/UPDATE/REPLACE/DELETE is not a table
    /// reference; read it from the statement's `table`.
    public func forEachTableReference(_ body: (NamedTable) throws -> Void) rethrows {
        var walker = SyntaxWalker()
        func returning(_ columns: [ResultColumn]) {
            for case .expression(let e, _, _) in columns { walker.expression(e, scope: []) }
        }
        switch self {
        case .select(let s):
            walker.select(s, scope: [])
        case .insert(let s):
            walker.select(s.source, scope: [])
            returning(s.returning)
        case .update(let s), .replace(let s):
            for assignment in s.assignments { walker.expression(assignment.value, scope: []) }
            if let condition = s.whereClause { walker.expression(condition, scope: []) }
            returning(s.returning)
        case .delete(let s):
            if let condition = s.whereClause { walker.expression(condition, scope: []) }
            returning(s.returning)
        case .show(let s):
            if case .whereClause(let condition)? = s.filter { walker.expression(condition, scope: []) }
        case .explain(let inner, _):
            try inner.forEachTableReference(body)
            return
        case .createTable(let s):
            if let source = s.source { walker.select(source, scope: []) }
        case .createView(let s):
            walker.select(s.source, scope: [])
        case .exec, .describe, .describeMethod, .registry, .drop, .refresh:
            break
        }
        for (table, isCTE) in walker.namedTables where !isCTE {
            try body(table)
        }
    }
}
