import Foundation
import MCP
import StackQ
import StackQSyntax

extension StackQMCPServer {
    /// What a tool call did, for the audit log, and whose statements they are.
    struct Facts: Sendable {
        /// The connection's engine session: `SHOW CALLS` (`show_calls`) answers with its own last calls.
        var session: EngineSession?
        var calls = 0
        var rows = 0
        var truncated = false
        var approval: String?
    }

    /// One tool call: runs it, appends it to the audit log, and answers with its result or a tool error carrying
    /// stackq's own message — never a protocol error for a bad query. A cancelled call answers nothing.
    func call(_ parameters: CallTool.Parameters, server: MCP.Server, connection: Connection) async throws -> CallTool.Result {
        let started = ContinuousClock.now
        let arguments = parameters.arguments ?? [:]
        var facts = Facts(session: connection.session)
        func record(_ outcome: String, _ error: String? = nil) {
            audit(parameters.name, arguments: arguments, facts: facts, outcome: outcome, error: error,
                  elapsed: ContinuousClock.now - started)
        }
        let tools = ToolCatalog.tools(for: .fullAccess, configuration: configuration).map(\.name)
        guard tools.contains(parameters.name) else {
            throw MCPError.invalidParams("stackq has no tool named '\(parameters.name)'; tools/list names them")
        }
        let sink = progressSink(parameters._meta?.progressToken, server: server)
        do {
            let value = try await run(parameters.name, arguments: arguments, sink: sink, server: server,
                                      connection: connection, facts: &facts)
            record("ok")
            return CallTool.Result(content: [.text(text: StackQMCPServer.json(value), annotations: nil, _meta: nil)],
                                   structuredContent: value as Value?, isError: false)
        } catch {
            if Task.isCancelled || error is CancellationError {
                record("cancelled")
                throw CancellationError()
            }
            let refusal = error as? ToolRefusal
            let message = refusal?.description ?? StackQMCPServer.describe(error, redactor: engine.redactor)
            record(refusal?.outcome ?? "error", message)
            return CallTool.Result(content: [.text(text: message, annotations: nil, _meta: nil)], isError: true)
        }
    }

    private func run(_ tool: String, arguments: [String: Value], sink: ProgressRelay.Sink?, server: MCP.Server,
                     connection: Connection, facts: inout Facts) async throws -> Value {
        let rows = configuration.maximumRows
        switch tool {
        case ToolCatalog.serverInfo:
            return serverInfo()
        case ToolCatalog.listProviders, ToolCatalog.listServices, ToolCatalog.listResources, ToolCatalog.listMethods:
            let listing = StackQMCPServer.listings[tool]!
            let scope = try listing.scope.map { " IN " + (try name(arguments, $0.key, parts: $0.parts, example: $0.example)) } ?? ""
            return try await table(listing.show + scope + (try like(arguments)), maxRows: rows, sink: sink, facts: &facts)
        case ToolCatalog.describeResource:
            let resource = try name(arguments, "resource", parts: 3, example: "google.dataproc.sessions")
            let extended = arguments["extended"]?.boolValue == true ? "EXTENDED " : ""
            return try await table("DESCRIBE \(extended)\(resource)", maxRows: rows, sink: sink, facts: &facts)
        case ToolCatalog.describeMethod:
            let resource = try name(arguments, "resource", parts: 3, example: "google.dataproc.sessions")
            let method = try name(arguments, "method", parts: 1, example: "projects_locations_sessions_list")
            return try await table("DESCRIBE METHOD \(resource).\(method)", maxRows: rows, sink: sink, facts: &facts)
        case ToolCatalog.validateQuery:
            return try await validate(try sql(arguments), facts: &facts)
        case ToolCatalog.runSelectQuery:
            return try await select(try sql(arguments), maxRows: try maxRows(arguments), sink: sink, facts: &facts)
        case ToolCatalog.runMutationQuery:
            return try await mutate(try sql(arguments), sink: sink, server: server, connection: connection, facts: &facts)
        case ToolCatalog.showCalls:
            return try await table("SHOW CALLS", maxRows: rows, sink: nil, facts: &facts)
        case ToolCatalog.authStatus:
            return try await table("SHOW AUTH", maxRows: rows, sink: nil, facts: &facts)
        default:
            throw ToolRefusal("stackq has no tool named '\(tool)'")
        }
    }

    // MARK: Tools

    /// The listing tools: the SHOW statement each runs, and the argument that names what to list in (its parts
    /// and an example).
    static let listings: [String: (show: String, scope: (key: String, parts: Int, example: String)?)] = [
        ToolCatalog.listProviders: ("SHOW PROVIDERS", nil),
        ToolCatalog.listServices: ("SHOW SERVICES", ("provider", 1, "google")),
        ToolCatalog.listResources: ("SHOW RESOURCES", ("service", 2, "google.dataproc")),
        ToolCatalog.listMethods: ("SHOW METHODS", ("resource", 3, "google.dataproc.sessions")),
    ]

    private func serverInfo() -> Value {
        let tools = ToolCatalog.tools(for: configuration.mode, configuration: configuration).map { Value.string($0.name) }
        var info: [String: Value] = [
            "name": "stackq",
            "version": .string(StackQVersion.current),
            "mode": .string(configuration.mode.rawValue),
            "sandbox": .bool(configuration.sandboxURL != nil),
            "default_rows": .int(configuration.defaultRows),
            "maximum_rows": .int(configuration.maximumRows),
            "maximum_bytes": .int(configuration.maximumBytes),
            "audit_log": .bool(configuration.auditLog != nil),
            "tools": .array(tools),
        ]
        if let url = configuration.sandboxURL {
            info["sandbox_note"] = .string("google is served by a local emulator (\(url)) with demo data: projects demo, demo-analytics and demo-ml under organizations/1001, Dataproc sessions in us-central1 and europe-west1, Vertex AI notebook execution jobs; nothing leaves this machine")
        }
        return .object(info)
    }

    private func validate(_ sql: String, facts: inout Facts) async throws -> Value {
        let statement = try StatementKind.statement(of: sql, variables: variables)
        let kind = StatementKind(statement)
        var explained = statement
        if case .explain(let inner, _) = statement { explained = inner }
        let plan = try await table(StackQMCPServer.explaining(sql, statement), maxRows: configuration.maximumRows,
                                   sink: nil, facts: &facts)
        return .object(["valid": true, "kind": .string(kind.rawValue),
                        "statement": .string(StatementKind.verb(of: explained)), "plan": plan])
    }

    private func select(_ sql: String, maxRows: Int, sink: ProgressRelay.Sink?, facts: inout Facts) async throws -> Value {
        let statement = try StatementKind.statement(of: sql, variables: variables)
        guard StatementKind(statement) == .read else {
            let instead = configuration.mode == .readOnly
                ? "this server is read_only and changes nothing"
                : "send it to run_mutation_query"
            throw ToolRefusal("run_select_query runs only SELECT, SHOW, DESCRIBE and EXPLAIN: this \(StatementKind.verb(of: statement)) changes resources and was not run (\(instead))")
        }
        return try await table(sql, maxRows: maxRows, sink: sink, facts: &facts)
    }

    private func mutate(_ sql: String, sink: ProgressRelay.Sink?, server: MCP.Server, connection: Connection,
                        facts: inout Facts) async throws -> Value {
        guard configuration.mode != .readOnly else {
            throw ToolRefusal("this server is read_only (stackq mcp --mode read_only): it changes no resource, and nothing was run. A person can restart it with --mode safe (each change approved by them) or --mode full_access.")
        }
        let statement = try StatementKind.statement(of: sql, variables: variables)
        if configuration.mode == .safe, StatementKind(statement) == .mutation {
            try await approve(sql, statement, server: server, connection: connection, facts: &facts)
        }
        return try await table(sql, maxRows: configuration.maximumRows, sink: sink, facts: &facts)
    }

    // MARK: Running statements

    /// Runs `sql` (one statement, or the server's own metadata statement) on the engine when its turn comes, and
    /// answers with its columns, capped rows, calls and warnings.
    func table(_ sql: String, maxRows: Int, sink: ProgressRelay.Sink?, facts: inout Facts) async throws -> Value {
        let (reply, summary) = try await collect(sql, maxRows: maxRows, sink: sink, facts: &facts)
        return StackQMCPServer.table(reply, calls: summary.calls, warnings: summary.warnings, maximumRows: configuration.maximumRows)
    }

    /// Runs `sql` on the engine when its turn comes and keeps at most `maxRows` of its rows; the calls it made are
    /// added to `facts` whether it succeeds or not.
    func collect(_ sql: String, maxRows: Int, sink: ProgressRelay.Sink?,
                 facts: inout Facts) async throws -> (ReplyCollector.Reply, ProgressRelay.Summary) {
        let collector = ReplyCollector(maximumRows: maxRows, maximumBytes: configuration.maximumBytes)
        let (engine, relay, session) = (self.engine, self.relay, facts.session)
        let (summary, failure) = try await gate.run { () async -> (ProgressRelay.Summary, (any Error)?) in
            relay.begin(sink: sink)
            do {
                try await engine.execute(script: sql, session: session, handler: collector)
                return (await relay.end(), nil)
            } catch {
                return (await relay.end(), error)
            }
        }
        facts.calls += summary.calls
        if let failure { throw failure }
        let reply = collector.reply
        facts.rows = reply.total
        facts.truncated = reply.truncated
        return (reply, summary)
    }

    /// A result as an agent reads it: columns with types, rows as arrays, and whether (and how far) it was cut.
    static func table(_ reply: ReplyCollector.Reply, calls: Int, warnings: [String], maximumRows: Int) -> Value {
        var object: [String: Value] = [
            "columns": .array(zip(reply.columns, reply.types).map { column, type in
                .object(["name": .string(column.name), "type": .string(type ?? "null")])
            }),
            "rows": .array(reply.rows.map { .array($0) }),
            "row_count": .int(reply.rows.count),
            "total_rows": .int(reply.total),
            "truncated": .bool(reply.truncated),
            "calls": .int(calls),
        ]
        if reply.truncated {
            object["note"] = .string("only \(reply.rows.count) of \(reply.total) rows are here: narrow the query (WHERE, LIMIT, GROUP BY, fewer columns) or ask for more with max_rows (at most \(maximumRows))")
        }
        if let message = reply.message { object["message"] = .string(message) }
        if !warnings.isEmpty { object["warnings"] = .array(warnings.map { .string($0) }) }
        return .object(object)
    }

    /// `sql` as an EXPLAIN (itself, when it is one already).
    static func explaining(_ sql: String, _ statement: Statement) -> String {
        if case .explain = statement { return sql }
        return "EXPLAIN " + sql
    }

    // MARK: Arguments

    private func sql(_ arguments: [String: Value]) throws -> String {
        guard let sql = arguments["sql"]?.stringValue, !sql.allSatisfy(\.isWhitespace) else {
            throw ToolRefusal("give the statement to run as the argument sql")
        }
        return sql
    }

    private func maxRows(_ arguments: [String: Value]) throws -> Int {
        guard let value = arguments["max_rows"], value != .null else { return configuration.defaultRows }
        guard let rows = value.intValue ?? value.doubleValue.flatMap({ $0.rounded() == $0 ? Int(exactly: $0) : nil }),
              rows >= 1 else {
            throw ToolRefusal("max_rows must be a whole number of at least 1 (at most \(configuration.maximumRows))")
        }
        return min(rows, configuration.maximumRows)
    }

    /// The `LIKE` clause of a listing tool's `like` argument, as a quoted literal.
    private func like(_ arguments: [String: Value]) throws -> String {
        guard let value = arguments["like"], value != .null else { return "" }
        guard let pattern = value.stringValue else { throw ToolRefusal("like must be a string, e.g. '%session%'") }
        return " LIKE " + SQLPrinter.quoteString(pattern)
    }

    /// A dotted name argument (`google.dataproc.sessions`) of exactly `parts` parts, each written so that it can
    /// only be a name (quoted when it is not a plain identifier).
    private func name(_ arguments: [String: Value], _ key: String, parts: Int, example: String) throws -> String {
        guard let text = arguments[key]?.stringValue else {
            throw ToolRefusal("give \(key) as a string, e.g. '\(example)'")
        }
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard pieces.count == parts, pieces.allSatisfy({ !$0.isEmpty }) else {
            throw ToolRefusal("\(key) '\(text)' is not a \(parts == 1 ? "single name" : "name of \(parts) parts"), e.g. '\(example)'")
        }
        return pieces.map { piece in
            let plain = piece.first.map { $0 == "_" || ($0.isASCII && $0.isLetter) } == true
                && piece.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
            return plain ? piece : SQLPrinter.quoteIdentifier(piece)
        }.joined(separator: ".")
    }

    // MARK: Replies

    /// The progress notifications of a call that asked for them with a progress token.
    private func progressSink(_ token: ProgressToken?, server: MCP.Server) -> ProgressRelay.Sink? {
        guard let token else { return nil }
        return { [weak server] progress, message in
            try? await server?.notify(ProgressNotification.message(.init(progressToken: token, progress: progress,
                                                                         message: message)))
        }
    }

    /// An error as the CLI words it (syntax errors with line:col and the caret line), credentials redacted and
    /// control characters escaped.
    static func describe(_ error: any Error, redactor: Redactor) -> String {
        let text: String
        switch error {
        case let error as SyntaxError: text = error.description
        case let error as any CustomStringConvertible: text = error.description
        default: text = error.localizedDescription
        }
        return TerminalText.escapingControls(redactor.redact(text), keepingNewlines: true)
    }

    /// `value` as compact JSON text, keys sorted.
    static func json(_ value: Value) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    private func audit(_ tool: String, arguments: [String: Value], facts: Facts, outcome: String, error: String?,
                       elapsed: Duration) {
        guard let log = configuration.auditLog else { return }
        let redactor = engine.redactor
        var others: [String: String] = [:]
        for (key, value) in arguments where key != "sql" {
            others[key] = redactor.redact(value.stringValue ?? StackQMCPServer.json(value))
        }
        let milliseconds = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        log.append(AuditLog.Entry(
            time: AuditLog.timestamp(), tool: tool, sql: arguments["sql"]?.stringValue.map { redactor.redact($0) },
            arguments: others.isEmpty ? nil : others, mode: configuration.mode.rawValue, outcome: outcome,
            approval: facts.approval, calls: facts.calls, rows: facts.rows, truncated: facts.truncated ? true : nil,
            error: error, ms: Int(milliseconds)))
    }
}
