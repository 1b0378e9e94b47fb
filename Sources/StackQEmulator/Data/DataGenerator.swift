import Foundation
import StackQ

/// Makes realistic resources for benchmarks: Dataproc sessions of about 700 bytes (labels, runtimeConfig,
/// environmentConfig, runtimeInfo endpoints, stateHistory) and Vertex AI notebook execution jobs, all derived
/// from their index so every run produces the same data.
struct DataGenerator: Sendable {
    struct Batch: Sendable {
        var collection: String
        var items: [(id: String, bytes: [UInt8])]
    }

    static let sessionStates = ["ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "CREATING", "TERMINATING",
                                "TERMINATED", "FAILED"]
    static let jobStates = ["JOB_STATE_SUCCEEDED", "JOB_STATE_SUCCEEDED", "JOB_STATE_RUNNING", "JOB_STATE_QUEUED",
                            "JOB_STATE_FAILED"]
    static let teams = ["analytics", "data-eng", "ml-platform", "finance", "growth"]
    static let environments = ["prod", "staging", "dev"]

    var spec: GenerateSpec
    var now: Date

    /// One batch per collection, items in index order.
    func batches() -> [Batch] {
        var byCollection: [String: Int] = [:]
        var batches: [Batch] = []
        func add(_ collection: String, _ id: String, _ value: JSONValue) {
            if let index = byCollection[collection] {
                batches[index].items.append((id, value.bytes))
            } else {
                byCollection[collection] = batches.count
                batches.append(Batch(collection: collection, items: [(id, value.bytes)]))
            }
        }
        for index in 0..<spec.sessions {
            let parent = self.parent(index)
            let id = "session-" + DataGenerator.padded(index + 1, 5)
            add("\(parent)/sessions", id, session(index: index, parent: parent, id: id))
        }
        for index in 0..<spec.notebookExecutionJobs {
            let parent = self.parent(index)
            let id = String(1_000_000_000 + index + 1)
            add("\(parent)/notebookExecutionJobs", id, job(index: index, parent: parent, id: id))
        }
        return batches
    }

    private func parent(_ index: Int) -> String {
        let project = GenerateSpec.project(index % spec.projects)
        let location = GenerateSpec.location((index / spec.projects) % spec.locations)
        return "projects/\(project)/locations/\(location)"
    }

    private func time(_ secondsAgo: Int) -> JSONValue {
        .string(Timestamp.string(now.addingTimeInterval(-Double(secondsAgo))))
    }

    func session(index: Int, parent: String, id: String) -> JSONValue {
        let state = DataGenerator.sessionStates[index % DataGenerator.sessionStates.count]
        let team = DataGenerator.teams[index % DataGenerator.teams.count]
        let environment = DataGenerator.environments[index % DataGenerator.environments.count]
        let created = 86_400 + (index % 1000) * 60
        let user = "\(team)-\(index % 7)@example.com"
        var history: [JSONValue] = [.object([("state", .string("CREATING")), ("stateStartTime", time(created))])]
        if state == "TERMINATING" || state == "TERMINATED" {
            history.append(.object([("state", .string("ACTIVE")), ("stateStartTime", time(created - 90))]))
        }
        if state == "TERMINATED" {
            history.append(.object([("state", .string("TERMINATING")), ("stateStartTime", time(created - 3600))]))
        }
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string("\(parent)/sessions/\(id)")),
            ("uuid", .string(DataGenerator.uuid(index, salt: 0x5E55))),
            ("createTime", time(created)),
            ("jupyterSession", .object([("kernel", .string("PYTHON"))])),
            ("runtimeInfo", .object([
                ("endpoints", .object([
                    ("Spark History Server", .string("https://\(id)-shs.dataproc.googleusercontent.com/sparkhistory/")),
                ])),
            ])),
            ("state", .string(state)),
            ("stateTime", time(state == "CREATING" ? created : created - 90)),
            ("creator", .string(user)),
            ("labels", .object([
                ("env", .string(environment)),
                ("team", .string(team)),
                ("cost-center", .string("cc-\(100 + index % 25)")),
            ])),
            ("runtimeConfig", .object([
                ("version", .string(index % 3 == 0 ? "2.2" : "2.3")),
                ("properties", .object([
                    ("spark.executor.instances", .string(String(2 + index % 4))),
                    ("spark.driver.cores", .string("4")),
                ])),
            ])),
            ("environmentConfig", .object([("executionConfig", .object([("idleTtl", .string("3600s"))]))])),
            ("user", .string(user)),
            ("stateHistory", .array(history)),
        ]
        if state == "FAILED" {
            members.append(("stateMessage", .string("Session failed: insufficient quota in region.")))
        }
        return .object(members)
    }

    func job(index: Int, parent: String, id: String) -> JSONValue {
        let state = DataGenerator.jobStates[index % DataGenerator.jobStates.count]
        let team = DataGenerator.teams[index % DataGenerator.teams.count]
        let created = 7_200 + (index % 1000) * 60
        let project = parent.split(separator: "/")[1]
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string("\(parent)/notebookExecutionJobs/\(id)")),
            ("displayName", .string("nightly-report-\(index + 1)")),
            ("gcsNotebookSource", .object([("uri", .string("gs://\(project)-notebooks/reports/report-\(index % 20).ipynb"))])),
            ("notebookRuntimeTemplateResourceName", .string("\(parent)/notebookRuntimeTemplates/default-runtime")),
            ("gcsOutputUri", .string("gs://\(project)-notebook-output/\(id)")),
            ("executionTimeout", .string("86400s")),
            ("serviceAccount", .string("notebooks@\(project).iam.gserviceaccount.com")),
            ("jobState", .string(state)),
            ("createTime", time(created)),
            ("updateTime", time(created - 600)),
            ("labels", .object([("team", .string(team)), ("schedule", .string(index % 2 == 0 ? "nightly" : "adhoc"))])),
        ]
        if state == "JOB_STATE_FAILED" {
            members.append(("status", .object([("code", .number(3)), ("message", .string("Notebook cell 4 raised ValueError."))])))
        }
        return .object(members)
    }

    static func padded(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    static func uuid(_ index: Int, salt: UInt64) -> String {
        var random = DeterministicRandom(seed: UInt64(index) &* 0x9E37_79B9 &+ salt)
        return random.uuid()
    }
}
