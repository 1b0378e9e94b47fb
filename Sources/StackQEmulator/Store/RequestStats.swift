import StackQ

/// Request counts by method name and HTTP status, as `GET /_emulator/stats` reports them:
/// `{"total":3,"methods":{"projects_locations_sessions_list":{"200":2,"503":1}},"principals":{"sa@p…":3},
/// "bytes":{"projects_locations_sessions_list":140233}}` (bytes: the bodies of the 200 answers, by method).
struct RequestStats: Sendable {
    private var counts: [String: [Int: Int]] = [:]
    private var total = 0
    private var principals: [String: Int] = [:]
    private var bodies: [String: JSONValue] = [:]
    private var bytes: [String: Int] = [:]

    /// Keeps the last request body a custom method (`:injectCredentials`, `:terminate`) received.
    mutating func record(body: JSONValue, method: String) {
        bodies[method] = body
    }

    /// Counts an API request authenticated as `principal`.
    mutating func record(principal: String) {
        principals[principal, default: 0] += 1
    }

    mutating func record(method: String, status: Int, bytes: Int = 0) {
        counts[method, default: [:]][status, default: 0] += 1
        total += 1
        if bytes > 0 { self.bytes[method, default: 0] += bytes }
    }

    var json: JSONValue {
        let methods = counts.keys.sorted().map { method -> (key: String, value: JSONValue) in
            let statuses = counts[method, default: [:]].sorted { $0.key < $1.key }
                .map { (key: String($0.key), value: JSONValue.number(Double($0.value))) }
            return (method, .object(statuses))
        }
        let callers = principals.keys.sorted().map { (key: $0, value: JSONValue.number(Double(principals[$0] ?? 0))) }
        let lastBodies = bodies.keys.sorted().map { (key: $0, value: bodies[$0] ?? .null) }
        let sizes = bytes.keys.sorted().map { (key: $0, value: JSONValue.number(Double(bytes[$0] ?? 0))) }
        return .object([("total", .number(Double(total))), ("methods", .object(methods)), ("principals", .object(callers)),
                        ("lastBodies", .object(lastBodies)), ("bytes", .object(sizes))])
    }
}
