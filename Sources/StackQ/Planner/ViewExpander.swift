import StackQSyntax

/// Rewrites a SELECT so that every StackQL view it names (a resource with a ``Resource/viewDefinition``) becomes
/// the view's defining SELECT, as a subquery under the view's name; the planner then sees the view's underlying
/// resources like any others.
///
/// ```swift
/// // SELECT formula_name, license FROM homebrew.formula.vw_info WHERE formula_name = 'curl'
/// // becomes
/// // SELECT formula_name, license FROM (SELECT name AS formula_name, …, license FROM homebrew.formula.formula
/// //                                     WHERE formula.formula_name = 'curl') AS vw_info
/// // WHERE formula_name = 'curl'
/// let expanded = try ViewExpander.expand(select) { name in try registry.resource(…).1 }
/// ```
///
/// Parameters reach the view's resources from outside: an outer `column = literal` or `column IN (literals…)`
/// on the view whose column names a parameter of a resource inside the view is carried into the view's WHERE,
/// replacing the view's own binding of that parameter (StackQL's view documents bind one as an example, as
/// homebrew's `WHERE formula_name = 'stackql'` does). The outer condition stays where it was when the view has
/// a column of that name, so SQLite still applies it; otherwise it is removed there (the view has no such
/// column). Views are expanded in FROM clauses, joins, subqueries in FROM and CTE bodies; a view inside an
/// expression subquery (`IN (SELECT … FROM view)`) is not.
enum ViewExpander {
    /// How deeply views may be defined over views.
    static let maximumDepth = 8

    /// The statement with every view in its FROM clauses expanded.
    ///
    /// - Parameters:
    ///   - userViews: the user's views (``CreateViewStatement``) by lowercased name, each its SELECT's text; a
    ///     one-part name in a FROM clause that is one of them is expanded like a registry view.
    ///   - resource: the registry resource a three-part name refers to.
    /// - Throws: ``PlanError`` for a view whose definition is not one SELECT, or views nested too deeply; the
    ///   errors of `resource`.
    static func expand(_ select: SelectStatement, userViews: [String: String] = [:],
                       resource: (QualifiedName) throws -> Resource) throws -> SelectStatement {
        try withoutActuallyEscaping(resource) { lookup in
            var expander = Expansion(lookup: lookup, userViews: userViews, nextOffset: select.range.end + 1)
            return try expander.statement(select, depth: 0)
        }
    }

    /// The SELECT of the user's view `name` (``CreateViewStatement``), parsed so that its source ranges start at
    /// `offset`.
    static func definition(ofUserView name: String, sql: String, offset: Int) throws -> SelectStatement {
        let statement: Statement
        do {
            statement = try Parser.parseStatement(String(repeating: " ", count: offset) + sql)
        } catch {
            throw PlanError(.invalidStatement, "the definition of view \(name) does not parse: \(error)")
        }
        guard case .select(let select) = statement else {
            throw PlanError(.invalidStatement, "the definition of view \(name) is not a SELECT")
        }
        return select
    }

    /// The SELECT a view stands for, parsed so that its source ranges start at `offset` (so the references of
    /// two expansions never share an id).
    static func definition(of view: Resource, offset: Int) throws -> SelectStatement {
        guard let ddl = view.viewDefinition else {
            throw PlanError(.unknownName, "\(view.id) is not a view")
        }
        let statement: Statement
        do {
            statement = try Parser.parseStatement(String(repeating: " ", count: offset) + ddl)
        } catch {
            throw PlanError(.invalidStatement, "the definition of view \(view.id) does not parse: \(error)")
        }
        guard case .select(let select) = statement else {
            throw PlanError(.invalidStatement, "the definition of view \(view.id) is not a SELECT")
        }
        return select
    }

    private struct Expansion {
        let lookup: (QualifiedName) throws -> Resource
        let userViews: [String: String]
        var nextOffset: Int
        /// Where the expanded views stood: a condition carried into a view is carried on into the views it reads.
        var expandedViews: Set<SourceRange> = []
        /// Those of them that are the user's views: a parameter such a view binds itself is its own (the outer
        /// condition then only filters), where a registry view's binding is an example that the outer one replaces.
        var userViewRanges: Set<SourceRange> = []

        mutating func statement(_ select: SelectStatement, depth: Int) throws -> SelectStatement {
            var result = select
            if var with = result.with {
                for index in with.tables.indices {
                    with.tables[index].select = try statement(with.tables[index].select, depth: depth)
                }
                result.with = with
            }
            result.first = try core(result.first, depth: depth)
            for index in result.compounds.indices {
                result.compounds[index].core = try core(result.compounds[index].core, depth: depth)
            }
            return result
        }

        mutating func core(_ core: SelectCore, depth: Int) throws -> SelectCore {
            guard case .select(var simple) = core, let from = simple.from else { return core }
            let conditions = (simple.whereClause?.conjuncts ?? []) + from.allOnConditions
            var removed: [SQLExpression] = []
            simple.from = try join(from, conditions: conditions, removed: &removed, depth: depth)
            if !removed.isEmpty, let whereClause = simple.whereClause {
                simple.whereClause = ViewExpander.conjunction(whereClause.conjuncts.filter { !removed.contains($0) })
            }
            return .select(simple)
        }

        mutating func join(_ clause: JoinClause, conditions: [SQLExpression], removed: inout [SQLExpression],
                           depth: Int) throws -> JoinClause {
            var result = clause
            result.first = try table(clause.first, conditions: conditions, removed: &removed, depth: depth)
            for index in result.joins.indices {
                result.joins[index].table = try table(clause.joins[index].table, conditions: conditions,
                                                      removed: &removed, depth: depth)
            }
            return result
        }

        mutating func table(_ reference: TableReference, conditions: [SQLExpression], removed: inout [SQLExpression],
                            depth: Int) throws -> TableReference {
            switch reference {
            case .named(let named) where named.name.parts.count == 3:
                let resource = try lookup(named.name)
                guard resource.viewDefinition != nil else { return reference }
                guard depth < ViewExpander.maximumDepth else {
                    throw PlanError(.invalidStatement, "view \(resource.id) is defined over views nested more than \(ViewExpander.maximumDepth) deep")
                }
                var body = try ViewExpander.definition(of: resource, offset: nextOffset)
                nextOffset = body.range.end + 1
                body = try statement(body, depth: depth + 1)
                body = try pushDown(conditions, on: named, into: body, keepsOwnBindings: false, removed: &removed)
                expandedViews.insert(named.range)
                return .subquery(body, alias: named.exposedName, named.range)
            case .named(let named) where named.name.parts.count == 1:
                guard let sql = userViews[named.name.last.name.lowercased()] else { return reference }
                guard depth < ViewExpander.maximumDepth else {
                    throw PlanError(.invalidStatement, "view \(named.name.dotted) is defined over views nested more than \(ViewExpander.maximumDepth) deep (does a view read itself?)")
                }
                var body = try ViewExpander.definition(ofUserView: named.name.dotted, sql: sql, offset: nextOffset)
                nextOffset = body.range.end + 1
                body = try statement(body, depth: depth + 1)
                body = try pushDown(conditions, on: named, into: body, keepsOwnBindings: true, removed: &removed)
                expandedViews.insert(named.range)
                userViewRanges.insert(named.range)
                return .subquery(body, alias: named.exposedName, named.range)
            case .named, .function:
                return reference
            case .subquery(let select, let alias, let range):
                return .subquery(try statement(select, depth: depth), alias: alias, range)
            case .parenthesized(let inner, let range):
                return .parenthesized(try join(inner, conditions: conditions, removed: &removed, depth: depth), range)
            }
        }

        /// Carries the outer conditions on `view` that bind a parameter of a resource in `body` into `body`'s
        /// WHERE (replacing the body's own binding of it); adds to `removed` those the view has no column for.
        func pushDown(_ conditions: [SQLExpression], on view: NamedTable, into body: SelectStatement,
                      keepsOwnBindings: Bool, removed: inout [SQLExpression]) throws -> SelectStatement {
            var result = body
            let outputs = ViewExpander.outputNames(of: body)
            for condition in conditions {
                guard let (column, rebuild) = ViewExpander.binding(condition, of: view) else { continue }
                var carried = false
                result.first = try carry(column, rebuild, into: result.first, keepsOwnBindings: keepsOwnBindings,
                                         carried: &carried)
                for index in result.compounds.indices {
                    result.compounds[index].core = try carry(column, rebuild, into: result.compounds[index].core,
                                                             keepsOwnBindings: keepsOwnBindings, carried: &carried)
                }
                if carried, let outputs, !outputs.contains(where: { $0.matches(column) }) {
                    removed.append(condition)
                }
            }
            return result
        }

        /// Puts `column`'s condition into one SELECT core of a view body, on the resource of its FROM that has
        /// a parameter of that name.
        func carry(_ column: String, _ rebuild: (SQLExpression) -> SQLExpression, into core: SelectCore,
                   keepsOwnBindings: Bool, carried: inout Bool) throws -> SelectCore {
            guard case .select(var simple) = core, var from = simple.from else { return core }
            // A view read by this view: the condition goes on down, to the resource that view reads.
            if let carriedInto = try carryIntoViews(column, rebuild, in: from, carried: &carried) {
                from = carriedInto
                simple.from = from
                if carried { return .select(simple) }
            }
            for case .named(let table) in from.allTables where table.name.parts.count == 3 {
                let resource = try lookup(table.name)
                let parameters = Set(resource.methods(for: .select).flatMap { $0.parameters.map(\.name) })
                guard let parameter = parameters.first(where: { Identifier($0).matches(column) }) else { continue }
                let target = SQLExpression.column(ColumnReference(qualifier: [table.exposedName], column: Identifier(parameter),
                                                                  range: table.range))
                let kept = (simple.whereClause?.conjuncts ?? []).filter { conjunct in
                    ViewExpander.binding(conjunct, of: table).map { !Identifier($0.column).matches(parameter) } ?? true
                }
                if keepsOwnBindings, kept.count != (simple.whereClause?.conjuncts ?? []).count { return .select(simple) }
                simple.whereClause = ViewExpander.conjunction(kept + [rebuild(target)])
                carried = true
                return .select(simple)
            }
            return .select(simple)
        }

        /// The FROM clause with `column`'s condition carried into the first expanded view in it that takes it;
        /// nil when none of its tables is an expanded view.
        func carryIntoViews(_ column: String, _ rebuild: (SQLExpression) -> SQLExpression, in from: JoinClause,
                            carried: inout Bool) throws -> JoinClause? {
            func into(_ reference: TableReference) throws -> TableReference {
                guard !carried, case .subquery(var body, let alias, let range) = reference,
                      expandedViews.contains(range) else { return reference }
                let keeps = userViewRanges.contains(range)
                body.first = try carry(column, rebuild, into: body.first, keepsOwnBindings: keeps, carried: &carried)
                for index in body.compounds.indices {
                    body.compounds[index].core = try carry(column, rebuild, into: body.compounds[index].core,
                                                           keepsOwnBindings: keeps, carried: &carried)
                }
                return .subquery(body, alias: alias, range)
            }
            guard !expandedViews.isEmpty else { return nil }
            var result = from
            result.first = try into(from.first)
            for index in result.joins.indices {
                result.joins[index].table = try into(result.joins[index].table)
            }
            return result
        }
    }

    /// For `col = literal`, `literal = col` or `col IN (literals…)` where `col` is unqualified or qualified by
    /// `table`'s exposed name: the column name, and the same condition over another column expression.
    static func binding(_ condition: SQLExpression, of table: NamedTable)
        -> (column: String, rebuild: (SQLExpression) -> SQLExpression)?
    {
        func ours(_ expression: SQLExpression) -> String? {
            guard case .column(let reference) = expression else { return nil }
            switch reference.qualifier.count {
            case 0: return reference.column.name
            case 1: return reference.qualifier[0].matches(table.exposedName.name) ? reference.column.name : nil
            default: return nil
            }
        }
        switch condition {
        case .binary(.equal, let lhs, let rhs, let range):
            if let column = ours(lhs), QueryPlanner.isLiteral(rhs) {
                return (column, { .binary(.equal, $0, rhs, range) })
            }
            if let column = ours(rhs), QueryPlanner.isLiteral(lhs) {
                return (column, { .binary(.equal, $0, lhs, range) })
            }
            return nil
        case .inList(let lhs, let items, negated: false, let range):
            guard let column = ours(lhs), !items.isEmpty,
                  items.allSatisfy(QueryPlanner.isLiteral) else { return nil }
            return (column, { .inList($0, items, negated: false, range) })
        default:
            return nil
        }
    }

    /// The column names a view's SELECT gives (aliases, or the names of bare columns); nil when it has a `*`
    /// or a column whose name SQLite makes up.
    static func outputNames(of body: SelectStatement) -> [Identifier]? {
        guard case .select(let simple) = body.first else { return nil }
        var names: [Identifier] = []
        for column in simple.columns {
            switch column {
            case .expression(_, let alias?, _): names.append(alias)
            case .expression(.column(let reference), nil, _): names.append(reference.column)
            default: return nil
            }
        }
        return names
    }

    /// `a AND b AND …`, or nil for no conditions.
    static func conjunction(_ conditions: [SQLExpression]) -> SQLExpression? {
        guard var result = conditions.first else { return nil }
        for condition in conditions.dropFirst() {
            result = .binary(.and, result, condition, condition.range)
        }
        return result
    }
}
