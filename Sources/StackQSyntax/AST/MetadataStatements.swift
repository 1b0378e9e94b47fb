/// `SHOW [EXTENDED] PROVIDERS|SERVICES|RESOURCES|METHODS [IN|FROM x] [LIKE 'p' | WHERE expr]`, `SHOW CALLS`,
/// `SHOW AUTH`, `SHOW TABLES|VIEWS [LIKE 'p']` and `SHOW [/*+ REQUIRED */] INSERT INTO resource`.
public struct ShowStatement: Sendable, Hashable {
    /// What is listed.
    public enum Kind: String, Sendable, Hashable {
        case providers = "PROVIDERS", services = "SERVICES", resources = "RESOURCES", methods = "METHODS"
        /// The calls of the last statement that made any.
        case calls = "CALLS"
        /// The credential each provider uses.
        case auth = "AUTH"
        /// A ready-to-edit INSERT for the resource in ``ShowStatement/scope``.
        case insert = "INSERT"
        /// The user's tables (``CreateTableStatement``).
        case tables = "TABLES"
        /// The user's views and materialized views, with each materialized view's age.
        case views = "VIEWS"
    }

    /// Hints (`/*+ REQUIRED */` for SHOW INSERT).
    public var hints: [Hint] = []

    /// Whether `EXTENDED` was written.
    public var extended: Bool
    /// The kind, as written.
    public var kind: Kind
    /// The `IN x` / `FROM x` scope (1 to 3 parts).
    public var scope: QualifiedName?
    /// The `LIKE` or `WHERE` filter.
    public var filter: ShowFilter?
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(
        extended: Bool,
        kind: Kind,
        scope: QualifiedName? = nil,
        filter: ShowFilter? = nil,
        range: SourceRange
    ) {
        self.extended = extended
        self.kind = kind
        self.scope = scope
        self.filter = filter
        self.range = range
    }
}

/// The filter of a SHOW.
public enum ShowFilter: Sendable, Hashable {
    /// `LIKE 'pattern'`.
    case like(String)
    /// `WHERE condition`.
    case whereClause(SQLExpression)
}

/// `DESCRIBE [EXTENDED] resource` (also `DESC`).
public struct DescribeStatement: Sendable, Hashable {
    /// Whether `EXTENDED` was written.
    public var extended: Bool
    /// The resource (1 to 3 dotted parts).
    public var resource: QualifiedName
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(extended: Bool, resource: QualifiedName, range: SourceRange) {
        self.extended = extended
        self.resource = resource
        self.range = range
    }
}

/// `DESCRIBE METHOD resource.method`.
public struct DescribeMethodStatement: Sendable, Hashable {
    /// The resource (1 to 3 dotted parts).
    public var resource: QualifiedName
    /// The method name.
    public var method: Identifier
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(resource: QualifiedName, method: Identifier, range: SourceRange) {
        self.resource = resource
        self.method = method
        self.range = range
    }
}

/// `REGISTRY LIST [provider]` or `REGISTRY PULL provider [version]`.
public struct RegistryStatement: Sendable, Hashable {
    /// The registry operation.
    public enum Action: Sendable, Hashable {
        case list(provider: Identifier?)
        /// The version is the source text as written (`v24.11.00274`) or a string literal's value.
        case pull(provider: Identifier, version: String?)
    }

    /// What to do.
    public var action: Action
    /// Where it is in the source.
    public var range: SourceRange

    /// Creates a value from its parts.
    public init(action: Action, range: SourceRange) {
        self.action = action
        self.range = range
    }
}
