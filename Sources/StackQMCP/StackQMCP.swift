/// The MCP server of `stackq mcp` (issue: "MCP server: agents that explore, query and change cloud resources").
public enum StackQMCP {}
