import StackQCommandLine
import Foundation
import StackQ

/// The interactive shell: a libedit prompt with history and completion, feeding a ``ShellSession``, until
/// Ctrl-D or `.quit`.
struct Shell {
    let options: EngineOptions
    let engine: Engine
    let progress: ProgressLine

    /// Runs until end of input; false only when the shell could not start.
    func run() async -> Bool {
        let terminalMode = TerminalInterruptMode()
        defer { terminalMode.restore() }
        let interrupts: ShellInterrupts
        let editor: LineEditor
        do {
            interrupts = try ShellInterrupts()
            editor = try LineEditor(historySize: ShellHistory.defaultLimit, wakeDescriptor: interrupts.editorWakeDescriptor)
        } catch {
            StandardStreams.writeError(ScriptRunner.describe(error))
            return false
        }
        // A pager that quits early must not kill the shell with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var history = ShellHistory(file: ShellHistory.defaultFile())
        for entry in history.entries { editor.addHistory(entry) }
        var made = ShellCompleter(registry: try? await engine.registry())
        made.storedNames = { [engine] in engine.storedObjectNames }
        let completer = made
        editor.setCompleter { before, after in completer.complete(before: before, after: after) }

        let session = ShellSession(options: options, engine: engine, progress: progress, interrupts: interrupts)
        StandardStreams.writeError("stackq \(StackQVersion.current) — end statements with ';', .help for help, Ctrl-D to exit\n")
        await session.runStartupFile()
        var historyWarned = false
        reading: while true {
            interrupts.beginEditing()
            let input = await editor.readLine(prompt: session.currentPrompt, context: session.pending)
            interrupts.endEditing()
            switch input {
            case .endOfInput:
                StandardStreams.writeError("\n")
                break reading
            case .interrupted:
                session.dropPending()
            case .line(let line):
                let outcome = await session.feed(line) { entry in
                    editor.addHistory(entry)
                    guard ShellHistory.isStorable(entry, redactor: engine.redactor) else { return }
                    do {
                        try history.add(entry)
                    } catch {
                        if !historyWarned { StandardStreams.writeError("warning: \(error)\n") }
                        historyWarned = true
                    }
                }
                if outcome == .quit { break reading }
            }
        }
        await session.shutdown(except: engine)
        return true
    }
}
