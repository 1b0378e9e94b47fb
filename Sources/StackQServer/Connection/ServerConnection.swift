import Logging
import Synchronization
import NIOCore
import StackQ

/// One client connection: carries out the ``ConnectionStateMachine``'s actions, keeps the session's settings,
/// prepared statements and portals, and runs statements on the shared engine, the catalog, or itself.
/// Used from the connection's own task only.
final class ServerConnection {
    /// A Describe whose answer waits for the statement to run (the engine learns a result's columns by running
    /// it); everything sent after it is held back until then, so the client sees answers in order.
    struct PendingDescribe {
        var target: DescribeTarget
        /// The statement described, or that the described portal was bound from.
        var statementName: String
        var parameterTypes: [Int32]
        var held: [BackendMessage] = []
    }

    /// A result the server makes itself (settings, transactions, the catalog).
    struct LocalResult {
        var fields: [(name: String, type: PostgresType)] = []
        var rows: [[SQLValue]] = []
        var tag: String
        var messages: [BackendMessage] = []
    }

    let context: ServerContext
    let sink: any MessageSink
    private var machine: ConnectionStateMachine
    private(set) var session = SessionInfo(user: "", database: "", processID: 0, settings: SessionInfo.defaults)
    private var inTransaction = false
    private var statements: [String: PreparedStatement] = [:]
    private var portals: [String: (statementName: String, portal: Portal)] = [:]
    private var outbox: [BackendMessage] = []
    private var pending: PendingDescribe?
    let running = RunningStatement()
    /// This connection's statement stream on the shared engine: its own `SHOW CALLS`.
    private let engineSession = EngineSession()
    private var registered = false
    /// Closes the connection from outside (the server stopping).
    private let close: @Sendable () -> Void

    init(context: ServerContext, sink: any MessageSink, close: @escaping @Sendable () -> Void = {}) {
        self.context = context
        self.sink = sink
        self.close = close
        self.machine = ConnectionStateMachine(credentials: context.credentials)
    }

    /// Forgets the connection in the server's registry.
    func unregister() {
        if registered { context.connections.remove(session.processID) }
    }

    /// Handles one message; false when the connection is to close.
    func handle(_ message: FrontendMessage) async throws -> Bool {
        switch machine.receive(message) {
        case .send(let messages):
            try await sink.write(messages)
        case .startSession(let parameters, let preceding):
            try await start(parameters: parameters, preceding: preceding)
        case .fail(let error):
            try await sink.write([.error(error)])
            return false
        case .cancel(let processID, let secretKey):
            context.connections.cancel(processID: processID, secretKey: secretKey)
            return false
        case .terminate:
            return false
        case .ignore:
            break
        case .process(let message):
            try await process(message)
        }
        return true
    }

    /// Carries out a query-phase message.
    private func process(_ message: FrontendMessage) async throws {
        switch message {
        case .query(let text):
            try await simpleQuery(text)
        case .parse(let parse):
            extended { try self.parse(parse) }
        case .bind(let bind):
            extended { try self.bind(bind) }
        case .describe(let target):
            await extendedAsync { try await self.describe(target) }
        case .execute(let execute):
            await extendedAsync { try await self.execute(execute) }
        case .close(let target):
            extended {
                switch target {
                case .statement(let name): self.statements[name] = nil
                case .portal(let name): self.portals[name] = nil
                }
                self.send(.closeComplete)
            }
        case .sync:
            resolvePending(with: [])
            send(.readyForQuery(transactionStatus))
            try await flush()
        case .flush:
            try await flush()
        case .startup, .authentication, .terminate:
            break
        }
    }

    private var transactionStatus: TransactionStatus { inTransaction ? .inTransaction : .idle }

    // MARK: Startup

    private func start(parameters: [String: String], preceding: [BackendMessage]) async throws {
        let sink = self.sink
        let running = self.running
        let close = self.close
        let keys = context.connections.register { _, secretKey in
            ConnectionRegistry.Entry(secretKey: secretKey, cancel: { running.cancel() }, shutdown: {
                running.cancel()
                try? await sink.write([.error(ErrorResponse(severity: .fatal, code: "57P01",
                                                             message: "terminating connection: the stackq server is stopping"))])
                close()
            })
        }
        registered = true
        let user = parameters["user"] ?? "stackq"
        session = SessionInfo(user: user, database: parameters["database"] ?? user, processID: keys.processID,
                              settings: SessionInfo.defaults)
        // The server speaks UTF-8 only, whatever client_encoding a client asks for (it cannot convert).
        for (name, value) in parameters where !["user", "database", "options", "replication", "client_encoding"].contains(name) {
            session.set(name, value)
        }
        var messages = preceding + [.authentication(.ok)]
        for name in SessionInfo.reported {
            messages.append(.parameterStatus(name: name, value: session.setting(name) ?? ""))
        }
        messages.append(.backendKeyData(processID: keys.processID, secretKey: keys.secretKey))
        messages.append(.readyForQuery(.idle))
        try await sink.write(messages)
    }

    // MARK: Simple query

    private func simpleQuery(_ text: String) async throws {
        let whole = TokenizedSQL(text)
        let parts = whole.statements()
        if parts.isEmpty { send(.emptyQueryResponse) }
        for (offset, sql) in parts {
            let statement = PreparedStatement(sql: sql, declaredTypes: [])
            let characterOffset = String(decoding: whole.bytes.prefix(offset), as: UTF8.self).count
            do {
                try await run(statement, parameters: [], plan: StatementOutput.Plan(), characterOffset: characterOffset) { _ in }
            } catch {
                send(.error(mapped(error, offset: characterOffset, statement: statement)))
                break
            }
        }
        send(.readyForQuery(transactionStatus))
        try await flush()
    }

    // MARK: Extended query

    private func extended(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            failExtended(error, statement: nil)
        }
    }

    private func extendedAsync(_ body: () async throws -> Void) async {
        do {
            try await body()
        } catch {
            failExtended(error, statement: nil)
        }
    }

    private func failExtended(_ error: any Error, statement: PreparedStatement?) {
        pending = nil
        send(.error(mapped(error, offset: 0, statement: statement)))
        machine.extendedQueryFailed()
    }

    private func parse(_ parse: ParseMessage) throws {
        if !parse.name.isEmpty, statements[parse.name] != nil {
            throw ErrorResponse(code: "42P05", message: "prepared statement \"\(parse.name)\" already exists")
        }
        statements[parse.name] = PreparedStatement(sql: TokenizedSQL(parse.query), declaredTypes: parse.parameterTypes)
        send(.parseComplete)
    }

    private func bind(_ bind: BindMessage) throws {
        guard let statement = statements[bind.statement] else {
            throw ErrorResponse(code: "26000", message: "prepared statement \"\(bind.statement)\" does not exist")
        }
        guard bind.parameters.count == statement.parameterTypes.count else {
            throw ErrorResponse(code: "08P01", message: "bind message supplies \(bind.parameters.count) parameters, but prepared statement \"\(bind.statement)\" requires \(statement.parameterTypes.count)")
        }
        let values = try bind.parameters.enumerated().map { index, bytes in
            try ParameterDecoding.value(bytes, type: statement.parameterTypes[index],
                                        format: PostgresFormat.format(at: index, in: bind.parameterFormats))
        }
        portals[bind.portal] = (bind.statement, Portal(statement: statement, parameters: values, resultFormats: bind.resultFormats))
        send(.bindComplete)
    }

    private func describe(_ target: DescribeTarget) async throws {
        resolvePending(with: [])
        switch target {
        case .statement(let name):
            guard let statement = statements[name] else {
                throw ErrorResponse(code: "26000", message: "prepared statement \"\(name)\" does not exist")
            }
            let nulls = Array(repeating: SQLValue.null, count: statement.parameterTypes.count)
            if let local = try await localResult(statement, parameters: nulls, apply: false) {
                send(.parameterDescription(statement.parameterTypes))
                send(local.fields.isEmpty ? .noData : .rowDescription(describe(local.fields, formats: [])))
            } else {
                pending = PendingDescribe(target: target, statementName: name, parameterTypes: statement.parameterTypes)
            }
        case .portal(let name):
            guard let (statementName, portal) = portals[name] else {
                throw ErrorResponse(code: "34000", message: "portal \"\(name)\" does not exist")
            }
            if let local = try await localResult(portal.statement, parameters: portal.parameters, apply: false) {
                send(local.fields.isEmpty ? .noData : .rowDescription(describe(local.fields, formats: portal.resultFormats)))
            } else {
                pending = PendingDescribe(target: target, statementName: statementName, parameterTypes: portal.statement.parameterTypes)
            }
        }
    }

    private func execute(_ execute: ExecuteMessage) async throws {
        guard let (statementName, portal) = portals[execute.portal] else {
            throw ErrorResponse(code: "34000", message: "portal \"\(execute.portal)\" does not exist")
        }
        var describeFirst: PendingDescribe?
        if let pending {
            switch pending.target {
            case .portal(let name) where name == execute.portal: describeFirst = pending
            case .statement(let name) where name == statementName: describeFirst = pending
            default: resolvePending(with: [])
            }
            self.pending = nil
        }
        if var remaining = portal.remaining {
            // A portal suspended by a row limit: the next rows.
            let limit = execute.maxRows > 0 ? Int(execute.maxRows) : remaining.rows.count
            let now = Array(remaining.rows.prefix(limit))
            remaining.rows.removeFirst(now.count)
            var updated = portal
            updated.sent += now.count
            updated.remaining = remaining.rows.isEmpty ? nil : remaining
            portals[execute.portal] = (statementName, updated)
            if !now.isEmpty { send(.dataRows(DataRows(rows: now, encodings: remaining.encodings))) }
            send(updated.remaining == nil ? .commandComplete(Self.tag(updated.tag, count: updated.sent)) : .portalSuspended)
            return
        }
        let target = describeFirst?.target
        let held = describeFirst?.held ?? []
        let types = describeFirst?.parameterTypes ?? []
        let plan = StatementOutput.Plan(formats: portal.resultFormats, sendsRowDescription: false, limit: Int(max(0, execute.maxRows)),
                                        prefix: { fields in
            guard let target else { return [] }
            var messages: [BackendMessage] = []
            switch target {
            case .statement:
                messages.append(.parameterDescription(types))
                let textFields = fields.map { field -> FieldDescription in
                    var field = field
                    field.format = .text
                    return field
                }
                messages.append(fields.isEmpty ? .noData : .rowDescription(textFields))
            case .portal:
                messages.append(fields.isEmpty ? .noData : .rowDescription(fields))
            }
            return messages + held
        })
        var result = portal
        try await run(portal.statement, parameters: portal.parameters, plan: plan, characterOffset: 0) { output in
            let state = output.state.withLock { $0 }
            result.sent = state.sent
            if !state.overflow.isEmpty, let encodings = state.encodings {
                result.remaining = DataRows(rows: state.overflow, encodings: encodings)
            }
        } tag: { tag in
            result.tag = tag
        }
        result.isDone = result.remaining == nil
        portals[execute.portal] = (statementName, result)
    }

    /// Answers a Describe that is still waiting (its statement never ran: no Execute followed before Sync) with
    /// no row description, and sends what was held behind it.
    private func resolvePending(with fields: [FieldDescription]) {
        guard let pending else { return }
        self.pending = nil
        if case .statement = pending.target { send(.parameterDescription(pending.parameterTypes)) }
        send(fields.isEmpty ? .noData : .rowDescription(fields))
        for message in pending.held { send(message) }
    }

    // MARK: Running statements

    /// Runs one statement: answered by the server itself, or by the engine, streamed through a
    /// ``StatementOutput`` made with `plan`; `finish` sees the output before CommandComplete is sent.
    private func run(_ statement: PreparedStatement, parameters: [SQLValue], plan: StatementOutput.Plan,
                     characterOffset: Int, finish: (StatementOutput) -> Void,
                     tag report: (String) -> Void = { _ in }) async throws {
        if statement.sql.significant.isEmpty {
            send(.emptyQueryResponse)
            return
        }
        let output = StatementOutput(sink: BufferingSink(connection: self), plan: plan)
        if let local = try await localResult(statement, parameters: parameters, apply: true) {
            for message in local.messages { send(message) }
            try await output.deliver(fields: local.fields, rows: local.rows)
            finish(output)
            let sent = output.state.withLock { $0.sent }
            report(local.tag)
            send(output.state.withLock { $0.overflow.isEmpty } ? .commandComplete(Self.tag(local.tag, count: sent)) : .portalSuspended)
            return
        }
        guard case .engine(let verb) = statement.route else { return }
        try await flush()
        let engine = context.engine
        let sql = statement.sql.withEngineParameters
        let streaming = StatementOutput(sink: sink, plan: plan)
        context.runningStatements.add(1, ordering: .relaxed)
        defer { context.runningStatements.subtract(1, ordering: .relaxed) }
        let engineSession = self.engineSession
        try await running.run(abandon: { streaming.abandon() }) {
            try await engine.execute(script: sql, parameters: parameters, session: engineSession, handler: streaming)
        }
        finish(streaming)
        report(verb)
        let state = streaming.state.withLock { $0 }
        if let message = state.message, state.fields.isEmpty {
            send(.notice(ErrorResponse(severity: .notice, code: "00000", message: context.redact(message))))
        }
        send(state.overflow.isEmpty ? .commandComplete(Self.tag(verb, count: state.sent)) : .portalSuspended)
    }

    /// The result of a statement the server answers itself, or nil for the engine's statements. With `apply`
    /// false nothing changes (a Describe).
    private func localResult(_ statement: PreparedStatement, parameters: [SQLValue], apply: Bool) async throws -> LocalResult? {
        switch statement.route {
        case .engine:
            return nil
        case .catalog:
            let result = try await context.catalog.query(statement.sql, parameters: parameters, session: session)
            return LocalResult(fields: result.fields, rows: result.rows, tag: "SELECT")
        case .set(let name, let value):
            guard apply else { return LocalResult(tag: "SET") }
            var messages: [BackendMessage] = []
            if name == "ALL", value == nil {
                session.settings = SessionInfo.defaults
            } else {
                session.set(name, value ?? SessionInfo.defaults[name] ?? "")
                if let reported = SessionInfo.reported.first(where: { $0.lowercased() == name.lowercased() }) {
                    messages.append(.parameterStatus(name: reported, value: session.setting(reported) ?? ""))
                }
            }
            return LocalResult(tag: value == nil ? "RESET" : "SET", messages: messages)
        case .showSetting(let name):
            if name.uppercased() == "ALL" {
                let rows = session.settings.sorted { $0.key < $1.key }.map { [SQLValue.text($0.key), .text($0.value), .null] }
                return LocalResult(fields: [("name", .text), ("setting", .text), ("description", .text)], rows: rows, tag: "SHOW")
            }
            guard let value = session.setting(name) else {
                throw ErrorResponse(code: "42704", message: "unrecognized configuration parameter \"\(name)\"")
            }
            return LocalResult(fields: [(name.lowercased(), .text)], rows: [[.text(value)]], tag: "SHOW")
        case .transaction(let tag, let opens):
            if apply, let opens {
                if opens, inTransaction {
                    return LocalResult(tag: tag, messages: [.notice(ErrorResponse(severity: .warning, code: "25001", message: "there is already a transaction in progress"))])
                }
                inTransaction = opens
            }
            return LocalResult(tag: tag)
        case .accepted(let tag):
            return LocalResult(tag: tag)
        }
    }

    /// `verb` with the row count where PostgreSQL puts one.
    static func tag(_ verb: String, count: Int) -> String {
        switch verb {
        case "SELECT", "INSERT 0", "UPDATE", "DELETE": return "\(verb) \(count)"
        default: return verb
        }
    }

    private func describe(_ fields: [(name: String, type: PostgresType)], formats: [PostgresFormat]) -> [FieldDescription] {
        fields.enumerated().map { index, field in
            FieldDescription(name: field.name, type: field.type, format: PostgresFormat.format(at: index, in: formats))
        }
    }

    private func mapped(_ error: any Error, offset: Int, statement: PreparedStatement?) -> ErrorResponse {
        if !(error is ErrorResponse) {
            context.logger.debug("statement failed", metadata: ["error": "\(context.redact(String(describing: error)))"])
        }
        return ErrorMapping.response(for: error, statementOffset: offset, statementText: statement?.sql.bytes ?? [],
                                     redact: context.redact)
    }

    // MARK: Output

    /// Queues a message: behind a pending Describe it is held back, else it waits in the outbox for the next flush.
    func send(_ message: BackendMessage) {
        if pending != nil {
            pending!.held.append(message)
        } else {
            outbox.append(message)
        }
    }

    /// Writes the outbox.
    func flush() async throws {
        guard !outbox.isEmpty else { return }
        let messages = outbox
        outbox.removeAll(keepingCapacity: true)
        try await sink.write(messages)
    }
}

/// A sink that queues into the connection's outbox (for results the server makes itself, sent at the next flush).
private struct BufferingSink: MessageSink, @unchecked Sendable {
    // Proof: only used by ServerConnection.run, on the connection's own task, and never escapes it.
    let connection: ServerConnection

    func write(_ messages: [BackendMessage]) async throws {
        for message in messages { connection.send(message) }
    }
}
