/// What `stackq mcp` lets an agent change (`--mode`).
public enum SafetyMode: String, Sendable, CaseIterable {
    /// Reads only: `run_mutation_query` is not offered and mutations are refused (the default).
    case readOnly = "read_only"
    /// Mutations run only after the person approves the plan through MCP elicitation; refused when the client
    /// cannot ask or the person declines.
    case safe
    /// Mutations run as the agent sends them.
    case fullAccess = "full_access"
}
