/// Walking the tables and SELECT cores of a statement, including every nested subquery.
extension SelectStatement {
    /// Calls `body` for every named table reference that is not a common table expression in
    /// scope: in FROM and joins, subqueries (in FROM, WHERE, the select list, IN), CTE bodies
    /// and compound branches, in source order.
    ///
    /// ```swift
    /// select.forEachTableReference { table in
    ///     print(table.name.dotted, table.alias?.name ?? "-", table.id)
    /// }
    /// ```
    public func forEachTableReference(_ body: (NamedTable) throws -> Void) rethrows {
        for (table, isCTE) in allNamedTables() where !isCTE {
            try body(table)
        }
    }

    /// Calls `body` for every named table reference, saying whether it names a common table
    /// expression of an enclosing `WITH` (a one-part name matching a CTE, case-insensitively).
    public func forEachNamedTable(_ body: (NamedTable, _ isCommonTableExpression: Bool) throws -> Void) rethrows {
        for (table, isCTE) in allNamedTables() {
            try body(table, isCTE)
        }
    }

    /// Calls `body` for every `SELECT …` core, this statement's and every nested one's
    /// (CTE bodies, subqueries), outermost first.
    public func forEachSimpleSelect(_ body: (SimpleSelect) throws -> Void) rethrows {
        var walker = SyntaxWalker()
        walker.select(self, scope: [])
        for (core, _) in walker.simpleSelects {
            try body(core)
        }
    }

    /// Like the one-argument `forEachSimpleSelect`, also passing the lowercased names of the
    /// common table expressions in scope there, so a planner can tell, for the tables in the
    /// core's FROM, which are CTEs (see ``NamedTable/isCommonTableExpression(in:)``).
    ///
    /// ```swift
    /// select.forEachSimpleSelect { core, cteNames in
    ///     for case .named(let table) in core.from?.allTables ?? [] where !table.isCommonTableExpression(in: cteNames) {
    ///         plan(table, where: core.whereClause, on: core.from?.allOnConditions ?? [])
    ///     }
    /// }
    /// ```
    public func forEachSimpleSelect(_ body: (SimpleSelect, _ cteNames: Set<String>) throws -> Void) rethrows {
        var walker = SyntaxWalker()
        walker.select(self, scope: [])
        for (core, scope) in walker.simpleSelects {
            try body(core, scope)
        }
    }

    /// The names of the CTEs this statement's own `WITH` defines.
    public var commonTableExpressionNames: [String] {
        with?.tables.map(\.name.name) ?? []
    }

    /// Every named table with whether it refers to a CTE in scope, in source order.
    func allNamedTables() -> [(NamedTable, Bool)] {
        var walker = SyntaxWalker()
        walker.select(self, scope: [])
        return walker.namedTables
    }
}

/// Collects named tables and SELECT cores from a syntax tree.
struct SyntaxWalker {
    var namedTables: [(NamedTable, Bool)] = []
    var simpleSelects: [(SimpleSelect, Set<String>)] = []
    var usage = ColumnUsage()

    mutating func select(_ s: SelectStatement, scope: Set<String>) {
        var scope = scope
        if let with = s.with {
            for cte in with.tables { scope.insert(cte.name.name.lowercasedASCII) }
            for cte in with.tables { select(cte.select, scope: scope) }
        }
        for core in s.cores { self.core(core, scope: scope) }
        for term in s.orderBy { expression(term.expression, scope: scope) }
        if let limit = s.limit {
            expression(limit.count, scope: scope)
            if let offset = limit.offset { expression(offset, scope: scope) }
        }
    }

    mutating func core(_ core: SelectCore, scope: Set<String>) {
        switch core {
        case .values(let rows, _):
            for row in rows {
                for item in row { expression(item, scope: scope) }
            }
        case .select(let s):
            simpleSelects.append((s, scope))
            for column in s.columns {
                switch column {
                case .expression(let e, _, _): expression(e, scope: scope)
                case .star: usage.wholeTables += s.from?.allNamedTables ?? []
                case .tableStar(let qualifier, _): usage.tableStars.append(qualifier)
                }
            }
            if let from = s.from { join(from, scope: scope) }
            if let condition = s.whereClause { expression(condition, scope: scope) }
            for e in s.groupBy { expression(e, scope: scope) }
            if let having = s.having { expression(having, scope: scope) }
            for window in s.windows { windowSpec(window.spec, scope: scope) }
        }
    }

    mutating func join(_ clause: JoinClause, scope: Set<String>) {
        table(clause.first, scope: scope)
        for part in clause.joins {
            table(part.table, scope: scope)
            switch part.constraint {
            case .on(let condition)?: expression(condition, scope: scope)
            case .using(let columns)?: usage.usingColumns += columns
            case nil: break
            }
            if part.op.natural { usage.wholeTables += clause.allNamedTables }
        }
    }

    mutating func table(_ reference: TableReference, scope: Set<String>) {
        switch reference {
        case .named(let named):
            namedTables.append((named, named.isCommonTableExpression(in: scope)))
        case .function(let function):
            for argument in function.arguments { expression(argument, scope: scope) }
        case .subquery(let s, _, _):
            select(s, scope: scope)
        case .parenthesized(let clause, _):
            join(clause, scope: scope)
        }
    }

    mutating func windowSpec(_ spec: WindowSpec, scope: Set<String>) {
        for e in spec.partitionBy { expression(e, scope: scope) }
        for term in spec.orderBy { expression(term.expression, scope: scope) }
        if let frame = spec.frame {
            for bound in [frame.start] + (frame.end.map { [$0] } ?? []) {
                switch bound {
                case .preceding(let e), .following(let e): expression(e, scope: scope)
                default: break
                }
            }
        }
    }

    mutating func expression(_ e: SQLExpression, scope: Set<String>) {
        switch e {
        case .inSelect(let lhs, let s, _, _):
            expression(lhs, scope: scope)
            select(s, scope: scope)
        case .exists(let s, _), .subquery(let s, _):
            select(s, scope: scope)
        case .column(let column):
            usage.columns.append(column)
        case .function(let call):
            for argument in call.arguments { expression(argument, scope: scope) }
            for term in call.orderBy { expression(term.expression, scope: scope) }
            if let filter = call.filter { expression(filter, scope: scope) }
            if case .spec(let spec)? = call.over { windowSpec(spec, scope: scope) }
        default:
            for child in e.children { expression(child, scope: scope) }
        }
    }
}
