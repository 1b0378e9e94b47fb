/// Splits StackQL source into tokens with byte ranges.
///
/// Comments (`-- …` and `/* … */`) and whitespace are skipped. A `/*+ … */` comment directly
/// after `SELECT`, `INSERT`, `UPDATE`, `REPLACE`, `DELETE`, `EXEC` or `SHOW` becomes a
/// ``TokenKind/hint`` token; anywhere else it is an ordinary comment.
///
/// ```swift
/// let tokens = try Lexer.tokenize(Array("SELECT 1;".utf8))
/// // [word SELECT, integer 1, semicolon, endOfInput]
/// ```
public enum Lexer {
    /// Tokenizes `source`, ending with one ``TokenKind/endOfInput`` token.
    ///
    /// - Throws: ``SyntaxError`` for invalid UTF-8, unterminated strings, identifiers or
    ///   comments, malformed numbers or blobs, and characters that start no token.
    public static func tokenize(_ source: [UInt8]) throws(SyntaxError) -> [Token] {
        try tokenize(source, knownValidUTF8: false)
    }

    /// Tokenizes the UTF-8 form of `source`.
    public static func tokenize(_ source: String) throws(SyntaxError) -> [Token] {
        try tokenize(Array(source.utf8), knownValidUTF8: true)
    }

    /// Tokenizes `source`, checking UTF-8 unless it came from a `String` (always valid).
    static func tokenize(_ source: [UInt8], knownValidUTF8: Bool) throws(SyntaxError) -> [Token] {
        if !knownValidUTF8, let bad = firstInvalidUTF8Offset(source) {
            throw SyntaxError("invalid UTF-8 byte", at: SourceRange(start: bad, end: bad + 1), in: source)
        }
        var scanner = Scanner(bytes: source)
        var tokens: [Token] = []
        tokens.reserveCapacity(source.count / 4 + 1)
        while true {
            let token = try scanner.next(previous: tokens.last)
            tokens.append(token)
            if token.kind == .endOfInput { return tokens }
        }
    }


    /// The offset of the first byte that is not part of a well-formed UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = bytes[index + 1]
            guard second >= lower, second <= upper else { return index }
            for k in 2..<max(2, length) where bytes[index + k] & 0xC0 != 0x80 {
                return index + k
            }
            index += length
        }
        return nil
    }
}

/// The cursor over the source bytes used by ``Lexer``.
struct Scanner {
    let bytes: [UInt8]
    var position = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let index = position + ahead
        return index < bytes.count ? bytes[index] : nil
    }

    private func error(_ message: String, _ start: Int, _ end: Int) -> SyntaxError {
        SyntaxError(message, at: SourceRange(start: start, end: end), in: bytes)
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_") || byte >= 0x80
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte) || byte == UInt8(ascii: "$")
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    private static func allowsHint(after token: Token?) -> Bool {
        guard let token, token.kind == .word, let keyword = token.keyword else { return false }
        switch keyword {
        case .select, .insert, .update, .replace, .delete, .exec, .show: return true
        default: return false
        }
    }

    /// Skips whitespace and comments; returns a hint token if a hint comment is allowed and found.
    private mutating func skipTrivia(previous: Token?) throws(SyntaxError) -> Token? {
        while let byte = peek() {
            if Self.isSpace(byte) {
                position += 1
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let c = peek(), c != UInt8(ascii: "\n") { position += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = position
                position += 2
                var closed = false
                while let c = peek() {
                    if c == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        position += 2
                        closed = true
                        break
                    }
                    position += 1
                }
                guard closed else { throw error("unterminated comment", start, start + 2) }
                if position - start >= 5, bytes[start + 2] == UInt8(ascii: "+"), Self.allowsHint(after: previous) {
                    return Token(kind: .hint, range: SourceRange(start: start, end: position))
                }
            } else {
                break
            }
        }
        return nil
    }

    mutating func next(previous: Token?) throws(SyntaxError) -> Token {
        if let hint = try skipTrivia(previous: previous) { return hint }
        let start = position
        guard let byte = peek() else {
            return Token(kind: .endOfInput, range: SourceRange(start: start, end: start))
        }
        func make(_ kind: TokenKind, _ length: Int) -> Token {
            position += length
            return Token(kind: kind, range: SourceRange(start: start, end: position))
        }
        switch byte {
        case UInt8(ascii: "("): return make(.leftParen, 1)
        case UInt8(ascii: ")"): return make(.rightParen, 1)
        case UInt8(ascii: ","): return make(.comma, 1)
        case UInt8(ascii: ";"): return make(.semicolon, 1)
        case UInt8(ascii: "*"): return make(.star, 1)
        case UInt8(ascii: "/"): return make(.slash, 1)
        case UInt8(ascii: "%"): return make(.percent, 1)
        case UInt8(ascii: "+"): return make(.plus, 1)
        case UInt8(ascii: "~"): return make(.tilde, 1)
        case UInt8(ascii: "&"): return make(.ampersand, 1)
        case UInt8(ascii: "-"):
            if peek(1) == UInt8(ascii: ">") {
                return peek(2) == UInt8(ascii: ">") ? make(.doubleArrow, 3) : make(.arrow, 2)
            }
            return make(.minus, 1)
        case UInt8(ascii: "|"):
            return peek(1) == UInt8(ascii: "|") ? make(.concat, 2) : make(.pipe, 1)
        case UInt8(ascii: "<"):
            switch peek(1) {
            case UInt8(ascii: "="): return make(.lessEqual, 2)
            case UInt8(ascii: ">"): return make(.lessGreater, 2)
            case UInt8(ascii: "<"): return make(.shiftLeft, 2)
            default: return make(.less, 1)
            }
        case UInt8(ascii: ">"):
            switch peek(1) {
            case UInt8(ascii: "="): return make(.greaterEqual, 2)
            case UInt8(ascii: ">"): return make(.shiftRight, 2)
            default: return make(.greater, 1)
            }
        case UInt8(ascii: "="):
            return peek(1) == UInt8(ascii: "=") ? make(.doubleEqual, 2) : make(.equal, 1)
        case UInt8(ascii: "!"):
            guard peek(1) == UInt8(ascii: "=") else { throw error("unexpected character '!'", start, start + 1) }
            return make(.notEqual, 2)
        case UInt8(ascii: "'"):
            try skipQuoted(closing: UInt8(ascii: "'"), doubling: true, what: "string literal")
            return Token(kind: .string, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "\""), UInt8(ascii: "`"):
            try skipQuoted(closing: byte, doubling: true, what: "quoted identifier")
            return Token(kind: .quotedIdentifier, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "["):
            try skipQuoted(closing: UInt8(ascii: "]"), doubling: false, what: "bracketed identifier")
            return Token(kind: .quotedIdentifier, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "."):
            if let next = peek(1), Self.isDigit(next) { return try number() }
            return make(.dot, 1)
        case UInt8(ascii: "?"):
            position += 1
            while let c = peek(), Self.isDigit(c) { position += 1 }
            return Token(kind: .parameter, range: SourceRange(start: start, end: position))
        case UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "$"):
            position += 1
            if byte == UInt8(ascii: "@"), peek() == UInt8(ascii: "@") { position += 1 }
            let nameStart = position
            while let c = peek(), Self.isIdentifierContinue(c) { position += 1 }
            guard position > nameStart else {
                throw error("expected a parameter name after '\(Character(Unicode.Scalar(byte)))'", start, position)
            }
            return Token(kind: .parameter, range: SourceRange(start: start, end: position))
        case UInt8(ascii: "x"), UInt8(ascii: "X"):
            if peek(1) == UInt8(ascii: "'") { return try blob() }
            return word()
        default:
            if Self.isDigit(byte) { return try number() }
            if Self.isIdentifierStart(byte) { return word() }
            let shown = byte < 0x20 || byte == 0x7F ? "\\u{\(String(byte, radix: 16))}" : String(Unicode.Scalar(byte))
            throw error("unexpected character '\(shown)'", start, start + 1)
        }
    }

    private mutating func word() -> Token {
        let start = position
        while let c = peek(), Self.isIdentifierContinue(c) { position += 1 }
        let keyword = Keyword.lookup(bytes[start..<position])
        return Token(kind: .word, range: SourceRange(start: start, end: position), keyword: keyword)
    }

    private mutating func skipQuoted(closing: UInt8, doubling: Bool, what: String) throws(SyntaxError) {
        let start = position
        position += 1
        while let c = peek() {
            position += 1
            if c == closing {
                if doubling, peek() == closing {
                    position += 1
                    continue
                }
                return
            }
        }
        throw error("unterminated \(what)", start, start + 1)
    }

    private mutating func blob() throws(SyntaxError) -> Token {
        let start = position
        position += 1
        try skipQuoted(closing: UInt8(ascii: "'"), doubling: false, what: "blob literal")
        let digits = bytes[(start + 2)..<(position - 1)]
        guard digits.count % 2 == 0, digits.allSatisfy(Self.isHexDigit) else {
            throw error("malformed blob literal: expected an even number of hexadecimal digits", start, position)
        }
        return Token(kind: .blob, range: SourceRange(start: start, end: position))
    }

    private mutating func number() throws(SyntaxError) -> Token {
        let start = position
        var kind = TokenKind.integer
        if peek() == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
            position += 2
            let digitsStart = position
            while let c = peek(), Self.isHexDigit(c) { position += 1 }
            guard position > digitsStart else { throw error("malformed hexadecimal literal", start, position) }
        } else {
            while let c = peek(), Self.isDigit(c) { position += 1 }
            if peek() == UInt8(ascii: ".") {
                kind = .real
                position += 1
                while let c = peek(), Self.isDigit(c) { position += 1 }
            }
            if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
                var look = 1
                if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { look = 2 }
                if let digit = peek(look), Self.isDigit(digit) {
                    kind = .real
                    position += look
                    while let c = peek(), Self.isDigit(c) { position += 1 }
                }
            }
        }
        if let c = peek(), Self.isIdentifierContinue(c) {
            while let c = peek(), Self.isIdentifierContinue(c) { position += 1 }
            throw error("malformed number", start, position)
        }
        return Token(kind: kind, range: SourceRange(start: start, end: position))
    }
}
