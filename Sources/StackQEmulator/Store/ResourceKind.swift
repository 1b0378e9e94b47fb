import StackQ

/// What the emulator knows about one kind of resource beyond its registry description: its state machine
/// and the fields the server fills in. Everything not listed here is handled generically.
struct ResourceKind: Sendable {
    /// A custom method that moves a resource through states (`terminate`).
    struct Transition: Sendable {
        /// States the resource must be in; anything else is FAILED_PRECONDITION.
        var allowedFrom: Set<String>
        /// The states it passes through, the last reached when the operation completes.
        var states: [String]
    }

    /// The collection segment of the path (`sessions`).
    var collectionName: String
    /// The field holding the state (`state`, `jobState`).
    var stateField: String
    /// The states a new resource goes through, the last reached when the create operation completes.
    var createStates: [String]
    var transitions: [String: Transition]
    /// Set while a delete is in progress, unless the resource is already in one of ``terminalStates``.
    var deletingState: String?
    var terminalStates: Set<String>
    /// Whether the kind keeps `stateTime` and `stateHistory` (Dataproc) or `updateTime` (Vertex AI).
    var tracksStateHistory: Bool
    var tracksUpdateTime: Bool
    /// The field the server fills with a UUID, and the one with the creator's email.
    var uuidField: String?
    var creatorField: String?
    /// Generated ids are numeric (Vertex AI) rather than `emu-<hex>`.
    var numericIDs: Bool
    /// `type.googleapis.com/…` of the resource, as operations' `response` carries it.
    var resourceType: String
    /// An operation's `metadata` for a verb (`create`, `delete`, `terminate`) on a resource, at a time.
    var metadata: @Sendable (_ verb: String, _ name: String, _ resource: JSONValue, _ time: String) -> JSONValue
    /// Sets of fields of which a create request must give at least one.
    var requiredOneOf: [[String]]
    /// Extra output-only fields to set when the resource enters a state.
    var onState: @Sendable (_ state: String, _ name: String, _ resource: inout JSONValue) -> Void

    /// Operation metadata for kinds the emulator does not know (`google.cloud.common.OperationMetadata`).
    static func genericMetadata(verb: String, name: String, time: String) -> JSONValue {
        .object([
            ("@type", .string("type.googleapis.com/google.cloud.common.OperationMetadata")),
            ("createTime", .string(time)),
            ("target", .string(name)),
            ("verb", .string(verb)),
            ("apiVersion", .string("v1")),
        ])
    }

    /// Output-only fields the server always owns, whatever the schema says.
    static let outputOnlyFields: Set<String> = [
        "name", "uuid", "createTime", "state", "stateTime", "stateHistory", "stateMessage", "creator",
        "updateTime", "jobState", "runtimeInfo", "status", "scheduleResourceName",
    ]

    /// The kinds the emulator knows, by collection segment.
    static let known: [String: ResourceKind] = [
        "sessions": ResourceKind(
            collectionName: "sessions",
            stateField: "state",
            createStates: ["CREATING", "ACTIVE"],
            transitions: ["terminate": Transition(allowedFrom: ["CREATING", "ACTIVE"], states: ["TERMINATING", "TERMINATED"])],
            deletingState: "TERMINATING",
            terminalStates: ["TERMINATED", "FAILED"],
            tracksStateHistory: true,
            tracksUpdateTime: false,
            uuidField: "uuid",
            creatorField: "creator",
            numericIDs: false,
            resourceType: "type.googleapis.com/google.cloud.dataproc.v1.Session",
            metadata: { verb, name, resource, time in
                var members: [(key: String, value: JSONValue)] = [
                    ("@type", .string("type.googleapis.com/google.cloud.dataproc.v1.SessionOperationMetadata")),
                    ("session", .string(name)),
                ]
                if let uuid = resource["uuid"] { members.append(("sessionUuid", uuid)) }
                members.append(("createTime", .string(time)))
                members.append(("operationType", .string(verb.uppercased())))
                let id = name.split(separator: "/").last.map(String.init) ?? name
                members.append(("description", .string("\(verb.prefix(1).uppercased())\(verb.dropFirst()) session \(id)")))
                if let labels = resource["labels"] { members.append(("labels", labels)) }
                return .object(members)
            },
            requiredOneOf: [],
            onState: { state, name, resource in
                guard state == "ACTIVE" else { return }
                let id = name.split(separator: "/").last.map(String.init) ?? "session"
                resource.set("runtimeInfo", .object([
                    ("endpoints", .object([
                        ("Spark History Server", .string("https://\(id)-shs.dataproc.googleusercontent.com/sparkhistory/")),
                        ("Spark Connect Server", .string("sc://\(id)-sc.dataproc.googleusercontent.com:443")),
                    ])),
                    ("outputUri", .string("gs://dataproc-staging-emulator/\(id)/output")),
                ]))
            }
        ),
        "notebookExecutionJobs": ResourceKind(
            collectionName: "notebookExecutionJobs",
            stateField: "jobState",
            createStates: ["JOB_STATE_QUEUED", "JOB_STATE_RUNNING", "JOB_STATE_SUCCEEDED"],
            transitions: [:],
            deletingState: nil,
            terminalStates: ["JOB_STATE_SUCCEEDED", "JOB_STATE_FAILED", "JOB_STATE_CANCELLED", "JOB_STATE_EXPIRED"],
            tracksStateHistory: false,
            tracksUpdateTime: true,
            uuidField: nil,
            creatorField: nil,
            numericIDs: true,
            resourceType: "type.googleapis.com/google.cloud.aiplatform.v1.NotebookExecutionJob",
            metadata: { verb, _, _, time in
                let type = verb == "delete"
                    ? "type.googleapis.com/google.cloud.aiplatform.v1.DeleteOperationMetadata"
                    : "type.googleapis.com/google.cloud.aiplatform.v1.CreateNotebookExecutionJobOperationMetadata"
                return .object([
                    ("@type", .string(type)),
                    ("genericMetadata", .object([("createTime", .string(time)), ("updateTime", .string(time))])),
                ])
            },
            requiredOneOf: [["gcsNotebookSource", "directNotebookSource", "dataformRepositorySource"]],
            onState: { state, _, resource in
                guard state == "JOB_STATE_SUCCEEDED" else { return }
                resource.set("status", .object([]))
            }
        ),
    ]
}
