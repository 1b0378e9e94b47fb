/// StackQL's defaults for resources whose document has no `sqlVerbs`: the verb follows the method's name
/// (its last word), else its HTTP method; `select` methods are ordered most specific (most required parameters) first.
enum DefaultSQLVerbs {
    /// The verb a method serves by default.
    static func verb(for method: Method) -> SQLVerb {
        let words = method.name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." || $0 == "/" })
        if let verb = verb(forWord: words.last.map(String.init) ?? "") ?? verb(forWord: words.first.map(String.init) ?? "") {
            return verb
        }
        switch method.httpMethod {
        case "GET": return .select
        case "DELETE": return .delete
        default: return .exec
        }
    }

    /// The verb a method-name word implies (`list` → select, `create` → insert, …), or nil.
    static func verb(forWord word: String) -> SQLVerb? {
        switch word {
        case "get", "list": return .select
        case "create", "insert": return .insert
        case "patch", "update": return .update
        case "replace": return .replace
        case "delete": return .delete
        default: return nil
        }
    }

    /// Sets `sqlVerbOrder` within each verb: more required parameters first, then document order.
    static func assignOrder(_ methods: inout [Method]) {
        for verb in SQLVerb.allCases {
            let indices = methods.indices.filter { methods[$0].sqlVerb == verb }
            let ordered = indices.sorted { lhs, rhs in
                let left = methods[lhs].requiredParameters.count, right = methods[rhs].requiredParameters.count
                return left != right ? left > right : lhs < rhs
            }
            for (order, index) in ordered.enumerated() { methods[index].sqlVerbOrder = order }
        }
    }
}
