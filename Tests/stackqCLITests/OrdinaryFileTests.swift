import Foundation
import Testing

/// Issue 32 item 5: scripts from pipes, FIFOs and devices are read or refused for what they are, in words a user
/// reads (never "check its permissions" for a file that has none to check, never "NSCocoaErrorDomain").
@Suite struct OrdinaryFileTests {
    static func shell(_ script: String) throws -> CLIRunner.Output {
        try HostileInputTests.shell(script)
    }

    @Test(arguments: [
        #"printf 'SELECT 1 AS one' | "$0" -o csv -f /dev/stdin"#,
        #"d=$(mktemp -d); mkfifo "$d/script"; printf 'SELECT 1 AS one' > "$d/script" & "$0" -o csv -f "$d/script"; s=$?; rm -rf "$d"; exit $s"#,
        #"printf '\357\273\277SELECT 1 AS one' | "$0" -o csv"#,
        #"f=$(mktemp); printf '\357\273\277SELECT 1 AS one;\n' > "$f"; "$0" -o csv -f "$f"; s=$?; rm -f "$f"; exit $s"#,
    ])
    func scriptsFromPipesFIFOsAndFilesWithAByteOrderMarkRun(_ script: String) throws {
        let output = try Self.shell(script)
        #expect(output.stderr == "")
        #expect(output.stdout == "one\n1\n")
        #expect(output.status == 0)
    }

    @Test(arguments: [
        (#""$0" -f /"#, "error: cannot read /: it is a folder, not a file"),
        (#""$0" -f /dev/zero"#, "error: cannot read /dev/zero: it gave more than 64 MiB without ending, more than a script may be"),
        (#""$0" -f /nonexistent-folder/script.iql"#, "error: cannot read /nonexistent-folder/script.iql: no such file"),
    ])
    func unreadableScriptsAreRefusedForWhatTheyAre(_ script: String, _ message: String) throws {
        let output = try Self.shell(script)
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix(message + "\n"), "\(output.stderr)")
        #expect(!output.stderr.contains("permission") && !output.stderr.contains("NSCocoaErrorDomain"))
    }

    @Test func aClosedStandardOutputIsNamed() throws {
        let output = try Self.shell(#""$0" -e "SELECT 1" >&-"#)
        #expect(output.status == 1)
        #expect(output.stderr == "error: standard output is closed\n")
    }

    @Test(arguments: [#"{"google": "#, #"["google"]"#, #"{"google":{"type":"bearer"}}"#])
    func aMalformedAuthIsAUsageError(_ auth: String) throws {
        let output = try CLIRunner.run(["--auth", auth, "-e", "SELECT 1"])
        #expect(output.status == 64)
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("error: --auth"), "\(output.stderr)")
    }

    @Test(arguments: [("", "empty"), (nil, "not set")])
    func anEmptyTokenVariableIsEmptyNotUnset(_ value: String?, _ word: String) throws {
        let auth = #"{"google":{"type":"bearer","credentialsenvvar":"STACKQ_TEST_TOKEN"}}"#
        let assignment = value.map { "STACKQ_TEST_TOKEN='\($0)' " } ?? "unset STACKQ_TEST_TOKEN; "
        let output = try Self.shell(assignment + #""$0" --endpoint google=http://127.0.0.1:9 --auth '\#(auth)' -e "SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'l'""#)
        #expect(output.status == 1)
        #expect(output.stderr.contains("environment variable STACKQ_TEST_TOKEN, which is \(word)"), "\(output.stderr)")
    }

    /// Issue 32 item 3, as a user meets it: a registry whose service document is an alias bomb is refused, in a
    /// process limited to 2 GB of address space (the bomb stands for 10⁹ strings).
    @Test func anAliasBombRegistryIsRefusedUnderATwoGigabyteLimit() throws {
        let levels = "abcdefghi".map(String.init)
        let bomb = #"a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n"#
            + zip(levels.dropFirst(), levels).map { level, previous in
                "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + #"]\n"#
            }.joined()
        let provider = #"id: acme\nname: acme\nversion: v1\nproviderServices:\n  svc:\n    id: svc:v1\n    name: svc\n    service:\n      $ref: acme/v1/services/svc.yaml\n"#
        let output = try Self.shell("""
            d=$(mktemp -d); mkdir -p "$d/src/acme/v1/services"
            printf '\(provider)' > "$d/src/acme/v1/provider.yaml"; printf '\(bomb)' > "$d/src/acme/v1/services/svc.yaml"
            ulimit -v 2097152; "$0" --registry "$d" -e "SHOW RESOURCES IN acme.svc"; s=$?; rm -rf "$d"; exit $s
            """)
        #expect(output.status == 1)
        #expect(output.stderr.contains("services/svc.yaml"), "\(output.stderr)")
        #expect(output.stderr.contains("YAML aliases"), "\(output.stderr)")
    }
}
