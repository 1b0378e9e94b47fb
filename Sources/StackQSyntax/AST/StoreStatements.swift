/// `CREATE TABLE [IF NOT EXISTS] name (column [type], …)` or `CREATE TABLE [IF NOT EXISTS] name AS SELECT …`: a
/// table of the user's own, kept in the engine's store.
public struct CreateTableStatement: Sendable, Hashable {
    /// The table's name, as written (the engine takes one part only).
    public var name: QualifiedName
    /// Whether `IF NOT EXISTS` was written.
    public var ifNotExists: Bool
    /// The column definitions; empty for `AS SELECT`.
    public var columns: [ColumnDefinition]
    /// The rows of `CREATE TABLE … AS SELECT`; nil for a column list.
    public var source: SelectStatement?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: QualifiedName, ifNotExists: Bool = false, columns: [ColumnDefinition] = [],
                source: SelectStatement? = nil, range: SourceRange) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.source = source
        self.range = range
    }
}

/// One column of `CREATE TABLE name (…)`: a name and an optional type name (`TEXT`, `VARCHAR(20)`).
public struct ColumnDefinition: Sendable, Hashable {
    /// The column's name.
    public var name: Identifier
    /// The type as written, words separated by one space (`DOUBLE PRECISION`, `VARCHAR(20)`); nil when omitted.
    public var type: String?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: Identifier, type: String? = nil, range: SourceRange) {
        self.name = name
        self.type = type
        self.range = range
    }
}

/// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS SELECT …`.
public struct CreateViewStatement: Sendable, Hashable {
    /// Whether `OR REPLACE` was written.
    public var orReplace: Bool
    /// Whether `MATERIALIZED` was written: the rows are fetched now and kept.
    public var materialized: Bool
    /// The view's name, as written (the engine takes one part only).
    public var name: QualifiedName
    /// The view's defining SELECT.
    public var source: SelectStatement
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(orReplace: Bool = false, materialized: Bool = false, name: QualifiedName, source: SelectStatement,
                range: SourceRange) {
        self.orReplace = orReplace
        self.materialized = materialized
        self.name = name
        self.source = source
        self.range = range
    }
}

/// `DROP TABLE|VIEW|MATERIALIZED VIEW [IF EXISTS] name`.
public struct DropStatement: Sendable, Hashable {
    /// What is dropped.
    public enum Kind: String, Sendable, Hashable {
        case table = "TABLE", view = "VIEW", materializedView = "MATERIALIZED VIEW"
    }

    /// The kind, as written.
    public var kind: Kind
    /// Whether `IF EXISTS` was written.
    public var ifExists: Bool
    /// The name, as written.
    public var name: QualifiedName
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(kind: Kind, ifExists: Bool = false, name: QualifiedName, range: SourceRange) {
        self.kind = kind
        self.ifExists = ifExists
        self.name = name
        self.range = range
    }
}

/// `REFRESH MATERIALIZED VIEW name`: fetch the view's rows again.
public struct RefreshStatement: Sendable, Hashable {
    /// The materialized view.
    public var name: QualifiedName
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(name: QualifiedName, range: SourceRange) {
        self.name = name
        self.range = range
    }
}
