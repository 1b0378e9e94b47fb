import Foundation
import StackQEmulator
import Testing

/// `--sandbox` and `stackq auth status`, through the built binary.
@Suite struct SandboxCommandTests {
    @Test func theReadmesFirstQueryPrintsSandboxRows() async throws {
        let output = try await CLIRunner.runOffPool(["--sandbox", "-o", "csv", "-e",
            "SELECT name, state FROM google.dataproc.sessions WHERE projectsId='demo' AND locationsId='us-central1' ORDER BY name"])
        #expect(output.status == 0)
        #expect(output.stderr.hasPrefix("sandbox: google is served by a local emulator at http://127.0.0.1:"))
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.first == "name,state")
        #expect(lines.count == 7)
        #expect(lines.contains("projects/demo/locations/us-central1/sessions/etl-1,ACTIVE"))
    }

    /// `examples/NAME` run as CSV in the sandbox, with `--var project=demo`; its exit status is checked.
    static func runExample(_ name: String) async throws -> CLIRunner.Output {
        let script = CLIRunner.repositoryRoot.appendingPathComponent("examples/\(name)").path
        let output = try await CLIRunner.runOffPool(["--sandbox", "-o", "csv", "-f", script, "--var", "project=demo"])
        #expect(output.status == 0, "\(output.stderr)")
        return output
    }

    @Test func theSessionsExampleListsFiltersJoinsAggregatesAndExpandsLabels() async throws {
        let output = try await Self.runExample("sessions.iql")
        #expect(output.stdout.contains("state,sessions\nACTIVE,3\n"))
        #expect(output.stdout.contains("projects/demo/locations/us-central1/sessions/etl-1,team,data-eng"))
        #expect(output.stdout.contains("Demo,projects/demo/locations/us-central1/sessions/etl-1,ACTIVE"))
    }

    @Test func theInventoryExampleJoinsInstancesTheirDisksNetworksAndServiceAccounts() async throws {
        let output = try await Self.runExample("inventory.iql")
        // Each instance meets its own boot disk and network: four instances in us-central1-a, each joined once.
        #expect(output.stdout.contains("name,status,sizeGb,network,auto_subnets\napi-2,RUNNING,30,demo-vpc,0\n"))
        #expect(output.stdout.contains("web-1,RUNNING,20,default,1\n"))
        #expect(output.stdout.contains("runner@demo.iam.gserviceaccount.com,Workload runner,4"))
    }

    @Test func helpShowsWholeExamplesThatRun() async throws {
        let help = try CLIRunner.run(["--help"])
        #expect(help.status == 0)
        let discussion = help.stdout.components(separatedBy: "USAGE:")[0]
        // Written to fit 80 columns, so that no example is wrapped mid-clause.
        for line in discussion.split(separator: "\n") {
            #expect(line.count <= 78, "\(line)")
        }
        let example = try #require(discussion.range(of: #"stackq --sandbox -e "SELECT[^"]*""#, options: .regularExpression))
        let sql = String(discussion[example].dropFirst(#"stackq --sandbox -e ""#.count).dropLast())
        let output = try await CLIRunner.runOffPool(["--sandbox", "-o", "csv", "-e", sql])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 7)
    }

    @Test func theLifecycleExampleRunsInTheSandbox() async throws {
        let output = try await Self.runExample("session-lifecycle.iql")
        #expect(output.stdout.contains("projects/demo/locations/us-central1/sessions/lifecycle-demo,ACTIVE,docs"))
        #expect(output.stdout.contains("projects/demo/locations/us-central1/sessions/lifecycle-demo,TERMINATED"))
        #expect(output.stdout.contains("projects_locations_sessions_delete"))
    }

    @Test func authStatusNamesTheSourceAndNeverTheToken() async throws {
        let output = try await CLIRunner.runOffPool(["auth", "status", "google", "--sandbox", "-o", "csv"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("google,bearer token from $STACKQ_SANDBOX_TOKEN"))
        #expect(!output.stdout.contains(Sandbox.token) && !output.stderr.contains(Sandbox.token))
    }

    @Test func authStatusExplainsAMissingKeyFile() async throws {
        let output = try await CLIRunner.runOffPool(["auth", "status", "google"],
                                                    environment: ["GOOGLE_APPLICATION_CREDENTIALS": "/nonexistent/sa.json"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("error: google: GOOGLE_APPLICATION_CREDENTIALS points to /nonexistent/sa.json: no such file"))
    }

    @Test func allowPartialExitsWithThree() async throws {
        let output = try await CLIRunner.runOffPool(["--sandbox", "--allow-partial", "--stats", "-o", "csv", "-e",
            "SELECT count(*) AS n FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId IN ('us-central1', 'bad location')"])
        #expect(output.status == 3)
        #expect(output.stdout == "n\n6\n")
        #expect(output.stderr.contains("warning: google.dataproc.sessions.projects_locations_sessions_list(projectsId='demo', locationsId='bad location') failed: HTTP 400"))
        #expect(output.stderr.contains("2 calls, 1 page, 6 rows, 0 retried, 1 failed"))
    }

    /// Issue 32 item 2: a 5-row INSERT whose third call is refused prints the four operations on stdout, names the
    /// refused call with Google's status on stderr, prints its `--stats` line, and exits 1 — or 3 with --allow-partial.
    @Test(arguments: [([String](), Int32(1)), (["--allow-partial"], Int32(3))])
    func aPartlyRefusedInsertReportsEveryCall(_ options: [String], _ status: Int32) async throws {
        let ids = ["p-1", "p-2", "etl-1", "p-4", "p-5"]
        let values = ids.map { "('demo', 'us-central1', '\($0)')" }.joined(separator: ", ")
        let output = try await CLIRunner.runOffPool(["--sandbox", "-o", "csv", "--stats"] + options + ["-e",
            "INSERT INTO google.dataproc.sessions (projectsId, locationsId, sessionId) VALUES \(values)"])
        #expect(output.status == status, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.first == "name,done,error")
        #expect(lines.dropFirst().count == 4)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("projects/demo/locations/us-central1/operations/") })
        #expect(output.stderr.contains("ALREADY_EXISTS"), "\(output.stderr)")
        #expect(output.stderr.contains("5 calls, 4 pages, 4 rows, 0 retried, 1 failed"), "\(output.stderr)")
    }
}
