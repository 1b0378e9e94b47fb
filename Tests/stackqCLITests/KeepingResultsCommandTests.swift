import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Testing
@testable import stackq

/// `--db` and `--cache-ttl` across real processes: each statement here is a run of the built binary, the
/// emulator counts the requests.
@Suite struct KeepingResultsCommandTests {
    static let token = EmulatorHarness.token
    static let select = "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"

    static func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-keep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    static func stackq(_ url: URL, _ arguments: [String]) async throws -> CLIRunner.Output {
        try await CLIRunner.runOffPool(arguments + ["--endpoint", "google=\(url.absoluteString)",
                                       "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"CLI_TOKEN"}}"#],
                          environment: ["CLI_TOKEN": token])
    }

    static func lists(_ harness: EmulatorHarness) async -> Int {
        await harness.requests("projects_locations_sessions_list")["200"] ?? 0
    }

    @Test func twoProcessesShareTheCacheOfADatabaseFile() async throws {
        try await Self.withFolder { folder in
            let db = folder.appendingPathComponent("stackq.db").path
            try await EmulatorHarness.with(seed: try .standard) { harness in
                let first = try await Self.stackq(harness.baseURL, ["--db", db, "--cache-ttl", "600", "--stats", "-o", "csv", "-e", Self.select])
                let second = try await Self.stackq(harness.baseURL, ["--db", db, "--cache-ttl", "600", "--stats", "-o", "csv", "-e", Self.select])
                #expect(first.status == 0 && second.status == 0)
                #expect(first.stdout == second.stdout)
                #expect(await Self.lists(harness) == 1)
                #expect(!first.stderr.contains("from cache"))
                #expect(second.stderr.contains("1 from cache"))
                // Without --cache-ttl the file's entries are not used.
                _ = try await Self.stackq(harness.baseURL, ["--db", db, "-e", Self.select])
                #expect(await Self.lists(harness) == 2)
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: db)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
        }
    }

    @Test func aMaterializedViewIsReadByAProcessWithNoCredentials() async throws {
        try await Self.withFolder { folder in
            let db = folder.appendingPathComponent("stackq.db").path
            try await EmulatorHarness.with(seed: try .standard) { harness in
                let created = try await Self.stackq(harness.baseURL, ["--db", db, "-e", "CREATE MATERIALIZED VIEW snap AS \(Self.select)"])
                #expect(created.status == 0, "\(created.stderr)")
            }
            // The emulator is gone and the process has no credential: the rows come from the file.
            let read = try await CLIRunner.runOffPool(["--db", db, "-o", "csv", "-e", "SELECT count(*) AS n FROM snap"],
                                                      environment: ["GOOGLE_APPLICATION_CREDENTIALS": "", "HOME": folder.path])
            #expect(read.status == 0, "\(read.stderr)")
            #expect(read.stdout == "n\n5\n")
        }
    }

    @Test func theShellsCacheClearRemovesEntries() async throws {
        try await Self.withFolder { home in
            try await EmulatorHarness.with(seed: try .standard) { harness in
                let shell = try PseudoTerminal(
                    executable: CLIRunner.executable,
                    arguments: ["--db", home.appendingPathComponent("stackq.db").path, "--cache-ttl", "600",
                                "--endpoint", "google=\(harness.baseURL.absoluteString)",
                                "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"CLI_TOKEN"}}"#],
                    environment: ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                  "TERM": "xterm", "LANG": "C.UTF-8", "PAGER": "", "CLI_TOKEN": Self.token,
                                  "STACKQ_REGISTRY": CLIRunner.repositoryRoot.appendingPathComponent("providers").path])
                try await shell.waitFor("stackq> ")
                for _ in 0..<2 {
                    shell.type(Self.select + ";\r")
                    try await shell.waitFor("old-1")
                    try await shell.waitFor("stackq> ")
                }
                #expect(await Self.lists(harness) == 1)
                shell.type(".cache clear\r")
                try await shell.waitFor("cache cleared: 1 entry removed")
                try await shell.waitFor("stackq> ")
                shell.type(Self.select + ";\r")
                try await shell.waitFor("old-1")
                try await shell.waitFor("stackq> ")
                #expect(await Self.lists(harness) == 2)
                shell.type(".cache off\r")
                try await shell.waitFor("cache off")
                shell.type(".quit\r")
                #expect(try await shell.waitForExit() == 0)
            }
        }
    }

    @Test func helpSaysTheCacheIsOffByDefault() throws {
        let help = try CLIRunner.run(["--help"]).stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(help.contains("Default 0: off, nothing is cached."))
        #expect(help.contains("--db <file>"))
    }
}

extension KeepingResultsCommandTests {
    @Test func theShellCompletesTheUsersTablesAndViews() {
        var completer = ShellCompleter(registry: nil)
        completer.storedNames = { ["snapshot", "sessions_view"] }
        #expect(completer.complete(before: "SELECT * FROM sn").candidates == ["snapshot"])
        #expect(completer.complete(before: "DROP VIEW se").candidates == ["sessions_view"])
        #expect(completer.complete(before: "REFRESH MATERIALIZED VIEW ").candidates == ["sessions_view", "snapshot"])
        #expect(completer.complete(before: ".cache c").candidates == ["clear"])
    }
}
