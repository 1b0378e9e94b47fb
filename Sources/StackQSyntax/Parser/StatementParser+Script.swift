/// Scripts and the dispatch to each kind of statement.
extension StatementParser {
    mutating func parseScript() throws(SyntaxError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while consume(.semicolon) != nil {}
            if at(.endOfInput) { return statements }
            statements.append(try parseStatement())
            if !at(.endOfInput), !at(.semicolon) { throw unexpectedAfterStatement() }
        }
    }

    mutating func parseSingleStatement() throws(SyntaxError) -> Statement {
        guard !at(.endOfInput) else { throw expected("a statement") }
        let statement = try parseStatement()
        guard consume(.semicolon) != nil || at(.endOfInput) else { throw unexpectedAfterStatement() }
        guard at(.endOfInput) else { throw expected("end of input (only one statement is allowed here)") }
        return statement
    }

    /// The error for a token left over after a complete statement, naming the clause keyword
    /// it resembles if any (`SELECT * FORM t` → "expected FROM, found 'FORM'").
    func unexpectedAfterStatement() -> SyntaxError {
        if current.kind == .word, current.keyword == nil, let keyword = KeywordSuggestion.closest(to: text(current)) {
            return expected(keyword.rawValue)
        }
        return expected("';' or end of input")
    }

    func expectEnd() throws(SyntaxError) {
        guard at(.endOfInput) else { throw expected("end of input") }
    }

    mutating func parseStatement() throws(SyntaxError) -> Statement {
        guard current.kind == .word, let keyword = current.keyword else {
            throw expected("a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE, CREATE, DROP, REFRESH, REGISTRY or EXPLAIN)")
        }
        switch keyword {
        case .select, .with, .values: return .select(try parseSelectStatement())
        case .insert: return .insert(try parseInsert())
        case .update: return .update(try parseUpdate())
        case .replace: return .replace(try parseUpdate())
        case .delete: return .delete(try parseDelete())
        case .exec: return .exec(try parseExec())
        case .show: return .show(try parseShow())
        case .describe, .desc: return try parseDescribe()
        case .registry: return .registry(try parseRegistry())
        case .create: return try parseCreate()
        case .drop: return .drop(try parseDrop())
        case .refresh: return .refresh(try parseRefresh())
        case .explain:
            let start = current.range.start
            advance()
            guard !at(.explain) else { throw expected("a statement to explain") }
            let inner = try parseStatement()
            return .explain(inner, range: range(from: start))
        default:
            throw expected("a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE, CREATE, DROP, REFRESH, REGISTRY or EXPLAIN)")
        }
    }
}
