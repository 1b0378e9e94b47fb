import StackQ
import StackQSyntax

/// What a statement does to the world, decided by the parser before anything runs: `run_select_query` runs only
/// reads, and a change needs the mode's permission.
enum StatementKind: String, Sendable, Hashable {
    /// SELECT, SHOW, DESCRIBE, EXPLAIN (of anything: it sends nothing), REGISTRY LIST.
    case read
    /// INSERT, UPDATE, REPLACE, DELETE, EXEC, REGISTRY PULL.
    case mutation

    init(_ statement: Statement) {
        switch statement {
        case .select, .show, .describe, .describeMethod, .explain:
            self = .read
        case .registry(let registry):
            if case .list = registry.action { self = .read } else { self = .mutation }
        case .insert, .update, .replace, .delete, .exec, .createTable, .createView, .drop, .refresh:
            self = .mutation
        }
    }

    /// The one statement of `sql`, with `variables` (`--var`) substituted as the engine will.
    /// - Throws: the `SyntaxError` (line:col) of a statement that does not parse; ``ToolRefusal`` when `sql` holds
    ///   no statement or more than one.
    static func statement(of sql: String, variables: [String: String]) throws -> Statement {
        let statements = try Parser.parseScript(try ScriptVariables.substitute(variables, in: sql))
        guard statements.count == 1 else {
            throw ToolRefusal(statements.isEmpty
                ? "the sql holds no statement"
                : "the sql holds \(statements.count) statements; send one statement per call")
        }
        return statements[0]
    }

    /// The SQL verb a person approving a mutation reads: `DELETE`, `EXEC`…
    static func verb(of statement: Statement) -> String {
        switch statement {
        case .select: "SELECT"
        case .insert: "INSERT"
        case .update: "UPDATE"
        case .replace: "REPLACE"
        case .delete: "DELETE"
        case .exec: "EXEC"
        case .show: "SHOW"
        case .describe, .describeMethod: "DESCRIBE"
        case .registry: "REGISTRY"
        case .explain: "EXPLAIN"
        case .createTable, .createView: "CREATE"
        case .drop: "DROP"
        case .refresh: "REFRESH"
        }
    }
}

/// A tool call the server will not run, and why: a mutation sent to `run_select_query`, a mutation in `read_only`
/// mode, a client that cannot ask the person, a person who declined. It comes back to the agent as a tool error.
struct ToolRefusal: Error, CustomStringConvertible, Sendable, Hashable {
    /// What was refused and what the agent can do instead.
    var description: String
    /// How the audit log records it: `refused` or `declined`.
    var outcome = "refused"

    init(_ description: String, outcome: String = "refused") {
        self.description = description
        self.outcome = outcome
    }
}
