import Foundation
@testable import StackQ
import StackQEmulator
import StackQTesting
import StackQSyntax
import Testing

/// Issue 14's fuzz test over the engine: 20,000 statements made by mutating real SQLite SELECTs end in a
/// result or in an error that says where — never in a crash or a hang (a 10 s statement deadline).
@Suite struct EngineFuzzTests {
    static let seeds = [
        "SELECT 1 + 2 * 3 AS n, 'a''b' AS s, NULL AS z",
        "SELECT x, count(*) FROM (SELECT 1 AS x UNION ALL SELECT 2) GROUP BY x HAVING count(*) > 0 ORDER BY 1 DESC",
        "SELECT key, value FROM json_each('{\"a\":1,\"b\":[2,3]}') WHERE key <> 'c'",
        "WITH t(a, b) AS (VALUES (1, 'x'), (2, 'y')) SELECT a, b, row_number() OVER (ORDER BY a) FROM t",
        "SELECT CASE WHEN 1 THEN 'yes' WHEN 2 THEN 'no' ELSE NULL END, coalesce(NULL, 3), nullif(1, 1)",
        "SELECT '{\"a\":[1,2]}' -> '$.a' AS j, '{\"a\":2}' ->> 'a' AS k, json_extract('[1,2]', '$[1]')",
        "SELECT a FROM (SELECT 1 AS a) t1 LEFT JOIN (SELECT 1 AS b) t2 ON a = b WHERE b IS NOT NULL",
        "SELECT 1 WHERE 'q' = 'x''y' OR 2 BETWEEN 1 AND 3 AND 'abc' LIKE 'a%' ESCAPE '\\'",
        "SELECT group_concat(x, ',') FROM (SELECT 'a' AS x UNION SELECT 'b') LIMIT 5 OFFSET 0",
        "SELECT substr('hello', 2, 3), upper('é'), length(X'00ff'), typeof(1.5e3), CAST('7' AS INTEGER)",
        "SELECT EXISTS (SELECT 1), 3 IN (1, 2, 3), 4 NOT IN (SELECT 1), - - 1, ~5, 1 << 2 | 1",
        "SELECT max(a) FILTER (WHERE a > 1), min(a) FROM (VALUES (1), (2), (3)) AS v(a)",
        "SELECT printf('%d-%s', 5, 'x'), quote('it''s'), instr('abc', 'b'), replace('aaa', 'a', 'b')",
        "SELECT a FROM (SELECT 2 AS a) AS t INTERSECT SELECT 2 EXCEPT SELECT 3",
        "SELECT {{ v }} AS var, '{{ v }}' AS inside",
    ]

    static let vocabulary = [
        "SELECT", "FROM", "WHERE", "(", ")", ",", "'", "\"", "`", "1", "-1e999", "007", "NULL", "AND", "OR", "NOT",
        "||", "->", "->>", "=", "<>", "*", "+", "/", "%", "CASE", "END", "WHEN", "THEN", "ORDER BY", "GROUP BY",
        "OVER", "(PARTITION BY", "json_each(", "'\u{0600}'", "'\u{0}'", "x", "é", "\u{1B}", "--", "/*", "*/", ";",
        "{{", "}}", "{{ v }}", "{{ nope }}", "INDEXED BY i", "NOT INDEXED", "COLLATE NOCASE", "?", "@p", ":x", "$",
        "0x", "X'", "'\u{301}''", "UNION", "ALL", "WITH", "AS", "IN", "LIMIT", "DISTINCT", "ESCAPE", "RECURSIVE",
    ]

    static func mutate(_ seed: String, using generator: inout DeterministicRandom) -> String {
        var pieces = seed.split(separator: " ").map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &generator) where !pieces.isEmpty {
            let i = Int.random(in: 0..<pieces.count, using: &generator)
            switch Int.random(in: 0..<6, using: &generator) {
            case 0: pieces.remove(at: i)
            case 1: pieces.insert(pieces[i], at: i)
            case 2: pieces.swapAt(i, Int.random(in: 0..<pieces.count, using: &generator))
            case 3: pieces.insert(vocabulary.randomElement(using: &generator)!, at: i)
            case 4: pieces[i] = vocabulary.randomElement(using: &generator)!
            default:
                let bytes = Array(pieces[i].utf8)
                pieces[i] = String(decoding: bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)), as: UTF8.self)
            }
        }
        return pieces.joined(separator: " ")
    }

    /// True when the error says where in the statement it is.
    static func hasPosition(_ error: any Error) -> Bool {
        switch error {
        case is SyntaxError, is ScriptVariables.UndefinedVariable: true
        case let error as QueryError: error.location != nil
        default: false
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func twentyThousandMutatedStatementsEndInAResultOrAPositionedError() async throws {
        var configuration = EngineConfiguration(registryPath: EmulatorHarness.providers.path, dryRun: true)
        configuration.statementTimeout = .seconds(10)
        configuration.variables = ["v": "value"]
        let engine = try Engine(configuration: configuration)
        var generator = DeterministicRandom(seed: 14)
        var failures: [String] = []
        var results = 0
        var errors = 0
        var kinds: [String: Int] = [:]
        for n in 0..<20_000 {
            let statement = Self.mutate(Self.seeds[n % Self.seeds.count], using: &generator)
            do {
                _ = try await engine.execute(statement)
                results += 1
            } catch {
                errors += 1
                kinds["\(type(of: error))", default: 0] += 1
                if !Self.hasPosition(error), failures.count < 10 {
                    failures.append("\(type(of: error)) for \(statement.debugDescription): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(results > 500, "\(results) results, errors by kind: \(kinds)")
        #expect(errors > 1_000)
    }
}
