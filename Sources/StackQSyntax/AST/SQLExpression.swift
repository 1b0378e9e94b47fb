/// An SQL expression. Every case carries its source range as the last value.
///
/// Parentheses are not kept: `(a + b) * c` is `.binary(.multiply, .binary(.add, a, b), c)`;
/// ``SQLPrinter`` adds them back where precedence needs them. A minus before a number is
/// folded into it: `-1` is `.literal(.integer(-1), _)`.
///
/// ```swift
/// if case .binary(.equal, .column(let column), .literal(.string(let value), _), _) = expression {
///     print(column.name.name, value)
/// }
/// ```
public indirect enum SQLExpression: Sendable, Hashable {
    /// A literal value.
    case literal(Literal, SourceRange)
    /// A column, optionally qualified: `name`, `s.name`, `google.dataproc.sessions.name`.
    case column(ColumnReference)
    /// A bind parameter, with its spelling: `?`, `?2`, `:name`, `@name`, `$name`.
    case parameter(String, SourceRange)
    /// `-x`, `+x`, `~x`, `NOT x`.
    case unary(UnaryOperator, SQLExpression, SourceRange)
    /// `lhs op rhs`.
    case binary(BinaryOperator, SQLExpression, SQLExpression, SourceRange)
    /// `x [NOT] IN (a, b, …)`.
    case inList(SQLExpression, [SQLExpression], negated: Bool, SourceRange)
    /// `x [NOT] IN (SELECT …)`.
    case inSelect(SQLExpression, SelectStatement, negated: Bool, SourceRange)
    /// `x [NOT] IN table` or `x [NOT] IN fn(args)`.
    case inTable(SQLExpression, QualifiedName, arguments: [SQLExpression]?, negated: Bool, SourceRange)
    /// `x [NOT] BETWEEN low AND high`.
    case between(SQLExpression, low: SQLExpression, high: SQLExpression, negated: Bool, SourceRange)
    /// `x [NOT] LIKE|GLOB|REGEXP|MATCH pattern [ESCAPE e]`.
    case pattern(PatternOperator, SQLExpression, pattern: SQLExpression, escape: SQLExpression?, negated: Bool, SourceRange)
    /// `x ISNULL` (negated: `x NOTNULL`, `x NOT NULL`). `x IS NULL` is `.binary(.is, x, NULL)`.
    case isNull(SQLExpression, negated: Bool, SourceRange)
    /// `x COLLATE name`.
    case collate(SQLExpression, Identifier, SourceRange)
    /// `CAST(x AS type)`.
    case cast(SQLExpression, TypeName, SourceRange)
    /// `CASE [base] WHEN … THEN … [ELSE …] END`.
    case caseWhen(CaseExpression)
    /// `EXISTS (SELECT …)`; `NOT EXISTS` is `.unary(.not, .exists(…))`.
    case exists(SelectStatement, SourceRange)
    /// A scalar subquery `(SELECT …)`.
    case subquery(SelectStatement, SourceRange)
    /// A row value `(a, b, …)` with at least two elements.
    case row([SQLExpression], SourceRange)
    /// A function call, possibly an aggregate or window function.
    case function(FunctionCall)

    /// Where the expression is in the source.
    public var range: SourceRange {
        switch self {
        case .literal(_, let r), .parameter(_, let r), .unary(_, _, let r), .binary(_, _, _, let r),
             .inList(_, _, _, let r), .inSelect(_, _, _, let r), .inTable(_, _, _, _, let r),
             .between(_, _, _, _, let r), .pattern(_, _, _, _, _, let r), .isNull(_, _, let r),
             .collate(_, _, let r), .cast(_, _, let r), .exists(_, let r), .subquery(_, let r),
             .row(_, let r):
            return r
        case .column(let c): return c.range
        case .caseWhen(let c): return c.range
        case .function(let f): return f.range
        }
    }
}

/// A column reference: `column`, `table.column`, `schema.table.column`, …
public struct ColumnReference: Sendable, Hashable {
    /// The dotted prefix before the column (empty when unqualified).
    public var qualifier: [Identifier]
    /// The column name.
    public var column: Identifier
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a column reference.
    public init(qualifier: [Identifier], column: Identifier, range: SourceRange) {
        self.qualifier = qualifier
        self.column = column
        self.range = range
    }

    /// The table (or alias) qualifier, if any: the last part of ``qualifier``.
    public var table: Identifier? { qualifier.last }
}

/// A type name in `CAST(x AS type)`: one or more words and up to two signed numbers.
public struct TypeName: Sendable, Hashable {
    /// The words, joined by single spaces: `VARCHAR`, `DOUBLE PRECISION`.
    public var name: String
    /// The arguments as written: `["10", "-2"]` for `DECIMAL(10, -2)`.
    public var arguments: [String]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a type name.
    public init(name: String, arguments: [String], range: SourceRange) {
        self.name = name
        self.arguments = arguments
        self.range = range
    }
}

/// `CASE [base] WHEN condition THEN result … [ELSE result] END`.
public struct CaseExpression: Sendable, Hashable {
    /// The operand compared with each `WHEN` value, if present.
    public var base: SQLExpression?
    /// The `WHEN … THEN …` pairs, at least one.
    public var whens: [WhenClause]
    /// The `ELSE` result.
    public var elseResult: SQLExpression?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        base: SQLExpression? = nil,
        whens: [WhenClause] = [],
        elseResult: SQLExpression? = nil,
        range: SourceRange
    ) {
        self.base = base
        self.whens = whens
        self.elseResult = elseResult
        self.range = range
    }
}

/// One `WHEN condition THEN result` of a ``CaseExpression``.
public struct WhenClause: Sendable, Hashable {
    /// The value or condition after `WHEN`.
    public var condition: SQLExpression
    /// The result after `THEN`.
    public var result: SQLExpression
    /// From `WHEN` to the end of the result.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(condition: SQLExpression, result: SQLExpression, range: SourceRange) {
        self.condition = condition
        self.result = result
        self.range = range
    }
}

/// A function call: `f(a, b)`, `count(*)`, `count(DISTINCT x)`,
/// `group_concat(x ORDER BY y)`, `sum(x) FILTER (WHERE …) OVER (…)`.
public struct FunctionCall: Sendable, Hashable {
    /// The function name.
    public var name: Identifier
    /// Whether the arguments were `*`.
    public var star: Bool
    /// `DISTINCT` before the arguments.
    public var distinct: Bool
    /// The arguments (empty for `f()` and `f(*)`).
    public var arguments: [SQLExpression]
    /// An aggregate `ORDER BY` inside the parentheses.
    public var orderBy: [OrderingTerm]
    /// `FILTER (WHERE condition)`.
    public var filter: SQLExpression?
    /// `OVER window`.
    public var over: OverClause?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        name: Identifier,
        star: Bool,
        distinct: Bool,
        arguments: [SQLExpression] = [],
        orderBy: [OrderingTerm] = [],
        filter: SQLExpression? = nil,
        over: OverClause? = nil,
        range: SourceRange
    ) {
        self.name = name
        self.star = star
        self.distinct = distinct
        self.arguments = arguments
        self.orderBy = orderBy
        self.filter = filter
        self.over = over
        self.range = range
    }
}

/// The window of a window function: a named window or an inline specification.
public enum OverClause: Sendable, Hashable {
    /// `OVER name`.
    case name(Identifier)
    /// `OVER (…)`.
    case spec(WindowSpec)
}
