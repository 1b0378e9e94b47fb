import MCP

/// The tools `stackq mcp` offers, named as StackQL's MCP server names them so that agent prompts carry over: each
/// with its input schema, a description an agent can act on, and hints of what it changes.
enum ToolCatalog {
    static let serverInfo = "server_info"
    static let listProviders = "list_providers"
    static let listServices = "list_services"
    static let listResources = "list_resources"
    static let listMethods = "list_methods"
    static let describeResource = "describe_resource"
    static let describeMethod = "describe_method"
    static let validateQuery = "validate_query"
    static let runSelectQuery = "run_select_query"
    static let runMutationQuery = "run_mutation_query"
    static let showCalls = "show_calls"
    static let authStatus = "auth_status"

    /// The tools offered in `mode`: every tool, less `run_mutation_query` in ``SafetyMode/readOnly``.
    static func tools(for mode: SafetyMode, configuration: MCPConfiguration) -> [Tool] {
        var tools = [
            Tool(name: serverInfo, title: "stackq server info",
                 description: "What this stackq MCP server is: version, safety mode (read_only, safe or full_access), whether a local sandbox serves google with demo data, and the row and byte caps of a result.",
                 inputSchema: schema([:]), annotations: readOnly("stackq server info", openWorld: false)),
            Tool(name: listProviders, title: "List providers",
                 description: "The providers of stackq's registry (google, …): the first level of provider.service.resource names.",
                 inputSchema: schema(["like": like]), annotations: readOnly("List providers", openWorld: false)),
            Tool(name: listServices, title: "List services",
                 description: "The services of a provider (google → dataproc, aiplatform, compute, …). Next: list_resources of one.",
                 inputSchema: schema(["provider": string("A provider, e.g. google"), "like": like], required: ["provider"]),
                 annotations: readOnly("List services", openWorld: false)),
            Tool(name: listResources, title: "List resources",
                 description: "The resources of a service, which are the tables you query (google.dataproc → sessions, batches, …). Next: describe_resource for its columns, list_methods for its parameters.",
                 inputSchema: schema(["service": string("provider.service, e.g. google.dataproc"), "like": like], required: ["service"]),
                 annotations: readOnly("List resources", openWorld: false)),
            Tool(name: listMethods, title: "List methods",
                 description: "The methods of a resource with their SQL verb and their required parameters: a SELECT must bind the required parameters of a select method in its WHERE clause (e.g. projectsId = 'p' AND locationsId = 'us-central1').",
                 inputSchema: schema(["resource": string("provider.service.resource, e.g. google.dataproc.sessions"), "like": like], required: ["resource"]),
                 annotations: readOnly("List methods", openWorld: false)),
            Tool(name: describeResource, title: "Describe a resource",
                 description: "The columns of a resource (name, type, description): what SELECT can return and filter on.",
                 inputSchema: schema(["resource": string("provider.service.resource, e.g. google.dataproc.sessions"),
                                      "extended": .object(["type": "boolean", "description": "Also each column's description."])],
                                     required: ["resource"]),
                 annotations: readOnly("Describe a resource", openWorld: false)),
            Tool(name: describeMethod, title: "Describe a method",
                 description: "The parameters of one method of a resource (name, location, required, type), e.g. to write an INSERT or EXEC.",
                 inputSchema: schema(["resource": string("provider.service.resource, e.g. google.dataproc.sessions"),
                                      "method": string("A method name from list_methods, e.g. projects_locations_sessions_list")],
                                     required: ["resource", "method"]),
                 annotations: readOnly("Describe a method", openWorld: false)),
            Tool(name: validateQuery, title: "Validate a query",
                 description: "Parses and plans one statement and returns its plan (which methods, how many API calls, with which parameters) without sending anything. Syntax errors come back with line:col; a missing parameter comes back with a sample WHERE clause. Use it before run_mutation_query.",
                 inputSchema: schema(["sql": sql], required: ["sql"]),
                 annotations: readOnly("Validate a query", openWorld: false)),
            Tool(name: runSelectQuery, title: "Run a read query",
                 description: "Runs one SELECT, SHOW, DESCRIBE or EXPLAIN statement and returns its columns (with types) and rows. Resources are provider.service.resource (google.dataproc.sessions) and their required parameters go in the WHERE clause; SQLite does the rest (joins, GROUP BY, json_extract, ->>). At most \(configuration.defaultRows) rows unless max_rows says more (up to \(configuration.maximumRows)); a reply cut short says truncated: true and total_rows. Mutations are refused here.",
                 inputSchema: schema(["sql": sql,
                                      "max_rows": .object(["type": "integer", "minimum": 1, "maximum": .int(configuration.maximumRows),
                                                           "description": .string("The most rows to return (default \(configuration.defaultRows)).")])],
                                     required: ["sql"]),
                 annotations: readOnly("Run a read query", openWorld: true)),
            Tool(name: showCalls, title: "Show the last statement's API calls",
                 description: "The API calls of the last statement that made any: method, parameters, URL, HTTP status, attempts, pages, rows, bytes, time and error. Use it to see why a query failed or was slow.",
                 inputSchema: schema([:]), annotations: readOnly("Show calls", openWorld: false)),
            Tool(name: authStatus, title: "Credential status",
                 description: "The credential each provider uses: source, account, scopes, quota project, the token's remaining lifetime (never the token), and whether it works.",
                 inputSchema: schema([:]), annotations: readOnly("Credential status", openWorld: true)),
        ]
        if mode != .readOnly {
            let asks = mode == .safe ? " The person is asked to approve the plan first (MCP elicitation); the call is refused when they decline or the client cannot ask." : ""
            tools.append(Tool(
                name: runMutationQuery, title: "Change cloud resources",
                description: "Runs one INSERT, UPDATE, REPLACE, DELETE or EXEC statement against the cloud APIs: it creates, changes or deletes real resources. Run validate_query first and check its plan.\(asks) Add /*+ AWAIT */ after the verb to wait for long-running operations.",
                inputSchema: schema(["sql": sql], required: ["sql"]),
                annotations: .init(title: "Change cloud resources", readOnlyHint: false, destructiveHint: true,
                                   idempotentHint: false, openWorldHint: true)))
        }
        return tools
    }

    private static let sql = string("One stackq statement (StackQL's SQL dialect).")
    private static let like = string("Only names matching this SQL LIKE pattern, e.g. '%session%'.")

    private static func string(_ description: String) -> Value {
        .object(["type": "string", "description": .string(description)])
    }

    private static func schema(_ properties: [String: Value], required: [String] = []) -> Value {
        var schema: [String: Value] = ["type": "object", "properties": .object(properties), "additionalProperties": false]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(schema)
    }

    private static func readOnly(_ title: String, openWorld: Bool) -> Tool.Annotations {
        .init(title: title, readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: openWorld)
    }
}
