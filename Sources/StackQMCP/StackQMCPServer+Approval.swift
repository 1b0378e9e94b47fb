import Foundation
import MCP
import StackQ
import StackQSyntax

extension StackQMCPServer {
    /// In ``SafetyMode/safe``: shows the person the mutation's plan (from EXPLAIN: method, calls, target
    /// resources) through MCP elicitation and returns when they approve it.
    /// - Throws: ``ToolRefusal`` when the client cannot ask or the person declines; the plan's error when the
    ///   statement cannot be planned (nothing is asked then).
    func approve(_ sql: String, _ statement: Statement, server: MCP.Server, connection: Connection,
                 facts: inout Facts) async throws {
        let verb = StatementKind.verb(of: statement)
        guard connection.canElicit else {
            throw ToolRefusal("this server is in safe mode: a person approves each change, and this client cannot ask them (it declared no elicitation capability), so the \(verb) was not run. Use a client that supports MCP elicitation, or ask the person to restart the server with --mode full_access.")
        }
        let (plan, _) = try await collect(StackQMCPServer.explaining(sql, statement), maxRows: 50, sink: nil, facts: &facts)
        let message = StackQMCPServer.approvalMessage(verb: verb, sql: engine.redactor.redact(sql), plan: plan)
        let schema = Elicitation.RequestSchema(
            title: "Approve this \(verb)?",
            properties: ["approve": .object(["type": "boolean", "title": .string("Run the \(verb)"),
                                             "description": .string("Yes runs it against the cloud API now; no refuses it."),
                                             "default": false])],
            required: ["approve"])
        let answer = try await server.requestElicitation(message: message, requestedSchema: schema)
        if answer.action == .accept, answer.content?["approve"]?.boolValue == true {
            facts.approval = "approved"
            return
        }
        facts.approval = "declined"
        let how = answer.action == .cancel ? "cancelled the request" : "declined"
        throw ToolRefusal("the person \(how): the \(verb) was not run", outcome: "declined")
    }

    /// What the person reads: the statement and, per step of its plan, the resource, the method, the calls and
    /// the parameters. Nothing has been sent when they read it.
    static func approvalMessage(verb: String, sql: String, plan: ReplyCollector.Reply) -> String {
        func cell(_ row: [Value], _ column: String) -> String? {
            guard let index = plan.columns.firstIndex(where: { $0.name == column }), index < row.count else { return nil }
            switch row[index] {
            case .string(let text): return text.isEmpty ? nil : text
            case .int(let n): return String(n)
            default: return nil
            }
        }
        var lines = ["An agent asks stackq to run this \(verb), which changes cloud resources:", "", sql.trimmingCharacters(in: .whitespacesAndNewlines), "",
                     "Plan (nothing has been sent yet):"]
        for row in plan.rows {
            let reference = cell(row, "reference") ?? "?"
            var step = "• \(reference)"
            if let method = cell(row, "method") { step += ": \(method)" }
            if let calls = cell(row, "calls") { step += ", calls: \(calls)" }
            if let parameters = cell(row, "parameters") { step += ", with \(parameters)" }
            lines.append(step)
        }
        if plan.truncated { lines.append("• … (\(plan.total - plan.rows.count) more steps)") }
        return lines.joined(separator: "\n")
    }
}
