/// What a statement reads of its tables' columns: what a planner needs to ask an API for only some members.
///
/// It is an over-approximation by design. Every column reference is listed whatever it resolves to (a column
/// of a subquery's output, a CTE's, an alias), so a consumer that fetches every listed name a table has never
/// misses one the statement reads.
public struct ColumnUsage: Sendable, Hashable {
    /// Every column reference anywhere in the statement: select lists, WHERE, GROUP BY, HAVING, ORDER BY,
    /// joins' ON, window definitions, function arguments, table-valued function arguments, subqueries, CTEs.
    public var columns: [ColumnReference] = []
    /// Named tables whose every column the statement may read: the tables of a core that selects `*`, and both
    /// sides of a NATURAL join.
    public var wholeTables: [NamedTable] = []
    /// The qualifiers of `t.*` result columns (`["t"]`, or `["google", "dataproc", "sessions"]`).
    public var tableStars: [[Identifier]] = []
    /// The columns a `JOIN … USING (…)` names.
    public var usingColumns: [Identifier] = []

    /// An empty usage.
    public init() {}
}

extension SelectStatement {
    /// The columns this statement reads, including every nested subquery and CTE body.
    ///
    /// ```swift
    /// let usage = select.columnUsage
    /// let names = Set(usage.columns.map { $0.column.name.lowercased() })
    /// ```
    public var columnUsage: ColumnUsage {
        var walker = SyntaxWalker()
        walker.select(self, scope: [])
        return walker.usage
    }
}

extension JoinClause {
    /// The named tables of this clause, those inside parenthesized joins included.
    var allNamedTables: [NamedTable] {
        allTables.compactMap { table in
            if case .named(let named) = table { return named }
            return nil
        }
    }
}
