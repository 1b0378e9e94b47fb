/// A forgiving tokenizer for completion: words, punctuation and quoted text of an unfinished statement, and
/// whether its end is inside a quote or a comment (where nothing completes). It never fails.
struct CompletionScanner {
    struct Token: Equatable {
        var text: String
        /// A name or keyword (letters, digits, `_`, `.`, `@`, `$`), as opposed to punctuation or a quoted string.
        var isWord: Bool
    }

    /// Every token, `;` included.
    private(set) var tokens: [Token] = []
    private(set) var endsInsideQuoteOrComment = false
    /// The word the text ends with (empty when it ends with a space or punctuation).
    private(set) var wordAtEnd = ""

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_" || character == "." || character == "@"
            || character == "$"
    }

    init(_ text: String) {
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if character.isWhitespace {
                index += 1
            } else if character == "-", next == "-" {
                while index < characters.count, characters[index] != "\n" { index += 1 }
                if index == characters.count { endsInsideQuoteOrComment = true }
            } else if character == "/", next == "*" {
                index += 2
                var closed = false
                while index < characters.count {
                    if characters[index] == "*", index + 1 < characters.count, characters[index + 1] == "/" {
                        closed = true
                        index += 2
                        break
                    }
                    index += 1
                }
                if !closed { endsInsideQuoteOrComment = true }
            } else if character == "'" || character == "\"" || character == "`" {
                let start = index
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == character {
                        // A doubled quote is a quote inside the text.
                        if index + 1 < characters.count, characters[index + 1] == character {
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    index += 1
                }
                if !closed { endsInsideQuoteOrComment = true }
                tokens.append(Token(text: String(characters[start..<index]), isWord: false))
            } else if CompletionScanner.isWordCharacter(character) {
                let start = index
                while index < characters.count, CompletionScanner.isWordCharacter(characters[index]) { index += 1 }
                let word = String(characters[start..<index])
                tokens.append(Token(text: word, isWord: true))
                if index == characters.count { wordAtEnd = word }
            } else {
                tokens.append(Token(text: String(character), isWord: false))
                index += 1
            }
        }
    }

    /// The tokens after the last `;`.
    var currentStatement: [Token] {
        guard let last = tokens.lastIndex(where: { $0.text == ";" }) else { return tokens }
        return Array(tokens[(last + 1)...])
    }

    /// The tokens before the first `;`.
    var firstStatement: [Token] {
        Array(tokens.prefix { $0.text != ";" })
    }
}
