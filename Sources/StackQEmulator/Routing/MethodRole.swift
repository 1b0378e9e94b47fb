import StackQ

/// What a registry method does, read from its HTTP verb and the shape of its path.
enum MethodRole: Sendable, Hashable, CustomStringConvertible {
    /// `GET …/collection`
    case list
    /// `GET …/collection/{id}`
    case get
    /// `POST …/collection`
    case create
    /// `DELETE …/collection/{id}`
    case delete
    /// `PATCH …/collection/{id}`
    case update
    /// `POST …/collection/{id}:verb`
    case custom(String)

    init?(httpMethod: String, template: PathTemplate) {
        if let verb = template.customVerb {
            self = .custom(verb)
            return
        }
        switch (httpMethod.uppercased(), template.endsInVariable) {
        case ("GET", false): self = .list
        case ("GET", true): self = .get
        case ("POST", false): self = .create
        case ("DELETE", true): self = .delete
        case ("PATCH", true), ("PUT", true): self = .update
        default: return nil
        }
    }

    var description: String {
        switch self {
        case .list: return "list"
        case .get: return "get"
        case .create: return "create"
        case .delete: return "delete"
        case .update: return "update"
        case .custom(let verb): return verb
        }
    }
}
