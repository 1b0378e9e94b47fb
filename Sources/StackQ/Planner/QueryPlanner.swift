import StackQSyntax

/// Plans a SELECT: for every resource reference, the method, where each parameter's values come from (literals,
/// or the rows of another reference), and the order the references can run in. A pure function of the statement,
/// the registry and the constants the engine evaluated; it sends nothing.
///
/// Bindings come from the top-level AND-ed conditions of the reference's own SELECT core:
/// - `p = 'v'`, `p IN ('a', 'b')`, `(p = 'a' OR p = 'b')`, and constant expressions (`lower('P')`);
/// - `p = other.column` (in WHERE or JOIN … ON): one call per distinct value of `other.column`, after `other`'s
///   own local predicates; several such columns of one reference bind tuples, not a cartesian product;
/// - `p IN (SELECT column FROM provider.service.resource WHERE …)`;
/// - `p = other.q` where `other.q` is itself bound to literals: the same literals.
///
/// A bare column belongs to the one reference in scope that has it as a parameter or a column; when several have it
/// and it decides a binding, the plan fails naming both.
struct QueryPlanner {
    let registry: Registry
    /// Values of constant expressions in the statement (by source range), evaluated by SQLite before planning.
    var constants: [SourceRange: String] = [:]
    /// The statement's source text, so numbers are sent as written (`007`, `1e999`).
    var source: [UInt8]?
    /// Tables are named `resource_N`, numbered from this one.
    var firstTableNumber = 1

    /// What a reference has, before its method is chosen.
    struct Candidate {
        var reference: ResourceReference
        var service: ProviderService
        var resource: Resource
        var propertyNames: Set<String>
        var parameterNames: Set<String>
        var literals: [String: (values: [String], origin: String)] = [:]
        /// `parameter ← (reference, column)` candidates, in the order the conditions give them.
        var edges: [(parameter: String, reference: Int, column: String, origin: String)] = []
        var localPredicates: [SQLExpression] = []

        func hasColumn(_ name: String) -> Bool {
            propertyNames.contains(name) || parameterNames.contains(name)
        }
    }

    func plan(_ select: SelectStatement) throws -> QueryPlan {
        let references = ResourceReferenceCollector.collect(select)
        var candidates: [Candidate] = []
        for reference in references {
            let (service, resource) = try registry.resource(provider: reference.provider, service: reference.service,
                                                            resource: reference.resource)
            let properties = Set(registry.columns(of: resource, in: service).map(\.name))
            let parameters = Set(resource.methods(for: .select).flatMap { $0.parameters.map(\.name) })
            candidates.append(Candidate(reference: reference, service: service, resource: resource,
                                        propertyNames: properties, parameterNames: parameters))
        }
        for index in candidates.indices {
            try classifyConditions(of: index, in: &candidates, all: references)
        }
        propagateLiterals(&candidates)
        let chosen = try chooseMethods(candidates, reading: Set(select.columnUsage.columns.map { $0.column.name.lowercased() }))
        let order = try topologicalOrder(chosen.map(\.dependencies), candidates: candidates)
        var position: [Int: Int] = [:]
        for (newIndex, oldIndex) in order.enumerated() { position[oldIndex] = newIndex }

        var planned: [PlannedReference] = []
        var names: [SourceRange: String] = [:]
        let fields = responseFields(select, candidates: candidates, methods: chosen.map(\.method))
        for oldIndex in order {
            let candidate = candidates[oldIndex]
            let (method, bindings) = (chosen[oldIndex].method, chosen[oldIndex].bindings)
            let columns = registry.columns(of: candidate.resource, in: candidate.service, method: method)
            let propertyNames = Set(columns.map(\.name))
            let bound = Set(bindings.map(\.parameter))
            let parameterColumns = method.parameters.map(\.name).filter {
                bound.contains($0) && $0 != method.pagination?.requestToken && !propertyNames.contains($0)
            }
            let table = TableSpec(name: "\(candidate.resource.name)_\(firstTableNumber + planned.count)", columns: columns,
                                  parameterColumns: parameterColumns)
            names[candidate.reference.table.id] = table.name
            let remapped = bindings.map { binding -> ParameterBinding in
                var binding = binding
                if case .column(let reference, let column) = binding.source {
                    binding.source = .column(reference: position[reference]!, column: column)
                }
                return binding
            }
            planned.append(PlannedReference(index: planned.count, displayName: candidate.reference.displayName,
                                            exposedName: candidate.reference.exposedName,
                                            service: candidate.service, resource: candidate.resource, method: method,
                                            table: table, bindings: remapped,
                                            localPredicates: candidate.localPredicates,
                                            responseFields: fields[oldIndex]))
        }
        var columnNames: [SourceRange: String] = [:]
        for index in candidates.indices {
            for conjunct in candidates[index].reference.conjuncts {
                Self.forEachColumn(in: conjunct) { column in
                    if let name = dottedParameter(column, of: index, candidates: candidates) {
                        columnNames[column.range] = SQLPrinter.quoteIdentifier(name)
                    }
                }
            }
        }
        return QueryPlan(references: planned,
                         sql: SQLPrinter.print(select, tableName: { names[$0.id] }, columnName: { columnNames[$0.range] }))
    }

    /// Every column reference of an expression, outside subqueries.
    static func forEachColumn(in expression: SQLExpression, _ body: (ColumnReference) -> Void) {
        if case .column(let column) = expression { body(column) }
        for child in expression.children { forEachColumn(in: child, body) }
    }

    /// The members each reference's calls ask Google for (nil: whole rows). A statement over a view the
    /// expansion left in place (inside an expression subquery) reads what the planner cannot see: nothing is
    /// narrowed then.
    func responseFields(_ select: SelectStatement, candidates: [Candidate], methods: [Method]) -> [[String]?] {
        guard !candidates.contains(where: { $0.resource.viewDefinition != nil }) else {
            return candidates.map { _ in nil }
        }
        let properties = zip(candidates, methods).map { candidate, method in
            registry.columns(of: candidate.resource, in: candidate.service, method: method).map(\.name)
        }
        return ResponseFields.select(usage: select.columnUsage, references: candidates.map(\.reference),
                                     properties: properties)
    }

    /// The literal bindings a single-resource statement's WHERE gives the parameters `parameterNames` (a mutation's
    /// target), and the conditions that bind nothing (which make it select-then-act).
    func targetBindings(table: NamedTable, service: ProviderService, resource: Resource, parameterNames: Set<String>,
                        whereClause: SQLExpression?) throws -> (bindings: [String: [String]], others: [SQLExpression]) {
        let conjuncts = whereClause?.conjuncts ?? []
        let reference = ResourceReference(table: table, conjuncts: conjuncts, core: 0)
        let candidate = Candidate(reference: reference, service: service, resource: resource,
                                  propertyNames: Set(registry.columns(of: resource, in: service).map(\.name)),
                                  parameterNames: parameterNames)
        var bindings: [String: [String]] = [:]
        var others: [SQLExpression] = []
        for conjunct in conjuncts {
            if let (name, values) = try literalBinding(conjunct, of: 0, candidates: [candidate]) {
                bindings[name, default: []].appendDistinct(values)
            } else {
                others.append(conjunct)
            }
        }
        return (bindings, others)
    }

    // MARK: Conditions

    /// Which reference of `core` a column names: by qualifier, or the one reference that has the bare name.
    enum Resolution { case reference(Int), ambiguous([Int]), none }

    func resolve(_ column: ColumnReference, core: Int, candidates: [Candidate]) -> Resolution {
        let inCore = candidates.indices.filter { candidates[$0].reference.core == core }
        let name = column.column.name
        switch column.qualifier.count {
        case 0:
            let owners = inCore.filter { candidates[$0].hasColumn(name) }
            if owners.count == 1 { return .reference(owners[0]) }
            return owners.isEmpty ? .none : .ambiguous(owners)
        case 1:
            let qualifier = column.qualifier[0]
            let owners = inCore.filter { qualifier.matches(candidates[$0].reference.exposedName) }
            return owners.count == 1 ? .reference(owners[0]) : .none
        default:
            let written = column.qualifier.map { $0.name.lowercased() }
            let owners = inCore.filter { index in
                let table = candidates[index].reference.table
                return table.alias == nil && table.name.parts.map { $0.name.lowercased() } == written
            }
            return owners.count == 1 ? .reference(owners[0]) : .none
        }
    }

    /// The parameter of candidate `index` a column expression names, if any; throws when a bare name that is a
    /// parameter belongs to several references.
    func parameter(_ expression: SQLExpression, of index: Int, candidates: [Candidate]) throws -> String? {
        guard case .column(let column) = expression else { return nil }
        switch resolve(column, core: candidates[index].reference.core, candidates: candidates) {
        case .reference(let owner):
            guard owner == index else { return nil }
            return candidates[index].parameterNames.first { column.column.matches($0) }
        case .ambiguous(let owners):
            guard owners.contains(index), candidates[index].parameterNames.contains(where: { column.column.matches($0) }) else { return nil }
            let names = owners.map { candidates[$0].reference.displayName }
            let example = candidates[owners[0]].reference.exposedName
            throw PlanError(.ambiguousColumn, "the column \(column.column.name) is ambiguous: \(names.joined(separator: " and ")) all have it; qualify it, e.g. \(example).\(column.column.name)")
        case .none:
            return dottedParameter(column, of: index, candidates: candidates)
        }
    }

    /// A nested query parameter of Google's written as a qualified name (`currentDocument.exists`,
    /// `updateMask.fieldPaths`), when its first part names no reference and exactly one reference of the core
    /// (this one) has the parameter.
    func dottedParameter(_ column: ColumnReference, of index: Int, candidates: [Candidate]) -> String? {
        guard column.qualifier.count == 1, !column.qualifier[0].quoted, !column.column.quoted else { return nil }
        let dotted = (column.qualifier[0].name + "." + column.column.name).lowercased()
        let core = candidates[index].reference.core
        let owners = candidates.indices.filter { other in
            candidates[other].reference.core == core
                && candidates[other].parameterNames.contains { $0.lowercased() == dotted }
        }
        guard owners == [index] else { return nil }
        return candidates[index].parameterNames.first { $0.lowercased() == dotted }
    }

    func classifyConditions(of index: Int, in candidates: inout [Candidate], all references: [ResourceReference]) throws {
        let reference = candidates[index].reference
        for conjunct in reference.conjuncts {
            let origin = SQLPrinter.print(conjunct)
            if let (name, values) = try literalBinding(conjunct, of: index, candidates: candidates) {
                var existing = candidates[index].literals[name] ?? ([], origin)
                existing.values.appendDistinct(values)
                if existing.origin != origin, !existing.origin.contains(origin) { existing.origin += " AND " + origin }
                candidates[index].literals[name] = existing
                continue
            }
            if case .binary(.equal, let lhs, let rhs, _) = conjunct {
                for (mine, theirs) in [(lhs, rhs), (rhs, lhs)] {
                    guard let name = try parameter(mine, of: index, candidates: candidates),
                          case .column(let other) = theirs,
                          case .reference(let source) = resolve(other, core: reference.core, candidates: candidates),
                          source != index else { continue }
                    let column = candidates[source].propertyNames.first { other.column.matches($0) }
                        ?? candidates[source].parameterNames.first { other.column.matches($0) } ?? other.column.name
                    candidates[index].edges.append((name, source, column, origin))
                }
                continue
            }
            if case .inSelect(let lhs, let subquery, negated: false, _) = conjunct,
               let name = try parameter(lhs, of: index, candidates: candidates),
               let (source, column) = subquerySource(subquery, candidates: candidates) {
                candidates[index].edges.append((name, source, column, origin))
                continue
            }
            if isLocal(conjunct, to: index, candidates: candidates) {
                candidates[index].localPredicates.append(conjunct)
            }
        }
        // Conditions that bind literals are local predicates too: they select this reference's rows.
        for conjunct in reference.conjuncts where isLocal(conjunct, to: index, candidates: candidates) {
            if !candidates[index].localPredicates.contains(conjunct) { candidates[index].localPredicates.append(conjunct) }
        }
    }

    /// `p = v`, `v = p`, `p IN (v, …)`, `(p = a OR p = b)` with literal or constant values.
    func literalBinding(_ conjunct: SQLExpression, of index: Int, candidates: [Candidate]) throws -> (String, [String])? {
        switch conjunct {
        case .binary(.equal, let lhs, let rhs, _):
            if let name = try parameter(lhs, of: index, candidates: candidates), let value = value(rhs) { return (name, [value]) }
            if let name = try parameter(rhs, of: index, candidates: candidates), let value = value(lhs) { return (name, [value]) }
            return nil
        case .inList(let lhs, let items, negated: false, _):
            guard let name = try parameter(lhs, of: index, candidates: candidates), !items.isEmpty else { return nil }
            let values = items.compactMap(value)
            return values.count == items.count ? (name, values) : nil
        case .binary(.or, _, _, _):
            var name: String?
            var values: [String] = []
            for disjunct in conjunct.disjuncts {
                guard let (n, v) = try literalBinding(disjunct, of: index, candidates: candidates),
                      name == nil || name == n else { return nil }
                name = n
                values += v
            }
            return name.map { ($0, values) }
        default:
            return nil
        }
    }

    /// The text a value is sent as: a literal as written, or a constant expression's value.
    func value(_ expression: SQLExpression) -> String? {
        if let constant = constants[expression.range] { return constant }
        guard case .literal(let literal, let range) = expression else { return nil }
        switch literal {
        case .string(let s): return s
        case .integer, .real:
            if let source, range.end <= source.count, range.start < range.end {
                return String(decoding: source[range.start..<range.end], as: UTF8.self)
            }
            if case .integer(let i) = literal { return String(i) }
            if case .real(let d) = literal { return "\(d)" }
            return nil
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// True for a literal a parameter can take: a string, number or boolean.
    static func isLiteral(_ expression: SQLExpression) -> Bool {
        guard case .literal(let literal, _) = expression else { return false }
        switch literal {
        case .string, .integer, .real, .bool: return true
        default: return false
        }
    }

    /// `SELECT column FROM provider.service.resource …`: the inner reference and the column it selects.
    func subquerySource(_ subquery: SelectStatement, candidates: [Candidate]) -> (Int, String)? {
        guard subquery.compounds.isEmpty, case .select(let core) = subquery.first, core.columns.count == 1,
              case .expression(.column(let column), _, _) = core.columns[0] else { return nil }
        let tables = Set((core.from?.allTables ?? []).compactMap { table -> SourceRange? in
            if case .named(let named) = table { return named.id }
            return nil
        })
        guard let inner = candidates.indices.first(where: { tables.contains(candidates[$0].reference.table.id) }) else { return nil }
        guard case .reference(let source) = resolve(column, core: candidates[inner].reference.core, candidates: candidates) else { return nil }
        let name = candidates[source].propertyNames.first { column.column.matches($0) }
            ?? candidates[source].parameterNames.first { column.column.matches($0) } ?? column.column.name
        return (source, name)
    }

    /// True when every column of `expression` is this reference's and it has no subquery or bind parameter.
    func isLocal(_ expression: SQLExpression, to index: Int, candidates: [Candidate]) -> Bool {
        var local = true
        var sawColumn = false
        func visit(_ e: SQLExpression) {
            guard local else { return }
            switch e {
            case .column(let column):
                sawColumn = true
                guard column.qualifier.count <= 1,
                      case .reference(let owner) = resolve(column, core: candidates[index].reference.core, candidates: candidates),
                      owner == index else { local = false; return }
            case .parameter, .exists, .subquery, .inSelect, .inTable:
                local = false
            default:
                break
            }
            for child in e.children { visit(child) }
        }
        visit(expression)
        return local && sawColumn
    }

    /// `j.projectsId = s.projectsId` with `s.projectsId = 'demo'`: j gets 'demo' too, without waiting for s —
    /// but only when every column j reads from s is such a literal; otherwise j reads them all from s's rows, as
    /// tuples, which is exact where literals would multiply.
    func propagateLiterals(_ candidates: inout [Candidate]) {
        var changed = true
        while changed {
            changed = false
            for index in candidates.indices {
                let open = candidates[index].edges.filter { candidates[index].literals[$0.parameter] == nil }
                for source in Set(open.map(\.reference)) {
                    let edges = open.filter { $0.reference == source }
                    let literals = edges.compactMap { edge -> (String, (values: [String], origin: String))? in
                        guard candidates[source].parameterNames.contains(edge.column),
                              let literal = candidates[source].literals[edge.column] else { return nil }
                        return (edge.parameter, (literal.values, "\(edge.origin) (\(literal.origin))"))
                    }
                    guard literals.count == edges.count else { continue }
                    for (parameter, literal) in literals where candidates[index].literals[parameter] == nil {
                        candidates[index].literals[parameter] = literal
                        changed = true
                    }
                }
            }
        }
    }

    // MARK: Methods and order

    struct Choice {
        var method: Method
        var bindings: [ParameterBinding]
        var dependencies: [Int] { ParameterBinding.sources(of: bindings) }
    }

    /// The most specific method each reference's literals allow; when they do not suffice, the one its column
    /// bindings allow too, each missing required parameter taken from another reference's rows.
    ///
    /// Methods that take the same parameters (a resource's `get` and a `:fetch` beside it) are told apart by the
    /// columns the statement reads (`columnNames`, lower-cased): the one whose response has more of them.
    func chooseMethods(_ candidates: [Candidate], reading columnNames: Set<String> = []) throws -> [Choice] {
        try candidates.indices.map { index in
            let candidate = candidates[index]
            func readable(_ method: Method) -> Int {
                guard !columnNames.isEmpty else { return 0 }
                return registry.columns(of: candidate.resource, in: candidate.service, method: method)
                    .count { columnNames.contains($0.name.lowercased()) }
            }
            let literalNames = Set(candidate.literals.keys)
            func literalBindings(for method: Method) -> [ParameterBinding] {
                method.parameters.compactMap { parameter in
                    candidate.literals[parameter.name].map {
                        ParameterBinding(parameter: parameter.name, source: .literals($0.values), origin: $0.origin)
                    }
                }
            }
            if let method = try? MethodSelector.choose(resource: candidate.resource, bound: literalNames, preference: readable) {
                return Choice(method: method, bindings: literalBindings(for: method))
            }
            let edgeNames = Set(candidate.edges.filter { edge in
                candidates[edge.reference].hasColumn(edge.column)
            }.map(\.parameter))
            let method = try MethodSelector.choose(resource: candidate.resource, bound: literalNames.union(edgeNames),
                                                   preference: readable)
            var bindings = literalBindings(for: method)
            for parameter in method.requiredParameters where candidate.literals[parameter.name] == nil {
                guard let edge = candidate.edges.first(where: { $0.parameter == parameter.name && candidates[$0.reference].hasColumn($0.column) }) else { continue }
                bindings.append(ParameterBinding(parameter: parameter.name,
                                                 source: .column(reference: edge.reference, column: edge.column),
                                                 origin: edge.origin))
            }
            let order = method.parameters.map(\.name)
            bindings.sort { (order.firstIndex(of: $0.parameter) ?? 0) < (order.firstIndex(of: $1.parameter) ?? 0) }
            return Choice(method: method, bindings: bindings)
        }
    }

    /// References ordered so that each comes after the ones it reads; a cycle is an error naming its members.
    func topologicalOrder(_ dependencies: [[Int]], candidates: [Candidate]) throws -> [Int] {
        var order: [Int] = []
        var state = [Int](repeating: 0, count: dependencies.count)   // 0 new, 1 visiting, 2 done
        func visit(_ index: Int, path: [Int]) throws {
            if state[index] == 2 { return }
            if state[index] == 1 {
                let cycle = (path.drop { $0 != index } + [index]).map { candidates[$0].reference.displayName }
                throw PlanError(.dependencyCycle, "the parameters of these resources depend on each other in a circle: \(cycle.joined(separator: " → ")); bind one of them with a literal (WHERE … = '…')")
            }
            state[index] = 1
            for dependency in dependencies[index] { try visit(dependency, path: path + [index]) }
            state[index] = 2
            order.append(index)
        }
        for index in dependencies.indices { try visit(index, path: []) }
        return order
    }
}

extension SQLExpression {
    /// The operands of a chain of ORs (the expression itself when it is not an OR).
    var disjuncts: [SQLExpression] { operands(of: .or) }
}
