import Foundation
import StackQTesting
import Testing

/// The interactive shell, driven through a pseudo-terminal as a user would: the real binary, real keys.
@Suite struct ShellTerminalTests {
    static let token = EmulatorHarness.token
    static let enter = "\r"
    static let up = "\u{1B}[A"
    static let ctrlC = "\u{3}"
    static let ctrlD = "\u{4}"

    /// A fresh home folder (for the history file), removed afterwards.
    static func withHome(_ body: (URL) async throws -> Void) async throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try await body(home)
    }

    static func startShell(home: URL, arguments: [String] = [], environment: [String: String] = [:]) throws -> PseudoTerminal {
        var env = [
            "HOME": home.path,
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "TERM": "xterm",
            "LANG": "C.UTF-8",
            "PAGER": "",
            "STACKQ_REGISTRY": CLIRunner.repositoryRoot.appendingPathComponent("providers").path,
        ]
        for (key, value) in environment { env[key] = value }
        return try PseudoTerminal(executable: CLIRunner.executable, arguments: arguments, environment: env)
    }

    /// `stackq emulator` in a process of its own (so that its latency cannot hold up this test process), serving
    /// the seed data with `latencyMs` added to every API request; stopped with SIGKILL at the end.
    static func withEmulator(latencyMs: Int = 0, _ body: (URL) async throws -> Void) async throws {
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["emulator", "--port", "0", "--token", token, "--service", "dataproc",
                             "--latency-ms", String(latencyMs),
                             "--seed", EmulatorHarness.standardSeedURL.path]
        var environment = ProcessInfo.processInfo.environment
        environment["STACKQ_REGISTRY"] = CLIRunner.repositoryRoot.appendingPathComponent("providers").path
        environment["XDG_CACHE_HOME"] = CLIRunner.cacheHome.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let firstLine = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var data = Data()
                while !data.contains(0x0A) {
                    let chunk = output.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    data += chunk
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        let url = try #require(URL(string: firstLine.trimmingCharacters(in: .whitespacesAndNewlines)),
                               "the emulator printed no URL: \(firstLine)")
        try await body(url)
    }

    static func emulatorArguments(_ url: URL) -> [String] {
        ["--endpoint", "google=\(url.absoluteString)",
         "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"SHELL_TOKEN"}}"#]
    }

    @Test func aMultiLineStatementIsRecalledWithUpAsOneEntryAndTheHistoryFileIsPrivate() async throws {
        try await Self.withHome { home in
            let shell = try Self.startShell(home: home)
            try await shell.waitFor("stackq> ")
            shell.type("SELECT 40 +" + Self.enter)
            try await shell.waitFor("...> ")
            shell.type("2 AS answer;" + Self.enter)
            try await shell.waitFor("| 42 ")
            try await shell.waitFor("stackq> ")
            shell.type(Self.up + Self.enter)
            try await shell.waitFor("| 42 ")
            try await shell.waitFor("stackq> ")
            shell.type(Self.ctrlD)
            #expect(try await shell.waitForExit() == 0)

            let file = home.appendingPathComponent(".stackq/history")
            #expect(try String(contentsOf: file, encoding: .utf8) == "SELECT 40 +\\n2 AS answer;\n")
            let fileMode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
            #expect(fileMode == 0o600)
            let folderMode = try FileManager.default.attributesOfItem(atPath: file.deletingLastPathComponent().path)[.posixPermissions] as? Int
            #expect(folderMode == 0o700)
        }
    }

    @Test func tabCompletesServiceNamesAndColumnsAfterWhere() async throws {
        try await Self.withHome { home in
            let shell = try Self.startShell(home: home)
            try await shell.waitFor("stackq> ")
            shell.type("SHOW RESOURCES IN google.datapro\t;" + Self.enter)
            // google.dataproc (completed to the common prefix of dataproc and dataprocv1beta2) has a `sessions`
            // resource; the line typed does not contain the word.
            try await shell.waitFor("| sessions ")
            try await shell.waitFor("stackq> ")
            shell.type(".dryrun on" + Self.enter)
            try await shell.waitFor("stackq> ")
            shell.type(".output jsonl" + Self.enter)
            try await shell.waitFor("stackq> ")
            shell.type("SELECT name FROM google.dataproc.sessions WHERE projects\t= 'p' AND locationsI\t= 'us-central1';" + Self.enter)
            try await shell.waitFor(#""url":"https://dataproc.googleapis.com/v1/projects/p/locations/us-central1/sessions?pageSize=1000&prettyPrint=false&fields=sessions%28name%29%2CnextPageToken""#)
            try await shell.waitFor("stackq> ")
            shell.type(Self.ctrlD)
            #expect(try await shell.waitForExit() == 0)
        }
    }

    @Test func ctrlCCancelsARunningStatementAndTheNextOneWorks() async throws {
        // Every request waits an hour at the emulator: the prompt coming back at all means the call was cancelled.
        try await Self.withEmulator(latencyMs: 3_600_000) { url in
            try await Self.withHome { home in
                let shell = try Self.startShell(home: home, arguments: Self.emulatorArguments(url),
                                                environment: ["SHELL_TOKEN": Self.token])
                try await shell.waitFor("stackq> ")
                shell.type("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1';" + Self.enter)
                // The progress line shows once the call has been waiting for half a second.
                try await shell.waitFor("calls 0/1")
                #expect(shell.localModes.map { $0 & tcflag_t(NOFLSH) != 0 } == true, "NOFLSH is off while a statement runs")
                // Typed ahead, then dropped by the Ctrl-C with the statement it was typed during.
                shell.type("SELECT 'typed ahead' AS dropped;" + Self.enter)
                shell.type(Self.ctrlC)
                try await shell.waitFor("cancelled")
                try await shell.waitFor("stackq> ")
                // The cancelled statement's table is gone, and the engine answers the next statement.
                shell.type("SELECT 'after' AS next, count(*) AS tables FROM sqlite_master;" + Self.enter)
                let next = try await shell.waitFor("| after | 0      |")
                #expect(!next.contains("typed ahead"))
                try await shell.waitFor("stackq> ")
                shell.type(Self.ctrlD)
                #expect(try await shell.waitForExit() == 0)
            }
        }
    }

    /// Rows reach the terminal as SQLite makes them: the first rows of a statement that never ends (its first
    /// 5,000 rows come at once, then it counts on without another) show while it runs — a shell that held a result
    /// until its end would show none — and Ctrl-C then stops it.
    @Test func theFirstRowsOfAStatementShowWhileItRuns() async throws {
        try await Self.withHome { home in
            let shell = try Self.startShell(home: home)
            try await shell.waitFor("stackq> ")
            shell.type(".mode csv" + Self.enter)
            try await shell.waitFor("stackq> ")
            shell.type("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x * 7 AS n FROM c WHERE x <= 5000 OR x < 0;" + Self.enter)
            // The 100th row.
            try await shell.waitFor("\r\n700\r\n")
            shell.type(Self.ctrlC)
            try await shell.waitFor("cancelled")
            try await shell.waitFor("stackq> ")
            shell.type(Self.ctrlD)
            #expect(try await shell.waitForExit() == 0)
        }
    }

    @Test func ctrlCAtThePromptDropsTheLineAndErrorsLeaveTheShellRunning() async throws {
        try await Self.withHome { home in
            let shell = try Self.startShell(home: home)
            try await shell.waitFor("stackq> ")
            // Without NOFLSH the kernel empties the output queue after sending SIGINT, which now and then swallowed
            // the prompt the shell had already redrawn in answer to it.
            #expect(shell.localModes.map { $0 & tcflag_t(NOFLSH) != 0 } == true, "NOFLSH is off while editing")
            shell.type("SELECT 'dropped'")
            shell.type(Self.ctrlC)
            try await shell.waitFor("stackq> ")
            shell.type("SELEC 1;" + Self.enter)
            try await shell.waitFor("^")
            try await shell.waitFor("stackq> ")
            shell.type("SELECT 'kept' AS k;" + Self.enter)
            let output = try await shell.waitFor("stackq> ")
            #expect(output.contains("| kept |"))
            #expect(!output.contains("dropped"))
            shell.type(".quit" + Self.enter)
            #expect(try await shell.waitForExit() == 0)
        }
    }

    @Test func timingOutputOnceAndReadMetaCommands() async throws {
        try await Self.withEmulator { url in
            try await Self.withHome { home in
                let script = home.appendingPathComponent("script.iql")
                try ".output json\nSELECT 7 AS seven\n;\n".write(to: script, atomically: true, encoding: .utf8)
                let once = home.appendingPathComponent("once.csv")
                let shell = try Self.startShell(home: home, arguments: Self.emulatorArguments(url),
                                                environment: ["SHELL_TOKEN": Self.token])
                try await shell.waitFor("stackq> ")
                shell.type(".timing on" + Self.enter)
                try await shell.waitFor("stackq> ")
                shell.type("SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1';" + Self.enter)
                try await shell.waitFor("rows 5, calls 1, pages 1, retries 0, ")
                try await shell.waitFor("stackq> ")
                shell.type(".timing off" + Self.enter)
                try await shell.waitFor("stackq> ")
                shell.type(".output csv" + Self.enter)
                try await shell.waitFor("stackq> ")
                shell.type("SELECT 1 AS a, 'x' AS b;" + Self.enter)
                try await shell.waitFor("a,b\r\n1,x\r\n")
                try await shell.waitFor("stackq> ")
                shell.type(".once \(once.path)" + Self.enter)
                try await shell.waitFor("stackq> ")
                shell.type("SELECT 2 AS c;" + Self.enter)
                try await shell.waitFor("stackq> ")
                #expect(try String(contentsOf: once, encoding: .utf8) == "c\n2\n")
                shell.type(".read \(script.path)" + Self.enter)
                try await shell.waitFor(#"[{"seven":7}]"#)
                try await shell.waitFor("stackq> ")
                shell.type(Self.ctrlD)
                #expect(try await shell.waitForExit() == 0)
            }
        }
    }
}
