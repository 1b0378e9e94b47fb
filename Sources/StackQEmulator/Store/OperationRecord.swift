import Foundation
import StackQ

/// A long-running operation and what happens to its resource as it is polled.
struct OperationRecord: Sendable {
    /// What completing the operation does.
    enum Effect: Sendable {
        /// Moves the resource through `states` (the first already set), the last on completion.
        case advance(collection: String, id: String, states: [String])
        /// Removes the resource on completion.
        case remove(collection: String, id: String)
    }

    var name: String
    var metadata: JSONValue
    var effect: Effect
    var kind: ResourceKind?
    /// The `@type` of the completed operation's `response`.
    var responseType: String
    var pollsTaken = 0
    var pollsNeeded: Int
    var done = false
    var response: JSONValue?
    var error: JSONValue?
    /// When it started, for ``EmulatorConfiguration/operationDuration``.
    var startedAt = Date.distantPast
    /// The message it fails with on completion (a create whose `labels` carry `emulator-fail`).
    var failure: String?

    /// The Operation as the API returns it.
    var json: JSONValue {
        var members: [(key: String, value: JSONValue)] = [("name", .string(name)), ("metadata", metadata), ("done", .bool(done))]
        if let error { members.append(("error", error)) }
        if let response { members.append(("response", response)) }
        return .object(members)
    }
}
