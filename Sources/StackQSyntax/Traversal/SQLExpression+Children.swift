/// Navigating expressions.
extension SQLExpression {
    /// The direct sub-expressions (subqueries are not expressions and are not included).
    public var children: [SQLExpression] {
        switch self {
        case .literal, .column, .parameter, .exists, .subquery:
            return []
        case .unary(_, let operand, _), .isNull(let operand, _, _), .collate(let operand, _, _),
             .cast(let operand, _, _), .inSelect(let operand, _, _, _):
            return [operand]
        case .binary(_, let lhs, let rhs, _):
            return [lhs, rhs]
        case .inList(let lhs, let items, _, _):
            return [lhs] + items
        case .inTable(let lhs, _, let arguments, _, _):
            return [lhs] + (arguments ?? [])
        case .between(let lhs, let low, let high, _, _):
            return [lhs, low, high]
        case .pattern(_, let lhs, let pattern, let escape, _, _):
            return [lhs, pattern] + (escape.map { [$0] } ?? [])
        case .caseWhen(let c):
            var result: [SQLExpression] = c.base.map { [$0] } ?? []
            for when in c.whens { result += [when.condition, when.result] }
            if let elseResult = c.elseResult { result.append(elseResult) }
            return result
        case .row(let items, _):
            return items
        case .function(let call):
            return call.arguments + (call.filter.map { [$0] } ?? [])
        }
    }

    /// The operands of a chain of `AND`s (`a AND (b AND c)` → `[a, b, c]`), or `[self]`.
    public var conjuncts: [SQLExpression] { operands(of: .and) }

    /// The operands of a chain of `op` (`a OR (b OR c)` → `[a, b, c]` for `.or`), left to right, or `[self]`.
    ///
    /// Walks the chain without recursion and copies each operand once: a chain of 999 `OR`s (as deep as a
    /// tree gets, ``Parser/maximumExpressionHeight``) costs 999 steps, not half a million.
    public func operands(of op: BinaryOperator) -> [SQLExpression] {
        var operands: [SQLExpression] = []
        var pending = [self]
        while let next = pending.popLast() {
            if case .binary(op, let lhs, let rhs, _) = next {
                pending.append(rhs)
                pending.append(lhs)
            } else {
                operands.append(next)
            }
        }
        return operands
    }
}
