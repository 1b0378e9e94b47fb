/// SELECT statements: WITH, cores, compounds, ORDER BY, LIMIT, windows.
extension StatementParser {
    mutating func parseSelectStatement() throws(SyntaxError) -> SelectStatement {
        try nested { (parser: inout StatementParser) throws(SyntaxError) -> SelectStatement in
            try parser.parseSelectStatementBody()
        }
    }

    private mutating func parseSelectStatementBody() throws(SyntaxError) -> SelectStatement {
        let start = current.range.start
        let with = at(.with) ? try parseWith() : nil
        let first = try parseSelectCore()
        var compounds: [CompoundPart] = []
        while true {
            let partStart = current.range.start
            let op: CompoundPart.Operator
            if consume(.union) != nil {
                op = consume(.all) != nil ? .unionAll : .union
            } else if consume(.intersect) != nil {
                op = .intersect
            } else if consume(.except) != nil {
                op = .except
            } else {
                break
            }
            let core = try parseSelectCore()
            compounds.append(CompoundPart(op: op, core: core, range: range(from: partStart)))
        }
        var orderBy: [OrderingTerm] = []
        if consume(.order) != nil {
            try expect(.by)
            orderBy = try parseOrderingTerms()
        }
        var limit: LimitClause?
        let limitStart = current.range.start
        if consume(.limit) != nil {
            let first = try parseExpression()
            if consume(.offset) != nil {
                let offset = try parseExpression()
                limit = LimitClause(count: first, offset: offset, range: range(from: limitStart))
            } else if consume(.comma) != nil {
                let count = try parseExpression()
                limit = LimitClause(count: count, offset: first, range: range(from: limitStart))
            } else {
                limit = LimitClause(count: first, offset: nil, range: range(from: limitStart))
            }
        }
        return SelectStatement(with: with, first: first, compounds: compounds, orderBy: orderBy,
                               limit: limit, range: range(from: start))
    }

    private mutating func parseWith() throws(SyntaxError) -> WithClause {
        let start = current.range.start
        try expect(.with)
        let recursive = consume(.recursive) != nil
        var tables: [CommonTableExpression] = []
        repeat {
            let cteStart = current.range.start
            let name = try parseIdentifier("a common table expression name")
            var columns: [Identifier] = []
            if consume(.leftParen) != nil {
                columns = try parseColumnNameList("a column name")
                try expect(.rightParen, "')'")
            }
            try expect(.as)
            var materialization: CommonTableExpression.Materialization?
            if consume(.materialized) != nil {
                materialization = .materialized
            } else if at(.not, followedBy: .materialized) {
                advance()
                advance()
                materialization = .notMaterialized
            }
            try expect(.leftParen, "'(' before the common table expression's SELECT")
            let select = try parseSelectStatement()
            try expect(.rightParen, "')'")
            tables.append(CommonTableExpression(name: name, columns: columns, materialization: materialization,
                                                select: select, range: range(from: cteStart)))
        } while consume(.comma) != nil
        return WithClause(recursive: recursive, tables: tables, range: range(from: start))
    }

    /// A comma-separated list of column names (see ``parseColumnName(_:)``).
    mutating func parseColumnNameList(_ what: String) throws(SyntaxError) -> [Identifier] {
        var names = [try parseColumnName(what)]
        while consume(.comma) != nil { names.append(try parseColumnName(what)) }
        return names
    }

    mutating func parseSelectCore() throws(SyntaxError) -> SelectCore {
        let start = current.range.start
        if consume(.values) != nil {
            var rows: [[SQLExpression]] = []
            repeat {
                try expect(.leftParen, "'(' before a row of VALUES")
                rows.append(try parseExpressionList())
                try expect(.rightParen, "')' or ','")
            } while consume(.comma) != nil
            return .values(rows, range(from: start))
        }
        guard at(.select) else { throw expected("SELECT") }
        advance()
        let hints = parseHints()
        var quantifier: SetQuantifier?
        if consume(.distinct) != nil {
            quantifier = .distinct
        } else if consume(.all) != nil {
            quantifier = .all
        }
        var columns = [try parseResultColumn()]
        while consume(.comma) != nil { columns.append(try parseResultColumn()) }
        var from: JoinClause?
        if consume(.from) != nil { from = try parseJoinClause() }
        var whereClause: SQLExpression?
        if consume(.where) != nil { whereClause = try parseExpression() }
        var groupBy: [SQLExpression] = []
        var having: SQLExpression?
        if consume(.group) != nil {
            try expect(.by)
            groupBy = try parseExpressionList()
        }
        if consume(.having) != nil { having = try parseExpression() }
        var windows: [NamedWindow] = []
        if consume(.window) != nil {
            repeat {
                let windowStart = current.range.start
                let name = try parseIdentifier("a window name")
                try expect(.as)
                let spec = try parseWindowSpec()
                windows.append(NamedWindow(name: name, spec: spec, range: range(from: windowStart)))
            } while consume(.comma) != nil
        }
        return .select(SimpleSelect(hints: hints, quantifier: quantifier, columns: columns, from: from,
                                    whereClause: whereClause, groupBy: groupBy, having: having,
                                    windows: windows, range: range(from: start)))
    }

    mutating func parseResultColumn() throws(SyntaxError) -> ResultColumn {
        let start = current.range.start
        if consume(.star) != nil { return .star(range(from: start)) }
        if atIdentifier {
            var ahead = 0
            while peek(ahead + 1).kind == .dot, ahead < 8 {
                let next = peek(ahead + 2)
                if next.kind == .star {
                    var qualifier: [Identifier] = []
                    for _ in 0...(ahead / 2) {
                        qualifier.append(qualifier.isEmpty ? try parseIdentifier("a table name") : try parseNameAfterDot())
                        advance()
                    }
                    advance()
                    return .tableStar(qualifier, range(from: start))
                }
                guard next.kind == .word || next.kind == .quotedIdentifier else { break }
                ahead += 2
            }
        }
        let expression = try parseExpression()
        let alias = try parseOptionalAlias()
        return .expression(expression, alias: alias, range(from: start))
    }

    mutating func parseOrderingTerms() throws(SyntaxError) -> [OrderingTerm] {
        var terms: [OrderingTerm] = []
        repeat {
            let termStart = current.range.start
            var term = OrderingTerm(expression: try parseExpression(), direction: nil, nulls: nil,
                                    range: SourceRange(start: termStart, end: termStart))
            if consume(.asc) != nil {
                term.direction = .ascending
            } else if consume(.desc) != nil {
                term.direction = .descending
            }
            if consume(.nulls) != nil {
                if consume(.first) != nil {
                    term.nulls = .first
                } else {
                    try expect(.last)
                    term.nulls = .last
                }
            }
            term.range = range(from: termStart)
            terms.append(term)
        } while consume(.comma) != nil
        return terms
    }

    mutating func parseWindowSpec() throws(SyntaxError) -> WindowSpec {
        let start = current.range.start
        try expect(.leftParen, "'(' before a window specification")
        var spec = WindowSpec(base: nil, partitionBy: [], orderBy: [], frame: nil, range: range(from: start))
        if atIdentifier, !at(.partition), !at(.rows), !at(.range), !at(.groups) {
            spec.base = identifier(from: advance())
        }
        if consume(.partition) != nil {
            try expect(.by)
            spec.partitionBy = try parseExpressionList()
        }
        if consume(.order) != nil {
            try expect(.by)
            spec.orderBy = try parseOrderingTerms()
        }
        if at(.rows) || at(.range) || at(.groups) {
            spec.frame = try parseFrame()
        }
        try expect(.rightParen, "')' at the end of the window specification")
        spec.range = range(from: start)
        return spec
    }

    private mutating func parseFrame() throws(SyntaxError) -> FrameSpec {
        let start = current.range.start
        let unit: FrameSpec.Unit = switch advance().keyword {
        case .rows?: .rows
        case .range?: .range
        default: .groups
        }
        var frame: FrameSpec
        if consume(.between) != nil {
            let lower = try parseFrameBound()
            try expect(.and)
            let upper = try parseFrameBound()
            frame = FrameSpec(unit: unit, start: lower, end: upper, exclude: nil, range: range(from: start))
        } else {
            frame = FrameSpec(unit: unit, start: try parseFrameBound(), end: nil, exclude: nil, range: range(from: start))
        }
        if consume(.exclude) != nil {
            if consume(.no) != nil {
                try expect(.others)
                frame.exclude = .noOthers
            } else if consume(.current) != nil {
                try expect(.row)
                frame.exclude = .currentRow
            } else if consume(.group) != nil {
                frame.exclude = .group
            } else if consume(.ties) != nil {
                frame.exclude = .ties
            } else {
                throw expected("NO OTHERS, CURRENT ROW, GROUP or TIES after EXCLUDE")
            }
        }
        frame.range = range(from: start)
        return frame
    }

    private mutating func parseFrameBound() throws(SyntaxError) -> FrameBound {
        if at(.unbounded) {
            advance()
            if consume(.preceding) != nil { return .unboundedPreceding }
            try expect(.following)
            return .unboundedFollowing
        }
        if at(.current, followedBy: .row) {
            advance()
            advance()
            return .currentRow
        }
        let offset = try parseExpression()
        if consume(.preceding) != nil { return .preceding(offset) }
        guard consume(.following) != nil else { throw expected("PRECEDING or FOLLOWING") }
        return .following(offset)
    }
}
