import StackQSyntax

/// Plans mutations: a pure function of the statement, the registry and what SQLite evaluated for it beforehand
/// (constant expressions, SET values, the rows of an INSERT's SELECT when it reads no resource). It sends nothing.
struct MutationPlanner {
    let registry: Registry
    /// The statement's source text, so numbers are sent as written.
    var source: [UInt8]?

    // MARK: INSERT

    /// `INSERT INTO r (cols) VALUES … | SELECT …`: one create call per row; columns are the method's parameters and
    /// body fields (`data__field`, or the plain name when it is not a parameter).
    /// - Parameters:
    ///   - columns: the statement's column list, else the source's result columns.
    ///   - rows: the source's rows when SQLite answered them without a resource; nil when `read` gives them.
    func insert(_ statement: InsertStatement, service: ProviderService, resource: Resource, columns: [String],
                rows: [[SQLValue]]?, read: QueryPlan?) throws -> MutationPlan {
        if let width = rows?.first?.count, width != columns.count {
            throw PlanError(.invalidValue, "INSERT INTO \(resource.id) names \(columns.count) columns but its rows have \(width) values")
        }
        let insertParameters = Set(resource.methods(for: .insert).flatMap { $0.parameters.map(\.name) })
        // Methods that take the same parameters (spanner's sessions create and batchCreate) are told apart by the
        // body fields the columns name.
        let method = try MethodSelector.choose(resource: resource, verb: .insert, bound: Set(columns).intersection(insertParameters)) { method in
            let body = RequestBodyBuilder(service: service, method: method)
            return columns.count { column in
                guard !insertParameters.contains(column), let field = body.field(forColumn: column) else { return false }
                return body.schema?.property(named: field) != nil
            }
        }
        let body = RequestBodyBuilder(service: service, method: method)
        let slots = try columns.map { name -> MutationSlot in
            if let parameter = method.parameter(named: name) ?? method.parameters.first(where: { $0.name.lowercased() == name.lowercased() }) {
                return .parameter(parameter.name)
            }
            if let field = body.field(forColumn: name) { return .field(field) }
            let fields = body.schema?.properties.filter { !(service.resolve($0.schema)?.isReadOnly ?? false) }.map(\.name) ?? []
            throw PlanError(.unknownName, "INSERT INTO \(resource.id): \(method.name) has no parameter or body field named \(name) (parameters: \(method.parameters.map(\.name).joined(separator: ", ")); body fields, as data__name or name: \(fields.joined(separator: ", ")))")
        }
        var plan = MutationPlan(keyword: "INSERT", service: service, resource: resource, method: method,
                                hints: statement.hints, returning: statement.returning, calls: .known([]))
        if let read {
            plan.calls = .perRow(read: read, slots: slots, columns: columns)
        } else {
            plan.calls = .known(try (rows ?? []).map { try plan.call(for: $0, slots: slots, columns: columns) })
        }
        return plan
    }

    // MARK: UPDATE, REPLACE, DELETE

    /// What a DELETE, UPDATE or REPLACE acts on, before its calls: the methods' parameters its WHERE binds to
    /// literals, and the conditions that bind none (which make it select its targets first).
    struct Target {
        var service: ProviderService
        var resource: Resource
        var verb: SQLVerb
        var keyword: String
        var bindings: [String: [String]]
        var others: [SQLExpression]
        /// The method: the most specific the bindings allow, or — selecting first — one taking every parameter.
        var method: Method
    }

    /// The target of `verb` on `table` under `whereClause`; `constants` are the WHERE's constant expressions.
    func target(_ table: QualifiedName, alias: Identifier?, service: ProviderService, resource: Resource, verb: SQLVerb,
                whereClause: SQLExpression?, constants: [SourceRange: String]) throws -> Target {
        let keyword = verb == .replace ? "REPLACE" : verb.rawValue.uppercased()
        let methods = resource.methods(for: verb)
        guard !methods.isEmpty else {
            _ = try MethodSelector.choose(resource: resource, verb: verb, bound: [])
            throw PlanError(.unknownName, "\(resource.id) has no \(keyword) method")
        }
        let parameterNames = Set(methods.flatMap { $0.parameters.map(\.name) })
        let planner = QueryPlanner(registry: registry, constants: constants, source: source)
        let (bindings, others) = try planner.targetBindings(table: NamedTable(name: table, alias: alias, range: table.range),
                                                           service: service, resource: resource,
                                                           parameterNames: parameterNames, whereClause: whereClause)
        let method: Method
        if others.isEmpty {
            do {
                method = try MethodSelector.choose(resource: resource, verb: verb, bound: Set(bindings.keys))
            } catch let error as PlanError {
                throw PlanError(error.code, "\(keyword) refused, no call made: " + error.message)
            }
        } else {
            method = try MethodSelector.choose(resource: resource, verb: verb, bound: parameterNames)
        }
        return Target(service: service, resource: resource, verb: verb, keyword: keyword, bindings: bindings,
                      others: others, method: method)
    }

    /// The SELECT that finds a target's resources when its WHERE says more than the method's parameters.
    static func readStatement(_ table: QualifiedName, alias: Identifier?, whereClause: SQLExpression?) -> String {
        var sql = "SELECT * FROM " + table.parts.map { SQLPrinter.identifierIfNeeded($0.name) }.joined(separator: ".")
        if let alias { sql += " AS " + SQLPrinter.identifierIfNeeded(alias.name) }
        if let whereClause { sql += " WHERE " + SQLPrinter.print(whereClause) }
        return sql
    }

    /// The plan of a DELETE, UPDATE or REPLACE: the bound combinations, or one call per resource `read` finds.
    /// `shared` holds the SET parameters and body every call takes.
    func mutation(_ target: Target, shared: MutationCall, read: QueryPlan?, hints: [Hint],
                  returning: [ResultColumn]) -> MutationPlan {
        let calls: MutationPlan.Calls
        if let read {
            calls = .perResource(read: read, conditions: target.others, literals: target.bindings, shared: shared)
        } else {
            calls = .combinations(bindings: target.bindings, shared: shared)
        }
        return MutationPlan(keyword: target.keyword, service: target.service, resource: target.resource,
                            method: target.method, hints: hints, returning: returning, calls: calls)
    }

    /// The parameters and body of `UPDATE r SET …` (PATCH, with `updateMask` from the SET columns) or
    /// `REPLACE r SET …` (PUT); `values` are the SET expressions as SQLite evaluated them. DELETE has none.
    func setClause(_ assignments: [Assignment], values: [SQLValue], target: Target) throws -> MutationCall {
        guard !assignments.isEmpty else { return MutationCall(values: [:], body: nil) }
        let method = target.method
        let body = RequestBodyBuilder(service: target.service, method: method)
        var members: [(key: String, value: JSONValue)] = []
        var mask: [String] = []
        var parameters: [String: String] = [:]
        for (assignment, value) in zip(assignments, values) {
            let name = assignment.column.name
            if method.parameter(named: name) != nil {
                if let text = value.textValue { parameters[name] = text }
                continue
            }
            guard let field = body.field(forColumn: name) ?? (body.schema == nil ? nil : name) else {
                throw PlanError(.unknownName, "\(target.keyword) \(target.resource.id): \(method.name) has no body field named \(name)")
            }
            let json = try body.json(for: value, column: name, field: field) ?? .null
            RequestBodyBuilder.set(json, at: field, in: &members)
            mask.append(field)
        }
        if method.parameter(named: "updateMask") != nil, !mask.isEmpty { parameters["updateMask"] = mask.joined(separator: ",") }
        return MutationCall(values: parameters, body: .object(members))
    }

    // MARK: EXEC

    /// `EXEC r.method @p = 'v', … [@@json = '{…}']`: one call.
    func exec(_ statement: ExecStatement) throws -> MutationPlan {
        let parts = statement.resource.parts.map(\.name)
        guard parts.count == 3 else {
            throw PlanError(.unknownName, "'\(statement.resource.dotted)' is not a resource: name it as provider.service.resource, e.g. google.dataproc.sessions")
        }
        let (service, resource, method) = try registry.method(provider: parts[0], service: parts[1], resource: parts[2],
                                                              method: statement.method.name,
                                                              given: Set(statement.arguments.map(\.name)))
        let body = RequestBodyBuilder(service: service, method: method)
        var values: [String: String] = [:]
        var members: [(key: String, value: JSONValue)] = []
        if let json = statement.jsonBody {
            guard let parsed = try? JSONValue(parsing: json), case .object(let object) = parsed else {
                throw PlanError(.invalidValue, "EXEC \(resource.id).\(method.name): @@json must be a JSON object")
            }
            members = object
        }
        for argument in statement.arguments {
            let text = MutationPlanner.literalText(argument.value, range: argument.range, source: source)
            if let parameter = method.parameter(named: argument.name) {
                values[parameter.name] = text
            } else if let field = body.field(forColumn: argument.name) {
                if let json = try body.json(for: MutationPlanner.sqlValue(argument.value), column: "@" + argument.name, field: field) {
                    RequestBodyBuilder.set(json, at: field, in: &members)
                }
            } else {
                throw PlanError(.unknownName, "EXEC \(resource.id).\(method.name) has no parameter @\(argument.name) (its parameters: \(method.parameters.map { "@" + $0.name }.joined(separator: ", ")); body fields go in @@json or as @data__field)")
            }
        }
        let missing = method.requiredParameters.filter { values[$0.name] == nil }.map { "@" + $0.name }
        if !missing.isEmpty {
            throw PlanError(.missingParameters, "EXEC \(resource.id).\(method.name) needs \(MethodSelector.list(missing)); for example: EXEC \(resource.id).\(method.name) \(method.requiredParameters.map { "@\($0.name) = '…'" }.joined(separator: ", "))")
        }
        let call = MutationCall(values: values, body: method.requestBody == nil && members.isEmpty ? nil : .object(members))
        return MutationPlan(keyword: "EXEC", service: service, resource: resource, method: method, hints: statement.hints,
                            returning: [], calls: .known([call]))
    }

    /// An EXEC argument as it is sent: a number as written, a string as it is.
    static func literalText(_ literal: Literal, range: SourceRange, source: [UInt8]?) -> String {
        switch literal {
        case .string(let s): return s
        case .integer, .real:
            if let source, range.end <= source.count, range.start < range.end,
               let text = Optional(String(decoding: source[range.start..<range.end], as: UTF8.self)),
               let equals = text.firstIndex(of: "=") {
                return String(text[text.index(after: equals)...]).trimmingWhitespace()
            }
            if case .integer(let i) = literal { return String(i) }
            if case .real(let d) = literal { return "\(d)" }
            return ""
        case .bool(let b): return b ? "true" : "false"
        case .null: return ""
        default: return ""
        }
    }

    static func sqlValue(_ literal: Literal) -> SQLValue {
        switch literal {
        case .string(let s): return .text(s)
        case .integer(let i): return .integer(i)
        case .real(let d): return .real(d)
        case .bool(let b): return .integer(b ? 1 : 0)
        case .blob(let bytes): return .blob(bytes)
        default: return .null
        }
    }
}
