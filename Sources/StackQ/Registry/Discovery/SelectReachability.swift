/// Which read methods of a service no SELECT can reach, judged by the planner's own method choice.
///
/// A method is reachable when some WHERE clause makes ``MethodSelector`` choose it: one that binds its required
/// parameters, or those and some of its optional ones, with a select list of the columns its response has. A GET method that serves no SQL verb but EXEC is
/// unreachable by SELECT too, unless a SELECT method of its resource sends the same request (an overlay's raw
/// EXEC alias of a list).
enum SelectReachability {
    /// One method that no SELECT can reach, and why.
    struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// `google.dialogflow.documents`.
        var resource: String
        var method: String
        var reason: String

        var description: String { "\(resource).\(method): \(reason)" }
    }

    /// The unreachable read methods of every resource of `service`, in resource order. A GET served by EXEC is
    /// reachable when any resource of the service has a SELECT sending the same request (`books_search` beside
    /// `books`' EXEC `search`).
    static func findings(in service: ProviderService) -> [Finding] {
        let selected = service.resources.flatMap { $0.methods(for: .select) }
        return service.resources.flatMap { findings(in: $0, selectedElsewhere: selected) }
    }

    /// The unreachable read methods of one resource.
    static func findings(in resource: Resource, selectedElsewhere: [Method] = []) -> [Finding] {
        var result: [Finding] = []
        let selects = resource.methods(for: .select)
        for method in resource.methods where method.sqlVerb != .select && method.httpMethod == "GET"
            && !(selects + selectedElsewhere).contains(where: { $0.path == method.path && $0.httpMethod == method.httpMethod }) {
            result.append(Finding(resource: resource.id, method: method.name,
                                  reason: "a GET method served only by \(method.sqlVerb.rawValue.uppercased())"))
        }
        for method in selects {
            let required = Set(method.requiredParameters.map(\.name))
            let optional = method.parameters.filter { !$0.isRequired }.map(\.name)
            let trials = [required, required.union(optional)] + optional.map { required.union([$0]) }
            var chosen: Method?
            // A statement that reads the columns of this method's response (and not another's) prefers it.
            let ownResponse = method.response.schema
            for bound in trials {
                chosen = try? MethodSelector.choose(resource: resource, bound: bound) { $0.response.schema == ownResponse ? 1 : 0 }
                if chosen == method { break }
            }
            guard chosen != method else { continue }
            let rival = chosen.map { "\($0.name) is chosen instead" } ?? "no method is chosen"
            result.append(Finding(resource: resource.id, method: method.name,
                                  reason: "shadowed: when its parameters are bound, \(rival)"))
        }
        return result
    }
}
