import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A real PostgreSQL server for the sync tests: `STACKQ_TEST_POSTGRES_URL` when set (`.ci/run` starts one), else a
/// private cluster made here — initdb and pg_ctl from Debian's `postgresql` package, in a temporary folder, on a
/// free loopback port, as `nobody` when the tests run as root (PostgreSQL refuses root) — stopped when the test
/// process exits. Password authentication (scram-sha-256), so the password path is the one users take.
enum PostgresCluster {
    static let user = "stackq"
    static let password = "test-pass-\(UInt32.random(in: 100_000...999_999))"

    /// The server's URL (with the password), or nil with the reason when no PostgreSQL can be had here.
    static let url: Result<String, Unavailable> = start()

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
    }

    /// True when a server is available; the tests are disabled with the reason otherwise.
    static var available: Bool { (try? url.get()) != nil }

    static var unavailableReason: String {
        if case .failure(let reason) = url { return "no PostgreSQL for the sync tests: \(reason)" }
        return ""
    }

    static func bin() -> String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap(Int.init).sorted(by: >)
        for version in versions where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }

    private static let dataFolder = Mutex<String?>(nil)

    private static func start() -> Result<String, Unavailable> {
        if let given = ProcessInfo.processInfo.environment["STACKQ_TEST_POSTGRES_URL"], !given.isEmpty {
            return .success(given)
        }
        guard bin() != nil else {
            return .failure(Unavailable(description: "no /usr/lib/postgresql/*/bin/initdb (install Debian's postgresql, or set STACKQ_TEST_POSTGRES_URL)"))
        }
        // Starting a cluster from inside the test process hung it under Foundation's Process on Linux (2026-12-07);
        // until that is understood, the cluster comes from outside: .ci/run starts one and sets the variable.
        guard ProcessInfo.processInfo.environment["STACKQ_TEST_POSTGRES_START_HERE"] == "1", let bin = bin() else {
            return .failure(Unavailable(description: "PostgreSQL is installed but STACKQ_TEST_POSTGRES_URL is not set (.ci/run starts a private cluster and sets it)"))
        }
        do {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-pg-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let root = getuid() == 0
            if root { try run("/bin/chown", ["nobody", folder]) }
            let passwordFile = folder + "/pw"
            try password.write(toFile: passwordFile, atomically: true, encoding: .utf8)
            if root { try run("/bin/chown", ["nobody", passwordFile]) }
            let port = try freePort()
            let data = folder + "/data"
            try run(bin + "/initdb", ["-D", data, "-U", user, "--pwfile", passwordFile, "--auth", "scram-sha-256",
                                      "-E", "UTF8", "--locale", "C", "--no-sync"], asNobody: root)
            try run(bin + "/pg_ctl", ["-D", data, "-l", folder + "/log", "-w", "-o",
                                      "-p \(port) -k \(folder) -c listen_addresses=127.0.0.1 -c fsync=off", "start"], asNobody: root)
            dataFolder.withLock { $0 = data }
            atexit {
                guard let data = PostgresCluster.dataFolder.withLock({ $0 }), let bin = PostgresCluster.bin() else { return }
                try? PostgresCluster.run(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "stop"], asNobody: getuid() == 0)
            }
            return .success("postgresql://\(user):\(password)@127.0.0.1:\(port)/postgres?sslmode=disable")
        } catch {
            return .failure(Unavailable(description: "the private cluster did not start: \(error)"))
        }
    }

    static func run(_ tool: String, _ arguments: [String], asNobody: Bool = false) throws {
        let process = Process()
        if asNobody {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "nobody", "--", tool] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
        }
        process.currentDirectoryURL = URL(fileURLWithPath: "/tmp")
        // A file, not a pipe: the server pg_ctl starts keeps its inherited descriptors, so a pipe would never end.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-pg-tool-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try? handle.close()
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw Unavailable(description: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus): \(text)")
        }
    }

    static func freePort() throws -> Int {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0 else { throw Unavailable(description: "no free port") }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Runs `body` with a connection to the server (for the tests' own checks).
    static func withConnection<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let url = try url.get()
        let components = try require(URLComponents(string: url))
        let configuration = PostgresConnection.Configuration(
            host: components.host ?? "127.0.0.1", port: components.port ?? 5432, username: components.user ?? user,
            password: components.password, database: String(components.path.dropFirst()), tls: .disable)
        let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 9, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// The rows of `sql` as text (NULL as nil).
    static func rows(_ sql: String) async throws -> [[String?]] {
        try await withConnection { connection in
            let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            var result: [[String?]] = []
            for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                result.append(row.map { cell in try? cell.decode(String?.self) ?? nil })
            }
            return result
        }
    }
}

/// `#require` outside a test, for the helper above.
private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw PostgresCluster.Unavailable(description: "STACKQ_TEST_POSTGRES_URL is not a URL") }
    return value
}
