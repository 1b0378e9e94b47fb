import Foundation
import Testing

/// `scripts/install.sh` puts a binary that finds its providers from any folder.
@Suite struct InstallTests {
    /// Runs `program` from `/`, the registry left to the binary to find.
    static func run(_ program: URL, _ arguments: [String]) throws -> CLIRunner.Output {
        try CLIRunner.run(program: program, arguments, environment: ["STACKQ_REGISTRY": nil],
                          directory: URL(fileURLWithPath: "/"))
    }

    @Test func anInstalledBinaryQueriesTheSandboxFromAnotherFolder() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let install = try Self.run(URL(fileURLWithPath: "/bin/bash"), [
            CLIRunner.repositoryRoot.appendingPathComponent("scripts/install.sh").path,
            "--from", CLIRunner.executable.deletingLastPathComponent().path, prefix.path])
        #expect(install.status == 0, "\(install.stderr)")
        let stackq = prefix.appendingPathComponent("bin/stackq")

        let query = try Self.run(stackq, ["--sandbox", "-o", "csv", "-H", "-e",
                                          "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"])
        #expect(query.status == 0)
        #expect(query.stdout == "6\n")

        let registry = try Self.run(stackq, ["registry", "list"])
        #expect((registry.stdout + registry.stderr).contains(prefix.appendingPathComponent("share/stackq/providers").path))

        // `stackq mcp` runs the stackq-mcp installed beside it, through a symbolic link too.
        let link = prefix.appendingPathComponent("stackq-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: stackq)
        let mcp = try Self.run(link, ["mcp", "--help"])
        #expect(mcp.status == 0)
        #expect(mcp.stdout.contains("USAGE: stackq mcp") && mcp.stdout.contains("--http-token-env"), "\(mcp.stdout)\(mcp.stderr)")
    }

    /// Without stackq-mcp beside it, `stackq mcp` says what is missing and how to get it.
    @Test func mcpWithoutItsProgramSaysWhatIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("stackq")
        try FileManager.default.copyItem(at: CLIRunner.executable, to: alone)
        let output = try Self.run(alone, ["mcp", "--sandbox"])
        #expect(output.status != 0)
        #expect(output.stderr.contains(folder.appendingPathComponent("stackq-mcp").path), "\(output.stderr)")
    }
}
