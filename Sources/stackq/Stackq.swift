import ArgumentParser
import Foundation
import StackQ
import StackQCommandLine
import StackQEmulator

/// The `stackq` command: runs SQL against cloud APIs, from `-e`, `-f`, standard input or the shell.
@main
struct Stackq: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stackq",
        abstract: "Query and manage cloud resources with SQL.",
        discussion: """
            Runs SQL statements against cloud APIs described by a provider registry.

            Examples (--sandbox: a local emulator with demo data, no account needed):
              stackq --sandbox -e "SHOW RESOURCES IN google.dataproc"
              stackq --sandbox -e "SELECT name, state
                  FROM google.dataproc.sessions
                  WHERE projectsId = 'demo' AND locationsId = 'us-central1'"
              stackq -f script.iql -o json --var project=my-project
              echo "SHOW SERVICES IN google;" | stackq
              stackq auth status

            With no -e or -f, stackq reads a script from standard input,
            or starts the shell when standard input is a terminal.
            Exit status: 0 ok, 1 a statement failed, 3 partial (--allow-partial).
            """,
        version: StackQVersion.current,
        subcommands: [RegistryCommand.self, EmulatorCommand.self, AuthCommand.self, MCPLauncher.self, ServeCommand.self, SyncCommand.self]
    )

    // Unconditional: a statement text that starts with '-' ("-- a comment…") is the value, not an option.
    @Option(name: [.customShort("e"), .customLong("execute")], parsing: .unconditional,
            help: "SQL to run (one or more statements).")
    var execute: String?

    @Option(name: [.customShort("f"), .customLong("file")], help: "A script file to run.")
    var file: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        let script: String
        var interactive = false
        do {
            try ScriptInput.checkArguments()
            if let execute {
                guard file == nil else { throw ValidationError("give either -e or -f, not both") }
                script = execute
            } else if let file {
                script = try ScriptInput.readFile(file)
            } else if isatty(STDIN_FILENO) == 1 {
                script = ""
                interactive = true
            } else {
                script = try ScriptInput.readStandardInput()
            }
        } catch let error as ScriptInput.InvalidText {
            StandardStreams.writeError("error: \(error)\n")
            throw ExitCode(1)
        } catch let failure as BoundedFile.Failure {
            throw ValidationError(failure.description)
        }
        let sandbox = try await options.startSandbox()
        let progress = ProgressLine()
        let engine = try options.makeEngine(observer: progress)
        let outcome: ScriptRunner.Outcome
        if interactive {
            outcome = await Shell(options: options, engine: engine, progress: progress).run() ? .succeeded : .failed
        } else {
            var runner = ScriptRunner(engine: engine, options: options)
            runner.lastProgress = { progress.lastSnapshot() }
            outcome = await runner.runScript(script)
        }
        try? await engine.shutdown()
        await sandbox?.stop()
        if outcome != .succeeded { throw ExitCode(outcome.rawValue) }
    }

    /// Parses the command line and runs it (a usage error in one line: ``runFromCommandLine(helpCommand:)``).
    static func main() async {
        // First, on the main thread: nothing may take a closed standard output's number.
        StandardStreams.reserveClosedDescriptors()
        await runFromCommandLine(helpCommand: "stackq")
    }
}
