/// A FROM clause or a join: a first table followed by joins (a comma is a join too).
public struct JoinClause: Sendable, Hashable {
    /// The first table or subquery.
    public var first: TableReference
    /// The joined tables, in order.
    public var joins: [Join]
    /// Where it is in the source.
    public var range: SourceRange

    /// Every table or subquery directly in this clause (not inside parenthesized joins).
    public var tables: [TableReference] { [first] + joins.map(\.table) }

    /// Every table or subquery of this clause, including those inside parenthesized joins.
    public var allTables: [TableReference] {
        tables.flatMap { table -> [TableReference] in
            if case .parenthesized(let inner, _) = table { return inner.allTables }
            return [table]
        }
    }

    /// The `ON` conditions of this clause's joins, including those inside parenthesized joins.
    public var allOnConditions: [SQLExpression] {
        tables.reduce(into: onConditions) { conditions, table in
            if case .parenthesized(let inner, _) = table { conditions += inner.allOnConditions }
        }
    }

    /// The `ON` conditions of this clause's joins.
    public var onConditions: [SQLExpression] {
        joins.compactMap {
            if case .on(let condition) = $0.constraint { return condition }
            return nil
        }
    }

    /// Creates a value from its parts.
    public init(first: TableReference, joins: [Join] = [], range: SourceRange) {
        self.first = first
        self.joins = joins
        self.range = range
    }
}

/// `operator table [ON expr | USING (cols)]`.
public struct Join: Sendable, Hashable {
    /// How the table is joined.
    public var op: JoinOperator
    /// The joined table or subquery.
    public var table: TableReference
    /// The `ON` or `USING` constraint, if any.
    public var constraint: JoinConstraint?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(op: JoinOperator, table: TableReference, constraint: JoinConstraint? = nil, range: SourceRange) {
        self.op = op
        self.table = table
        self.constraint = constraint
        self.range = range
    }
}

/// The way two tables are joined.
public struct JoinOperator: Sendable, Hashable {
    /// The join kind as written.
    public enum Kind: String, Sendable, Hashable {
        /// `,`
        case comma = ","
        /// `JOIN`
        case plain = "JOIN"
        case inner = "INNER JOIN", left = "LEFT JOIN", right = "RIGHT JOIN", full = "FULL JOIN", cross = "CROSS JOIN"
    }

    /// The kind, as written.
    public var kind: Kind
    /// `NATURAL` written before it.
    public var natural: Bool
    /// `OUTER` written (`LEFT OUTER JOIN`).
    public var outer: Bool

    /// Creates a join operator.
    public init(kind: Kind, natural: Bool = false, outer: Bool = false) {
        self.kind = kind
        self.natural = natural
        self.outer = outer
    }
}

/// `ON condition` or `USING (columns)`.
public enum JoinConstraint: Sendable, Hashable {
    case on(SQLExpression)
    case using([Identifier])
}

/// One item of a FROM clause.
public indirect enum TableReference: Sendable, Hashable {
    /// A table, view, CTE or StackQL resource: `google.dataproc.sessions s`.
    case named(NamedTable)
    /// A table-valued function: `json_each(col) AS j`.
    case function(TableFunction)
    /// `(SELECT …) [AS] alias`.
    case subquery(SelectStatement, alias: Identifier?, SourceRange)
    /// A parenthesized join `(a JOIN b ON …)`.
    case parenthesized(JoinClause, SourceRange)

    /// Where it is in the source.
    public var range: SourceRange {
        switch self {
        case .named(let t): t.range
        case .function(let f): f.range
        case .subquery(_, _, let r), .parenthesized(_, let r): r
        }
    }
}

/// A named table reference: `provider.service.resource [AS] alias`.
///
/// Its ``id`` (the start offset) is unique within one parsed source, so a planner can
/// map each reference to the SQLite table it materialises.
public struct NamedTable: Sendable, Hashable {
    /// The dotted name (1 to 3 parts).
    public var name: QualifiedName
    /// The alias, if written.
    public var alias: Identifier?
    /// SQLite's `INDEXED BY name` or `NOT INDEXED`, if written.
    public var indexHint: IndexHint?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a named table reference.
    public init(name: QualifiedName, alias: Identifier?, indexHint: IndexHint? = nil, range: SourceRange) {
        self.name = name
        self.alias = alias
        self.indexHint = indexHint
        self.range = range
    }

    /// A stable identity of this reference: its source range.
    public var id: SourceRange { range }

    /// Whether this one-part name refers to one of `cteNames` (lowercased CTE names in scope).
    public func isCommonTableExpression(in cteNames: Set<String>) -> Bool {
        name.parts.count == 1 && cteNames.contains(name.last.name.lowercasedASCII)
    }

    /// The name other clauses use to refer to it: the alias or else the last part of the name.
    public var exposedName: Identifier { alias ?? name.last }
}

/// A table-valued function in FROM: `json_each(col)`, `json_tree(x, '$.a') t`.
public struct TableFunction: Sendable, Hashable {
    /// The dotted name.
    public var name: QualifiedName
    /// The arguments.
    public var arguments: [SQLExpression]
    /// The alias, if written.
    public var alias: Identifier?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: QualifiedName, arguments: [SQLExpression] = [], alias: Identifier? = nil, range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.alias = alias
        self.range = range
    }
}
