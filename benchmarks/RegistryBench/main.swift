import Foundation
import StackQ

// RegistryBench: cold-process timings of registry statements (median of 10 runs each).
//
//   swift build -c release --product stackq --product RegistryBench
//   .build/release/RegistryBench [path/to/stackq] [--registry DIR]
//
// Rows: `sqlite3 :memory: 'select 1'` (the floor for starting any process), the stackq statements, and this
// benchmark re-running itself in `--child` mode: a fresh process that links StackQ, opens the bundled registry and
// builds the DESCRIBE / SHOW RESOURCES tables through the Registry API (the registry's share of a statement).

let runs = 10
var arguments = Array(CommandLine.arguments.dropFirst())

func option(_ name: String, in arguments: inout [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    let value = arguments[index + 1]
    arguments.removeSubrange(index...index + 1)
    return value
}

let registryPath = option("--registry", in: &arguments)

if let child = option("--child", in: &arguments) {
    let root = try RegistryLocator.locate(explicitPath: registryPath)
    let registry = Registry(root: root)
    let table: MetadataTable
    switch child {
    case "describe":
        table = try registry.describe(provider: "google", service: "aiplatform", resource: "notebook_execution_jobs")
    default:
        table = try registry.showResources(provider: "google", service: "dataproc")
    }
    print(table.rows.count)
    exit(0)
}

let selfPath = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
let stackqPath = arguments.first ?? URL(fileURLWithPath: selfPath).deletingLastPathComponent()
    .appendingPathComponent("stackq").path

/// Milliseconds of one run of `executable arguments` (output discarded), or nil when it cannot start or fails.
///
/// Spawns with `posix_spawn` and waits with `waitpid`: Foundation's `Process.waitUntilExit` polls and would add
/// tens of milliseconds to every figure.
func timeOnce(_ executable: String, _ arguments: [String]) -> Double? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let start = DispatchTime.now().uptimeNanoseconds
    guard posix_spawn(&pid, executable, &actions, nil, argv, environ) == 0 else { return nil }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return status == 0 ? elapsed : nil
}

/// "median (min–max) ms" over `runs` cold runs, or why it could not be measured.
func measure(_ executable: String, _ arguments: [String]) -> String {
    var times: [Double] = []
    for _ in 0..<runs {
        guard let time = timeOnce(executable, arguments) else { return "failed (exit status non-zero or not found)" }
        times.append(time)
    }
    times.sort()
    let median = (times[runs / 2 - 1] + times[runs / 2]) / 2
    return String(format: "%7.1f ms  (min %.1f, max %.1f)", median, times.first!, times.last!)
}

func which(_ name: String) -> String? {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
}

var registryArguments: [String] = []
if let registryPath { registryArguments = ["--registry", registryPath] }

var rows: [(String, String)] = []
if let sqlite = which("sqlite3") {
    rows.append(("sqlite3 :memory: 'select 1'  (floor)", measure(sqlite, [":memory:", "select 1"])))
}
rows.append(("stackq -e \"DESCRIBE google.aiplatform.notebook_execution_jobs\"",
             measure(stackqPath, registryArguments + ["-e", "DESCRIBE google.aiplatform.notebook_execution_jobs"])))
rows.append(("stackq -e \"SHOW RESOURCES IN google.dataproc\"",
             measure(stackqPath, registryArguments + ["-e", "SHOW RESOURCES IN google.dataproc"])))
rows.append(("stackq registry list", measure(stackqPath, ["registry", "list"] + registryArguments)))
rows.append(("Registry.describe(aiplatform.notebook_execution_jobs), cold process",
             measure(selfPath, ["--child", "describe"] + registryArguments)))
rows.append(("Registry.showResources(dataproc), cold process",
             measure(selfPath, ["--child", "resources"] + registryArguments)))

let width = rows.map(\.0.count).max() ?? 0
print("RegistryBench: median of \(runs) cold processes")
for (name, figure) in rows {
    print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + figure)
}
