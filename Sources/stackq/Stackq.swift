import ArgumentParser
import Foundation
import StackQ

/// The `stackq` command: runs SQL against cloud APIs, from `-e`, `-f`, standard input or the shell.
@main
struct Stackq: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stackq",
        abstract: "Query and manage cloud resources with SQL.",
        discussion: """
            Runs one or more SQL statements against cloud APIs described by a provider registry:
              stackq -e "SELECT name, state FROM google.dataproc.sessions WHERE projectsId = 'p' AND locationsId = 'us-central1'"
              stackq -f script.iql -o json
              echo "SHOW SERVICES IN google;" | stackq
            With no -e or -f, reads a script from standard input, or starts the shell when it is a terminal.
            """,
        version: StackQVersion.current,
        subcommands: [RegistryCommand.self, EmulatorCommand.self]
    )

    @Option(name: [.customShort("e"), .customLong("execute")], help: "SQL to run (one or more statements).")
    var execute: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "A script file to run.")
    var file: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        let script: String
        var interactive = false
        if let execute {
            guard file == nil else { throw ValidationError("give either -e or -f, not both") }
            script = execute
        } else if let file {
            do {
                script = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
        } else if isatty(STDIN_FILENO) == 1 {
            script = ""
            interactive = true
        } else {
            script = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        }
        let progress = ProgressLine()
        let engine = try options.makeEngine(observer: progress)
        let ok: Bool
        if interactive {
            ok = await Shell(options: options, engine: engine, progress: progress).run()
        } else {
            ok = await ScriptRunner(engine: engine, options: options).run(script: options.substitutingVariables(in: script))
        }
        try? await engine.shutdown()
        if !ok { throw ExitCode(1) }
    }
}
