import Foundation
import StackQ
import Synchronization

/// Where the results of one shell statement go: the first to the `.once` file when there is one, the others to
/// standard output — tables fitted to the terminal's width, and through the pager when taller than the screen.
final class ShellOutput: Sendable {
    let settings: ShellSettings
    let pager: Pager?
    let interrupts: ShellInterrupts?
    private let onceFile: Mutex<String?>

    init(settings: ShellSettings, pager: Pager?, interrupts: ShellInterrupts?) {
        self.settings = settings
        self.pager = pager
        self.interrupts = interrupts
        self.onceFile = Mutex(settings.onceFile)
    }

    /// Prints one result.
    /// - Throws: ``ShellError`` when the `.once` file cannot be written.
    func write(_ result: ResultSet) throws {
        if let file = onceFile.withLock({ file -> String? in
            defer { file = nil }
            return file
        }) {
            let formatter = ResultFormatter(format: settings.format, omitHeaders: !settings.headers, maximumCellWidth: .max)
            let path = HomeFolder.expandingTilde(file)
            do {
                try Data(formatter.format(result).utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw ShellError("cannot write the result to \(path): \(error.localizedDescription)")
            }
            return
        }
        let terminal = TerminalSize.current(STDOUT_FILENO)
        var formatter = ResultFormatter(format: settings.format, omitHeaders: !settings.headers,
                                        maximumCellWidth: terminal == nil ? .max : 100)
        if let terminal, settings.format == .table { formatter.maximumTableWidth = terminal.columns }
        let text = formatter.format(result)
        if settings.pager, let pager, let terminal, ShellOutput.lineCount(text, atLeast: terminal.rows) {
            let shown = interrupts?.whilePaging { pager.show(text) } ?? pager.show(text)
            if shown { return }
        }
        StandardStreams.writeOut(text)
    }

    /// Whether `text` has `limit` lines or more.
    static func lineCount(_ text: String, atLeast limit: Int) -> Bool {
        var count = 0
        for byte in text.utf8 where byte == 0x0A {
            count += 1
            if count >= limit { return true }
        }
        return false
    }
}
