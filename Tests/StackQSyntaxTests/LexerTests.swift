import Testing
import StackQSyntax

@Suite("The lexer splits source into tokens with byte ranges")
struct LexerTests {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try Lexer.tokenize(source).map(\.kind).dropLast()
    }

    private func texts(_ source: String) throws -> [String] {
        let bytes = Array(source.utf8)
        return try Lexer.tokenize(bytes).dropLast().map {
            String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self)
        }
    }

    @Test(arguments: [
        ("-> ->> || << >> <= >= <> != == = < > & | ~ + - * / % ( ) , ; .",
         [TokenKind.arrow, .doubleArrow, .concat, .shiftLeft, .shiftRight, .lessEqual, .greaterEqual, .lessGreater,
          .notEqual, .doubleEqual, .equal, .less, .greater, .ampersand, .pipe, .tilde, .plus, .minus, .star, .slash,
          .percent, .leftParen, .rightParen, .comma, .semicolon, .dot]),
        ("'a''b' X'00' x'ff' 1 0x1f 1.5 .5 1e9 2E-3", [.string, .blob, .blob, .integer, .integer, .real, .real, .real, .real]),
        ("abc \"q\" `b` [c d] ? ?12 :n @n @@json $n", [.word, .quotedIdentifier, .quotedIdentifier, .quotedIdentifier,
                                                      .parameter, .parameter, .parameter, .parameter, .parameter, .parameter]),
        ("a -- comment ; b\n/* c ; */ d", [.word, .word]),
        ("a.b.c", [.word, .dot, .word, .dot, .word]),
    ])
    func tokenKinds(_ source: String, _ expected: [TokenKind]) throws {
        #expect(try kinds(source) == expected)
    }

    @Test func rangesAreByteOffsets() throws {
        let tokens = try Lexer.tokenize("SELECT 'é' AS x")
        #expect(tokens.map(\.range) == [
            SourceRange(start: 0, end: 6), SourceRange(start: 7, end: 11), SourceRange(start: 12, end: 14),
            SourceRange(start: 15, end: 16), SourceRange(start: 16, end: 16),
        ])
    }

    @Test func keywordsAreRecognisedInAnyCase() throws {
        let tokens = try Lexer.tokenize("select Select SELECT selects")
        #expect(tokens.prefix(3).allSatisfy { $0.keyword == .select })
        #expect(tokens[3].keyword == nil)
    }

    @Test(arguments: ["INSERT", "EXEC", "DELETE", "UPDATE", "REPLACE", "SELECT", "exec"])
    func hintAfterStatementKeyword(_ keyword: String) throws {
        #expect(try kinds("\(keyword) /*+ AWAIT */ x") == [.word, .hint, .word])
    }

    @Test func hintElsewhereIsAComment() throws {
        #expect(try kinds("SELECT a /*+ AWAIT */ FROM t") == [.word, .word, .word, .word])
        #expect(try kinds("/*+ AWAIT */ EXEC") == [.word])
    }

    @Test func nonASCIIIdentifiers() throws {
        #expect(try texts("SELECT café, 名前 FROM t") == ["SELECT", "café", ",", "名前", "FROM", "t"])
    }

    @Test func invalidUTF8InRawBytes() throws {
        for bytes: [UInt8] in [[0xFF], [0x61, 0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] {
            let error = try #require(throws: SyntaxError.self) { try Lexer.tokenize(bytes) }
            #expect(error.message == "invalid UTF-8 byte")
        }
    }

    @Test func validMultibyteUTF8InRawBytes() throws {
        #expect(try Lexer.tokenize(Array("'€𝄞ü'".utf8)).map(\.kind) == [.string, .endOfInput])
    }
}
