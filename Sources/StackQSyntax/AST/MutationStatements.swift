/// `INSERT [hint] INTO resource [(columns)] SELECT …|VALUES … [RETURNING …]`.
public struct InsertStatement: Sendable, Hashable {
    public var hints: [Hint]
    /// The target resource.
    public var table: QualifiedName
    /// The column list (empty when omitted).
    public var columns: [Identifier]
    /// The rows: a SELECT or a VALUES statement.
    public var source: SelectStatement
    /// `RETURNING` columns.
    public var returning: [ResultColumn]
    public var range: SourceRange
}

/// `UPDATE [hint] resource SET col = expr, … [WHERE …] [RETURNING …]`; also used for
/// StackQL's `REPLACE resource SET … WHERE …` (see ``ReplaceStatement``).
public struct UpdateStatement: Sendable, Hashable {
    public var hints: [Hint]
    public var table: QualifiedName
    public var alias: Identifier?
    public var assignments: [Assignment]
    public var whereClause: Expression?
    public var returning: [ResultColumn]
    public var range: SourceRange
}

/// StackQL's `REPLACE resource SET … WHERE …` has the shape of an UPDATE.
public typealias ReplaceStatement = UpdateStatement

/// `column = value` in a SET list.
public struct Assignment: Sendable, Hashable {
    public var column: Identifier
    public var value: Expression
    public var range: SourceRange
}

/// `DELETE [hint] FROM resource [WHERE …] [RETURNING …]`.
public struct DeleteStatement: Sendable, Hashable {
    public var hints: [Hint]
    public var table: QualifiedName
    public var alias: Identifier?
    public var whereClause: Expression?
    public var returning: [ResultColumn]
    public var range: SourceRange
}

/// `EXEC [hint] resource.method [@p = literal, …] [@@json = 'literal']`.
public struct ExecStatement: Sendable, Hashable {
    public var hints: [Hint]
    /// The resource: the name without its last part (1 to 3 parts).
    public var resource: QualifiedName
    /// The method: the last part of the dotted name.
    public var method: Identifier
    /// The `@name = value` arguments in order.
    public var arguments: [ExecArgument]
    /// The `@@json = '…'` request body text, if given.
    public var jsonBody: String?
    public var range: SourceRange
}

/// `@name = literal` in an EXEC.
public struct ExecArgument: Sendable, Hashable {
    /// The parameter name without `@`.
    public var name: String
    /// The value; numbers may be negative.
    public var value: Literal
    public var range: SourceRange
}
