import StackQSyntax

/// One call a mutation makes: its parameter values and request body.
struct MutationCall: Sendable, Hashable {
    var values: [String: String]
    var body: JSONValue?
}

/// Where a column of an INSERT's rows goes: a parameter of the method, or a field of its body.
enum MutationSlot: Sendable, Hashable {
    case parameter(String)
    case field(String)
}

/// An INSERT, UPDATE, REPLACE, DELETE or EXEC, planned: the method it calls, and its calls — known from the
/// statement, or one per row of a read stage (a ``QueryPlan``) that runs first. EXPLAIN prints this value, a dry
/// run shows it (its read stage planned, not run), and a run sends it: there is no second derivation.
struct MutationPlan: Sendable {
    /// `INSERT`, `UPDATE`, `REPLACE`, `DELETE` or `EXEC`.
    var keyword: String
    var service: ProviderService
    var resource: Resource
    var method: Method
    var hints: [Hint]
    var returning: [ResultColumn]
    var calls: Calls

    enum Calls: Sendable {
        /// Every call is known from the statement.
        case known([MutationCall])
        /// A DELETE, UPDATE or REPLACE whose WHERE binds only the method's parameters: one call per combination of
        /// the bound values (each taking `shared`'s SET parameters and body), made only once the call budget has
        /// allowed their number (``knownCallCount``).
        case combinations(bindings: [String: [String]], shared: MutationCall)
        /// `INSERT … SELECT` over resources: one call per row of `read`, its columns going to `slots`.
        case perRow(read: QueryPlan, slots: [MutationSlot], columns: [String])
        /// A DELETE or UPDATE whose WHERE says more than the method's parameters: `read` selects the resources it
        /// describes, and each found is acted on by its name (`shared` adds the SET parameters and body).
        case perResource(read: QueryPlan, conditions: [SQLExpression], literals: [String: [String]], shared: MutationCall)
    }

    /// The read stage, when the calls depend on one.
    var read: QueryPlan? {
        switch calls {
        case .known, .combinations: nil
        case .perRow(let read, _, _), .perResource(let read, _, _, _): read
        }
    }

    /// The number of calls when the statement gives them (`Int.max` when more); nil when a read stage does.
    var knownCallCount: Int? {
        switch calls {
        case .known(let calls): calls.count
        case .combinations(let bindings, _): CallBuilder.combinationCount(bindings, order: method.parameters.map(\.name))
        case .perRow, .perResource: nil
        }
    }

    /// The calls for the read stage's rows (`columns` by name). Check ``knownCallCount`` against the budget first:
    /// the combinations of large IN lists are made here.
    func calls(forRows rows: [[SQLValue]], columns: [String]) throws -> [MutationCall] {
        switch calls {
        case .known(let calls):
            return calls
        case .combinations(let bindings, let shared):
            return CallBuilder.cartesianProduct(bindings, order: method.parameters.map(\.name)).map { values in
                MutationCall(values: values.merging(shared.values) { _, set in set }, body: shared.body)
            }
        case .perRow(_, let slots, _):
            return try rows.map { try call(for: $0, slots: slots, columns: columns) }
        case .perResource(_, _, let literals, let shared):
            return try rows.map { row in
                var found: [String: String] = [:]
                for (name, value) in zip(columns, row) { if let text = value.textValue { found[name] = text } }
                var values = found["name"].map { PathTemplate(method.path).values(in: $0) } ?? [:]
                for parameter in method.requiredParameters where values[parameter.name] == nil {
                    guard let value = found[parameter.name] ?? literals[parameter.name].flatMap({ $0.count == 1 ? $0[0] : nil }) else {
                        throw PlanError(.invalidValue, "\(keyword): cannot tell \(parameter.name) for the resource \(found["name"] ?? "(no name)")")
                    }
                    values[parameter.name] = value
                }
                return MutationCall(values: values.merging(shared.values) { _, set in set }, body: shared.body)
            }
        }
    }

    /// The call of one INSERT row: each value to its parameter or body field.
    func call(for row: [SQLValue], slots: [MutationSlot], columns: [String]) throws -> MutationCall {
        let body = RequestBodyBuilder(service: service, method: method)
        var call = MutationCall(values: [:], body: nil)
        var members: [(key: String, value: JSONValue)] = []
        for (slot, (value, name)) in zip(slots, zip(row, columns)) {
            switch slot {
            case .parameter(let parameter):
                if let text = value.textValue { call.values[parameter] = text }
            case .field(let field):
                if let json = try body.json(for: value, column: name, field: field) {
                    RequestBodyBuilder.set(json, at: field, in: &members)
                }
            }
        }
        if method.requestBody != nil { call.body = .object(members) }
        return call
    }

    /// EXPLAIN's parameters column for known calls: `p = 'v'` or `p IN ('a', 'b')`, in the method's order.
    var explainedParameters: String? {
        guard case .known(let calls) = calls else {
            switch calls {
            case .perResource(_, _, let literals, let shared):
                return MutationPlan.describe(literals.merging(shared.values.mapValues { [$0] }) { a, _ in a }, order: method.parameters.map(\.name))
            case .combinations(let bindings, let shared):
                return MutationPlan.describe(bindings.merging(shared.values.mapValues { [$0] }) { _, set in set }, order: method.parameters.map(\.name))
            case .known, .perRow:
                return nil
            }
        }
        var values: [String: [String]] = [:]
        for call in calls {
            for (name, value) in call.values where !(values[name] ?? []).contains(value) { values[name, default: []].append(value) }
        }
        return MutationPlan.describe(values, order: method.parameters.map(\.name))
    }

    static func describe(_ values: [String: [String]], order: [String]) -> String? {
        let parts = order.compactMap { name -> String? in
            guard let list = values[name], !list.isEmpty else { return nil }
            return list.count == 1 ? "\(name) = \(SQLPrinter.quoteString(list[0]))"
                                   : "\(name) IN (\(list.map(SQLPrinter.quoteString).joined(separator: ", ")))"
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// EXPLAIN's calls column: a number, or what the calls are one per.
    var explainedCalls: String {
        switch calls {
        case .known(let calls): String(calls.count)
        case .combinations: (knownCallCount ?? 0).saturatedDescription
        case .perRow: "one per row of the source"
        case .perResource(_, let conditions, _, _):
            "one per resource matching: " + conditions.map(SQLPrinter.print).joined(separator: " AND ")
        }
    }
}
