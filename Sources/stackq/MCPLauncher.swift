import ArgumentParser
import Foundation

/// `stackq mcp …` runs `stackq-mcp …`, the program beside this one (the MCP server is a program of its own, so that
/// the MCP SDK's FoundationNetworking and libcurl are not loaded by every `stackq` process). Every argument after
/// `mcp`, `--help` included, goes to it; standard input, output and error are its own (the process is replaced).
struct MCPLauncher: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mcp",
        abstract: "Serve agents over the Model Context Protocol (MCP).",
        discussion: "Runs stackq-mcp, installed beside stackq; `stackq mcp --help` shows its options.")

    @Argument(parsing: .captureForPassthrough, help: "The options of stackq mcp (see stackq mcp --help).")
    var arguments: [String] = []

    /// `stackq-mcp` beside the running `stackq` (symbolic links followed).
    static var serverProgram: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("stackq-mcp")
    }

    func run() throws {
        let program = MCPLauncher.serverProgram
        guard FileManager.default.isExecutableFile(atPath: program.path) else {
            throw ValidationError("stackq mcp needs the program stackq-mcp beside stackq, and \(program.path) is not there (swift build builds it; scripts/install.sh installs both)")
        }
        let argv = [program.path] + arguments
        var pointers = argv.map { strdup($0) } + [nil]
        execv(program.path, &pointers)
        let reason = String(cString: strerror(errno))
        pointers.forEach { free($0) }
        throw ValidationError("cannot run \(program.path): \(reason)")
    }
}
