import StackQSyntax

/// EXPLAIN's table: per reference its stage, method, where each parameter comes from, how many calls, and which
/// conditions only SQLite applies, and the `fields` its calls ask for (partial responses); then the SQL SQLite
/// runs. Nothing is sent.
enum PlanExplainer {
    static let columns = ["stage", "reference", "method", "parameters", "calls", "sqlite", "fields"]

    static func rows(_ plan: QueryPlan) -> [[String?]] {
        let stages = plan.stages
        var rows: [[String?]] = []
        for (reference, stage) in zip(plan.references, stages) {
            let bound = Set(reference.bindings.map(\.origin))
            let sqliteOnly = reference.localPredicates.map(SQLPrinter.print).filter { !bound.contains($0) }
            rows.append([String(stage), reference.displayName, reference.method.name,
                         parameters(reference, plan: plan), calls(reference, plan: plan),
                         sqliteOnly.isEmpty ? nil : sqliteOnly.joined(separator: " AND "), reference.fields])
        }
        rows.append([nil, "(result)", nil, nil, nil, plan.sql, nil])
        return rows
    }

    /// A mutation's plan: its read stage (when it has one, as a SELECT's plan) and then its action.
    static func rows(_ plan: MutationPlan) -> [[String?]] {
        var rows = plan.read.map(rows) ?? []
        let stage = (plan.read?.stages.max() ?? 0) + 1
        rows.append([String(stage), plan.resource.id, plan.method.name, plan.explainedParameters, plan.explainedCalls, nil, nil])
        return rows
    }

    /// `projectsId ← p.projectId, locationsId = 'us-central1'`.
    static func parameters(_ reference: PlannedReference, plan: QueryPlan) -> String? {
        let parts = reference.bindings.map { binding -> String in
            switch binding.source {
            case .literals(let values) where values.count == 1:
                return "\(binding.parameter) = \(SQLPrinter.quoteString(values[0]))"
            case .literals(let values):
                return "\(binding.parameter) IN (\(values.map(SQLPrinter.quoteString).joined(separator: ", ")))"
            case .column(let source, let column):
                return "\(binding.parameter) ← \(plan.references[source].exposedName).\(column)"
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// `2`, or `one per distinct p.projectId` (`× 2` when literals multiply it).
    static func calls(_ reference: PlannedReference, plan: QueryPlan) -> String {
        if let count = reference.literalCallCount { return count.saturatedDescription }
        var literalCount = 1
        var sources: [String] = []
        var grouped: [Int: [String]] = [:]
        var order: [Int] = []
        for binding in reference.bindings {
            switch binding.source {
            case .literals(let values): literalCount *= max(1, values.count)
            case .column(let source, let column):
                if grouped[source] == nil { order.append(source) }
                grouped[source, default: []].append("\(plan.references[source].exposedName).\(column)")
            }
        }
        for source in order {
            let columns = grouped[source] ?? []
            sources.append(columns.count == 1 ? columns[0] : "(" + columns.joined(separator: ", ") + ")")
        }
        return "one per distinct " + sources.joined(separator: " × ") + (literalCount > 1 ? " × \(literalCount)" : "")
    }
}
