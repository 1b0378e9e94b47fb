// SelectBench: the engine against the in-process emulator, whole `stackq` processes timed from outside.
//
//   swift build -c release && swift run -c release SelectBench [path/to/stackq] [runs] [cases, e.g. abcd]
//
// (a) 10,000 sessions in 100 pages of 100, one parent, every row printed as CSV;
// (b) 50 projects × 4 locations = 200 list calls with 50 ms latency each (serial calls would take over 10 s);
// (c) 100,000 sessions (1,000 pages) counted in SQLite: rows/s through JSON → SQLite, and the process's peak RSS.
// (d) a staged plan: 200 projects listed, then one sessions list per project through a join, 50 ms latency per
//     call, concurrency 16 — beside the bound (calls ÷ concurrency) × latency plus the projects stage.
// Each figure is the median of the runs; peak RSS is the largest of the runs.
import Foundation
import StackQ
import StackQEmulator

#if canImport(Glibc)
import Glibc
#endif

struct Measurement {
    var seconds: Double
    var peakRSSKilobytes: Int
}

/// Spawns `executable` with `arguments`, stdout and stderr to /dev/null, and measures wall time and peak RSS.
func measure(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Measurement {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    let start = ContinuousClock.now
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &fileActions, nil, argv, envp)
    guard rc == 0 else { throw BenchError("cannot start \(executable): error \(rc)") }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = ContinuousClock.now - start
    guard status == 0 else { throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with status \(status)") }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Measurement(seconds: seconds, peakRSSKilobytes: usage.ru_maxrss)
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

struct Context {
    var stackq: String
    var runs: Int
    var dataproc: ProviderService
    var resourceManager: ProviderService
    var token: String
    var environment: [String: String]
    var auth: String
}

let arguments = CommandLine.arguments
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let stackq = arguments.count > 1 ? arguments[1] : repository.appendingPathComponent(".build/release/stackq").path
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let cases = Set(arguments.count > 3 ? arguments[3] : "abcd")
let registry = Registry(root: repository.appendingPathComponent("providers"))
let dataproc = try registry.service(provider: "google", name: "dataproc")
let resourceManager = try registry.service(provider: "google", name: "cloudresourcemanager")
let token = "bench-token"
var environment = ProcessInfo.processInfo.environment
environment["BENCH_TOKEN"] = token
environment["STACKQ_REGISTRY"] = repository.appendingPathComponent("providers").path
let context = Context(stackq: stackq, runs: runs, dataproc: dataproc, resourceManager: resourceManager, token: token, environment: environment,
                      auth: #"{"google":{"type":"bearer","credentialsenvvar":"BENCH_TOKEN"}}"#)

func withEmulator<T>(_ context: Context, _ spec: GenerateSpec, latency: Duration, seed: SeedData? = nil,
                     _ body: (URL) throws -> T) async throws -> T {
    var configuration = EmulatorConfiguration()
    configuration.staticTokens = [context.token]
    configuration.defaultPageSize = 100
    configuration.latency = latency
    let emulator = Emulator(services: [context.dataproc, context.resourceManager], configuration: configuration)
    _ = await emulator.generate(spec)
    if let seed { try await emulator.seed(seed) }
    let url = try await emulator.start()
    let result = Result { try body(url) }
    await emulator.stop()
    return try result.get()
}

func scenario(_ context: Context, spec: GenerateSpec, latency: Duration = .zero, seed: SeedData? = nil, sql: String,
              output: String) async throws -> [Measurement] {
    try await withEmulator(context, spec, latency: latency, seed: seed) { url in
        let args = ["-e", sql, "-o", output, "--endpoint", "google=\(url.absoluteString)", "--auth", context.auth]
        _ = try measure(context.stackq, args, environment: context.environment)  // warm the page cache
        return try (0..<context.runs).map { _ in try measure(context.stackq, args, environment: context.environment) }
    }
}

/// Case (a)'s peers, when `SELECTBENCH_PEERS` holds the last line of `benchmarks/peers/peers.py`
/// (`peers: sessions=10000 pages=100 curl_ms=73.0 python_ms=731.0 …`): stackq's time beside them, and the ratios.
func printPeers(stackqMilliseconds: Double) {
    guard let line = ProcessInfo.processInfo.environment["SELECTBENCH_PEERS"], !line.isEmpty else { return }
    var figures: [String: Double] = [:]
    for pair in line.split(separator: " ") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2, let value = Double(parts[1]) { figures[String(parts[0])] = value }
    }
    if let curl = figures["curl_ms"], curl > 0 {
        print(String(format: "    curl of the page URLs (floor): %.0f ms; stackq / curl = %.2f (goal <= 1.4)",
                     curl, stackqMilliseconds / curl))
    }
    if let python = figures["python_ms"], stackqMilliseconds > 0 {
        print(String(format: "    google-api-python-client: %.0f ms (list loop alone %.0f ms); %.1fx stackq's time (goal >= 5)",
                     python, figures["python_loop_ms"] ?? 0, python / stackqMilliseconds))
    }
}

print("stackq: \(stackq)")
print("runs per figure: \(runs) (median)")

if cases.contains("a") {
let a = try await scenario(context, spec: GenerateSpec(sessions: 10_000),
                           sql: "SELECT * FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'",
                           output: "csv")
print(String(format: "(a) 10,000 sessions, 100 pages, printed as CSV: %.0f ms (target < 150 ms)", median(a.map(\.seconds)) * 1000))
printPeers(stackqMilliseconds: median(a.map(\.seconds)) * 1000)
}

if cases.contains("b") {
let projects = (0..<50).map { $0 == 0 ? "'demo'" : "'demo-\($0 + 1)'" }.joined(separator: ", ")
let locations = ["'us-central1'", "'europe-west1'", "'us-east1'", "'asia-east1'"].joined(separator: ", ")
let b = try await scenario(context, spec: GenerateSpec(sessions: 2_000, projects: 50, locations: 4), latency: .milliseconds(50),
                           sql: "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId IN (\(projects)) AND locationsId IN (\(locations))",
                           output: "csv")
print(String(format: "(b) 50 projects x 4 locations, 50 ms per call: %.0f ms (target < 1250 ms; serial > 10,000 ms)", median(b.map(\.seconds)) * 1000))
}

if cases.contains("c") {
let c = try await scenario(context, spec: GenerateSpec(sessions: 100_000),
                           sql: "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'",
                           output: "csv")
let cSeconds = median(c.map(\.seconds))
print(String(format: "(c) 100,000 sessions, 1,000 pages: %.0f ms, %.0f rows/s (target >= 300,000), peak RSS %.1f MB (target <= 250 MB)",
             cSeconds * 1000, 100_000 / cSeconds, Double(c.map(\.peakRSSKilobytes).max() ?? 0) / 1024))
}

if cases.contains("d") {
let projectItems: [JSONValue] = (0..<200).map { index in
    let id = index == 0 ? "demo" : "demo-\(index + 1)"
    return .object([("name", .string("projects/\(id)")), ("projectId", .string(id)), ("parent", .string("organizations/1"))])
}
let d = try await scenario(context, spec: GenerateSpec(sessions: 2_000, projects: 200, locations: 1), latency: .milliseconds(50),
                           seed: SeedData(collections: [("projects", projectItems)]),
                           sql: """
                               SELECT count(*) FROM google.cloudresourcemanager.projects p
                               JOIN google.dataproc.sessions s ON s.projectsId = p.projectId
                               WHERE p.parent = 'organizations/1' AND s.locationsId = 'us-central1'
                               """,
                           output: "csv")
// Stage 1 is the projects list: 2 pages of 100, one after the other; stage 2 is 200 lists, 16 at a time.
let bound = 2 * 50.0 + (200.0 / 16).rounded(.up) * 50
let dMilliseconds = median(d.map(\.seconds)) * 1000
print(String(format: "(d) 200 projects joined to their sessions, 50 ms per call: %.0f ms; bound %.0f ms; ratio %.2f (goal <= 1.5)",
             dMilliseconds, bound, dMilliseconds / bound))
}
