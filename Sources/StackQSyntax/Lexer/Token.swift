/// The kind of a lexical token.
public enum TokenKind: Sendable, Hashable {
    /// A bare word: an identifier or a keyword (see ``Token/keyword``).
    case word
    /// An identifier quoted with `"…"`, `` `…` `` or `[…]`.
    case quotedIdentifier
    /// A string literal `'…'`.
    case string
    /// A blob literal `X'…'`.
    case blob
    /// An integer literal (decimal or `0x` hexadecimal).
    case integer
    /// A real literal (with a fraction or an exponent).
    case real
    /// A bind parameter: `?`, `?1`, `:name`, `@name`, `@@name`, `$name`.
    case parameter
    /// An optimiser hint comment `/*+ … */` directly after a statement keyword.
    case hint
    case leftParen, rightParen, comma, semicolon, dot
    case star, slash, percent, plus, minus, tilde
    case concat, arrow, doubleArrow
    case ampersand, pipe, shiftLeft, shiftRight
    case less, lessEqual, greater, greaterEqual
    case equal, doubleEqual, notEqual, lessGreater
    /// The end of the input.
    case endOfInput
}

/// One token of the source, with its byte range.
public struct Token: Sendable, Hashable {
    /// What kind of token this is.
    public var kind: TokenKind
    /// The bytes of the token in the source, including quotes.
    public var range: SourceRange
    /// For a ``TokenKind/word``, the keyword it spells (case-insensitively), if any.
    public var keyword: Keyword?

    /// Creates a token.
    public init(kind: TokenKind, range: SourceRange, keyword: Keyword? = nil) {
        self.kind = kind
        self.range = range
        self.keyword = keyword
    }
}
