import Foundation
import StackQ
import StackQEmulator
import StackQTesting

/// A small seed with sessions in several states and labels, and notebook execution jobs.
enum TestSeed {
    static let location = "projects/demo/locations/us-central1"

    static func session(_ id: String, state: String, env: String, location: String = TestSeed.location) -> JSONValue {
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
            "\(TestSeed.location)/sessions",
            (1...max(1, count)).map { session(String(format: "s%03d", $0), state: $0 % 2 == 0 ? "ACTIVE" : "TERMINATED",
                                              env: $0 % 3 == 0 ? "prod" : "dev") }
        )])
    }

    static let standard = SeedData(collections: [
        ("\(TestSeed.location)/sessions", [
            session("alpha", state: "ACTIVE", env: "prod"),
            session("beta", state: "ACTIVE", env: "dev"),
            session("gamma", state: "TERMINATED", env: "prod"),
            session("delta", state: "CREATING", env: "prod"),
        ]),
        ("\(TestSeed.location)/notebookExecutionJobs", [
            .object([("name", .string("\(TestSeed.location)/notebookExecutionJobs/101")),
                     ("displayName", .string("daily")), ("jobState", .string("JOB_STATE_SUCCEEDED"))]),
            .object([("name", .string("\(TestSeed.location)/notebookExecutionJobs/102")),
                     ("displayName", .string("hourly")), ("jobState", .string("JOB_STATE_RUNNING"))]),
        ]),
    ])
}
