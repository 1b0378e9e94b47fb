// ParserBench: lexer + parser throughput over a generated 1,000-statement StackQL script.
//
// Run with `swift run -c release ParserBench [runs]` (default 15 runs). The script is
// deterministic and realistic: SELECTs with joins, CTEs, window functions and json_each,
// INSERT … SELECT, EXEC with hints, DELETE, UPDATE, SHOW, DESCRIBE. Each run times
// `Lexer.tokenize` alone and `Parser.parseScript` (lexing + parsing); the median over the runs
// is printed as statements per second and MB per second of UTF-8 source, with the best run
// (which is what a busy machine distorts least). Figures depend on the machine and its load;
// compare runs on the same machine.
import StackQSyntax

/// SplitMix64, so every run measures the same script.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func makeScript(statements count: Int) -> String {
    var g = SeededGenerator(state: 2026)
    let projects = ["stackql-demo", "prod-123", "analytics-eu"]
    let regions = ["us-central1", "europe-west1", "asia-east1"]
    func pick(_ values: [String]) -> String { values.randomElement(using: &g)! }
    let templates: [() -> String] = [
        { "SELECT name, json_extract(runtimeInfo, '$.endpoints') ep FROM google.dataproc.sessions WHERE projectsId = '\(pick(projects))' AND locationsId = '\(pick(regions))';" },
        { "SELECT i.name, i.status, json_extract(n.value, '$.networkIP') AS ip FROM google.compute.instances i, json_each(i.networkInterfaces) n WHERE i.project = '\(pick(projects))' AND i.zone IN ('us-east1-b', 'us-east1-c') ORDER BY i.name LIMIT 50;" },
        { "SELECT status, count(*) AS n FROM google.compute.instances WHERE project = '\(pick(projects))' AND zone = 'us-east1-b' GROUP BY status HAVING count(*) > 1 ORDER BY n DESC;" },
        { "WITH s AS (SELECT name, state, createTime FROM google.dataproc.sessions WHERE projectsId = '\(pick(projects))' AND locationsId = '\(pick(regions))') SELECT name, row_number() OVER (PARTITION BY state ORDER BY createTime DESC) AS rn FROM s WHERE state <> 'TERMINATED';" },
        { "SELECT a.name, b.name FROM google.compute.networks a LEFT JOIN google.compute.subnetworks b ON b.network = a.selfLink AND b.project = a.project WHERE a.project = '\(pick(projects))' AND b.region = '\(pick(regions))';" },
        { "INSERT /*+ AWAIT */ INTO google.dataproc.sessions (projectsId, locationsId, data__name, data__jupyterSession) SELECT '\(pick(projects))', '\(pick(regions))', 'projects/p/locations/l/sessions/s\(Int.random(in: 1...999, using: &g))', '{\"kernel\":\"PYTHON\"}';" },
        { "EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_terminate @projectsId = '\(pick(projects))', @locationsId = '\(pick(regions))', @sessionsId = 's\(Int.random(in: 1...999, using: &g))';" },
        { "DELETE FROM google.compute.instances WHERE project = '\(pick(projects))' AND zone = 'us-east1-b' AND instance = 'vm-\(Int.random(in: 1...99, using: &g))';" },
        { "UPDATE google.compute.instances SET data__labels = '{\"env\":\"dev\"}' WHERE project = '\(pick(projects))' AND zone = 'us-east1-b' AND instance = 'vm-1';" },
        { "SHOW RESOURCES IN google.compute LIKE '%instance%';" },
        { "DESCRIBE EXTENDED google.dataproc.sessions;" },
        { "SELECT CASE WHEN state = 'ACTIVE' THEN 1 ELSE 0 END AS active, CAST(json_extract(labels, '$.cost') AS REAL) * 1.2 AS cost FROM google.dataproc.sessions WHERE projectsId = '\(pick(projects))' AND locationsId = '\(pick(regions))' AND name LIKE '%etl%' AND createTime BETWEEN '2026-01-01' AND '2026-12-31';" },
    ]
    var lines: [String] = []
    lines.reserveCapacity(count)
    for _ in 0..<count { lines.append(templates.randomElement(using: &g)!()) }
    return lines.joined(separator: "\n")
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

func seconds(_ duration: Duration) -> Double {
    let (s, attoseconds) = duration.components
    return Double(s) + Double(attoseconds) / 1e18
}

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15
let statementCount = 1_000
let script = makeScript(statements: statementCount)
let bytes = Array(script.utf8)
let megabytes = Double(bytes.count) / 1_000_000
let clock = ContinuousClock()

do {
    let parsed = try Parser.parseScript(script)
    precondition(parsed.count == statementCount, "script must parse to \(statementCount) statements")
} catch {
    fatalError("generated script does not parse: \(error)")
}

var lexTimes: [Double] = []
var parseTimes: [Double] = []
var tokenCount = 0
for _ in 0..<runs {
    let lexStart = clock.now
    tokenCount = ((try? Lexer.tokenize(bytes)) ?? []).count
    lexTimes.append(seconds(clock.now - lexStart))
    let parseStart = clock.now
    let statements = (try? Parser.parseScript(bytes: bytes)) ?? []
    parseTimes.append(seconds(clock.now - parseStart))
    precondition(statements.count == statementCount)
}

func report(_ label: String, _ times: [Double]) {
    let typical = median(times)
    let best = times.min() ?? typical
    print("  \(label): \(Int(Double(statementCount) / typical)) statements/s, \(Int(megabytes / typical)) MB/s "
        + "(median \(Int(typical * 1e6)) µs/script; best \(Int(Double(statementCount) / best)) statements/s)")
}

print("ParserBench: \(statementCount) statements, \(bytes.count) bytes, \(tokenCount) tokens, \(runs) runs")
report("lex only   ", lexTimes)
report("lex + parse", parseTimes)
