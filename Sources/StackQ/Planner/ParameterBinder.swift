import StackQSyntax

/// Reads parameter values for one resource reference from equality and IN conditions.
///
/// A condition binds `param` of the reference when it is `col = literal`, `literal = col` or
/// `col IN (literal, …)`, and `col` is qualified by the reference's alias (or its name), or is unqualified and no
/// other resource in the same FROM clause has a parameter of that name.
struct ParameterBinder {
    let reference: ResourceReference
    /// Parameter names of this reference's resource.
    let parameterNames: Set<String>
    /// Parameter names of the sibling resources, by sibling id.
    let siblingParameterNames: Set<String>

    /// Values by parameter name, in first-seen order, duplicates removed.
    func bindings() -> [String: [String]] {
        var values: [String: [String]] = [:]
        func add(_ name: String, _ literals: [String]) {
            var list = values[name] ?? []
            for literal in literals where !list.contains(literal) { list.append(literal) }
            values[name] = list
        }
        for conjunct in reference.conjuncts {
            switch conjunct {
            case .binary(.equal, let lhs, let rhs, _):
                if let name = parameter(lhs), let value = ParameterBinder.literalText(rhs) {
                    add(name, [value])
                } else if let name = parameter(rhs), let value = ParameterBinder.literalText(lhs) {
                    add(name, [value])
                }
            case .inList(let lhs, let items, negated: false, _):
                guard let name = parameter(lhs) else { continue }
                let literals = items.compactMap(ParameterBinder.literalText)
                if literals.count == items.count, !literals.isEmpty { add(name, literals) }
            default:
                continue
            }
        }
        return values
    }

    /// The parameter a column expression names, if it refers to this reference.
    func parameter(_ expression: SQLExpression) -> String? {
        guard case .column(let column) = expression else { return nil }
        guard let name = parameterNames.first(where: { column.column.matches($0) }) else { return nil }
        switch column.qualifier.count {
        case 0:
            return siblingParameterNames.contains(name) ? nil : name
        case 1:
            return column.qualifier[0].matches(reference.table.exposedName.name) ? name : nil
        default:
            let written = column.qualifier.map(\.name)
            let ours = reference.table.name.parts.map(\.name)
            return reference.table.alias == nil && written.count == ours.count
                && zip(written, ours).allSatisfy { $0.lowercased() == $1.lowercased() } ? name : nil
        }
    }

    /// The text of a literal as it goes into a URL; nil for anything else (NULL, expressions).
    static func literalText(_ expression: SQLExpression) -> String? {
        guard case .literal(let literal, _) = expression else {
            if case .unary(.negate, .literal(let literal, _), _) = expression {
                switch literal {
                case .integer(let i): return String(-i)
                case .real(let d): return "\(-d)"
                default: return nil
                }
            }
            return nil
        }
        switch literal {
        case .string(let s): return s
        case .integer(let i): return String(i)
        case .real(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}
