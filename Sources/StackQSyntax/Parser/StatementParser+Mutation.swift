/// INSERT, UPDATE, REPLACE and DELETE on resources.
extension StatementParser {
    mutating func parseInsert() throws(SyntaxError) -> InsertStatement {
        let start = current.range.start
        try expect(.insert)
        let hints = parseHints()
        try expect(.into)
        let table = try parseQualifiedName("a resource name", maxParts: 3)
        var columns: [Identifier] = []
        if consume(.leftParen) != nil {
            columns = [try parseInsertColumnName()]
            while consume(.comma) != nil { columns.append(try parseInsertColumnName()) }
            try expect(.rightParen, "')' or ','")
        }
        guard at(.select) || at(.with) || at(.values) else { throw expected("SELECT or VALUES") }
        let source = try parseSelectStatement()
        let returning = try parseReturning()
        return InsertStatement(hints: hints, table: table, columns: columns, source: source,
                               returning: returning, range: range(from: start))
    }

    /// A column of INSERT's list. A dotted name written without spaces (`encryptionConfig.kmsKeyName`, a nested
    /// query parameter of Google's, as StackQL's docs write it) is one name.
    private mutating func parseInsertColumnName() throws(SyntaxError) -> Identifier {
        var column = try parseColumnName("a column name")
        guard !column.quoted else { return column }
        while at(.dot), current.range.start == previousEnd, peek().kind == .word,
              peek().range.start == current.range.end {
            advance()
            let part = advance()
            column.name += "." + text(part)
            column.range = SourceRange(start: column.range.start, end: part.range.end)
        }
        return column
    }

    /// `UPDATE …` and StackQL's `REPLACE … SET …`, which share one shape.
    mutating func parseUpdate() throws(SyntaxError) -> UpdateStatement {
        let start = current.range.start
        advance()
        let hints = parseHints()
        let table = try parseQualifiedName("a resource name", maxParts: 3)
        let alias = try parseOptionalAlias()
        try expect(.set)
        var assignments: [Assignment] = []
        repeat {
            let column = try parseColumnName("a column name")
            guard consume(.equal) != nil || consume(.doubleEqual) != nil else { throw expected("'='") }
            let value = try parseExpression()
            assignments.append(Assignment(column: column, value: value,
                                          range: SourceRange(start: column.range.start, end: previousEnd)))
        } while consume(.comma) != nil
        var whereClause: SQLExpression?
        if consume(.where) != nil { whereClause = try parseExpression() }
        let returning = try parseReturning()
        return UpdateStatement(hints: hints, table: table, alias: alias, assignments: assignments,
                               whereClause: whereClause, returning: returning, range: range(from: start))
    }

    mutating func parseDelete() throws(SyntaxError) -> DeleteStatement {
        let start = current.range.start
        try expect(.delete)
        let hints = parseHints()
        try expect(.from)
        let table = try parseQualifiedName("a resource name", maxParts: 3)
        let alias = try parseOptionalAlias()
        var whereClause: SQLExpression?
        if consume(.where) != nil { whereClause = try parseExpression() }
        let returning = try parseReturning()
        return DeleteStatement(hints: hints, table: table, alias: alias, whereClause: whereClause,
                               returning: returning, range: range(from: start))
    }

    private mutating func parseReturning() throws(SyntaxError) -> [ResultColumn] {
        guard consume(.returning) != nil else { return [] }
        var columns = [try parseResultColumn()]
        while consume(.comma) != nil { columns.append(try parseResultColumn()) }
        return columns
    }
}
