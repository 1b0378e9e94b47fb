import StackQSyntax

/// Where one parameter of a planned reference gets its values.
enum BindingSource: Sendable, Hashable {
    /// Values written in the statement: `=`, `IN (…)`, `OR`-ed equalities, constant expressions.
    case literals([String])
    /// The distinct values of a column of another reference, after that reference's own local predicates
    /// (`JOIN … ON s.projectsId = p.projectId`, `projectsId IN (SELECT projectId FROM …)`).
    case column(reference: Int, column: String)
}

/// A parameter binding and the condition it came from.
struct ParameterBinding: Sendable, Hashable {
    var parameter: String
    var source: BindingSource
    /// The condition as written, for EXPLAIN (`s.locationsId = 'us-central1'`).
    var origin: String

    /// The references the bindings read, each once, in the order they first appear.
    static func sources(of bindings: [ParameterBinding]) -> [Int] {
        var seen: [Int] = []
        for case .column(let reference, _) in bindings.map(\.source) where !seen.contains(reference) {
            seen.append(reference)
        }
        return seen
    }
}

/// One resource reference of a statement, planned: its method, its bindings, and the table its rows go to.
struct PlannedReference: Sendable {
    /// Its position in ``QueryPlan/references``.
    var index: Int
    /// `google.dataproc.sessions AS s`.
    var displayName: String
    /// The alias, or the last part of the name: what the table is called in the SQL.
    var exposedName: String
    var service: ProviderService
    var resource: Resource
    var method: Method
    var table: TableSpec
    /// In the method's parameter order.
    var bindings: [ParameterBinding]
    /// The conditions of this reference's own SELECT core that only read its columns; they select which of its
    /// rows feed the references that depend on it.
    var localPredicates: [SQLExpression]
    /// The top-level members of the rows the statement reads, asked for with Google's `fields`; nil for whole
    /// rows (see ``ResponseFields``).
    var responseFields: [String]? = nil

    /// The `fields` its calls send (`sessions(name,state),nextPageToken`): for a Google GET that reads only some
    /// members, unless the statement binds `fields` itself; nil otherwise.
    var fields: String? {
        guard let members = responseFields, service.provider == "google", method.httpMethod.uppercased() == "GET",
              !bindings.contains(where: { $0.parameter == "fields" }) else { return nil }
        return ResponseFields.parameterValue(members: members, method: method)
    }

    /// The references whose rows this one's parameters come from.
    var dependencies: [Int] { ParameterBinding.sources(of: bindings) }

    /// The number of calls when every binding is literal, `Int.max` when it is more than that; nil when it
    /// depends on other references' rows.
    var literalCallCount: Int? {
        var count = 1
        for binding in bindings {
            guard case .literals(let values) = binding.source else { return nil }
            count = count.saturatingMultiplied(by: max(values.count, 1))
        }
        return count
    }
}

/// A SELECT (or the SELECT part of a mutation), planned: the references in the order they can run, and the SQL
/// SQLite answers with once their tables are filled.
struct QueryPlan: Sendable {
    /// The references; a reference's dependencies always come before it.
    var references: [PlannedReference]
    /// The statement rewritten for SQLite, with each resource replaced by its table.
    var sql: String

    /// The stage of each reference: 1 for those that depend on nothing, else one more than their deepest dependency.
    var stages: [Int] {
        var stage: [Int] = []
        for reference in references {
            stage.append(1 + (reference.dependencies.map { stage[$0] }.max() ?? 0))
        }
        return stage
    }

    var tables: [TableSpec] { references.map(\.table) }
}
