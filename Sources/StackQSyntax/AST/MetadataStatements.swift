/// `SHOW [EXTENDED] PROVIDERS|SERVICES|RESOURCES|METHODS [IN|FROM x] [LIKE 'p' | WHERE expr]`.
public struct ShowStatement: Sendable, Hashable {
    /// What is listed.
    public enum Kind: String, Sendable, Hashable {
        case providers = "PROVIDERS", services = "SERVICES", resources = "RESOURCES", methods = "METHODS"
    }

    public var extended: Bool
    public var kind: Kind
    /// The `IN x` / `FROM x` scope (1 to 3 parts).
    public var scope: QualifiedName?
    public var filter: ShowFilter?
    public var range: SourceRange
}

/// The filter of a SHOW.
public enum ShowFilter: Sendable, Hashable {
    /// `LIKE 'pattern'`.
    case like(String)
    /// `WHERE condition`.
    case whereClause(Expression)
}

/// `DESCRIBE [EXTENDED] resource` (also `DESC`).
public struct DescribeStatement: Sendable, Hashable {
    public var extended: Bool
    public var resource: QualifiedName
    public var range: SourceRange
}

/// `DESCRIBE METHOD resource.method`.
public struct DescribeMethodStatement: Sendable, Hashable {
    public var resource: QualifiedName
    public var method: Identifier
    public var range: SourceRange
}

/// `REGISTRY LIST [provider]` or `REGISTRY PULL provider [version]`.
public struct RegistryStatement: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        case list(provider: Identifier?)
        /// The version is the source text as written (`v24.11.00274`) or a string literal's value.
        case pull(provider: Identifier, version: String?)
    }

    public var action: Action
    public var range: SourceRange
}
