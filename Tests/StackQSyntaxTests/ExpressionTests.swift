import Testing
import StackQSyntax

@Suite("Expressions follow SQLite's precedence")
struct ExpressionTests {
    /// Parses `source` and prints it fully parenthesized, to make the tree's shape visible.
    private func shape(_ source: String) throws -> String {
        render(try Parser.parseExpression(source))
    }

    private func render(_ e: SQLExpression) -> String {
        switch e {
        case .binary(let op, let l, let r, _): "(\(render(l)) \(op.rawValue) \(render(r)))"
        case .unary(let op, let x, _): "(\(op.rawValue) \(render(x)))"
        case .between(let x, let lo, let hi, let n, _): "(\(render(x)) \(n ? "NOT " : "")BETWEEN \(render(lo)) AND \(render(hi)))"
        case .inList(let x, let items, let n, _): "(\(render(x)) \(n ? "NOT " : "")IN [\(items.map(render).joined(separator: ", "))])"
        case .pattern(let op, let x, let p, let esc, let n, _):
            "(\(render(x)) \(n ? "NOT " : "")\(op.rawValue) \(render(p))\(esc.map { " ESCAPE " + render($0) } ?? ""))"
        case .isNull(let x, let n, _): "(\(render(x)) \(n ? "NOTNULL" : "ISNULL"))"
        case .collate(let x, let c, _): "(\(render(x)) COLLATE \(c.name))"
        default: SQLPrinter.print(e)
        }
    }

    @Test(arguments: [
        ("a OR b AND c", "(a OR (b AND c))"),
        ("NOT a = b AND c", "((NOT (a = b)) AND c)"),
        ("a = b < c", "(a = (b < c))"),
        ("a < b & c", "(a < (b & c))"),
        ("a & b + c", "(a & (b + c))"),
        ("a + b * c", "(a + (b * c))"),
        ("a * b || c", "(a * (b || c))"),
        ("a || b -> c ->> d", "(((a || b) -> c) ->> d)"),
        ("a - b - c", "((a - b) - c)"),
        ("-a * b", "((- a) * b)"),
        ("-1 * b", "(-1 * b)"),
        ("a - -1", "(a - -1)"),
        ("- a COLLATE nocase", "((- a) COLLATE nocase)"),
        ("a || b COLLATE nocase", "(a || (b COLLATE nocase))"),
        ("a BETWEEN 1 AND 2 AND c", "((a BETWEEN 1 AND 2) AND c)"),
        ("a NOT BETWEEN b + 1 AND c * 2", "(a NOT BETWEEN (b + 1) AND (c * 2))"),
        ("a IN (1, 2) = b", "((a IN [1, 2]) = b)"),
        ("a NOT LIKE 'x%' ESCAPE '!' OR b", "((a NOT LIKE 'x%' ESCAPE '!') OR b)"),
        ("a IS NOT b = c", "((a IS NOT b) = c)"),
        ("a IS NOT DISTINCT FROM b", "(a IS NOT DISTINCT FROM b)"),
        ("a NOT NULL AND b ISNULL", "((a NOTNULL) AND (b ISNULL))"),
        ("~a & ~b", "((~ a) & (~ b))"),
        ("NOT NOT a", "(NOT (NOT a))"),
        ("a = 1 OR b = 2 AND NOT c IN (3)", "((a = 1) OR ((b = 2) AND (NOT (c IN [3]))))"),
    ])
    func precedence(_ source: String, _ expected: String) throws {
        #expect(try shape(source) == expected)
    }

    @Test(arguments: [
        ("'it''s'", Literal.string("it's")),
        ("42", .integer(42)),
        ("0x1F", .integer(31)),
        ("0xFFFFFFFFFFFFFFFF", .integer(-1)),
        ("9223372036854775807", .integer(Int64.max)),
        ("9223372036854775808", .real(9223372036854775808.0)),
        ("3.5", .real(3.5)),
        (".5", .real(0.5)),
        ("1.", .real(1)),
        ("1e3", .real(1000)),
        ("2.5E-1", .real(0.25)),
        ("X'cafe'", .blob([0xCA, 0xFE])),
        ("NULL", .null),
        ("true", .bool(true)),
        ("FALSE", .bool(false)),
        ("CURRENT_TIMESTAMP", .currentTimestamp),
        ("current_date", .currentDate),
        ("CURRENT_TIME", .currentTime),
    ])
    func literal(_ source: String, _ expected: Literal) throws {
        guard case .literal(let value, _) = try Parser.parseExpression(source) else {
            Issue.record("not a literal")
            return
        }
        #expect(value == expected)
    }

    @Test(arguments: ["?", "?3", ":name", "@name", "$name"])
    func bindParameter(_ source: String) throws {
        guard case .parameter(let spelling, _) = try Parser.parseExpression(source) else {
            Issue.record("not a parameter")
            return
        }
        #expect(spelling == source)
    }

    @Test func functionCallForms() throws {
        guard case .function(let count) = try Parser.parseExpression("count(*) FILTER (WHERE x > 1) OVER w"),
              case .function(let distinct) = try Parser.parseExpression("count(DISTINCT zone)"),
              case .function(let ordered) = try Parser.parseExpression("group_concat(a, ',' ORDER BY a DESC)") else {
            Issue.record("not function calls")
            return
        }
        #expect(count.star)
        #expect(count.filter != nil)
        guard case .name(let window)? = count.over else {
            Issue.record("OVER w missing")
            return
        }
        #expect(window.name == "w")
        #expect(distinct.distinct && distinct.arguments.count == 1)
        #expect(ordered.orderBy.first?.direction == .descending)
    }

    @Test func columnReferencesWithQualifiers() throws {
        guard case .column(let one) = try Parser.parseExpression("name"),
              case .column(let two) = try Parser.parseExpression("s.name"),
              case .column(let four) = try Parser.parseExpression("google.dataproc.sessions.name") else {
            Issue.record("not column references")
            return
        }
        #expect(one.table == nil && one.column.name == "name")
        #expect(two.table?.name == "s")
        #expect(four.qualifier.map(\.name) == ["google", "dataproc", "sessions"])
    }

    @Test func rowValuesAndSubqueries() throws {
        guard case .binary(.equal, .row(let items, _), .subquery, _) = try Parser.parseExpression("(a, b) = (SELECT 1, 2)") else {
            Issue.record("not a row compared with a subquery")
            return
        }
        #expect(items.count == 2)
    }

    @Test(arguments: [
        "(a + b) * c", "a - (b - c)", "a - (-b)", "- (- a)", "NOT (a AND b)", "(NOT a) = b", "-(NOT a)",
        "a = (b = c)", "(a OR b) AND c", "(a BETWEEN 1 AND 2) BETWEEN 0 AND 1", "x COLLATE a COLLATE b",
        "(a IN (1)) IN (1)", "CAST(a AS TEXT) || (b || c)", "-(a COLLATE nocase)", "(a < b) < c",
    ])
    func printingKeepsTheTree(_ source: String) throws {
        let expression = try Parser.parseExpression(source)
        let printed = SQLPrinter.print(expression)
        #expect(try Parser.parseExpression(printed).isStructurallyEqual(to: expression), "printed: \(printed)")
    }

    @Test(arguments: [
        ("-1", Literal.integer(-1)),
        ("- 2.5", .real(-2.5)),
        ("-0x10", .integer(-16)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("-9223372036854775809", .real(-9223372036854775809.0)),
        ("-1e999", .real(-.infinity)),
    ])
    func minusFoldsIntoNumberLiterals(_ source: String, _ expected: Literal) throws {
        let expression = try Parser.parseExpression(source)
        guard case .literal(let value, _) = expression else {
            Issue.record("not folded into a literal")
            return
        }
        #expect(value == expected)
        #expect(try Parser.parseExpression(SQLPrinter.print(expression)).isStructurallyEqual(to: expression))
    }

    @Test func minusStaysAnOperatorOnOtherOperands() throws {
        guard case .unary(.negate, .literal(.string("1"), _), _) = try Parser.parseExpression("-'1'") else {
            Issue.record("minus on a string must stay unary")
            return
        }
    }
}
