/// Identifiers, dotted names, aliases, literals' text and hints.
extension StatementParser {
    /// Whether the current token can be an identifier (a non-reserved word or a quoted name).
    var atIdentifier: Bool {
        switch current.kind {
        case .quotedIdentifier: return true
        case .word: return !(current.keyword?.isReserved ?? false)
        default: return false
        }
    }

    /// Whether the current token is a reserved keyword written bare as a column name, as
    /// StackQL's docs write fields named `values`, `group`, `order`, `primary` or `references`
    /// (`SELECT name, values FROM …`, `WHERE group = 'x'`).
    ///
    /// Only where a name is required, and only when the next token could not follow the keyword
    /// in its own role: not an argument list, a name (an alias or a misspelling), a literal or
    /// `BY` (`ORDER BY`). A statement that parsed before parses the same; one that failed here
    /// failed with "expected …".
    var atKeywordColumnName: Bool {
        guard current.kind == .word, current.keyword?.canNameAColumnBare == true else { return false }
        let next = peek()
        switch next.kind {
        case .leftParen, .quotedIdentifier, .string, .blob, .integer, .real, .parameter, .hint:
            return false
        case .word:
            return next.keyword != nil && next.keyword != .by
        default:
            return true
        }
    }

    /// A column name: an identifier or a reserved keyword written bare for one (``atKeywordColumnName``).
    mutating func parseColumnName(_ what: String) throws(SyntaxError) -> Identifier {
        if atKeywordColumnName { return identifier(from: advance()) }
        return try parseIdentifier(what)
    }

    /// Whether a `(` just consumed opens a subquery: `SELECT`, `WITH name` or `VALUES (`
    /// (a bare `values` there is a column, ``atKeywordColumnName``).
    var atSubqueryStart: Bool {
        if at(.select) { return true }
        if at(.values) { return peek().kind == .leftParen }
        if at(.with) { return peek().kind == .word || peek().kind == .quotedIdentifier }
        return false
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
}
