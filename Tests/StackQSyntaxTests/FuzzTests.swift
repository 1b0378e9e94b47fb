import Testing
import StackQSyntax

/// SplitMix64: a small seeded generator so every run fuzzes the same inputs.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite("The parser ends in a tree or a SyntaxError on any input")
struct FuzzTests {
    /// Outcome counts of a fuzz run.
    struct Tally {
        var parsed = 0
        var rejected = 0
        var rejectedSamples: [String] = []
        var total: Int { parsed + rejected }
    }

    /// Parses `source`; a success must survive print → reparse unchanged, an error must point into the source.
    static func check(_ source: String, _ tally: inout Tally) {
        do {
            let statements = try Parser.parseScript(source)
            tally.parsed += 1
            for statement in statements {
                let printed = SQLPrinter.print(statement)
                do {
                    let reparsed = try Parser.parseStatement(printed)
                    #expect(reparsed.isStructurallyEqual(to: statement), "source: \(source)\nprinted: \(printed)")
                } catch {
                    Issue.record("printed form does not parse: \(printed)\nsource: \(source)\n\(error)")
                }
            }
        } catch {
            tally.rejected += 1
            if tally.rejectedSamples.count < 10 { tally.rejectedSamples.append("\(source) → \(error.summary)") }
            #expect(error.line >= 1 && error.column >= 1)
            #expect(error.range.start <= source.utf8.count)
            #expect(!error.description.isEmpty)
        }
    }

    static func tokenTexts(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        guard let tokens = try? Lexer.tokenize(bytes) else { return [] }
        return tokens.dropLast().map { String(decoding: bytes[$0.range.start..<$0.range.end], as: UTF8.self) }
    }

    @Test func mutatedCorpusStatements() {
        var tally = Tally()
        var generator = SeededGenerator(seed: 0x5EED)
        let corpus = Corpus.all
        let pool = corpus.flatMap(Self.tokenTexts)
        for statement in corpus {
            let tokens = Self.tokenTexts(statement)
            for cut in 0...tokens.count {
                Self.check(tokens[..<cut].joined(separator: " "), &tally)
            }
            for index in tokens.indices {
                var deleted = tokens
                deleted.remove(at: index)
                Self.check(deleted.joined(separator: " "), &tally)
                var duplicated = tokens
                duplicated.insert(tokens[index], at: index)
                Self.check(duplicated.joined(separator: " "), &tally)
                if index + 1 < tokens.count {
                    var swapped = tokens
                    swapped.swapAt(index, index + 1)
                    Self.check(swapped.joined(separator: " "), &tally)
                }
            }
            let bytes = Array(statement.utf8)
            for cut in stride(from: 0, through: bytes.count, by: 3) {
                Self.check(String(decoding: bytes[..<cut], as: UTF8.self), &tally)
            }
        }
        for _ in 0..<3_000 {
            var tokens = Self.tokenTexts(corpus.randomElement(using: &generator)!)
            for _ in 0..<Int.random(in: 1...4, using: &generator) where !tokens.isEmpty {
                let index = Int.random(in: tokens.indices, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: tokens.remove(at: index)
                case 1: tokens.insert(pool.randomElement(using: &generator)!, at: index)
                case 2: tokens[index] = pool.randomElement(using: &generator)!
                default: tokens.swapAt(index, Int.random(in: tokens.indices, using: &generator))
                }
            }
            Self.check(tokens.joined(separator: " "), &tally)
        }
        #expect(tally.total >= 10_000)
        #expect(tally.parsed > 100 && tally.rejected > 100)
    }

    @Test func randomBytesAndInvalidUTF8() throws {
        var tally = Tally()
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("SELECT FROM WHERE ( ) , ; . ' \" ` [ ] * + - / < > = ! | & ~ @ ? : $ 0 1 x X e a b\n".utf8)
        for round in 0..<2_000 {
            let length = Int.random(in: 0...60, using: &generator)
            var bytes: [UInt8] = []
            for _ in 0..<length {
                bytes.append(round % 2 == 0 ? UInt8.random(in: 0...255, using: &generator)
                                            : alphabet.randomElement(using: &generator)!)
            }
            Self.check(String(decoding: bytes, as: UTF8.self), &tally)
            do {
                _ = try Parser.parseScript(bytes: bytes)
                tally.parsed += 1
            } catch {
                tally.rejected += 1
                #expect(error.range.start <= bytes.count)
            }
        }
        let invalid: [[UInt8]] = [[0xFF, 0xFE], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xED, 0xBF, 0xBF]]
        for sequence in invalid {
            let bytes = Array("SELECT '".utf8) + sequence + Array("' AS x".utf8)
            Self.check(String(decoding: bytes, as: UTF8.self), &tally)
            let error = try #require(throws: SyntaxError.self) { try Parser.parseScript(bytes: bytes) }
            #expect(error.message == "invalid UTF-8 byte")
        }
        #expect(tally.total >= 4_000)
    }

    @Test(arguments: [
        ("SELECT " + String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000), "nesting too deep"),
        ("SELECT " + String(repeating: "(", count: 5_000), "nesting too deep"),
        (String(repeating: "(", count: 5_000), "expected a statement"),
        ("SELECT * FROM " + String(repeating: "(", count: 5_000) + "t" + String(repeating: ")", count: 5_000), "nesting too deep"),
        ("SELECT " + String(repeating: "f(", count: 5_000) + "1" + String(repeating: ")", count: 5_000), "nesting too deep"),
        ("SELECT " + String(repeating: "CASE WHEN ", count: 5_000), "nesting too deep"),
        ("SELECT " + String(repeating: "- ", count: 5_000) + "1", "nesting too deep"),
        ("SELECT " + String(repeating: "NOT ", count: 5_000) + "1", "nesting too deep"),
        ("SELECT " + String(repeating: "(SELECT ", count: 5_000) + "1" + String(repeating: ")", count: 5_000), "nesting too deep"),
        ("SELECT 1 IN " + String(repeating: "(SELECT 1 WHERE 1 IN ", count: 5_000), "nesting too deep"),
        ("SELECT x " + String(repeating: "COLLATE a ", count: 5_000), "expression too large"),
        ("SELECT 1" + String(repeating: " + 1", count: 5_000), "expression too large"),
        ("SELECT 1 WHERE " + (0..<5_000).map { "a = \($0)" }.joined(separator: " OR "), "expression too large"),
    ])
    func deepNestingEndsInAnError(_ source: String, _ messagePrefix: String) throws {
        let error = try #require(throws: SyntaxError.self) { try Parser.parseScript(source) }
        #expect(error.message.hasPrefix(messagePrefix), "\(error.message)")
    }

    /// A flat chain is not nesting: 400 terms parse (the nesting cap is 250), up to SQLite's own
    /// limit of 1,000 terms; one more is refused at the operator that goes past it.
    @Test(arguments: [" + 1", " || 'x'", " AND b", " COLLATE nocase", " -> '$.a'"])
    func flatChainsAreNotNesting(_ link: String) throws {
        for terms in [400, Parser.maximumExpressionHeight] {
            let chain = "SELECT a" + String(repeating: link, count: terms - 1) + " FROM t"
            let statement = try Parser.parseStatement(chain)
            #expect(try Parser.parseStatement(SQLPrinter.print(statement)).isStructurallyEqual(to: statement))
        }
        let tooLong = "SELECT a" + String(repeating: link, count: Parser.maximumExpressionHeight)
        let error = try #require(throws: SyntaxError.self) { try Parser.parseStatement(tooLong) }
        #expect(error.message.hasPrefix("expression too large"))
        #expect(error.range.start == tooLong.utf8.count - link.utf8.count + 1)
    }

    /// OR-ed equalities as a generated query writes them: as many as SQLite takes (999).
    @Test func orEqualitiesUpToSQLitesLimit() throws {
        func disjunction(_ terms: Int) -> String {
            "SELECT * FROM google.svc.res WHERE " + (0..<terms).map { "zone = 'z\($0)'" }.joined(separator: " OR ")
        }
        guard case .select(let select) = try Parser.parseStatement(disjunction(999)),
              case .select(let core) = select.first, case .binary(.or, _, _, _)? = core.whereClause else {
            Issue.record("not a disjunction")
            return
        }
        let error = try #require(throws: SyntaxError.self) { try Parser.parseStatement(disjunction(1_000)) }
        #expect(error.message.hasPrefix("expression too large"))
    }

    /// Every tree the parser accepts is at most about 1,250 levels deep (chains to SQLite's
    /// limit inside nesting to its cap), so whatever walks it recursively stays on the stack.
    @Test func theDeepestTreesPrintCompareAndFree() throws {
        let levels = Parser.maximumNestingDepth - 10
        let chain = "1" + String(repeating: " + 1", count: Parser.maximumExpressionHeight - 1)
        let nestedChain = String(repeating: "abs(", count: levels) + chain + String(repeating: ")", count: levels)
        let statement = try Parser.parseStatement("SELECT " + nestedChain)
        let reparsed = try Parser.parseStatement(SQLPrinter.print(statement))
        #expect(reparsed.isStructurallyEqual(to: statement))
        let copy = reparsed
        #expect(copy == reparsed)
        let error = try #require(throws: SyntaxError.self) { try Parser.parseStatement("SELECT \(nestedChain) + 1") }
        #expect(error.message.hasPrefix("expression too large"))
    }

    @Test func aHundredThousandLiteralInListParses() throws {
        let list = (0..<100_000).map { "'v\($0)'" }.joined(separator: ", ")
        guard case .select(let select) = try Parser.parseStatement("SELECT * FROM t WHERE a IN (\(list))"),
              case .select(let core) = select.first, case .inList(_, let items, _, _)? = core.whereClause else {
            Issue.record("not an IN list")
            return
        }
        #expect(items.count == 100_000)
    }

    @Test func generatedExpressionsRoundTrip() {
        var tally = Tally()
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1_000 {
            let expression = Self.randomExpression(depth: 4, &generator)
            Self.check("SELECT \(expression) FROM t WHERE \(Self.randomExpression(depth: 3, &generator))", &tally)
        }
        #expect(tally.parsed == 1_000, "rejected: \(tally.rejectedSamples.prefix(5))")
    }

    static func randomExpression(depth: Int, _ g: inout SeededGenerator) -> String {
        let leaves = ["a", "t.b", "1", "2.5", "'s'", "NULL", "TRUE", "?", ":p", "X'01'", "CURRENT_DATE", "\"q c\""]
        guard depth > 0, Int.random(in: 0..<5, using: &g) > 0 else { return leaves.randomElement(using: &g)! }
        func sub() -> String {
            let operand = randomExpression(depth: depth - 1, &g)
            return leaves.contains(operand) ? operand : "(" + operand + ")"
        }
        let binary = ["OR", "AND", "=", "==", "!=", "<>", "IS", "IS NOT", "IS DISTINCT FROM", "<", "<=", ">", ">=",
                      "&", "|", "<<", ">>", "+", "-", "*", "/", "%", "||", "->", "->>"]
        switch Int.random(in: 0..<14, using: &g) {
        case 0...3: return "\(sub()) \(binary.randomElement(using: &g)!) \(sub())"
        case 4: return "\(["-", "+", "~", "NOT "].randomElement(using: &g)!)\(sub())"
        case 5: return "(\(sub()))"
        case 6: return "\(sub()) \(Bool.random(using: &g) ? "NOT " : "")IN (\(sub()), \(sub()))"
        case 7: return "\(sub()) \(Bool.random(using: &g) ? "NOT " : "")BETWEEN \(sub()) AND \(sub())"
        case 8: return "\(sub()) \(["LIKE", "GLOB", "NOT LIKE", "REGEXP"].randomElement(using: &g)!) \(sub())"
        case 9: return "\(sub()) \(["ISNULL", "NOTNULL", "NOT NULL", "COLLATE nocase"].randomElement(using: &g)!)"
        case 10: return "CASE WHEN \(sub()) THEN \(sub()) ELSE \(sub()) END"
        case 11: return "CAST(\(sub()) AS TEXT)"
        case 12: return "coalesce(\(sub()), \(sub()))"
        default: return "(SELECT \(sub()) FROM u WHERE \(sub()))"
        }
    }
}
