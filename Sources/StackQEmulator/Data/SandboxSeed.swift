import Foundation
import StackQ

/// The data `stackq --sandbox` starts with: three projects under `organizations/1001`, Dataproc sessions in
/// us-central1 and europe-west1 in every state, and Vertex AI notebook execution jobs in every `jobState`.
/// Built in code, so it ships inside the binary.
public enum SandboxSeed {
    /// The sandbox's project ids, all under `organizations/1001`.
    public static let projects = ["demo", "demo-analytics", "demo-ml"]
    /// The locations that hold sessions and notebook execution jobs in every project.
    public static let locations = ["us-central1", "europe-west1"]
    static let sessionStates = ["ACTIVE", "ACTIVE", "CREATING", "TERMINATING", "TERMINATED", "FAILED"]
    static let jobStates = ["JOB_STATE_SUCCEEDED", "JOB_STATE_RUNNING", "JOB_STATE_QUEUED", "JOB_STATE_PENDING",
                            "JOB_STATE_FAILED", "JOB_STATE_CANCELLING", "JOB_STATE_CANCELLED", "JOB_STATE_PAUSED",
                            "JOB_STATE_EXPIRED", "JOB_STATE_UPDATING", "JOB_STATE_PARTIALLY_SUCCEEDED"]
    static let people = ["ana@example.com", "bo@example.com", "chen@example.com"]
    static let kinds = ["etl", "ml", "adhoc", "report", "stream", "feature"]

    /// The whole seed.
    public static func data() -> SeedData {
        var collections: [(collection: String, items: [JSONValue])] = []
        var projectItems: [JSONValue] = []
        for (p, project) in projects.enumerated() {
            projectItems.append(.object([
                ("name", .string("projects/\(100_200_300 + p)")),
                ("projectId", .string(project)),
                ("parent", .string("organizations/1001")),
                ("state", .string("ACTIVE")),
                ("displayName", .string(project.replacingOccurrences(of: "-", with: " ").capitalized)),
                ("createTime", .string("2026-0\(p + 1)-15T09:00:00Z")),
                ("labels", .object([("cost-center", .string(["cc-100", "cc-200", "cc-300"][p]))])),
            ]))
            for (l, location) in locations.enumerated() {
                let count = location == "us-central1" ? 6 : 3
                let sessions: [JSONValue] = (0..<count).map { i in
                    session(project: project, location: location, index: i, state: sessionStates[(i + p + l) % sessionStates.count])
                }
                collections.append(("projects/\(project)/locations/\(location)/sessions", sessions))
                let jobs: [JSONValue] = (0..<(location == "us-central1" ? jobStates.count : 2)).map { i in
                    job(project: project, location: location, index: i + p * 100 + l * 50,
                        state: jobStates[(i + p) % jobStates.count])
                }
                collections.append(("projects/\(project)/locations/\(location)/notebookExecutionJobs", jobs))
            }
        }
        collections.append(("projects", projectItems))
        collections += inventory()
        return SeedData(collections: collections)
    }

    static func session(project: String, location: String, index: Int, state: String) -> JSONValue {
        let id = "\(kinds[index % kinds.count])-\(index + 1)"
        let name = "projects/\(project)/locations/\(location)/sessions/\(id)"
        let day = 10 + index
        let created = "2026-11-\(day)T08:\(10 + index):00Z"
        var history: [JSONValue] = [.object([("state", .string("CREATING")), ("stateStartTime", .string(created))])]
        if state != "CREATING" {
            history.append(.object([("state", .string(state == "FAILED" ? "FAILED" : "ACTIVE")),
                                    ("stateStartTime", .string("2026-11-\(day)T08:\(12 + index):00Z"))]))
        }
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string(name)),
            ("uuid", .string(String(format: "6f1c%04x-2d3e-4a5b-9c8d-%012x", index, stableHash(name) % 0xFFFF_FFFF_FFFF))),
            ("createTime", .string(created)),
            ("jupyterSession", .object([("kernel", .string(index % 3 == 2 ? "SCALA" : "PYTHON")), ("displayName", .string(id))])),
            ("state", .string(state)),
            ("stateTime", .string("2026-11-\(day)T08:\(12 + index):00Z")),
            ("creator", .string(people[index % people.count])),
            ("labels", .object([("team", .string(["data-eng", "ml", "analytics"][index % 3])), ("env", .string(index % 2 == 0 ? "prod" : "dev"))])),
            ("runtimeConfig", .object([("version", .string(index % 2 == 0 ? "2.2" : "2.1")),
                                       ("properties", .object([("spark.executor.cores", .string(String(4 << (index % 2))))]))])),
            ("environmentConfig", .object([("executionConfig", .object([
                ("serviceAccount", .string("runner@\(project).iam.gserviceaccount.com")),
                ("subnetworkUri", .string("default")),
            ]))])),
            ("stateHistory", .array(history)),
        ]
        if state == "ACTIVE" {
            members.append(("runtimeInfo", .object([("endpoints", .object([
                ("Spark History Server", .string("https://\(id).\(location).dataproc.example/sparkhistory")),
                ("Jupyter", .string("https://\(id).\(location).dataproc.example/jupyter")),
            ]))])))
        }
        if state == "FAILED" { members.append(("stateMessage", .string("Insufficient 'CPUS' quota. Requested 16.0, available 8.0."))) }
        return .object(members)
    }

    /// FNV-1a of the text: the same ids in every run.
    static func stableHash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }

    static func job(project: String, location: String, index: Int, state: String) -> JSONValue {
        let id = String(4_000_000_001 + index)
        let done = ["JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED", "JOB_STATE_PARTIALLY_SUCCEEDED"].contains(state)
        var members: [(key: String, value: JSONValue)] = [
            ("name", .string("projects/\(project)/locations/\(location)/notebookExecutionJobs/\(id)")),
            ("displayName", .string(["nightly-etl", "weekly-report", "model-eval", "feature-backfill"][index % 4])),
            ("gcsNotebookSource", .object([("uri", .string("gs://\(project)-notebooks/\(["etl", "report", "eval", "backfill"][index % 4]).ipynb"))])),
            ("gcsOutputUri", .string("gs://\(project)-notebooks/output")),
            ("executionTimeout", .string("3600s")),
            ("serviceAccount", .string("runner@\(project).iam.gserviceaccount.com")),
            ("jobState", .string(state)),
            ("createTime", .string("2026-11-2\(index % 9)T02:00:00Z")),
            ("updateTime", .string("2026-11-2\(index % 9)T02:\(done ? 40 : 5):00Z")),
            ("labels", .object([("schedule", .string(index % 2 == 0 ? "nightly" : "weekly"))])),
        ]
        if state == "JOB_STATE_FAILED" {
            members.append(("status", .object([("code", .number(3)), ("message", .string("Notebook cell 7 raised KeyError: 'region'"))])))
        }
        return .object(members)
    }
}
