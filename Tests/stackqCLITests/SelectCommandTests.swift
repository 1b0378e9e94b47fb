import Foundation
import StackQ
import StackQEmulator
import StackQTesting
import Testing

/// `stackq -e "SELECT …"` against an emulator on a loopback port, comparing what the binary prints.
@Suite struct SelectCommandTests {
    static let token = EmulatorHarness.token

    /// Runs `body` with the URL of an emulator serving the standard data in pages of 2.
    static func withEmulator(_ body: (URL) async throws -> Void) async throws {
        try await EmulatorHarness.with({ $0.defaultPageSize = 2 }, seed: .standard) { harness in
            try await body(harness.baseURL)
        }
    }

    static func stackq(_ url: URL, _ arguments: [String]) async throws -> CLIRunner.Output {
        try await CLIRunner.runOffPool(arguments + ["--endpoint", "google=\(url.absoluteString)",
                                       "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"CLI_TOKEN"}}"#],
                          environment: ["CLI_TOKEN": token])
    }

    @Test func selectsEveryPageAsCSV() async throws {
        try await Self.withEmulator { url in
            let output = try await Self.stackq(url, ["-o", "csv", "-e", """
                SELECT name, state FROM google.dataproc.sessions
                WHERE projectsId = 'p' AND locationsId = 'us-central1' ORDER BY name
                """])
            #expect(output.stderr == "")
            #expect(output.status == 0)
            #expect(output.stdout == """
                name,state
                projects/p/locations/us-central1/sessions/bad-1,FAILED
                projects/p/locations/us-central1/sessions/etl-1,ACTIVE
                projects/p/locations/us-central1/sessions/etl-2,ACTIVE
                projects/p/locations/us-central1/sessions/ml-1,CREATING
                projects/p/locations/us-central1/sessions/old-1,TERMINATED

                """)
        }
    }

    @Test func jsonNestsObjectColumns() async throws {
        try await Self.withEmulator { url in
            let output = try await Self.stackq(url, ["-o", "json", "-e", """
                SELECT sessionsId, labels, json_extract(runtimeInfo, '$.endpoints') AS endpoints, stateHistory ->> '$[0].state' AS first
                FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'europe-west1' AND sessionsId = 'eu-1'
                """])
            #expect(output.stdout == #"[{"sessionsId":"eu-1","labels":{"env":"prod","team":"growth"},"endpoints":{"Jupyter":"https://eu-1.dataproc.example/jupyter"},"first":"CREATING"}]"# + "\n")
        }
    }

    @Test func missingParametersExitNonZeroWithTheExample() throws {
        let output = try CLIRunner.run(["-e", "SELECT name FROM google.dataproc.sessions WHERE locationsId = 'l'"])
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: google.dataproc.sessions needs projectsId and locationsId (projects_locations_sessions_list), or also sessionsId (projects_locations_sessions_get); the WHERE clause gives only locationsId. For example: WHERE projectsId = '…' AND locationsId = '…'\n")
    }

    @Test func dryRunShowsTheLocationalHostAndRedactsTheToken() throws {
        let output = try CLIRunner.run([
            "--dry-run", "-o", "jsonl", "--auth", #"{"google":{"type":"bearer","credentialsenvvar":"SECRET_TOKEN"}}"#, "-e",
            "SELECT * FROM google.aiplatform.notebook_execution_jobs WHERE projectsId = 'p' AND locationsId IN ('us-central1', 'global')",
        ], environment: ["SECRET_TOKEN": "ya29.secret-value"])
        #expect(output.status == 0)
        #expect(!output.stdout.contains("ya29"))
        #expect(output.stdout == """
            {"method":"google.aiplatform.notebook_execution_jobs.projects_locations_notebook_execution_jobs_list","http_method":"GET","url":"https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/notebookExecutionJobs?pageSize=1000&prettyPrint=false","headers":"User-Agent: stackq/0.1.0\\nAuthorization: Bearer <redacted>","body":null}
            {"method":"google.aiplatform.notebook_execution_jobs.projects_locations_notebook_execution_jobs_list","http_method":"GET","url":"https://aiplatform.googleapis.com/v1/projects/p/locations/global/notebookExecutionJobs?pageSize=1000&prettyPrint=false","headers":"User-Agent: stackq/0.1.0\\nAuthorization: Bearer <redacted>","body":null}

            """)
    }

    @Test func anAPIErrorShowsGooglesStatusAndMessage() async throws {
        try await Self.withEmulator { url in
            let output = try await Self.stackq(url, ["-e", "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1' AND filter = '= x'"])
            #expect(output.status == 1)
            #expect(output.stdout == "")
            #expect(output.stderr.hasPrefix("error: google.dataproc.sessions.projects_locations_sessions_list(projectsId='p', locationsId='us-central1', filter='= x') failed: HTTP 400 INVALID_ARGUMENT: "), "\(output.stderr)")
        }
    }
}
