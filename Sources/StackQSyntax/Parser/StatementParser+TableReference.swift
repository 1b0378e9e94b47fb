/// FROM clauses: tables, resources, table-valued functions, subqueries and joins.
extension StatementParser {
    mutating func parseJoinClause() throws(SyntaxError) -> JoinClause {
        let start = current.range.start
        let first = try parseTableReference()
        var joins: [Join] = []
        while true {
            let joinStart = current.range.start
            guard let op = try parseJoinOperator() else { break }
            let table = try parseTableReference()
            var constraint: JoinConstraint?
            if consume(.on) != nil {
                constraint = .on(try parseExpression())
            } else if consume(.using) != nil {
                try expect(.leftParen, "'(' after USING")
                constraint = .using(try parseColumnNameList("a column name"))
                try expect(.rightParen, "')'")
            }
            joins.append(Join(op: op, table: table, constraint: constraint, range: range(from: joinStart)))
        }
        return JoinClause(first: first, joins: joins, range: range(from: start))
    }

    private mutating func parseJoinOperator() throws(SyntaxError) -> JoinOperator? {
        if consume(.comma) != nil { return JoinOperator(kind: .comma) }
        let natural = consume(.natural) != nil
        var outer = false
        let kind: JoinOperator.Kind
        if consume(.join) != nil {
            return JoinOperator(kind: .plain, natural: natural)
        } else if consume(.inner) != nil {
            kind = .inner
        } else if consume(.cross) != nil {
            kind = .cross
        } else if consume(.left) != nil {
            kind = .left
            outer = consume(.outer) != nil
        } else if consume(.right) != nil {
            kind = .right
            outer = consume(.outer) != nil
        } else if consume(.full) != nil {
            kind = .full
            outer = consume(.outer) != nil
        } else {
            if natural { throw expected("JOIN after NATURAL") }
            return nil
        }
        try expect(.join)
        return JoinOperator(kind: kind, natural: natural, outer: outer)
    }

    mutating func parseTableReference() throws(SyntaxError) -> TableReference {
        try nested { (parser: inout StatementParser) throws(SyntaxError) -> TableReference in
            try parser.parseTableReferenceBody()
        }
    }

    private mutating func parseTableReferenceBody() throws(SyntaxError) -> TableReference {
        let start = current.range.start
        if consume(.leftParen) != nil {
            if at(.select) || at(.with) || at(.values) {
                let select = try parseSelectStatement()
                try expect(.rightParen, "')'")
                let alias = try parseOptionalAlias()
                return .subquery(select, alias: alias, range(from: start))
            }
            let join = try parseJoinClause()
            try expect(.rightParen, "')'")
            return .parenthesized(join, range(from: start))
        }
        guard atIdentifier else { throw expected("a table name") }
        let name = try parseQualifiedName("a table name", maxParts: 3)
        if consume(.leftParen) != nil {
            let arguments = at(.rightParen) ? [] : try parseExpressionList()
            try expect(.rightParen, "')'")
            let alias = try parseOptionalAlias()
            return .function(TableFunction(name: name, arguments: arguments, alias: alias, range: range(from: start)))
        }
        let alias = try parseOptionalAlias()
        let hint = try parseIndexHint()
        return .named(NamedTable(name: name, alias: alias, indexHint: hint, range: range(from: start)))
    }

    /// `INDEXED BY name` or `NOT INDEXED`, after a table name and its alias.
    private mutating func parseIndexHint() throws(SyntaxError) -> IndexHint? {
        if consume(.indexed) != nil {
            try expect(.by)
            return .indexedBy(try parseIdentifier("an index name after INDEXED BY"))
        }
        if at(.not, followedBy: .indexed) {
            _ = advance()
            _ = advance()
            return .notIndexed
        }
        return nil
    }
}
