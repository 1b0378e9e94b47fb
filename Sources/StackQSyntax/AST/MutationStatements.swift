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
    public var whereClause: Expression?
    /// `RETURNING` columns (empty when absent).
    public var returning: [ResultColumn]
    /// Where it is in the source.
    public var range: SourceRange
}

/// StackQL's `REPLACE resource SET … WHERE …` has the shape of an UPDATE.
public typealias ReplaceStatement = UpdateStatement

/// `column = value` in a SET list.
public struct Assignment: Sendable, Hashable {
    /// The assigned column.
    public var column: Identifier
    /// The assigned value.
    public var value: Expression
    /// Where it is in the source.
    public var range: SourceRange
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
    public var whereClause: Expression?
    /// `RETURNING` columns (empty when absent).
    public var returning: [ResultColumn]
    /// Where it is in the source.
    public var range: SourceRange
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
}

/// `@name = literal` in an EXEC.
public struct ExecArgument: Sendable, Hashable {
    /// The parameter name without `@`.
    public var name: String
    /// The value; numbers may be negative.
    public var value: Literal
    /// Where it is in the source.
    public var range: SourceRange
}
