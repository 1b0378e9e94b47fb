import StackQ

/// Request counts by method name and HTTP status, as `GET /_emulator/stats` reports them:
/// `{"total":3,"methods":{"projects_locations_sessions_list":{"200":2,"503":1}}}`.
struct RequestStats: Sendable {
    private var counts: [String: [Int: Int]] = [:]
    private var total = 0

    mutating func record(method: String, status: Int) {
        counts[method, default: [:]][status, default: 0] += 1
        total += 1
    }

    var json: JSONValue {
        let methods = counts.keys.sorted().map { method -> (key: String, value: JSONValue) in
            let statuses = counts[method, default: [:]].sorted { $0.key < $1.key }
                .map { (key: String($0.key), value: JSONValue.number(Double($0.value))) }
            return (method, .object(statuses))
        }
        return .object([("total", .number(Double(total))), ("methods", .object(methods))])
    }
}
