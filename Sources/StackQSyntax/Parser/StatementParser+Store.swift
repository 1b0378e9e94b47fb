/// CREATE, DROP and REFRESH: the user's tables and views.
extension StatementParser {
    /// `CREATE TABLE …`, `CREATE [OR REPLACE] [MATERIALIZED] VIEW …`.
    mutating func parseCreate() throws(SyntaxError) -> Statement {
        let start = current.range.start
        try expect(.create)
        var orReplace = false
        if consume(.or) != nil {
            try expect(.replace)
            orReplace = true
        }
        let materialized = consume(.materialized) != nil
        if at(.view) {
            advance()
            let name = try parseQualifiedName("a view name", maxParts: 3)
            try expect(.as)
            guard at(.select) || at(.with) || at(.values) else { throw expected("SELECT") }
            let source = try parseSelectStatement()
            return .createView(CreateViewStatement(orReplace: orReplace, materialized: materialized, name: name,
                                                   source: source, range: range(from: start)))
        }
        if materialized { throw expected("VIEW after MATERIALIZED") }
        guard !orReplace else { throw expected("VIEW or MATERIALIZED VIEW after OR REPLACE") }
        guard consume(.table) != nil else { throw expected("TABLE, VIEW or MATERIALIZED VIEW after CREATE") }
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName("a table name", maxParts: 3)
        if consume(.as) != nil {
            guard at(.select) || at(.with) || at(.values) else { throw expected("SELECT") }
            let source = try parseSelectStatement()
            return .createTable(CreateTableStatement(name: name, ifNotExists: ifNotExists, source: source,
                                                     range: range(from: start)))
        }
        guard consume(.leftParen) != nil else { throw expected("'(' with the columns, or AS SELECT") }
        var columns = [try parseColumnDefinition()]
        while consume(.comma) != nil { columns.append(try parseColumnDefinition()) }
        try expect(.rightParen, "')' or ','")
        return .createTable(CreateTableStatement(name: name, ifNotExists: ifNotExists, columns: columns,
                                                 range: range(from: start)))
    }

    /// `name [type words [( n [, m] )]]`.
    private mutating func parseColumnDefinition() throws(SyntaxError) -> ColumnDefinition {
        let start = current.range.start
        let name = try parseColumnName("a column name")
        var words: [String] = []
        while current.kind == .word, !(current.keyword?.isReserved ?? false) {
            words.append(text(advance()).uppercased())
        }
        if !words.isEmpty, consume(.leftParen) != nil {
            var sizes: [String] = []
            repeat {
                let sign = consume(.minus) != nil ? "-" : (consume(.plus) != nil ? "+" : "")
                guard at(.integer) || at(.real) else { throw expected("a number in the type's size") }
                sizes.append(sign + text(advance()))
            } while consume(.comma) != nil
            try expect(.rightParen, "')' or ','")
            words[words.count - 1] += "(" + sizes.joined(separator: ", ") + ")"
        }
        if !at(.comma), !at(.rightParen) {
            throw expected("',' or ')' after the column (a column is a name and a type; constraints are not supported)")
        }
        return ColumnDefinition(name: name, type: words.isEmpty ? nil : words.joined(separator: " "),
                                range: range(from: start))
    }

    /// `DROP TABLE|VIEW|MATERIALIZED VIEW [IF EXISTS] name`.
    mutating func parseDrop() throws(SyntaxError) -> DropStatement {
        let start = current.range.start
        try expect(.drop)
        let kind: DropStatement.Kind
        if consume(.table) != nil {
            kind = .table
        } else if consume(.view) != nil {
            kind = .view
        } else if consume(.materialized) != nil {
            try expect(.view)
            kind = .materializedView
        } else {
            throw expected("TABLE, VIEW or MATERIALIZED VIEW after DROP")
        }
        var ifExists = false
        if consume(.if) != nil {
            try expect(.exists)
            ifExists = true
        }
        let name = try parseQualifiedName("a name", maxParts: 3)
        return DropStatement(kind: kind, ifExists: ifExists, name: name, range: range(from: start))
    }

    /// `REFRESH MATERIALIZED VIEW name`.
    mutating func parseRefresh() throws(SyntaxError) -> RefreshStatement {
        let start = current.range.start
        try expect(.refresh)
        try expect(.materialized)
        try expect(.view)
        let name = try parseQualifiedName("a materialized view name", maxParts: 3)
        return RefreshStatement(name: name, range: range(from: start))
    }

    private mutating func parseIfNotExists() throws(SyntaxError) -> Bool {
        guard consume(.if) != nil else { return false }
        try expect(.not)
        try expect(.exists)
        return true
    }
}
