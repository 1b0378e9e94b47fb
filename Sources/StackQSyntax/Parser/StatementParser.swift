/// The recursive-descent parser state: the tokens, a cursor and the nesting depth.
///
/// Grammar productions live in extensions, one file per kind of syntax.
struct StatementParser {
    let bytes: [UInt8]
    let tokens: [Token]
    var index = 0
    var depth = 0
    /// End offset of the last consumed token, for node ranges.
    var previousEnd = 0

    init(bytes: [UInt8]) throws(SyntaxError) {
        self.bytes = bytes
        self.tokens = try Lexer.tokenize(bytes)
    }

    // MARK: Cursor

    var current: Token { tokens[index] }

    func peek(_ ahead: Int = 1) -> Token {
        tokens[min(index + ahead, tokens.count - 1)]
    }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }

    func at(_ keyword: Keyword) -> Bool {
        current.kind == .word && current.keyword == keyword
    }

    func at(_ keyword: Keyword, followedBy next: Keyword) -> Bool {
        at(keyword) && peek().kind == .word && peek().keyword == next
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        if token.kind != .endOfInput {
            index += 1
            previousEnd = token.range.end
        }
        return token
    }

    mutating func consume(_ kind: TokenKind) -> Token? {
        at(kind) ? advance() : nil
    }

    mutating func consume(_ keyword: Keyword) -> Token? {
        at(keyword) ? advance() : nil
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String) throws(SyntaxError) -> Token {
        guard at(kind) else { throw expected(what) }
        return advance()
    }

    @discardableResult
    mutating func expect(_ keyword: Keyword) throws(SyntaxError) -> Token {
        guard at(keyword) else { throw expected(keyword.rawValue) }
        return advance()
    }

    func range(from start: Int) -> SourceRange {
        SourceRange(start: start, end: max(start, previousEnd))
    }

    // MARK: Diagnostics

    func text(_ token: Token) -> String {
        String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
    }

    func describe(_ token: Token) -> String {
        if token.kind == .endOfInput { return "end of input" }
        var shown = text(token)
        if shown.count > 40 { shown = String(shown.prefix(37)) + "..." }
        return "'\(shown)'"
    }

    /// An error at `token`; at the end of input it points just past the last token instead,
    /// so trailing blank lines do not move the caret away from the unfinished statement.
    func error(_ message: String, at token: Token) -> SyntaxError {
        if token.kind == .endOfInput, index > 0 {
            return SyntaxError(message, at: SourceRange(start: previousEnd, end: previousEnd), in: bytes)
        }
        return SyntaxError(message, at: token.range, in: bytes)
    }

    /// "expected X, found 'Y'" at the current token.
    func expected(_ what: String) -> SyntaxError {
        error("expected \(what), found \(describe(current))", at: current)
    }

    /// Goes one nesting level deeper (the caller restores ``depth``).
    mutating func deepen() throws(SyntaxError) {
        guard depth < Parser.maximumNestingDepth else {
            throw error("nesting too deep (more than \(Parser.maximumNestingDepth) levels)", at: current)
        }
        depth += 1
    }

    /// Runs `body` one nesting level deeper, failing beyond ``Parser/maximumNestingDepth``.
    mutating func nested<T>(_ body: (inout StatementParser) throws(SyntaxError) -> T) throws(SyntaxError) -> T {
        let outerDepth = depth
        try deepen()
        defer { depth = outerDepth }
        return try body(&self)
    }

    // MARK: Identifiers

    /// Whether the current token can be an identifier (a non-reserved word or a quoted name).
    var atIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .word: return !(current.keyword?.isReserved ?? false)
        default: return false
        }
    }

    /// The unquoted value of an identifier-like token.
    func identifier(from token: Token) -> Identifier {
        if token.kind == .quotedIdentifier || token.kind == .string {
            let open = bytes[token.range.start]
            let close = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : open
            let inner = bytes[(token.range.start + 1)..<(token.range.end - 1)]
            return Identifier(unescape(inner, quote: close, doubled: open != UInt8(ascii: "[")),
                              quoted: true, range: token.range)
        }
        return Identifier(text(token), quoted: false, range: token.range)
    }

    func unescape(_ inner: ArraySlice<UInt8>, quote: UInt8, doubled: Bool) -> String {
        guard doubled, inner.contains(quote) else { return String(decoding: inner, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(inner.count)
        var skip = false
        for byte in inner {
            if skip {
                skip = false
                continue
            }
            result.append(byte)
            if byte == quote { skip = true }
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The value of a string literal token.
    func stringValue(_ token: Token) -> String {
        unescape(bytes[(token.range.start + 1)..<(token.range.end - 1)], quote: UInt8(ascii: "'"), doubled: true)
    }

    mutating func parseIdentifier(_ what: String) throws(SyntaxError) -> Identifier {
        guard atIdentifier else { throw expected(what) }
        return identifier(from: advance())
    }

    /// A name part after a `.`: any word, even a reserved one (`instances.insert`), or a quoted name.
    mutating func parseNameAfterDot() throws(SyntaxError) -> Identifier {
        guard at(.word) || at(.quotedIdentifier) else { throw expected("a name after '.'") }
        return identifier(from: advance())
    }

    /// A dotted name of `1...maxParts` parts.
    mutating func parseQualifiedName(_ what: String, maxParts: Int) throws(SyntaxError) -> QualifiedName {
        let start = current.range.start
        var parts = [try parseIdentifier(what)]
        while at(.dot) {
            guard parts.count < maxParts else {
                throw error("a name has at most \(maxParts) dotted parts", at: current)
            }
            advance()
            parts.append(try parseNameAfterDot())
        }
        return QualifiedName(parts: parts, range: range(from: start))
    }

    /// `[AS] alias` where an alias may follow; a bare word must not start a clause.
    mutating func parseOptionalAlias() throws(SyntaxError) -> Identifier? {
        if consume(.as) != nil {
            if at(.string) { return identifier(from: advance()) }
            return try parseIdentifier("an alias after AS")
        }
        switch current.kind {
        case .quotedIdentifier, .string:
            return identifier(from: advance())
        case .word where current.keyword?.canBeImplicitAlias ?? true:
            let token = advance()
            // A bare word followed by a name cannot be an alias (`SELECT a FORM t`): if it looks
            // like a misspelt clause keyword, say so at the word rather than at the name after it.
            if (current.kind == .word && current.keyword == nil) || current.kind == .quotedIdentifier,
               let keyword = KeywordSuggestion.closest(to: text(token)) {
                throw error("expected \(keyword.rawValue), found '\(text(token))'", at: token)
            }
            return identifier(from: token)
        default:
            return nil
        }
    }

    /// Hints from `/*+ … */` tokens at the cursor.
    mutating func parseHints() -> [Hint] {
        var hints: [Hint] = []
        while at(.hint) {
            let token = advance()
            let inner = bytes[(token.range.start + 3)..<(token.range.end - 2)]
            var word: [UInt8] = []
            func flush() {
                guard !word.isEmpty else { return }
                let upper = String(decoding: word.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }, as: UTF8.self)
                switch upper {
                case "AWAIT": hints.append(.await)
                case "SHOWRESULTS": hints.append(.showResults)
                default: hints.append(.other(upper))
                }
                word.removeAll()
            }
            for byte in inner {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\n")
                    || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                    flush()
                } else {
                    word.append(byte)
                }
            }
            flush()
        }
        return hints
    }

    // MARK: Scripts

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
            throw expected("a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE or REGISTRY)")
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
        default:
            throw expected("a statement (SELECT, INSERT, UPDATE, REPLACE, DELETE, EXEC, SHOW, DESCRIBE or REGISTRY)")
        }
    }
}
