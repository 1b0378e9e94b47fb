/// `INSERT [hint] INTO resource [(columns)] SELECT …|VALUES … [RETURNING …]`.
public struct InsertStatement: Sendable, Hashable {
    /// Hints from a `/*+ … */` comment after the statement keyword.
    public var hints: [Hint]
    /// The target resource.
    public var table: QualifiedName
    /// The column list (empty when omitted).
    public var columns: [Identifier]
    /// The rows: a SELECT or a VALUES statement.
    public var source: SelectStatement
    /// `RETURNING` columns.
    public var returning: [ResultColumn]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        hints: [Hint] = [],
        table: QualifiedName,
        columns: [Identifier] = [],
        source: SelectStatement,
        returning: [ResultColumn] = [],
        range: SourceRange
    ) {
        self.hints = hints
        self.table = table
        self.columns = columns
        self.source = source
        self.returning = returning
        self.range = range
    }
}

/// `UPDATE [hint] resource SET col = expr, … [WHERE …] [RETURNING …]`; also used for
/// StackQL's `REPLACE resource SET … WHERE …` (see ``ReplaceStatement``).
public struct UpdateStatement: Sendable, Hashable {
    /// Hints from a `/*+ … */` comment after the statement keyword.
    public var hints: [Hint]
    /// The target resource (1 to 3 dotted parts).
    public var table: QualifiedName
    /// The alias, if written.
    public var alias: Identifier?
    /// The `SET` assignments in order.
    public var assignments: [Assignment]
    /// The `WHERE` condition.
    public var whereClause: SQLExpression?
    /// `RETURNING` columns (empty when absent).
    public var returning: [ResultColumn]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        hints: [Hint] = [],
        table: QualifiedName,
        alias: Identifier? = nil,
        assignments: [Assignment] = [],
        whereClause: SQLExpression? = nil,
        returning: [ResultColumn] = [],
        range: SourceRange
    ) {
        self.hints = hints
        self.table = table
        self.alias = alias
        self.assignments = assignments
        self.whereClause = whereClause
        self.returning = returning
        self.range = range
    }
}

/// StackQL's `REPLACE resource SET … WHERE …` has the shape of an UPDATE.
public typealias ReplaceStatement = UpdateStatement

/// `column = value` in a SET list.
public struct Assignment: Sendable, Hashable {
    /// The assigned column.
    public var column: Identifier
    /// The assigned value.
    public var value: SQLExpression
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(column: Identifier, value: SQLExpression, range: SourceRange) {
        self.column = column
        self.value = value
        self.range = range
    }
}

/// `DELETE [hint] FROM resource [WHERE …] [RETURNING …]`.
public struct DeleteStatement: Sendable, Hashable {
    /// Hints from a `/*+ … */` comment after the statement keyword.
    public var hints: [Hint]
    /// The target resource (1 to 3 dotted parts).
    public var table: QualifiedName
    /// The alias, if written.
    public var alias: Identifier?
    /// The `WHERE` condition.
    public var whereClause: SQLExpression?
    /// `RETURNING` columns (empty when absent).
    public var returning: [ResultColumn]
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        hints: [Hint] = [],
        table: QualifiedName,
        alias: Identifier? = nil,
        whereClause: SQLExpression? = nil,
        returning: [ResultColumn] = [],
        range: SourceRange
    ) {
        self.hints = hints
        self.table = table
        self.alias = alias
        self.whereClause = whereClause
        self.returning = returning
        self.range = range
    }
}

/// `EXEC [hint] resource.method [@p = literal, …] [@@json = 'literal']`.
public struct ExecStatement: Sendable, Hashable {
    /// Hints from a `/*+ … */` comment after the statement keyword.
    public var hints: [Hint]
    /// The resource: the name without its last part (1 to 3 parts).
    public var resource: QualifiedName
    /// The method: the last part of the dotted name.
    public var method: Identifier
    /// The `@name = value` arguments in order.
    public var arguments: [ExecArgument]
    /// The `@@json = '…'` request body text, if given.
    public var jsonBody: String?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        hints: [Hint] = [],
        resource: QualifiedName,
        method: Identifier,
        arguments: [ExecArgument] = [],
        jsonBody: String? = nil,
        range: SourceRange
    ) {
        self.hints = hints
        self.resource = resource
        self.method = method
        self.arguments = arguments
        self.jsonBody = jsonBody
        self.range = range
    }
}

/// `@name = literal` in an EXEC.
public struct ExecArgument: Sendable, Hashable {
    /// The parameter name without `@`.
    public var name: String
    /// The value; numbers may be negative.
    public var value: Literal
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: String, value: Literal, range: SourceRange) {
        self.name = name
        self.value = value
        self.range = range
    }
}
