// OrgScaleBench: the figures of issue 31 ("Org-scale inventory").
//
//   swift build [-c release] --product OrgScaleBench --product stackq
//   benchmarks/org-scale.sh [release|debug]        (starts a private PostgreSQL for (c), then runs this)
//
// (a) 500 projects × 4 locations = 2,000 list calls against an emulator quota of 200 calls a second (429
//     RESOURCE_EXHAUSTED beyond, no Retry-After), --concurrency 16, the CLI's retry defaults: the time beside the
//     quota's own bound (calls ÷ quota = 10 s), the share of 429 answers, failed calls.
// (b) peak RSS of a `stackq` process making a 2,000-call and a 20,000-call fan-out (5,000 projects × 4 locations,
//     --max-calls 20000), from wait4's rusage: flat means the second is not ten times the first.
// (c) `stackq sync` of 100,000 sessions (100 pages of 1,000) into PostgreSQL (STACKQ_TEST_POSTGRES_URL): rows/s.
import Foundation
import Logging
import StackQ
import StackQEmulator
import StackQSync

#if canImport(Glibc)
import Glibc
#endif

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

let locations = ["us-central1", "europe-west1", "us-east1", "asia-east1"]

func fanOut(projects: Int, select: String = "count(*)") -> String {
    let list = (0..<projects).map { "'\($0 == 0 ? "demo" : "demo-\($0 + 1)")'" }.joined(separator: ", ")
    return "SELECT \(select) FROM google.dataproc.sessions WHERE projectsId IN (\(list)) AND locationsId IN (\(locations.map { "'\($0)'" }.joined(separator: ", ")))"
}

let providers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("providers")
let registry = Registry(root: providers)
let services = try ["dataproc"].map { try registry.service(provider: "google", name: $0) }

func engineConfiguration(_ baseURL: URL) -> EngineConfiguration {
    var configuration = EngineConfiguration(
        registryPath: providers.path, auth: AuthConfiguration(providers: ["google": .bearerEnvironment(variable: "BENCH_TOKEN")]),
        endpointOverrides: ["google": baseURL.absoluteString], environment: ["BENCH_TOKEN": "bench-token"])
    configuration.registryCacheDirectory = nil
    configuration.maximumCalls = 100_000
    return configuration
}

func withEmulator<T>(_ configure: (inout EmulatorConfiguration) -> Void, generate: GenerateSpec,
                     _ body: (Emulator, URL) async throws -> T) async throws -> T {
    var configuration = EmulatorConfiguration(staticTokens: ["bench-token"])
    configure(&configuration)
    let emulator = Emulator(services: services, configuration: configuration)
    await emulator.generate(generate)
    let url = try await emulator.start()
    do {
        let value = try await body(emulator, url)
        await emulator.stop()
        return value
    } catch {
        await emulator.stop()
        throw error
    }
}

func count(_ stats: JSONValue, status: String) -> Int {
    guard case .number(let n)? = stats["methods"]?["projects_locations_sessions_list"]?[status] else { return 0 }
    return Int(n)
}

let which = CommandLine.arguments.dropFirst().first ?? "abc"

// (a) the quota case
if which.contains("a") {
    try await withEmulator({ $0.quota = Quota(callsPerSecond: 200) }, generate: GenerateSpec(sessions: 4000, projects: 500, locations: 4)) { emulator, url in
        let engine = try Engine(configuration: engineConfiguration(url))
        let start = ContinuousClock.now
        let result = try await engine.execute(fanOut(projects: 500))[0]
        let elapsed = seconds(ContinuousClock.now - start)
        try await engine.shutdown()
        let stats = await emulator.stats()
        let ok = count(stats, status: "200"), refused = count(stats, status: "429")
        print(String(format: "(a) 2,000 calls under 200 calls/s: %.2f s = %.2f x the bound (10 s); %d rows; %d answers of 429 = %.1f %% of %d requests; %d failed calls",
                     elapsed, elapsed / 10, Int(result.rows.first?.first?.textValue ?? "0") ?? 0, refused,
                     100 * Double(refused) / Double(ok + refused), ok + refused, result.calls.filter { !$0.succeeded }.count))
    }
}

/// Peak RSS (KiB) of `stackq` running `sql`, from wait4's rusage.
func peakRSS(_ executable: String, url: URL, sql: String) throws -> Int {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let arguments = [executable, "--registry", providers.path, "--endpoint", "google=\(url.absoluteString)",
                     "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"BENCH_TOKEN"}}"#,
                     "--max-calls", "20000", "-o", "csv", "-e", sql]
    let argv = arguments.map { strdup($0) } + [nil]
    let environment: [String] = ["BENCH_TOKEN=bench-token", "XDG_CACHE_HOME=/tmp/orgscale-cache", "HOME=/tmp"]
    let envp = environment.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { throw BenchError("cannot start \(executable)") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    guard status == 0 else { throw BenchError("stackq exited with \(status)") }
    return usage.ru_maxrss
}

// (b) peak RSS of a 20,000-call fan-out
if which.contains("b") {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("stackq").path
    try await withEmulator({ _ in }, generate: GenerateSpec(sessions: 20_000, projects: 5000, locations: 4)) { _, url in
        let small = try peakRSS(executable, url: url, sql: fanOut(projects: 500))
        let large = try peakRSS(executable, url: url, sql: fanOut(projects: 5000))
        print(String(format: "(b) peak RSS of stackq: 2,000 calls %.1f MB, 20,000 calls %.1f MB (x%.2f for 10x the calls)",
                     Double(small) / 1024, Double(large) / 1024, Double(large) / Double(small)))
    }
}

// (c) sync throughput
if which.contains("c") {
    guard let target = ProcessInfo.processInfo.environment["STACKQ_TEST_POSTGRES_URL"] else {
        print("(c) skipped: set STACKQ_TEST_POSTGRES_URL (benchmarks/org-scale.sh starts a private PostgreSQL)")
        exit(0)
    }
    try await withEmulator({ $0.maximumPageSize = 1000 }, generate: GenerateSpec(sessions: 100_000)) { _, url in
        let engine = try Engine(configuration: engineConfiguration(url))
        let logger = Logger(label: "bench", factory: { _ in SwiftLogNoOpLogHandler() })
        let sql = "SELECT name, uuid, state, createTime, creator, labels, runtimeConfig FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"
        let start = ContinuousClock.now
        let report = try await PostgresSync(engine: engine, url: PostgresURL(target), table: "orgscale_bench", logger: logger).run(sql)
        let elapsed = seconds(ContinuousClock.now - start)
        try await engine.shutdown()
        print(String(format: "(c) sync of %d rows (7 columns, 2 jsonb) into PostgreSQL: %.2f s = %.0f rows/s (API pages, SQLite and COPY included)",
                     report.rows, elapsed, Double(report.rows) / elapsed))
    }
}
