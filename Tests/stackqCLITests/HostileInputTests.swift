import Foundation
import Testing

/// Issue 14 items 2, 15, 16 and 20, as a user meets them: the binary's exit status and what it prints.
@Suite struct HostileInputTests {
    /// Runs `script` with `sh -c`, `$0` being the stackq binary.
    static func shell(_ script: String) throws -> CLIRunner.Output {
        try CLIRunner.run(program: URL(fileURLWithPath: "/bin/sh"), ["-c", script, CLIRunner.executable.path])
    }

    static let manyRows = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000) SELECT i FROM n"

    @Test func aClosedPipeEndsTheProcessQuietly() throws {
        let output = try Self.shell(#"trap "" PIPE; { "$0" -o csv -e "\#(Self.manyRows)"; echo "status=$?" >&2; } | head -c 1 >/dev/null"#)
        #expect(output.stderr == "status=141\n")
    }

    @Test func aFullDiskPrintsOneLineAndFails() throws {
        let output = try Self.shell(#""$0" -e "SELECT 1" >/dev/full"#)
        #expect(output.status == 1)
        #expect(output.stderr == "error: cannot write to standard output: No space left on device\n")
    }

    @Test(arguments: [
        #"printf 'SELECT 1;\nSELECT \377' | "$0""#,
        #"printf 'SELECT 1;\nSELECT \377' > "${TMPDIR:-/tmp}/stackq-bad-$$.iql"; "$0" -f "${TMPDIR:-/tmp}/stackq-bad-$$.iql"; s=$?; rm -f "${TMPDIR:-/tmp}/stackq-bad-$$.iql"; exit $s"#,
        #""$0" -e "$(printf 'SELECT 1;\nSELECT \377')""#,
    ])
    func invalidUTF8IsAnErrorWithItsOffset(_ script: String) throws {
        let output = try Self.shell(script)
        #expect(output.status == 1)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("error: "), "\(output.stderr)")
        #expect(output.stderr.contains("is not valid UTF-8: the first bad byte is at byte offset 17"), "\(output.stderr)")
        #expect(!output.stderr.contains("USAGE"))
    }

    @Test func aStatementStartingWithACommentIsTheValueOfE() throws {
        let output = try CLIRunner.run(["-e", "-- a comment\nSELECT 1 AS one", "-o", "csv"])
        #expect(output.stderr == "")
        #expect(output.stdout == "one\n1\n")
    }

    @Test func aUsageErrorIsOneLineAndAHint() throws {
        let output = try CLIRunner.run(["--no-such-flag"])
        #expect(output.status == 64)
        #expect(output.stderr == "error: Unknown option '--no-such-flag'\nsee stackq --help\n", "\(output.stderr)")
    }

    @Test(arguments: ["google=not a url", "google=ftp://x", "google=https://", "=https://x", "a.b.c=https://x",
                      "gogle=https://x", "google.dataprc=https://x"])
    func anEndpointMustBeAURLForAProviderOrService(_ endpoint: String) throws {
        let output = try CLIRunner.run(["--endpoint", endpoint, "-e", "SELECT 1"])
        #expect(output.status == 64)
        #expect(output.stderr.hasPrefix("error: "))
        #expect(output.stderr.hasSuffix("see stackq --help\n"))
        #expect(output.stderr.split(separator: "\n").count == 2, "\(output.stderr)")
    }

    @Test func aMisspeltEndpointNamesTheClosestProviderOrService() throws {
        let service = try CLIRunner.run(["--endpoint", "google.dataprc=https://x", "-e", "SELECT 1"])
        #expect(service.stderr.contains("unknown service 'dataprc'") && service.stderr.contains("did you mean google.dataproc"),
                "\(service.stderr)")
        let provider = try CLIRunner.run(["--endpoint", "gogle=https://x", "-e", "SELECT 1"])
        #expect(provider.stderr.contains("unknown provider 'gogle'") && provider.stderr.contains("google"), "\(provider.stderr)")
    }

    @Test func registryListPrintsThroughTheSameFormatterAsTheStatement() throws {
        let command = try CLIRunner.run(["registry", "list"])
        let statement = try CLIRunner.run(["-e", "REGISTRY LIST"])
        #expect(command.status == 0)
        #expect(command.stdout == statement.stdout)
    }

    @Test func anUndefinedVariableIsNamed() throws {
        let output = try CLIRunner.run(["-e", "SELECT {{ project }}"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("{{ project }} has no value: give it one with --var project=VALUE"))
        let quoted = try CLIRunner.run(["-o", "csv", "-H", "--var", "project=it's", "-e", "SELECT {{ project }}"])
        #expect(quoted.stdout == "it's\n")
    }
}
