import StackQ
import StackQEmulator

// The bundled providers: found next to this program's build folder inside a stackq checkout, or through
// STACKQ_REGISTRY, or in an installed stackq's share/stackq/providers.
let registry = Registry(root: try RegistryLocator.locate())

try await Sandbox.with(registry: registry) { configuration in
    try await Engine.withEngine(configuration) { engine in
        // A collected result: typed columns and values.
        let counts = try await engine.execute("""
            SELECT state, count(*) AS sessions FROM google.dataproc.sessions
            WHERE projectsId = ? AND locationsId IN ('us-central1', 'europe-west1')
            GROUP BY state ORDER BY state
            """, parameters: [.text("demo")])[0]
        print(counts.columns.map(\.name).joined(separator: "\t"))
        for row in counts.rows {
            print(row.map { $0.textValue ?? "NULL" }.joined(separator: "\t"))
        }

        // A streamed result: rows arrive as SQLite produces them.
        var streamed = 0
        for try await row in engine.rows("SELECT name, jobState FROM google.aiplatform.notebook_execution_jobs WHERE projectsId = ? AND locationsId = ?",
                                         parameters: [.text("demo"), .text("us-central1")]) {
            print(row["name"]?.textValue ?? "", row["jobState"]?.textValue ?? "")
            streamed += 1
        }
        print("streamed \(streamed) notebook execution jobs")
    }
}
