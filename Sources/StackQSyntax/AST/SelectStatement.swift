/// A complete SELECT: `[WITH …] core [UNION|INTERSECT|EXCEPT core …] [ORDER BY …] [LIMIT …]`.
///
/// A `VALUES (…), (…)` statement is a SELECT whose core is ``SelectCore/values(_:_:)``.
public struct SelectStatement: Sendable, Hashable {
    /// The `WITH` clause.
    public var with: WithClause?
    /// The first core.
    public var first: SelectCore
    /// The compound parts, in order: `UNION ALL core`, `EXCEPT core`, …
    public var compounds: [CompoundPart]
    /// `ORDER BY` of the whole statement.
    public var orderBy: [OrderingTerm]
    /// `LIMIT` / `OFFSET`.
    public var limit: LimitClause?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a SELECT statement.
    public init(with: WithClause? = nil, first: SelectCore, compounds: [CompoundPart] = [],
                orderBy: [OrderingTerm] = [], limit: LimitClause? = nil, range: SourceRange) {
        self.with = with
        self.first = first
        self.compounds = compounds
        self.orderBy = orderBy
        self.limit = limit
        self.range = range
    }

    /// All cores: the first, then each compound part's.
    public var cores: [SelectCore] { [first] + compounds.map(\.core) }
}

/// `UNION [ALL] | INTERSECT | EXCEPT` followed by a core.
public struct CompoundPart: Sendable, Hashable {
    /// The compound operator.
    public enum Operator: String, Sendable, Hashable {
        case union = "UNION", unionAll = "UNION ALL", intersect = "INTERSECT", except = "EXCEPT"
    }

    /// The compound operator.
    public var op: Operator
    /// The core after the operator.
    public var core: SelectCore
    /// From the operator to the end of the core.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(op: Operator, core: SelectCore, range: SourceRange) {
        self.op = op
        self.core = core
        self.range = range
    }
}

/// One SELECT core: a `SELECT … FROM … WHERE …` or a `VALUES` list.
public enum SelectCore: Sendable, Hashable {
    /// `SELECT …`.
    case select(SimpleSelect)
    /// `VALUES (a, b), (c, d)`: rows of expressions.
    case values([[SQLExpression]], SourceRange)

    /// Where it is in the source.
    public var range: SourceRange {
        switch self {
        case .select(let s): s.range
        case .values(_, let r): r
        }
    }
}

/// `SELECT [DISTINCT|ALL] columns [FROM …] [WHERE …] [GROUP BY … [HAVING …]] [WINDOW …]`.
public struct SimpleSelect: Sendable, Hashable {
    /// Hints written right after `SELECT`.
    public var hints: [Hint]
    /// `DISTINCT` or `ALL`, if written.
    public var quantifier: SetQuantifier?
    /// The result columns.
    public var columns: [ResultColumn]
    /// The `FROM` clause.
    public var from: JoinClause?
    /// The `WHERE` condition.
    public var whereClause: SQLExpression?
    /// `GROUP BY` expressions.
    public var groupBy: [SQLExpression]
    /// `HAVING` condition.
    public var having: SQLExpression?
    /// `WINDOW name AS (…)` definitions.
    public var windows: [NamedWindow]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        hints: [Hint] = [],
        quantifier: SetQuantifier? = nil,
        columns: [ResultColumn] = [],
        from: JoinClause? = nil,
        whereClause: SQLExpression? = nil,
        groupBy: [SQLExpression] = [],
        having: SQLExpression? = nil,
        windows: [NamedWindow] = [],
        range: SourceRange
    ) {
        self.hints = hints
        self.quantifier = quantifier
        self.columns = columns
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.range = range
    }
}

/// `DISTINCT` or `ALL`.
public enum SetQuantifier: String, Sendable, Hashable {
    case distinct = "DISTINCT", all = "ALL"
}

/// One result column.
public enum ResultColumn: Sendable, Hashable {
    /// `expr [[AS] alias]`.
    case expression(SQLExpression, alias: Identifier?, SourceRange)
    /// `*`.
    case star(SourceRange)
    /// `t.*` (or `a.b.t.*`).
    case tableStar([Identifier], SourceRange)
}

/// `expr [ASC|DESC] [NULLS FIRST|LAST]`.
public struct OrderingTerm: Sendable, Hashable {
    /// The sort direction.
    public enum Direction: String, Sendable, Hashable { case ascending = "ASC", descending = "DESC" }
    /// Where NULLs sort.
    public enum Nulls: String, Sendable, Hashable { case first = "NULLS FIRST", last = "NULLS LAST" }

    /// The sort key (a `COLLATE` is part of it).
    public var expression: SQLExpression
    /// `ASC` or `DESC`, if written.
    public var direction: Direction?
    /// `NULLS FIRST` or `NULLS LAST`, if written.
    public var nulls: Nulls?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(expression: SQLExpression, direction: Direction? = nil, nulls: Nulls? = nil, range: SourceRange) {
        self.expression = expression
        self.direction = direction
        self.nulls = nulls
        self.range = range
    }
}

/// `LIMIT count [OFFSET offset]`; `LIMIT offset, count` is stored the same way.
public struct LimitClause: Sendable, Hashable {
    /// The row count.
    public var count: SQLExpression
    /// The number of rows skipped.
    public var offset: SQLExpression?
    /// From `LIMIT` to the end of the clause.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(count: SQLExpression, offset: SQLExpression? = nil, range: SourceRange) {
        self.count = count
        self.offset = offset
        self.range = range
    }
}

/// `WITH [RECURSIVE] cte, …`.
public struct WithClause: Sendable, Hashable {
    /// Whether `RECURSIVE` was written.
    public var recursive: Bool
    /// The common table expressions in order.
    public var tables: [CommonTableExpression]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(recursive: Bool, tables: [CommonTableExpression] = [], range: SourceRange) {
        self.recursive = recursive
        self.tables = tables
        self.range = range
    }
}

/// `name [(columns)] AS [[NOT] MATERIALIZED] (select)`.
public struct CommonTableExpression: Sendable, Hashable {
    /// A materialization hint.
    public enum Materialization: String, Sendable, Hashable {
        case materialized = "MATERIALIZED", notMaterialized = "NOT MATERIALIZED"
    }

    /// The name.
    public var name: Identifier
    /// The column names (empty when not written).
    public var columns: [Identifier]
    /// `MATERIALIZED` or `NOT MATERIALIZED`, if written.
    public var materialization: Materialization?
    /// The body.
    public var select: SelectStatement
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        name: Identifier,
        columns: [Identifier] = [],
        materialization: Materialization? = nil,
        select: SelectStatement,
        range: SourceRange
    ) {
        self.name = name
        self.columns = columns
        self.materialization = materialization
        self.select = select
        self.range = range
    }
}
