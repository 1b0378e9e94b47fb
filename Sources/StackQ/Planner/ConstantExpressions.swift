import StackQSyntax

/// The constant expressions a statement binds parameters with (`projectsId = lower('P')`,
/// `locationsId IN ('us-' || 'central1')`): SQLite evaluates them once before planning, so they bind like literals.
enum ConstantExpressions {
    /// Every non-literal constant on the value side of an `=` or `IN` in the conditions of the statement's
    /// SELECT cores.
    static func candidates(in select: SelectStatement) -> [SQLExpression] {
        candidates(in: ResourceReferenceCollector.collect(select).flatMap(\.conjuncts))
    }

    /// The same for a list of AND-ed conditions (a mutation's WHERE).
    static func candidates(in conjuncts: [SQLExpression]) -> [SQLExpression] {
        var found: [SQLExpression] = []
        var seen: Set<SourceRange> = []
        func consider(_ expression: SQLExpression) {
            guard isConstant(expression), !seen.contains(expression.range) else { return }
            if case .literal = expression { return }
            seen.insert(expression.range)
            found.append(expression)
        }
        for conjunct in conjuncts {
            for part in conjunct.disjuncts {
                switch part {
                case .binary(.equal, let lhs, let rhs, _):
                    if case .column = lhs { consider(rhs) }
                    if case .column = rhs { consider(lhs) }
                case .inList(.column, let items, negated: false, _):
                    items.forEach(consider)
                default:
                    break
                }
            }
        }
        return found
    }

    /// True when the expression reads no column, subquery or bind parameter (SQLite can evaluate it alone).
    static func isConstant(_ expression: SQLExpression) -> Bool {
        switch expression {
        case .column, .parameter, .exists, .subquery, .inSelect, .inTable:
            return false
        case .function(let call) where call.over != nil:
            return false
        default:
            return expression.children.allSatisfy(isConstant)
        }
    }
}
