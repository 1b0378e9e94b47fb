import Foundation
import MCP
import StackQ
import Synchronization

/// Takes a statement's result for a tool reply as it streams: at most `maximumRows` rows and about `maximumBytes`
/// bytes of values are kept, and the rows after the cap are only counted, so the reply says how many there were.
final class ReplyCollector: ResultHandler {
    /// The result as a reply holds it.
    struct Reply: Sendable {
        var columns: [ResultSet.Column] = []
        /// The type of each column's first non-null value: `integer`, `real`, `text`, `json`, `blob` (nil: all NULL).
        var types: [String?] = []
        var rows: [[Value]] = []
        /// Every row of the result, kept or not.
        var total = 0
        var truncated = false
        var bytes = 0
        var message: String?
    }

    private let state = Mutex(Reply())
    let maximumRows: Int
    let maximumBytes: Int

    init(maximumRows: Int, maximumBytes: Int) {
        self.maximumRows = maximumRows
        self.maximumBytes = maximumBytes
    }

    /// What was collected.
    var reply: Reply { state.withLock { $0 } }

    func columns(_ columns: [ResultSet.Column]) async throws {
        state.withLock { reply in
            reply.columns = columns
            reply.types = Array(repeating: nil, count: columns.count)
        }
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        try Task.checkCancellation()
        state.withLock { reply in
            for row in rows {
                reply.total += 1
                guard !reply.truncated else { continue }
                let size = row.reduce(2) { $0 + ReplyCollector.size(of: $1) }
                if reply.rows.count >= maximumRows || reply.bytes + size > maximumBytes {
                    reply.truncated = true
                    continue
                }
                reply.bytes += size
                var values: [Value] = []
                values.reserveCapacity(row.count)
                for (index, value) in row.enumerated() {
                    let isJSON = index < reply.columns.count && reply.columns[index].isJSON
                    if index < reply.types.count, reply.types[index] == nil {
                        reply.types[index] = ReplyCollector.type(of: value, isJSON: isJSON)
                    }
                    values.append(ReplyCollector.value(value, isJSON: isJSON))
                }
                reply.rows.append(values)
            }
        }
    }

    func finished(_ result: ResultSet) async throws {
        state.withLock { $0.message = result.message }
    }

    // MARK: Values

    /// About how many bytes `value` takes in the reply's JSON.
    static func size(of value: SQLValue) -> Int {
        switch value {
        case .null: 5
        case .integer, .real: 21
        case .text(let text): text.utf8.count + 3
        case .blob(let bytes): bytes.count * 4 / 3 + 4
        }
    }

    static func type(of value: SQLValue, isJSON: Bool) -> String? {
        switch value {
        case .null: nil
        case .integer: "integer"
        case .real: "real"
        case .text: isJSON ? "json" : "text"
        case .blob: "blob"
        }
    }

    /// A cell as JSON: numbers as numbers, JSON text of a JSON column nested, a blob as base64, a number JSON cannot
    /// hold (NaN, infinity) as its text.
    static func value(_ value: SQLValue, isJSON: Bool) -> Value {
        switch value {
        case .null: return .null
        case .integer(let i): return .int(Int(i))
        case .real(let d): return d.isFinite ? .double(d) : .string(value.textValue ?? "")
        case .text(let text):
            if isJSON, let json = try? JSONValue(parsing: text) { return self.value(json) }
            return .string(text)
        case .blob(let bytes): return .string(Data(bytes).base64EncodedString())
        }
    }

    /// A parsed JSON document as an MCP value; whole numbers become integers.
    static func value(_ json: JSONValue) -> Value {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 9.0e15 { return .int(Int(n)) }
            return n.isFinite ? .double(n) : .null
        case .string(let s): return .string(s)
        case .array(let items): return .array(items.map { value($0) })
        case .object(let members):
            var object: [String: Value] = [:]
            for member in members { object[member.key] = value(member.value) }
            return .object(object)
        }
    }
}
