import Foundation
import Logging
import StackQ
import StackQEmulator
import StackQTesting
@testable import StackQServer

/// A stackq server on 127.0.0.1:0 for one test, its engine pointed at an emulator seeded with the standard test
/// data (project `p`), stopped when the body returns or throws.
struct ServerHarness: Sendable {
    let server: PostgresServer
    let emulator: EmulatorHarness

    var port: Int { server.port }
    var url: String { server.url }

    static func with<T>(password: String? = nil, configureEmulator: (inout EmulatorConfiguration) -> Void = { _ in },
                        isolation: isolated (any Actor)? = #isolation,
                        _ body: (ServerHarness) async throws -> T) async throws -> T {
        try await EmulatorHarness.with(configureEmulator, seed: .standard) { emulator in
            try await emulator.withEngine { engine in
                var logger = Logger(label: "stackq.server.test")
                logger.logLevel = .warning
                let server = try await PostgresServer.bind(engine: engine, configuration: .init(
                    host: "127.0.0.1", port: 0, password: password, logger: logger))
                let serving = Task { try await server.run() }
                do {
                    let value = try await body(ServerHarness(server: server, emulator: emulator))
                    await server.stop()
                    _ = await serving.result
                    return value
                } catch {
                    await server.stop()
                    _ = await serving.result
                    throw error
                }
            }
        }
    }
}

/// Runs psql (Debian's postgresql-client) against a harness. Tests that need it fail, saying so, when it is
/// missing: `apt-get install postgresql-client` (CI's `.ci/run` installs it).
struct Psql {
    struct Output: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "psql is not installed: apt-get install -y postgresql-client (these tests drive the server with it)" }
    }

    static var path: String? {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/psql" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `psql -X -v ON_ERROR_STOP=1 <arguments> URL`, its output when it exits.
    static func run(_ arguments: [String], url: String, environment: [String: String] = [:],
                    started: (@Sendable (Process) -> Void)? = nil) async throws -> Output {
        guard let path else { throw Missing() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-X", "--no-psqlrc"] + arguments + [url]
        var env = ProcessInfo.processInfo.environment
        env["PGCONNECT_TIMEOUT"] = "10"
        env["PAGER"] = ""
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("psql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let out = directory.appendingPathComponent("out"), err = directory.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
                started?(process)
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return Output(status: status, stdout: try String(contentsOf: out, encoding: .utf8),
                      stderr: try String(contentsOf: err, encoding: .utf8))
    }
}
