import NIOCore
import StackQ
import Synchronization

/// Where a connection's messages go: the channel's writer (tests can supply their own).
protocol MessageSink: Sendable {
    func write(_ messages: [BackendMessage]) async throws
}

/// Hands one statement's result to the client as it streams from the engine: the description (RowDescription,
/// and for a deferred Describe the messages it owes), then DataRows a chunk at a time; rows past an Execute's
/// row limit are kept for the portal.
final class StatementOutput: ResultHandler {
    /// How the result is to be sent.
    struct Plan: Sendable {
        /// The formats the client asked for (Bind's result formats; none for the simple protocol: text).
        var formats: [PostgresFormat] = []
        /// Send a RowDescription before the rows (the simple protocol does; Execute does not).
        var sendsRowDescription = true
        /// At most this many rows go out (0: all); the rest are kept in ``State/overflow``.
        var limit = 0
        /// The messages owed before the rows once the columns are known: a deferred Describe's answer and
        /// what was held back behind it.
        var prefix: @Sendable ([FieldDescription]) -> [BackendMessage] = { _ in [] }
    }

    struct State: Sendable {
        var columns: [ResultSet.Column] = []
        var encodings: [ColumnEncoding]?
        var fields: [FieldDescription] = []
        var sent = 0
        var overflow: [[SQLValue]] = []
        var message: String?
    }

    private let sink: any MessageSink
    private let plan: Plan
    let state = Mutex(State())
    private let abandoned = Atomic<Bool>(false)

    /// Stops all further output: the statement was cancelled and the connection has moved on.
    func abandon() {
        abandoned.store(true, ordering: .sequentiallyConsistent)
    }

    private func write(_ messages: [BackendMessage]) async throws {
        guard !abandoned.load(ordering: .sequentiallyConsistent) else { throw CancellationError() }
        try await sink.write(messages)
    }

    init(sink: any MessageSink, plan: Plan) {
        self.sink = sink
        self.plan = plan
    }

    func columns(_ columns: [ResultSet.Column]) async throws {
        state.withLock { $0.columns = columns }
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        let (start, encodings, room) = state.withLock { state -> ([BackendMessage]?, [ColumnEncoding], Int) in
            var start: [BackendMessage]?
            if state.encodings == nil {
                let types = state.columns.enumerated().map { index, column in
                    PostgresType.of(declaredType: column.declaredType, isJSON: column.isJSON, sample: rows.lazy.map { $0[index] })
                }
                start = begin(&state, fields: zip(state.columns, types).map { ($0.name, $1) })
            }
            let room = plan.limit == 0 ? rows.count : max(0, plan.limit - state.sent)
            return (start, state.encodings!, room)
        }
        var messages = start ?? []
        let sending = room >= rows.count ? rows : Array(rows.prefix(room))
        if !sending.isEmpty { messages.append(.dataRows(DataRows(rows: sending, encodings: encodings))) }
        state.withLock { state in
            state.sent += sending.count
            if sending.count < rows.count { state.overflow += rows[sending.count...] }
        }
        if !messages.isEmpty { try await write(messages) }
    }

    func finished(_ result: ResultSet) async throws {
        let start = state.withLock { state -> [BackendMessage]? in
            state.message = result.message
            guard state.encodings == nil else { return nil }
            return begin(&state, fields: state.columns.map { ($0.name, PostgresType.of(declaredType: $0.declaredType, isJSON: $0.isJSON, sample: [])) })
        }
        if let start, !start.isEmpty { try await write(start) }
    }

    /// Sends a result the server made itself (catalog, SHOW) the same way.
    func deliver(fields: [(name: String, type: PostgresType)], rows: [[SQLValue]]) async throws {
        let start = state.withLock { begin(&$0, fields: fields) }
        if !start.isEmpty { try await write(start) }
        let room = plan.limit == 0 ? rows.count : min(rows.count, plan.limit)
        let encodings = state.withLock { state in
            state.sent = room
            state.overflow = Array(rows[room...])
            return state.encodings!
        }
        if room > 0 { try await write([.dataRows(DataRows(rows: Array(rows.prefix(room)), encodings: encodings))]) }
    }

    /// Fixes the columns' types and encodings and returns the messages that go before the first row.
    private func begin(_ state: inout State, fields: [(name: String, type: PostgresType)]) -> [BackendMessage] {
        state.fields = fields.enumerated().map { index, field in
            FieldDescription(name: field.name, type: field.type, format: PostgresFormat.format(at: index, in: plan.formats))
        }
        state.encodings = state.fields.map { ColumnEncoding(type: $0.type, format: $0.format) }
        var messages = plan.prefix(state.fields)
        if plan.sendsRowDescription, !state.fields.isEmpty { messages.append(.rowDescription(state.fields)) }
        return messages
    }
}
