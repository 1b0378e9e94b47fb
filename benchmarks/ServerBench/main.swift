// ServerBench: `stackq serve` (the PostgreSQL wire protocol) measured from outside, against an emulator in this
// process.
//
//   swift build -c release && .build/release/ServerBench [path/to/stackq] [runs]
//
// (1) 100,000 sessions (`SELECT *`) over one connection (postgres-nio, binary results): rows/s, beside the same
//     query through `stackq -e … -o csv` in a process of its own;
// (2) `pgbench -n -f query.sql -c 16 -T 10` against `stackq serve --sandbox` (one location's sessions a
//     transaction): tps and failed transactions (needs pgbench from postgresql-client);
// (3) the server's peak RSS (VmHWM) after 200 idle connections, beside its RSS before them.
// Figures are medians of the runs after one warm-up run. Nothing here asserts on time.
import Foundation
import Logging
import PostgresNIO
import StackQ
import StackQEmulator

#if canImport(Glibc)
import Glibc
#endif

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line to stdout at once (a figure survives the bench being stopped later).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// Runs a process to its end; its stdout, and it must exit 0. Spawned with an empty signal mask and default
/// dispositions: a child of this (threaded) process would otherwise inherit blocked signals, and pgbench's -T
/// timer (SIGALRM) would never fire.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String]) throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("serverbench-\(getpid())-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    var fileActions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&fileActions)
    defer { posix_spawn_file_actions_destroy(&fileActions) }
    posix_spawn_file_actions_addopen(&fileActions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGALRM, SIGTERM, SIGPIPE] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, executable, &fileActions, &attributes, argv, envp)
    guard rc == 0 else { throw BenchError("cannot start \(executable): error \(rc)") }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    guard status == 0 else {
        throw BenchError("\(executable) \(arguments.joined(separator: " ")) exited with status \(status)")
    }
    return try String(contentsOf: output, encoding: .utf8)
}

/// A `stackq serve` process pointed at the emulator; its port and process id.
final class ServeProcess {
    let process = Process()
    let port: Int

    init(stackq: String, _ options: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: stackq)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--log-level", "warning"] + options
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        var line: [UInt8] = []
        while let byte = try pipe.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") { line.append(byte) }
        let text = String(decoding: line, as: UTF8.self)
        guard let portText = text.split(separator: ":").last?.split(separator: "/").first, let port = Int(portText) else {
            throw BenchError("stackq serve printed '\(text)' instead of its URL")
        }
        self.port = port
    }

    /// `VmRSS` and `VmHWM` of the server, in MB.
    func memory() throws -> (rss: Double, peak: Double) {
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        func field(_ name: String) -> Double {
            let line = status.split(separator: "\n").first { $0.hasPrefix(name + ":") } ?? ""
            return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
        }
        return (field("VmRSS"), field("VmHWM"))
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

let arguments = CommandLine.arguments
let stackq = arguments.count > 1 ? arguments[1] : ".build/release/stackq"
let runs = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let token = "bench-token"
var environment = ProcessInfo.processInfo.environment
environment["BENCH_TOKEN"] = token
let auth = #"{"google":{"type":"bearer","credentialsenvvar":"BENCH_TOKEN"}}"#
var logger = Logger(label: "serverbench")
logger.logLevel = .critical

let registry = Registry(root: try RegistryLocator.locate(explicitPath: nil))
var configuration = EmulatorConfiguration()
configuration.staticTokens = [token]
configuration.defaultPageSize = 1000
configuration.maximumPageSize = 1000
let emulator = Emulator(services: [try registry.service(provider: "google", name: "dataproc")], configuration: configuration)
_ = await emulator.generate(GenerateSpec(sessions: 100_000))
let emulatorURL = try await emulator.start()
let server = try ServeProcess(stackq: stackq, ["--endpoint", "google=\(emulatorURL.absoluteString)", "--auth", auth],
                              environment: environment)
defer { server.stop() }
let connectionConfiguration = PostgresConnection.Configuration(host: "127.0.0.1", port: server.port, username: "bench",
                                                               password: nil, database: "stackq", tls: .disable)
let everything = "SELECT * FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"

// (1) rows/s over one connection, beside stackq -e … -o csv.
let connection = try await PostgresConnection.connect(configuration: connectionConfiguration, id: 1, logger: logger)
var wireSeconds: [Double] = []
var rowCount = 0
for attempt in 0...runs {
    let start = ContinuousClock.now
    var count = 0
    for try await _ in try await connection.query(PostgresQuery(unsafeSQL: everything), logger: logger) { count += 1 }
    if attempt > 0 { wireSeconds.append(seconds(ContinuousClock.now - start)) }
    rowCount = count
}
try await connection.close().get()
var csvSeconds: [Double] = []
for attempt in 0...runs {
    let start = ContinuousClock.now
    _ = try run(stackq, ["-e", everything, "-o", "csv", "--endpoint", "google=\(emulatorURL.absoluteString)", "--auth", auth],
                environment: environment)
    if attempt > 0 { csvSeconds.append(seconds(ContinuousClock.now - start)) }
}
let wire = median(wireSeconds), csv = median(csvSeconds)
say(String(format: "(1) %d sessions, SELECT *: one wire connection %.0f ms (%.0f rows/s); stackq -e -o csv %.0f ms (%.0f rows/s); wire/csv time %.2f",
             rowCount, wire * 1000, Double(rowCount) / wire, csv * 1000, Double(rowCount) / csv, wire / csv))

// (2) pgbench: 16 clients for 10 s against `stackq serve --sandbox`, a location's sessions per transaction.
if let pgbench = ["/usr/bin/pgbench", "/usr/lib/postgresql/15/bin/pgbench"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) {
    let script = FileManager.default.temporaryDirectory.appendingPathComponent("serverbench-query.sql")
    try "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1';\n"
        .write(to: script, atomically: true, encoding: .utf8)
    let sandbox = try ServeProcess(stackq: stackq, ["--sandbox"], environment: environment)
    defer { sandbox.stop() }
    let report = try run(pgbench, ["-n", "-f", script.path, "-c", "16", "-T", "10", "-h", "127.0.0.1", "-p", String(sandbox.port),
                                   "-U", "bench", "stackq"], environment: environment)
    let lines = report.split(separator: "\n")
    let tps = lines.first { $0.hasPrefix("tps") } ?? "tps: not reported"
    let failed = lines.first { $0.contains("failed") } ?? "failed: not reported"
    say("(2) pgbench -n -f query.sql -c 16 -T 10 against stackq serve --sandbox (one list call a transaction): \(tps); \(failed)")
} else {
    say("(2) pgbench not found: apt-get install postgresql-client")
}

// (3) 200 idle connections.
let before = try server.memory()
var idle: [PostgresConnection] = []
for index in 0..<200 {
    idle.append(try await PostgresConnection.connect(configuration: connectionConfiguration, id: 100 + index, logger: logger))
}
try await Task.sleep(for: .milliseconds(500))
let after = try server.memory()
say(String(format: "(3) server RSS %.1f MB before, %.1f MB with 200 idle connections (%.1f KB each); peak RSS (VmHWM) %.1f MB",
             before.rss, after.rss, (after.rss - before.rss) * 1024 / 200, after.peak))
for connection in idle { try? await connection.close().get() }
await emulator.stop()
