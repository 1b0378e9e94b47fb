import Foundation
import Testing

/// `scripts/install.sh` puts a binary that finds its providers from any folder.
@Suite struct InstallTests {
    @Test func anInstalledBinaryQueriesTheSandboxFromAnotherFolder() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-install-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let install = Process()
        install.executableURL = URL(fileURLWithPath: "/bin/bash")
        install.arguments = [CLIRunner.repositoryRoot.appendingPathComponent("scripts/install.sh").path,
                             "--from", CLIRunner.executable.deletingLastPathComponent().path, prefix.path]
        install.standardOutput = FileHandle.nullDevice
        try install.run()
        install.waitUntilExit()
        #expect(install.terminationStatus == 0)

        let run = Process()
        run.executableURL = prefix.appendingPathComponent("bin/stackq")
        run.arguments = ["--sandbox", "-o", "csv", "-H", "-e",
                         "SELECT count(*) FROM google.dataproc.sessions WHERE projectsId = 'demo' AND locationsId = 'us-central1'"]
        run.currentDirectoryURL = URL(fileURLWithPath: "/")
        var environment = ProcessInfo.processInfo.environment
        environment["STACKQ_REGISTRY"] = nil
        environment["XDG_CACHE_HOME"] = CLIRunner.cacheHome.path
        run.environment = environment
        let out = Pipe()
        run.standardOutput = out
        run.standardError = FileHandle.nullDevice
        try run.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus == 0)
        #expect(output == "6\n")

        let registry = Process()
        registry.executableURL = prefix.appendingPathComponent("bin/stackq")
        registry.arguments = ["registry", "list"]
        registry.environment = environment
        let listed = Pipe()
        registry.standardOutput = listed
        registry.standardError = listed
        try registry.run()
        let text = String(decoding: listed.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        registry.waitUntilExit()
        #expect(text.contains(prefix.appendingPathComponent("share/stackq/providers").path))

        // `stackq mcp` runs the stackq-mcp installed beside it, through a symbolic link too.
        let link = prefix.appendingPathComponent("stackq-link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: prefix.appendingPathComponent("bin/stackq"))
        let mcp = Process()
        mcp.executableURL = link
        mcp.arguments = ["mcp", "--help"]
        mcp.environment = environment
        let help = Pipe()
        mcp.standardOutput = help
        mcp.standardError = help
        try mcp.run()
        let usage = String(decoding: help.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        mcp.waitUntilExit()
        #expect(mcp.terminationStatus == 0)
        #expect(usage.contains("USAGE: stackq mcp") && usage.contains("--http-token-env"), "\(usage)")
    }

    /// Without stackq-mcp beside it, `stackq mcp` says what is missing and how to get it.
    @Test func mcpWithoutItsProgramSaysWhatIsMissing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-alone-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("stackq")
        try FileManager.default.copyItem(at: CLIRunner.executable, to: alone)
        let run = Process()
        run.executableURL = alone
        run.arguments = ["mcp", "--sandbox"]
        let errors = Pipe()
        run.standardError = errors
        run.standardOutput = FileHandle.nullDevice
        run.standardInput = FileHandle.nullDevice
        try run.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        run.waitUntilExit()
        #expect(run.terminationStatus != 0)
        #expect(text.contains("stackq-mcp") && text.contains(folder.appendingPathComponent("stackq-mcp").path), "\(text)")
    }
}
