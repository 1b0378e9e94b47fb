import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import StackQ
import StackQEmulator

/// A response as the tests look at it.
struct TestResponse {
    var status: Int
    var headers: [(String, String)]
    var bytes: [UInt8]

    var json: JSONValue { (try? JSONValue(parsing: bytes)) ?? .null }
    var text: String { String(decoding: bytes, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    /// `error.status` of a Google error body.
    var errorStatus: String? { json["error"]?["status"]?.stringValue }
}

/// Starts an emulator on an ephemeral loopback port for one test and talks plain HTTP to it.
struct EmulatorHarness {
    static let token = "test-token"
    static let location = "projects/demo/locations/us-central1"

    let emulator: Emulator
    let baseURL: URL

    /// Runs `body` against a started emulator serving the test services, stopping it afterwards.
    static func with<T>(
        _ configure: (inout EmulatorConfiguration) -> Void = { _ in },
        seed: SeedData? = nil,
        services: [Service] = [BundledServices.dataproc, BundledServices.aiplatform],
        _ body: (EmulatorHarness) async throws -> T
    ) async throws -> T {
        var configuration = EmulatorConfiguration(staticTokens: [token])
        configure(&configuration)
        let emulator = Emulator(services: services, configuration: configuration)
        if let seed { try await emulator.seed(seed) }
        let url = try await emulator.start()
        let harness = EmulatorHarness(emulator: emulator, baseURL: url)
        do {
            let result = try await body(harness)
            await emulator.stop()
            return result
        } catch {
            await emulator.stop()
            throw error
        }
    }

    func request(_ method: HTTPMethod = .GET, _ path: String, token: String? = EmulatorHarness.token,
                 body: String? = nil, contentType: String = "application/json") async throws -> TestResponse {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 64 * 1024 * 1024)
        return TestResponse(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                            bytes: Array(buffer.readableBytesView))
    }

    func get(_ path: String, token: String? = EmulatorHarness.token) async throws -> TestResponse {
        try await request(.GET, path, token: token)
    }

    func post(_ path: String, _ body: String = "{}", token: String? = EmulatorHarness.token) async throws -> TestResponse {
        try await request(.POST, path, token: token, body: body)
    }

    func delete(_ path: String) async throws -> TestResponse {
        try await request(.DELETE, path)
    }

    /// Polls an operation until it is done (at most `limit` times); returns the final operation.
    func waitForOperation(_ operation: JSONValue, limit: Int = 20) async throws -> JSONValue {
        var current = operation
        var polls = 0
        while current["done"] != .bool(true) {
            guard polls < limit, let name = current["name"]?.stringValue else { return current }
            current = try await get("/v1/\(name)").json
            polls += 1
        }
        return current
    }

    /// Request counts from `/_emulator/stats`: method → status → count.
    func count(_ method: String, status: Int) async throws -> Int {
        let stats = try await get("/_emulator/stats", token: nil).json
        guard case .number(let n) = stats["methods"]?[method]?[String(status)] ?? .null else { return 0 }
        return Int(n)
    }
}

/// A small seed with sessions in several states and labels, and notebook execution jobs.
enum TestSeed {
    static func session(_ id: String, state: String, env: String, location: String = EmulatorHarness.location) -> JSONValue {
        .object([
            ("name", .string("\(location)/sessions/\(id)")),
            ("uuid", .string("00000000-0000-4000-a000-\(String(repeating: "0", count: 12 - id.count))\(id.count <= 12 ? id : "x")")),
            ("state", .string(state)),
            ("labels", .object([("env", .string(env)), ("team", .string("data"))])),
            ("runtimeConfig", .object([("version", .string("2.2"))])),
        ])
    }

    static func sessions(_ count: Int) -> SeedData {
        SeedData(collections: [(
            "\(EmulatorHarness.location)/sessions",
            (1...max(1, count)).map { session(String(format: "s%03d", $0), state: $0 % 2 == 0 ? "ACTIVE" : "TERMINATED",
                                              env: $0 % 3 == 0 ? "prod" : "dev") }
        )])
    }

    static let standard = SeedData(collections: [
        ("\(EmulatorHarness.location)/sessions", [
            session("alpha", state: "ACTIVE", env: "prod"),
            session("beta", state: "ACTIVE", env: "dev"),
            session("gamma", state: "TERMINATED", env: "prod"),
            session("delta", state: "CREATING", env: "prod"),
        ]),
        ("\(EmulatorHarness.location)/notebookExecutionJobs", [
            .object([("name", .string("\(EmulatorHarness.location)/notebookExecutionJobs/101")),
                     ("displayName", .string("daily")), ("jobState", .string("JOB_STATE_SUCCEEDED"))]),
            .object([("name", .string("\(EmulatorHarness.location)/notebookExecutionJobs/102")),
                     ("displayName", .string("hourly")), ("jobState", .string("JOB_STATE_RUNNING"))]),
        ]),
    ])
}
