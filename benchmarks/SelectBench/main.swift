// SelectBench: the goal cases of issue #13 ("Speed"), whole `stackq` processes against the in-process emulator,
// timed from outside.
//
//   swift build -c release && .build/release/SelectBench [path/to/stackq] [runs] [cases, e.g. abcdefgh]
//
// To compare builds, give several, comma-separated, each as PATH or PATH@REGISTRY (the registry folder that build
// reads; default: this repository's providers/): every figure then runs the builds in turn against one emulator,
// one run of each per round (the order alternates between rounds), and prints each build's median, its spread
// (min–max) and its ratio to the first build's median.
//
// (a) 10,000 sessions, server pages capped at 100 (100 requests), every row printed as CSV; beside curl and
//     Google's Python client when SELECTBENCH_PEERS holds the last line of benchmarks/peers/peers.py;
// (b) 10,000 sessions, 25 ms latency per request, server pages up to 1,000, every row printed as CSV;
// (c) 100,000 sessions counted in SQLite: rows/s and the process's peak RSS — as written (`count(*)` reads no
//     member, so stackq asks for one) and with whole rows (`count(*)` over `SELECT *`), the materialisation path;
// (d) 100,000 sessions, `SELECT *` printed as csv, json and table: time beside (c) with whole rows, peak RSS;
// (e) a cold `DESCRIBE google.aiplatform.notebook_execution_jobs` beside a Foundation hello-world process;
// (f) `SELECT name, state` of 10,000 sessions: the page bytes served with `fields` beside whole pages;
// (g) 50 projects × 4 locations = 200 list calls, 50 ms latency each, --concurrency 16, beside the bound
//     (calls ÷ concurrency) × latency;
// (h) a staged plan: 200 projects listed, then one sessions list per project through a join, 50 ms latency per
//     call, --concurrency 16 — beside the bound (calls ÷ concurrency) × latency plus the projects stage.
// Each figure is the median of the runs after one warm-up run; peak RSS is that of one more run, under
// /usr/bin/time.
import Foundation
import StackQ
import StackQEmulator

#if canImport(Glibc)
import Glibc
#endif

struct Measurement {
    var seconds: Double
}

/// Spawns `executable` with `arguments`, stdout and stderr to /dev/null, and measures its wall time.
func measure(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Measurement {
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&fileActions, 2, "/dev/null", O_WRONLY, 0)
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
    waitpid(pid, &status, 0)
    let elapsed = ContinuousClock.now - start
    guard status == 0 else { throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with status \(status)") }
    return Measurement(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

/// The peak RSS of one run, in MB, as `/usr/bin/time` reports it. (The rusage of a child started with
/// `posix_spawn` is no use here: glibc spawns with vfork, so the child's peak includes this process's memory, and
/// this process holds the emulator's data.)
func peakRSS(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> Double {
    let report = FileManager.default.temporaryDirectory.appendingPathComponent("selectbench-rss-\(getpid())").path
    _ = try measure("/usr/bin/time", ["-f", "%M", "-o", report, executable] + arguments, environment: environment)
    let text = try String(contentsOfFile: report, encoding: .utf8)
    try? FileManager.default.removeItem(atPath: report)
    guard let kilobytes = Double(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "") else {
        throw BenchError("/usr/bin/time reported no peak RSS: \(text)")
    }
    return kilobytes / 1024
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// One stackq build under test: its executable and the environment it runs with (its own registry folder).
struct Build {
    var path: String
    var environment: [String: String]
}

/// A warm-up run, then `runs` measured ones.
func repeated(_ runs: Int, _ executable: String, _ arguments: [String], environment: [String: String]) throws -> Runs {
    _ = try measure(executable, arguments, environment: environment)
    return Runs(try (0..<runs).map { _ in try measure(executable, arguments, environment: environment) })
}

/// A warm-up run of each build, then `runs` rounds of one run of each, the order reversed every other round.
/// `environment` makes each build's environment for the figure (by default its own).
func interleaved(_ runs: Int, _ builds: [Build], _ arguments: [String],
                 environment: (Int, Build) -> [String: String] = { $1.environment }) throws -> [Runs] {
    for (index, build) in builds.enumerated() { _ = try measure(build.path, arguments, environment: environment(index, build)) }
    var measured = Array(repeating: [Measurement](), count: builds.count)
    for round in 0..<runs {
        let order = round % 2 == 0 ? Array(builds.indices) : builds.indices.reversed()
        for index in order {
            measured[index].append(try measure(builds[index].path, arguments, environment: environment(index, builds[index])))
        }
    }
    return measured.map(Runs.init)
}

/// The measured runs of one figure.
struct Runs {
    var all: [Measurement]
    /// The peak RSS of one more run, when asked for.
    var peakMegabytes = 0.0
    init(_ all: [Measurement]) { self.all = all }

    var milliseconds: Double { median(all.map(\.seconds)) * 1000 }
    var minimumMilliseconds: Double { (all.map(\.seconds).min() ?? 0) * 1000 }
    var maximumMilliseconds: Double { (all.map(\.seconds).max() ?? 0) * 1000 }
}

struct Context {
    var builds: [Build]
    var runs: Int
    var services: [ProviderService]
    var token: String
    var environment: [String: String]
    var auth: String
}

/// One emulator for a case, and the stackq arguments that reach it.
struct Server {
    var emulator: Emulator
    var url: URL
    var context: Context

    func arguments(_ sql: String, output: String = "csv", extra: [String] = []) -> [String] {
        ["-e", sql, "-o", output, "--endpoint", "google=\(url.absoluteString)", "--auth", context.auth] + extra
    }

    /// The first build's runs; with several builds, each build's line (median, spread, ratio) is printed first.
    func run(_ sql: String, output: String = "csv", extra: [String] = [], memory: Bool = false,
             label: String) throws -> Runs {
        let arguments = arguments(sql, output: output, extra: extra)
        var all = try interleaved(context.runs, context.builds, arguments)
        if memory {
            for index in all.indices {
                all[index].peakMegabytes = try peakRSS(context.builds[index].path, arguments,
                                                       environment: context.builds[index].environment)
            }
        }
        printComparison(label, all, builds: context.builds)
        return all[0]
    }

    /// The bytes of the 200 answers the emulator has served for `method` so far.
    func servedBytes(_ method: String) async -> Double {
        guard case .number(let n)? = await emulator.stats()["bytes"]?[method] else { return 0 }
        return n
    }
}

func withEmulator<T>(_ context: Context, _ spec: GenerateSpec, latency: Duration = .zero, maximumPageSize: Int = 1000,
                     seed: SeedData? = nil, _ body: (Server) async throws -> T) async throws -> T {
    var configuration = EmulatorConfiguration()
    configuration.staticTokens = [context.token]
    configuration.defaultPageSize = 100
    configuration.maximumPageSize = maximumPageSize
    configuration.latency = latency
    let emulator = Emulator(services: context.services, configuration: configuration)
    _ = await emulator.generate(spec)
    if let seed { try await emulator.seed(seed) }
    let url = try await emulator.start()
    do {
        let result = try await body(Server(emulator: emulator, url: url, context: context))
        await emulator.stop()
        return result
    } catch {
        await emulator.stop()
        throw error
    }
}

/// Case (a)'s peers, when `SELECTBENCH_PEERS` holds the last line of `benchmarks/peers/peers.py`
/// (`peers: sessions=10000 pages=100 curl_ms=73.0 python_ms=731.0 …`): stackq's time beside them, and the ratios.
func printPeers(stackqMilliseconds: Double) {
    guard let line = ProcessInfo.processInfo.environment["SELECTBENCH_PEERS"], !line.isEmpty else {
        print("    (no SELECTBENCH_PEERS: curl and the Python client not compared)")
        return
    }
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
    if let peerStackq = figures["stackq_ms"] {
        print(String(format: "    (peers.py's own stackq run, against its emulator: %.0f ms)", peerStackq))
    }
}

/// With several builds, one line per build for the figure `label`: median, min–max, ratio to the first build.
func printComparison(_ label: String, _ all: [Runs], builds: [Build]) {
    guard builds.count > 1 else { return }
    for (index, runs) in all.enumerated() {
        var line = String(format: "  [%@] %@: median %.1f ms (min %.1f, max %.1f, n=%d)", label, builds[index].path,
                          runs.milliseconds, runs.minimumMilliseconds, runs.maximumMilliseconds, runs.all.count)
        if index > 0 { line += String(format: "; %.3fx the first", runs.milliseconds / all[0].milliseconds) }
        if runs.peakMegabytes > 0 { line += String(format: "; peak RSS %.1f MB", runs.peakMegabytes) }
        print(line)
    }
}

/// A Foundation hello-world executable, compiled once with `swiftc -O` into the temporary folder.
func helloWorld() throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("selectbench-hello")
    let binary = folder.appendingPathComponent("hello").path
    if FileManager.default.isExecutableFile(atPath: binary) { return binary }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let source = folder.appendingPathComponent("hello.swift")
    try "import Foundation\nprint(\"hello from\", ProcessInfo.processInfo.processName)\n".write(to: source, atomically: true, encoding: .utf8)
    let swiftc = Process()
    swiftc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    swiftc.arguments = ["swiftc", "-O", source.path, "-o", binary]
    try swiftc.run()
    swiftc.waitUntilExit()
    guard swiftc.terminationStatus == 0 else { throw BenchError("swiftc could not build \(source.path)") }
    return binary
}

let arguments = CommandLine.arguments
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let stackqArgument = arguments.count > 1 ? arguments[1] : repository.appendingPathComponent(".build/release/stackq").path
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 10 : 10
let cases = Set(arguments.count > 3 ? arguments[3] : "abcdefgh")
let registry = Registry(root: repository.appendingPathComponent("providers"))
let token = "bench-token"
var environment = ProcessInfo.processInfo.environment
environment["BENCH_TOKEN"] = token
environment["STACKQ_REGISTRY"] = repository.appendingPathComponent("providers").path
let builds = stackqArgument.split(separator: ",").map { entry in
    let parts = entry.split(separator: "@", maxSplits: 1).map(String.init)
    var own = environment
    if parts.count == 2 { own["STACKQ_REGISTRY"] = parts[1] }
    return Build(path: parts[0], environment: own)
}
let stackq = builds[0].path
let context = Context(builds: builds, runs: runs,
                      services: [try registry.service(provider: "google", name: "dataproc"),
                                 try registry.service(provider: "google", name: "cloudresourcemanager")],
                      token: token, environment: environment,
                      auth: #"{"google":{"type":"bearer","credentialsenvvar":"BENCH_TOKEN"}}"#)
let demo = "FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"
let listMethod = "projects_locations_sessions_list"

print("stackq: \(builds.map(\.path).joined(separator: ", "))")
print("runs per figure: \(runs) (median after one warm-up run)")

if cases.contains("a") {
    try await withEmulator(context, GenerateSpec(sessions: 10_000), maximumPageSize: 100) { server in
        let a = try server.run("SELECT * " + demo, label: "a")
        print(String(format: "(a) 10,000 sessions, pages capped at 100 (100 requests), printed as CSV: %.0f ms", a.milliseconds))
        printPeers(stackqMilliseconds: a.milliseconds)
    }
}

if cases.contains("b") {
    try await withEmulator(context, GenerateSpec(sessions: 10_000), latency: .milliseconds(25)) { server in
        let b = try server.run("SELECT * " + demo, label: "b")
        print(String(format: "(b) 10,000 sessions, 25 ms per request, pages up to 1,000, printed as CSV: %.0f ms (goal <= 500 ms)",
                     b.milliseconds))
    }
}

var wholeRowsMilliseconds: Double?
if cases.contains("c") || cases.contains("d") {
    try await withEmulator(context, GenerateSpec(sessions: 100_000)) { server in
        let asWritten = try server.run("SELECT count(*) " + demo, memory: true, label: "c count(*)")
        let whole = try server.run("SELECT count(*) FROM (SELECT * " + demo + ")", memory: true,
                                    label: "c whole rows")
        wholeRowsMilliseconds = whole.milliseconds
        if cases.contains("c") {
            for (label, runs) in [("count(*) as written (fields=sessions(name))", asWritten), ("count(*) of whole rows", whole)] {
                print(String(format: "(c) 100,000 sessions, %@: %.0f ms, %.0f rows/s (goal >= 300,000), peak RSS %.1f MB (goal <= 150 MB)",
                             label, runs.milliseconds, 100_000 / (runs.milliseconds / 1000), runs.peakMegabytes))
            }
        }
        if cases.contains("d") {
            for output in ["csv", "json", "table"] {
                let d = try server.run("SELECT * " + demo, output: output, memory: true, label: "d \(output)")
                print(String(format: "(d) 100,000 sessions, SELECT * -o %@: %.0f ms, %.2fx (c) with whole rows (goal <= 2), peak RSS %.1f MB (goal <= 200 MB)",
                             output, d.milliseconds, d.milliseconds / whole.milliseconds, d.peakMegabytes))
            }
        }
    }
}

if cases.contains("e") {
    let hello = try repeated(runs, try helloWorld(), [], environment: environment)
    // Its own registry cache: the warm-up run fills it, as a first use does, and the measured runs read it.
    let cacheRoot = FileManager.default.temporaryDirectory.appendingPathComponent("selectbench-cache-\(getpid())")
    defer { try? FileManager.default.removeItem(at: cacheRoot) }
    let describeArguments = ["-e", "DESCRIBE google.aiplatform.notebook_execution_jobs"]
    // Each build its own cache folder (the cache's layout may differ between builds).
    let describes = try interleaved(runs, builds, describeArguments) { index, build in
        var cached = build.environment
        cached["XDG_CACHE_HOME"] = cacheRoot.appendingPathComponent("shared-\(index)").path
        return cached
    }
    printComparison("e cached", describes, builds: builds)
    let describe = describes[0]
    print(String(format: "(e) cold DESCRIBE google.aiplatform.notebook_execution_jobs: %.1f ms; Foundation hello world %.1f ms; ratio %.2f (goal <= 3)",
                 describe.milliseconds, hello.milliseconds, describe.milliseconds / hello.milliseconds))
    // The first use: an empty cache each run, so the 3 MB document is scanned and the resource's part written.
    var emptyRuns = 0
    let firstUses = try interleaved(runs, builds, describeArguments) { _, build in
        var empty = build.environment
        emptyRuns += 1
        empty["XDG_CACHE_HOME"] = cacheRoot.appendingPathComponent("empty-\(emptyRuns)").path
        return empty
    }
    printComparison("e first use", firstUses, builds: builds)
    let firstUse = firstUses[0]
    print(String(format: "    first use (empty registry cache): %.1f ms; ratio %.2f", firstUse.milliseconds,
                 firstUse.milliseconds / hello.milliseconds))
}

if cases.contains("f") {
    try await withEmulator(context, GenerateSpec(sessions: 10_000)) { server in
        let arguments = server.arguments("SELECT name, state " + demo)
        let before = await server.servedBytes(listMethod)
        _ = try measure(stackq, arguments, environment: builds[0].environment)
        let narrow = await server.servedBytes(listMethod) - before
        _ = try measure(stackq, server.arguments("SELECT * " + demo), environment: builds[0].environment)
        let whole = await server.servedBytes(listMethod) - before - narrow
        let timed = try server.run("SELECT name, state " + demo, label: "f")
        print(String(format: "(f) 10,000 sessions, SELECT name, state: %.0f KB of pages with fields, %.0f KB whole; %.3f of the bytes (goal <= 0.25); %.0f ms",
                     narrow / 1024, whole / 1024, narrow / whole, timed.milliseconds))
    }
}

if cases.contains("g") {
    let projects = (0..<50).map { $0 == 0 ? "'demo'" : "'demo-\($0 + 1)'" }.joined(separator: ", ")
    let locations = ["'us-central1'", "'europe-west1'", "'us-east1'", "'asia-east1'"].joined(separator: ", ")
    try await withEmulator(context, GenerateSpec(sessions: 2_000, projects: 50, locations: 4), latency: .milliseconds(50)) { server in
        let g = try server.run("SELECT count(*) FROM google.dataproc.sessions WHERE projectsId IN (\(projects)) AND locationsId IN (\(locations))",
                               extra: ["--concurrency", "16"], label: "g")
        let bound = (200.0 / 16).rounded(.up) * 50
        print(String(format: "(g) 50 projects x 4 locations, 50 ms per call, --concurrency 16: %.0f ms; bound %.0f ms; ratio %.2f (goal <= 1.15)",
                     g.milliseconds, bound, g.milliseconds / bound))
    }
}

if cases.contains("h") {
    let projectItems: [JSONValue] = (0..<200).map { index in
        let id = index == 0 ? "demo" : "demo-\(index + 1)"
        return .object([("name", .string("projects/\(id)")), ("projectId", .string(id)), ("parent", .string("organizations/1"))])
    }
    try await withEmulator(context, GenerateSpec(sessions: 2_000, projects: 200, locations: 1), latency: .milliseconds(50),
                           seed: SeedData(collections: [("projects", projectItems)])) { server in
        let h = try server.run("""
            SELECT count(*) FROM google.cloudresourcemanager.projects p
            JOIN google.dataproc.sessions s ON s.projectsId = p.projectId
            WHERE p.parent = 'organizations/1' AND s.locationsId = 'us-central1'
            """, extra: ["--concurrency", "16"], label: "h")
        // Stage 1 is the projects list: one page (pages up to 1,000); stage 2 is 200 lists, 16 at a time.
        let bound = 50.0 + (200.0 / 16).rounded(.up) * 50
        print(String(format: "(h) 200 projects joined to their sessions, 50 ms per call: %.0f ms; bound %.0f ms; ratio %.2f (goal <= 1.5)",
                     h.milliseconds, bound, h.milliseconds / bound))
    }
}
