/// Expressions and literals, parenthesized by precedence.
extension SQLWriter {
    mutating func expression(_ e: SQLExpression) {
        expression(e, atLeast: .or)
    }

    static func precedence(of e: SQLExpression) -> Precedence {
        switch e {
        case .binary(let op, _, _, _): op.precedence
        case .unary(.not, _, _): .not
        case .unary: .unary
        case .inList, .inSelect, .inTable, .between, .pattern, .isNull: .equality
        case .collate: .collate
        default: .primary
        }
    }

    /// Writes `e`, in parentheses if it binds less tightly than `minimum`.
    mutating func expression(_ e: SQLExpression, atLeast minimum: Precedence) {
        let parenthesize = Self.precedence(of: e) < minimum
        if parenthesize { output += "(" }
        unparenthesized(e)
        if parenthesize { output += ")" }
    }

    private mutating func unparenthesized(_ e: SQLExpression) {
        switch e {
        case .literal(let literal, _):
            self.literal(literal)
        case .column(let column):
            if let replacement = columnReplacements[column.range] { output += replacement } else { columnReference(column) }
        case .parameter(let spelling, _):
            output += spelling
        case .unary(let op, let operand, _):
            if op == .not {
                output += "NOT "
                expression(operand, atLeast: .not)
            } else {
                output += op.rawValue
                let mark = output.endIndex
                expression(operand, atLeast: .unary)
                if op == .negate, output[mark...].hasPrefix("-") { output.insert(" ", at: mark) }
            }
        case .binary(let op, let lhs, let rhs, _):
            expression(lhs, atLeast: op.precedence)
            output += " " + op.rawValue + " "
            expression(rhs, atLeast: op.precedence.next)
        case .inList(let lhs, let items, let negated, _):
            expression(lhs, atLeast: .equality)
            output += negated ? " NOT IN (" : " IN ("
            list(items) { $0.expression($1) }
            output += ")"
        case .inSelect(let lhs, let select, let negated, _):
            expression(lhs, atLeast: .equality)
            output += negated ? " NOT IN (" : " IN ("
            self.select(select)
            output += ")"
        case .inTable(let lhs, let name, let arguments, let negated, _):
            expression(lhs, atLeast: .equality)
            output += negated ? " NOT IN " : " IN "
            qualifiedName(name)
            if let arguments {
                output += "("
                list(arguments) { $0.expression($1) }
                output += ")"
            }
        case .between(let lhs, let low, let high, let negated, _):
            expression(lhs, atLeast: .equality)
            output += negated ? " NOT BETWEEN " : " BETWEEN "
            expression(low, atLeast: .equality)
            output += " AND "
            expression(high, atLeast: .comparison)
        case .pattern(let op, let lhs, let pattern, let escape, let negated, _):
            expression(lhs, atLeast: .equality)
            output += (negated ? " NOT " : " ") + op.rawValue + " "
            expression(pattern, atLeast: .comparison)
            if let escape {
                output += " ESCAPE "
                expression(escape, atLeast: .comparison)
            }
        case .isNull(let operand, let negated, _):
            expression(operand, atLeast: .equality)
            output += negated ? " NOTNULL" : " ISNULL"
        case .collate(let operand, let name, _):
            expression(operand, atLeast: .collate)
            output += " COLLATE "
            identifier(name)
        case .cast(let operand, let type, _):
            output += "CAST("
            expression(operand)
            output += " AS " + type.name
            if !type.arguments.isEmpty { output += "(" + type.arguments.joined(separator: ", ") + ")" }
            output += ")"
        case .caseWhen(let c):
            output += "CASE"
            if let base = c.base {
                output += " "
                expression(base)
            }
            for when in c.whens {
                output += " WHEN "
                expression(when.condition)
                output += " THEN "
                expression(when.result)
            }
            if let elseResult = c.elseResult {
                output += " ELSE "
                expression(elseResult)
            }
            output += " END"
        case .exists(let select, _):
            output += "EXISTS ("
            self.select(select)
            output += ")"
        case .subquery(let select, _):
            output += "("
            self.select(select)
            output += ")"
        case .row(let items, _):
            output += "("
            list(items) { $0.expression($1) }
            output += ")"
        case .function(let call):
            function(call)
        }
    }

    private mutating func columnReference(_ column: ColumnReference) {
        var qualifier = column.qualifier
        if qualifier.count > 1, !shortenedQualifiers.isEmpty,
           shortenedQualifiers.contains(qualifier.map(\.name).joined(separator: ".").lowercasedASCII) {
            qualifier = [qualifier[qualifier.count - 1]]
        }
        for part in qualifier {
            identifier(part)
            output += "."
        }
        identifier(column.column)
    }

    private mutating func function(_ call: FunctionCall) {
        identifier(call.name)
        output += "("
        if call.star {
            output += "*"
        } else {
            if call.distinct { output += "DISTINCT " }
            list(call.arguments) { $0.expression($1) }
            if !call.orderBy.isEmpty {
                output += " ORDER BY "
                orderingTerms(call.orderBy)
            }
        }
        output += ")"
        if let filter = call.filter {
            output += " FILTER (WHERE "
            expression(filter)
            output += ")"
        }
        switch call.over {
        case .name(let name)?:
            output += " OVER "
            identifier(name)
        case .spec(let spec)?:
            output += " OVER "
            windowSpec(spec)
        case nil:
            break
        }
    }

    /// Writes a literal as it must appear inside an expression.
    mutating func literal(_ literal: Literal) {
        if case .real(let value) = literal, value.isNaN {
            output += "NULL"
        } else {
            output += Self.signedLiteralText(literal)
        }
    }

    /// The literal's text, with a leading `-` for negative numbers (the parser folds `-` into
    /// a following number, so this reads back as the same literal).
    static func signedLiteralText(_ literal: Literal) -> String {
        switch literal {
        case .string(let text): return SQLPrinter.quoteString(text)
        case .integer(let value): return String(value)
        case .real(let value):
            if value.isInfinite { return value < 0 ? "-9e999" : "9e999" }
            return value.description
        case .blob(let bytes):
            let digits: [Character] = Array("0123456789ABCDEF")
            var text = "X'"
            for byte in bytes {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0xF)])
            }
            return text + "'"
        case .null: return "NULL"
        case .bool(let value): return value ? "TRUE" : "FALSE"
        case .currentTime: return "CURRENT_TIME"
        case .currentDate: return "CURRENT_DATE"
        case .currentTimestamp: return "CURRENT_TIMESTAMP"
        }
    }
}
