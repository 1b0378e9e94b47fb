/// Expressions, by precedence climbing over SQLite's operator levels.
extension StatementParser {
    mutating func parseExpression() throws(SyntaxError) -> SQLExpression {
        try parseExpression(.or)
    }

    /// Parses an expression whose operators all bind at least as tightly as `minimum`.
    mutating func parseExpression(_ minimum: Precedence) throws(SyntaxError) -> SQLExpression {
        try nested { (parser: inout StatementParser) throws(SyntaxError) -> SQLExpression in
            try parser.parseOperators(minimum)
        }
    }

    /// Parses a prefix expression and the operators that follow it.
    ///
    /// A flat chain `a OR b OR …` or `1 + 1 + …` is not nesting: the parser does not recurse
    /// along it, so it does not count towards ``Parser/maximumNestingDepth``. The tree it builds
    /// is as deep as the chain is long, though, and whatever walks the tree recurses along it;
    /// so the operator height of every tree is kept (``operatorHeightMark``) and bounded by
    /// ``Parser/maximumExpressionHeight``, SQLite's own limit.
    private mutating func parseOperators(_ minimum: Precedence) throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        let outerMark = operatorHeightMark
        operatorHeightMark = 0
        var lhs = try parsePrefix()
        var height = operatorHeightMark
        defer { operatorHeightMark = max(outerMark, height) }
        while true {
            let operatorToken = current
            if let (op, length) = binaryOperator() {
                guard op.precedence >= minimum else { break }
                for _ in 0..<length { advance() }
                operatorHeightMark = 0
                let rhs = try parseExpression(op.precedence.next)
                height = try raise(height, over: operatorHeightMark, at: operatorToken)
                lhs = .binary(op, lhs, rhs, range(from: start))
                continue
            }
            if at(.collate) {
                guard Precedence.collate >= minimum else { break }
                advance()
                let name = try parseCollationName()
                height = try raise(height, over: 0, at: operatorToken)
                lhs = .collate(lhs, name, range(from: start))
                continue
            }
            guard Precedence.equality >= minimum, atEqualityPostfix else { break }
            operatorHeightMark = 0
            guard let postfix = try parseEqualityPostfix(lhs, start: start) else { break }
            height = try raise(height, over: operatorHeightMark, at: operatorToken)
            lhs = postfix
        }
        return lhs
    }

    /// The operator height of a node over operands of heights `lhs` and `rhs`, refused beyond
    /// ``Parser/maximumExpressionHeight`` (which counts the leaves too).
    private func raise(_ lhs: Int, over rhs: Int, at token: Token) throws(SyntaxError) -> Int {
        let height = max(lhs, rhs) + 1
        guard height < Parser.maximumExpressionHeight else {
            throw error("expression too large: more than \(Parser.maximumExpressionHeight) levels of operators "
                + "(SQLite's limit); a long list of alternatives reads better as IN (…)", at: token)
        }
        return height
    }

    mutating func parseCollationName() throws(SyntaxError) -> Identifier {
        if at(.string) { return identifier(from: advance()) }
        guard current.kind == .word || current.kind == .quotedIdentifier else {
            throw expected("a collation name")
        }
        return identifier(from: advance())
    }

    /// The binary operator at the cursor and how many tokens spell it.
    private func binaryOperator() -> (BinaryOperator, Int)? {
        switch current.kind {
        case .equal, .doubleEqual: return (.equal, 1)
        case .notEqual, .lessGreater: return (.notEqual, 1)
        case .less: return (.less, 1)
        case .lessEqual: return (.lessEqual, 1)
        case .greater: return (.greater, 1)
        case .greaterEqual: return (.greaterEqual, 1)
        case .ampersand: return (.bitAnd, 1)
        case .pipe: return (.bitOr, 1)
        case .shiftLeft: return (.shiftLeft, 1)
        case .shiftRight: return (.shiftRight, 1)
        case .plus: return (.add, 1)
        case .minus: return (.subtract, 1)
        case .star: return (.multiply, 1)
        case .slash: return (.divide, 1)
        case .percent: return (.modulo, 1)
        case .concat: return (.concat, 1)
        case .arrow: return (.extract, 1)
        case .doubleArrow: return (.extractValue, 1)
        case .word:
            switch current.keyword {
            case .or: return (.or, 1)
            case .and: return (.and, 1)
            case .is:
                var length = 1
                var negated = false
                if peek(length).kind == .word, peek(length).keyword == .not {
                    negated = true
                    length += 1
                }
                if peek(length).kind == .word, peek(length).keyword == .distinct,
                   peek(length + 1).kind == .word, peek(length + 1).keyword == .from {
                    return (negated ? .isNotDistinctFrom : .isDistinctFrom, length + 2)
                }
                return (negated ? .isNot : .is, length)
            default: return nil
            }
        default: return nil
        }
    }

    private var atEqualityPostfix: Bool {
        guard current.kind == .word, let keyword = current.keyword else { return false }
        switch keyword {
        case .isnull, .notnull, .in, .like, .glob, .regexp, .match, .between: return true
        case .not:
            guard peek().kind == .word, let next = peek().keyword else { return false }
            switch next {
            case .null, .in, .like, .glob, .regexp, .match, .between: return true
            default: return false
            }
        default: return false
        }
    }

    /// `[NOT] IN|LIKE|GLOB|REGEXP|MATCH|BETWEEN …`, `ISNULL`, `NOTNULL`, `NOT NULL`.
    private mutating func parseEqualityPostfix(_ lhs: SQLExpression, start: Int) throws(SyntaxError) -> SQLExpression? {
        guard current.kind == .word, let keyword = current.keyword else { return nil }
        var negated = false
        var operatorKeyword = keyword
        switch keyword {
        case .isnull:
            advance()
            return .isNull(lhs, negated: false, range(from: start))
        case .notnull:
            advance()
            return .isNull(lhs, negated: true, range(from: start))
        case .not:
            let next = peek()
            guard next.kind == .word, let nextKeyword = next.keyword else { return nil }
            switch nextKeyword {
            case .null:
                advance()
                advance()
                return .isNull(lhs, negated: true, range(from: start))
            case .in, .like, .glob, .regexp, .match, .between:
                advance()
                negated = true
                operatorKeyword = nextKeyword
            default:
                return nil
            }
        case .in, .like, .glob, .regexp, .match, .between:
            break
        default:
            return nil
        }
        advance()
        switch operatorKeyword {
        case .in:
            return try parseInRest(lhs, negated: negated, start: start)
        case .between:
            let low = try parseExpression(.equality)
            try expect(.and)
            let high = try parseExpression(.comparison)
            return .between(lhs, low: low, high: high, negated: negated, range(from: start))
        default:
            let op: PatternOperator = switch operatorKeyword {
            case .like: .like
            case .glob: .glob
            case .regexp: .regexp
            default: .match
            }
            let pattern = try parseExpression(.comparison)
            var escape: SQLExpression?
            if consume(.escape) != nil { escape = try parseExpression(.comparison) }
            return .pattern(op, lhs, pattern: pattern, escape: escape, negated: negated, range(from: start))
        }
    }

    private mutating func parseInRest(_ lhs: SQLExpression, negated: Bool, start: Int) throws(SyntaxError) -> SQLExpression {
        if consume(.leftParen) != nil {
            if atSubqueryStart {
                let select = try parseSelectStatement()
                try expect(.rightParen, "')'")
                return .inSelect(lhs, select, negated: negated, range(from: start))
            }
            var items: [SQLExpression] = []
            if !at(.rightParen) {
                items = try parseExpressionList()
            }
            try expect(.rightParen, "')'")
            return .inList(lhs, items, negated: negated, range(from: start))
        }
        guard atIdentifier else { throw expected("'(' or a table name after IN") }
        let name = try parseQualifiedName("a table name", maxParts: 3)
        var arguments: [SQLExpression]?
        if consume(.leftParen) != nil {
            arguments = at(.rightParen) ? [] : try parseExpressionList()
            try expect(.rightParen, "')'")
        }
        return .inTable(lhs, name, arguments: arguments, negated: negated, range(from: start))
    }

    mutating func parseExpressionList() throws(SyntaxError) -> [SQLExpression] {
        var items = [try parseExpression()]
        while consume(.comma) != nil { items.append(try parseExpression()) }
        return items
    }

    private mutating func parsePrefix() throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        let op: UnaryOperator
        switch current.kind {
        case .minus: op = .negate
        case .plus: op = .plus
        case .tilde: op = .bitNot
        case .word where current.keyword == .not: op = .not
        default: return try parsePrimary()
        }
        advance()
        // `-1` becomes the literal −1, so a planner sees `x = -1` as a constant. Unary minus
        // binds tighter than every binary operator, so folding keeps the meaning.
        if op == .negate, at(.integer), text(current) == "9223372036854775808" {
            advance()
            return .literal(.integer(Int64.min), range(from: start))
        }
        let operand = try parseExpression(op == .not ? .not : .unary)
        if op == .negate, case .literal(let value, _) = operand {
            switch value {
            case .integer(let n) where n != Int64.min: return .literal(.integer(-n), range(from: start))
            case .integer(let n): return .literal(.real(-Double(n)), range(from: start))
            case .real(let x): return .literal(.real(-x), range(from: start))
            default: break
            }
        }
        return .unary(op, operand, range(from: start))
    }

    private mutating func parsePrimary() throws(SyntaxError) -> SQLExpression {
        let token = current
        let start = token.range.start
        switch token.kind {
        case .integer, .real, .string, .blob:
            advance()
            return .literal(try literal(from: token), token.range)
        case .parameter:
            advance()
            return .parameter(text(token), token.range)
        case .leftParen:
            advance()
            if atSubqueryStart {
                let select = try parseSelectStatement()
                try expect(.rightParen, "')'")
                return .subquery(select, range(from: start))
            }
            let items = try parseExpressionList()
            try expect(.rightParen, "')' or ','")
            return items.count == 1 ? items[0] : .row(items, range(from: start))
        case .quotedIdentifier:
            if peek().kind == .leftParen { return try parseFunctionCall() }
            return try parseColumnReference()
        case .word:
            switch token.keyword {
            case .null?:
                advance()
                return .literal(.null, token.range)
            case .true?:
                advance()
                return .literal(.bool(true), token.range)
            case .false?:
                advance()
                return .literal(.bool(false), token.range)
            case .currentDate?:
                advance()
                return .literal(.currentDate, token.range)
            case .currentTime?:
                advance()
                return .literal(.currentTime, token.range)
            case .currentTimestamp?:
                advance()
                return .literal(.currentTimestamp, token.range)
            case .case?:
                return try parseCase()
            case .cast?:
                return try parseCast()
            case .exists?:
                advance()
                try expect(.leftParen, "'(' after EXISTS")
                let select = try parseSelectStatement()
                try expect(.rightParen, "')'")
                return .exists(select, range(from: start))
            case .like?, .glob?, .regexp?, .match?:
                if peek().kind == .leftParen { return try parseFunctionCall() }
            default:
                break
            }
            if atKeywordColumnName { return try parseColumnReference() }
            guard atIdentifier else { break }
            if peek().kind == .leftParen { return try parseFunctionCall() }
            return try parseColumnReference()
        default:
            break
        }
        throw expected("an expression")
    }

    private mutating func parseColumnReference() throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        var parts = [try parseColumnName("a column name")]
        while at(.dot), parts.count < 4 {
            advance()
            parts.append(try parseNameAfterDot())
        }
        let column = parts.removeLast()
        return .column(ColumnReference(qualifier: parts, column: column, range: range(from: start)))
    }

    func literal(from token: Token) throws(SyntaxError) -> Literal {
        switch token.kind {
        case .string:
            return .string(stringValue(token))
        case .blob:
            var blob: [UInt8] = []
            let digits = bytes[(token.range.start + 2)..<(token.range.end - 1)]
            blob.reserveCapacity(digits.count / 2)
            var high: UInt8?
            for digit in digits {
                let value = digit <= UInt8(ascii: "9") ? digit - UInt8(ascii: "0") : (digit | 0x20) - UInt8(ascii: "a") + 10
                if let h = high {
                    blob.append(h << 4 | value)
                    high = nil
                } else {
                    high = value
                }
            }
            return .blob(blob)
        case .integer:
            let spelling = text(token)
            if spelling.count > 2, spelling.utf8.dropFirst().first.map({ $0 | 0x20 == UInt8(ascii: "x") }) == true {
                let digits = spelling.dropFirst(2).drop { $0 == "0" }
                guard digits.count <= 16, let value = UInt64(digits.isEmpty ? "0" : String(digits), radix: 16) else {
                    throw error("hexadecimal literal too big", at: token)
                }
                return .integer(Int64(bitPattern: value))
            }
            if let value = Int64(spelling) { return .integer(value) }
            return .real(Double(spelling) ?? .infinity)
        default:
            var spelling = text(token)
            if spelling.hasPrefix(".") { spelling = "0" + spelling }
            spelling = spelling.replacingDotBeforeExponent()
            guard let value = Double(spelling) else { throw error("malformed number", at: token) }
            return .real(value)
        }
    }

    private mutating func parseFunctionCall() throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        let name = identifier(from: advance())
        try expect(.leftParen, "'('")
        var call = FunctionCall(name: name, star: false, distinct: false, arguments: [], orderBy: [],
                                filter: nil, over: nil, range: name.range)
        if consume(.star) != nil {
            call.star = true
        } else if !at(.rightParen) {
            if consume(.distinct) != nil {
                call.distinct = true
            } else {
                _ = consume(.all)
            }
            call.arguments = try parseExpressionList()
            if at(.order) {
                advance()
                try expect(.by)
                call.orderBy = try parseOrderingTerms()
            }
        }
        try expect(.rightParen, "')'")
        if at(.filter), peek().kind == .leftParen {
            advance()
            advance()
            try expect(.where)
            call.filter = try parseExpression()
            try expect(.rightParen, "')'")
        }
        if consume(.over) != nil {
            if at(.leftParen) {
                call.over = .spec(try parseWindowSpec())
            } else {
                call.over = .name(try parseIdentifier("a window name or '(' after OVER"))
            }
        }
        call.range = range(from: start)
        return .function(call)
    }

    private mutating func parseCase() throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        advance()
        var base: SQLExpression?
        if !at(.when) { base = try parseExpression() }
        var whens: [WhenClause] = []
        while at(.when) {
            let whenStart = current.range.start
            advance()
            let condition = try parseExpression()
            try expect(.then)
            let result = try parseExpression()
            whens.append(WhenClause(condition: condition, result: result, range: range(from: whenStart)))
        }
        guard !whens.isEmpty else { throw expected("WHEN") }
        var elseResult: SQLExpression?
        if consume(.else) != nil { elseResult = try parseExpression() }
        try expect(.end)
        return .caseWhen(CaseExpression(base: base, whens: whens, elseResult: elseResult, range: range(from: start)))
    }

    private mutating func parseCast() throws(SyntaxError) -> SQLExpression {
        let start = current.range.start
        advance()
        try expect(.leftParen, "'(' after CAST")
        let value = try parseExpression()
        try expect(.as)
        let typeStart = current.range.start
        var words: [String] = []
        while current.kind == .word || current.kind == .quotedIdentifier {
            words.append(text(advance()))
        }
        guard !words.isEmpty else { throw expected("a type name") }
        var arguments: [String] = []
        if consume(.leftParen) != nil {
            repeat {
                let signStart = current.range.start
                if at(.minus) || at(.plus) { advance() }
                guard at(.integer) || at(.real) else { throw expected("a number") }
                advance()
                arguments.append(String(decoding: bytes[signStart..<previousEnd], as: UTF8.self)
                    .filter { $0 != " " && $0 != "\t" && $0 != "\n" && $0 != "\r" })
            } while consume(.comma) != nil && arguments.count < 2
            try expect(.rightParen, "')'")
        }
        let type = TypeName(name: words.joined(separator: " "), arguments: arguments, range: range(from: typeStart))
        try expect(.rightParen, "')'")
        return .cast(value, type, range(from: start))
    }
}

extension String {
    /// `1.e5` → `1.0e5`, `1.` → `1.0`: forms SQLite accepts but `Double(_:)` may not.
    func replacingDotBeforeExponent() -> String {
        var result = ""
        var previous: Character?
        for character in self {
            if previous == ".", character == "e" || character == "E" { result.append("0") }
            result.append(character)
            previous = character
        }
        if previous == "." { result.append("0") }
        return result
    }
}
