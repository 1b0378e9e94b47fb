/// Picks the select method for a resource from its bound parameters, or explains what is missing.
enum MethodSelector {
    /// The most specific select method whose required parameters are all bound (a get over a list when the
    /// id is given); among methods with as many required parameters, the one that takes more of the bound
    /// parameters (methods that differ only by an optional parameter are chosen by binding it), then the one
    /// `preference` scores higher (an INSERT's: the body fields it names that the method's request has), then the
    /// order of the resource's `sqlVerbs`. For SELECT, a method that takes every bound parameter comes before one
    /// that would leave some to SQLite: a WHERE giving a get's ids and a page size or token (Cloud DNS's
    /// `resourceRecordSets`, whose list takes the get's `name` and `type` as filters) lists.
    static func choose(resource: Resource, verb: SQLVerb = .select, bound: Set<String>,
                       preference: (Method) -> Int = { _ in 0 }) throws -> Method {
        let candidates = resource.methods(for: verb)
        guard !candidates.isEmpty else {
            let names = resource.methods.map(\.name).sorted().joined(separator: ", ")
            throw PlanError(.unknownName, "\(resource.id) has no \(verb.rawValue.uppercased()) method (its methods: \(names)); use EXEC \(resource.id).<method> for the others")
        }
        let fitting = candidates.filter { method in
            method.requiredParameters.allSatisfy { bound.contains($0.name) }
        }
        func taken(_ method: Method) -> Int { method.parameters.count { bound.contains($0.name) } }
        func takesAll(_ method: Method) -> Bool { verb == .select && taken(method) == bound.count }
        if let best = fitting.max(by: { a, b in
            if takesAll(a) != takesAll(b) { return takesAll(b) }
            if a.requiredParameters.count != b.requiredParameters.count {
                return a.requiredParameters.count < b.requiredParameters.count
            }
            if taken(a) != taken(b) { return taken(a) < taken(b) }
            let (preferA, preferB) = (preference(a), preference(b))
            return preferA != preferB ? preferA < preferB : a.sqlVerbOrder > b.sqlVerbOrder
        }) {
            return best
        }
        throw PlanError(.missingParameters, missingParametersMessage(resource: resource, candidates: candidates, bound: bound))
    }

    /// "google.dataproc.sessions needs projectsId and locationsId (projects_locations_sessions_list), or also
    /// sessionsId (projects_locations_sessions_get). For example: WHERE projectsId = '…' AND locationsId = '…'"
    static func missingParametersMessage(resource: Resource, candidates: [Method], bound: Set<String>) -> String {
        let ordered = candidates.sorted { a, b in
            a.requiredParameters.count != b.requiredParameters.count
                ? a.requiredParameters.count < b.requiredParameters.count
                : a.sqlVerbOrder < b.sqlVerbOrder
        }
        let first = ordered[0]
        let firstNames = first.requiredParameters.map(\.name)
        var message = "\(resource.id) needs \(list(firstNames)) (\(first.name))"
        for method in ordered.dropFirst() {
            let names = method.requiredParameters.map(\.name)
            let extra = names.filter { !firstNames.contains($0) }
            if Set(firstNames).isSubset(of: Set(names)), !extra.isEmpty {
                message += ", or also \(list(extra)) (\(method.name))"
            } else {
                message += ", or \(list(names)) (\(method.name))"
            }
        }
        let boundNames = firstNames.filter(bound.contains)
        if !boundNames.isEmpty {
            message += "; the WHERE clause gives only \(list(boundNames))"
        }
        message += ". For example: WHERE " + firstNames.map { "\($0) = '…'" }.joined(separator: " AND ")
        return message
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        switch names.count {
        case 0: return "no parameters"
        case 1: return names[0]
        default: return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
        }
    }
}
