import MCP

/// What an agent needs to know to use stackq well: the server's instructions and the `write_stackq_query` prompt,
/// which teaches the dialect (required parameters, SHOW/DESCRIBE first, EXPLAIN before acting).
enum Guide {
    static let promptName = "write_stackq_query"

    static let prompt = Prompt(
        name: promptName, title: "Query cloud resources with stackq",
        description: "How to find resources, bind their required parameters and plan before acting, in stackq's SQL dialect.",
        arguments: [.init(name: "task", description: "What to find out or change, in plain words.", required: false)])

    /// The server's instructions, sent when a client initialises.
    static func instructions(mode: SafetyMode) -> String {
        """
        stackq answers SQL about cloud resources by calling their APIs. Explore with list_services, list_resources, \
        list_methods and describe_resource; check a statement with validate_query (it plans and sends nothing); read \
        with run_select_query. \(changes(mode)) Read the prompt \(promptName) for the dialect.
        """
    }

    private static func changes(_ mode: SafetyMode) -> String {
        switch mode {
        case .readOnly: "This server is read_only: it changes nothing."
        case .safe: "Changes go through run_mutation_query, and a person approves each one after seeing its plan."
        case .fullAccess: "Changes go through run_mutation_query and run at once: validate them first."
        }
    }

    static func get(_ parameters: GetPrompt.Parameters, mode: SafetyMode) throws -> GetPrompt.Result {
        guard parameters.name == promptName else {
            throw MCPError.invalidParams("stackq has no prompt named '\(parameters.name)'; its prompt is \(promptName)")
        }
        var text = dialect + "\n\n" + changes(mode)
        if let task = parameters.arguments?["task"], !task.isEmpty {
            text += "\n\nThe task: \(task)"
        }
        return GetPrompt.Result(description: prompt.description, messages: [.user(.text(text: text))])
    }

    static let dialect = """
        You query cloud resources with stackq, whose SQL is StackQL's dialect over SQLite.

        Names. A resource is a table named provider.service.resource, e.g. google.dataproc.sessions or \
        google.aiplatform.notebook_execution_jobs. Find them with list_services (provider google), list_resources \
        (service google.dataproc) and describe_resource (its columns). Never guess a name: look it up.

        Required parameters. Each resource is read through an API method whose path has parameters (projectsId, \
        locationsId, …). list_methods shows them; the WHERE clause must bind the required ones with =, IN (…) or \
        equalities with another resource's column, e.g.
          SELECT name, state FROM google.dataproc.sessions
          WHERE projectsId = 'my-project' AND locationsId IN ('us-central1', 'europe-west1');
        A missing parameter is an error that names it and shows a sample WHERE clause; nothing is sent then. A \
        parameter may come from another resource:
          SELECT s.name FROM google.dataproc.sessions s JOIN google.cloudresourcemanager.projects p \
        ON s.projectsId = p.projectId WHERE p.parent = 'organizations/1001' AND s.locationsId = 'us-central1';

        SQLite does the rest: joins, GROUP BY, ORDER BY, LIMIT, window functions, CASE, json_extract(col, '$.a.b'), \
        col ->> '$.a', json_each(col). Object and array properties are JSON text. Select only the columns you need: \
        stackq asks the API for just those.

        Work in this order: SHOW/DESCRIBE (the list_ and describe_ tools) first; validate_query to see the plan \
        (methods, number of calls) of anything large or of any change; then run_select_query. A reply holds a capped \
        number of rows: when it says truncated: true, narrow the query or aggregate instead of paging through rows.

        Changes: INSERT INTO r (cols) VALUES (…) | SELECT …; UPDATE r SET … WHERE …; DELETE FROM r WHERE …; \
        EXEC r.method @param = 'v', … [@@json = '{…}']. Put /*+ AWAIT */ after the verb to wait for the \
        long-running operation. Always run validate_query on a change first and say what it will do.

        When a query fails, read the error (it has line:col for syntax, the missing parameters, or the API's status) \
        and show_calls (every API call of the last statement, with status and error).
        """
}
