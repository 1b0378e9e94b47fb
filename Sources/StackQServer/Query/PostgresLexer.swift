/// A token of PostgreSQL-flavoured SQL, as far as the server needs to see: enough to split a Query into
/// statements, recognise session commands and catalog queries, and rewrite `$1` and `::type`.
struct PostgresToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case word           // identifier or keyword
        case quotedIdentifier
        case string         // '…', E'…', $$…$$
        case number
        case parameter      // $1
        case castOperator   // ::
        case `operator`     // + - * / < > = ~ ! @ # % ^ & | ? and runs of them
        case punctuation    // ( ) , ; [ ] .
        case whitespace
        case comment
    }

    var kind: Kind
    /// The token's bytes in the text.
    var range: Range<Int>
}

/// Splits SQL text into ``PostgresToken``s; never fails (an unterminated string or comment runs to the end).
enum PostgresLexer {
    static func tokenize(_ text: [UInt8]) -> [PostgresToken] {
        var tokens: [PostgresToken] = []
        var i = 0
        let n = text.count
        func byte(_ k: Int) -> UInt8 { k < n ? text[k] : 0 }
        while i < n {
            let start = i
            let c = text[i]
            let kind: PostgresToken.Kind
            if isSpace(c) {
                while i < n, isSpace(text[i]) { i += 1 }
                kind = .whitespace
            } else if c == UInt8(ascii: "-"), byte(i + 1) == UInt8(ascii: "-") {
                while i < n, text[i] != UInt8(ascii: "\n") { i += 1 }
                kind = .comment
            } else if c == UInt8(ascii: "/"), byte(i + 1) == UInt8(ascii: "*") {
                var depth = 0
                repeat {
                    if byte(i) == UInt8(ascii: "/"), byte(i + 1) == UInt8(ascii: "*") { depth += 1; i += 2 }
                    else if byte(i) == UInt8(ascii: "*"), byte(i + 1) == UInt8(ascii: "/") { depth -= 1; i += 2 }
                    else { i += 1 }
                } while i < n && depth > 0
                i = min(i, n)
                kind = .comment
            } else if c == UInt8(ascii: "'") || ((c == UInt8(ascii: "E") || c == UInt8(ascii: "e")) && byte(i + 1) == UInt8(ascii: "'")) {
                let escapes = c != UInt8(ascii: "'")
                i += escapes ? 2 : 1
                while i < n {
                    if escapes, text[i] == UInt8(ascii: "\\") { i += 2; continue }
                    if text[i] == UInt8(ascii: "'") {
                        if byte(i + 1) == UInt8(ascii: "'") { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                i = min(i, n)
                kind = .string
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") {
                i += 1
                while i < n {
                    if text[i] == c {
                        if byte(i + 1) == c { i += 2; continue }
                        i += 1
                        break
                    }
                    i += 1
                }
                kind = .quotedIdentifier
            } else if c == UInt8(ascii: "$"), isDigit(byte(i + 1)) {
                i += 1
                while i < n, isDigit(text[i]) { i += 1 }
                kind = .parameter
            } else if c == UInt8(ascii: "$"), let end = dollarQuoteEnd(text, from: i) {
                i = end
                kind = .string
            } else if isDigit(c) || (c == UInt8(ascii: ".") && isDigit(byte(i + 1))) {
                while i < n, isDigit(text[i]) || text[i] == UInt8(ascii: ".") { i += 1 }
                if i < n, text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E") {
                    i += 1
                    if i < n, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
                    while i < n, isDigit(text[i]) { i += 1 }
                }
                kind = .number
            } else if isWordStart(c) {
                while i < n, isWordPart(text[i]) { i += 1 }
                kind = .word
            } else if c == UInt8(ascii: ":"), byte(i + 1) == UInt8(ascii: ":") {
                i += 2
                kind = .castOperator
            } else if "(),;[].:".utf8.contains(c) {
                i += 1
                kind = .punctuation
            } else {
                while i < n, "+-*/<>=~!@#%^&|?".utf8.contains(text[i]) {
                    if i > start, text[i] == UInt8(ascii: "-"), byte(i + 1) == UInt8(ascii: "-") { break }
                    i += 1
                }
                if i == start { i += 1 }
                kind = .operator
            }
            tokens.append(PostgresToken(kind: kind, range: start..<i))
        }
        return tokens
    }

    /// The end of a `$tag$…$tag$` string starting at `start`, or nil when `start` does not open one.
    private static func dollarQuoteEnd(_ text: [UInt8], from start: Int) -> Int? {
        var i = start + 1
        while i < text.count, isWordPart(text[i]), text[i] != UInt8(ascii: "$") { i += 1 }
        guard i < text.count, text[i] == UInt8(ascii: "$") else { return nil }
        let tag = Array(text[start...i])
        i += 1
        while i + tag.count <= text.count {
            if Array(text[i..<(i + tag.count)]) == tag { return i + tag.count }
            i += 1
        }
        return text.count
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || (9...13).contains(c) }
    static func isDigit(_ c: UInt8) -> Bool { (48...57).contains(c) }
    static func isWordStart(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) || c == 95 || c >= 128 }
    static func isWordPart(_ c: UInt8) -> Bool { isWordStart(c) || isDigit(c) || c == UInt8(ascii: "$") }
}

/// SQL text with its tokens: what the router and rewriters work on.
struct TokenizedSQL: Sendable {
    let bytes: [UInt8]
    let tokens: [PostgresToken]

    init(_ text: String) {
        bytes = Array(text.utf8)
        tokens = PostgresLexer.tokenize(bytes)
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        tokens = PostgresLexer.tokenize(bytes)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    func text(of token: PostgresToken) -> String { String(decoding: bytes[token.range], as: UTF8.self) }

    /// The tokens that mean something: no whitespace or comments.
    var significant: [PostgresToken] { tokens.filter { $0.kind != .whitespace && $0.kind != .comment } }

    /// The upper-cased words of the significant tokens (identifiers unquoted), for matching commands.
    var words: [String] {
        significant.map { token in
            token.kind == .quotedIdentifier ? String(text(of: token).dropFirst().dropLast()) : text(of: token).uppercased()
        }
    }

    /// The statements of a Query, split at top-level semicolons, each with its byte offset in the whole text;
    /// statements that are only whitespace and comments are left out.
    func statements() -> [(offset: Int, sql: TokenizedSQL)] {
        var result: [(Int, TokenizedSQL)] = []
        var start = 0
        var meaningful = false
        func close(at end: Int) {
            if meaningful { result.append((start, TokenizedSQL(bytes: Array(bytes[start..<end])))) }
            meaningful = false
        }
        for token in tokens {
            if token.kind == .punctuation, bytes[token.range.lowerBound] == UInt8(ascii: ";") {
                close(at: token.range.lowerBound)
                start = token.range.upperBound
            } else if token.kind != .whitespace, token.kind != .comment {
                meaningful = true
            }
        }
        close(at: bytes.count)
        return result
    }

    /// The highest `$n` used (the statement's parameter count).
    var parameterCount: Int {
        tokens.filter { $0.kind == .parameter }.compactMap { Int(text(of: $0).dropFirst()) }.max() ?? 0
    }

    /// The text with every `$n` written `?n`, the engine's numbered placeholder (same length, so positions hold).
    var withEngineParameters: String {
        var out = bytes
        for token in tokens where token.kind == .parameter { out[token.range.lowerBound] = UInt8(ascii: "?") }
        return String(decoding: out, as: UTF8.self)
    }
}
