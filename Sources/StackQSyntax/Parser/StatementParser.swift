/// The recursive-descent parser state: the tokens, a cursor, the nesting depth and the operator
/// height of the last expressions parsed.
///
/// Grammar productions live in extensions, one file per kind of syntax.
struct StatementParser {
    let bytes: [UInt8]
    let tokens: [Token]
    var index = 0
    var depth = 0
    /// The greatest operator height (binary, postfix and COLLATE nodes on one path down) of the
    /// expressions completed since it was last set to 0; see `parseOperators`.
    var operatorHeightMark = 0
    /// End offset of the last consumed token, for node ranges.
    var previousEnd = 0

    init(bytes: [UInt8], knownValidUTF8: Bool) throws(SyntaxError) {
        self.bytes = bytes
        self.tokens = try Lexer.tokenize(bytes, knownValidUTF8: knownValidUTF8)
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
}
