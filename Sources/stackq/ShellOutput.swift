import StackQCommandLine
import Foundation
import StackQ
import Synchronization

/// Where the results of one shell statement go, as they stream: the first to the `.once` file when there is one,
/// the others to standard output — tables fitted to the terminal's width and measured on a screenful, and through
/// the pager once they grow taller than the screen. With a pager, a result shorter than the screen is held until
/// it ends (it may not need the pager); a taller one goes to the pager as its rows come, so the first screen shows
/// before the last row is read. Without one, rows go out as they come.
final class ShellOutput: ResultHandler {
    let settings: ShellSettings
    let pager: Pager?
    let interrupts: ShellInterrupts?
    /// The counters the `.timing` line reads.
    let progress: ProgressLine?

    private enum Destination {
        /// The `.once` file: its bytes, written whole at the result's end.
        case file(path: String, bytes: [UInt8])
        /// A screen: held until it fills one (`lines` so far), then shown or paged.
        case held(bytes: [UInt8], lines: Int)
        /// A pager that has started.
        case paging(Pager.Session, ShellInterrupts.PagingMark?)
        /// Straight to standard output (no pager, or it quit early).
        case direct
    }

    private struct State {
        var onceFile: String?
        var writer: ResultWriter?
        var destination = Destination.direct
        var rows = 0
        var mark = ContinuousClock.now
    }

    private let state: Mutex<State>

    init(settings: ShellSettings, pager: Pager?, interrupts: ShellInterrupts?, progress: ProgressLine? = nil) {
        self.settings = settings
        self.pager = pager
        self.interrupts = interrupts
        self.progress = progress
        self.state = Mutex(State(onceFile: settings.onceFile))
    }

    func columns(_ columns: [ResultSet.Column]) async throws {
        let terminal = TerminalSize.current(STDOUT_FILENO)
        state.withLock { state in
            let formatter: ResultFormatter
            if let file = state.onceFile {
                state.onceFile = nil
                state.destination = .file(path: HomeFolder.expandingTilde(file), bytes: [])
                formatter = ResultFormatter(format: settings.format, omitHeaders: !settings.headers, maximumCellWidth: .max)
            } else {
                var screen = ResultFormatter(format: settings.format, omitHeaders: !settings.headers,
                                             maximumCellWidth: terminal == nil ? .max : 100)
                if let terminal, settings.format == .table { screen.maximumTableWidth = terminal.columns }
                formatter = screen
                // Held only while it may yet need the pager; else each row goes out as it comes.
                state.destination = terminal != nil && settings.pager && pager != nil ? .held(bytes: [], lines: 0) : .direct
            }
            // A table on a terminal measures its widths on a screenful, elsewhere on 1,000 rows.
            state.writer = ResultWriter(formatter, tableSampleRows: terminal.map { max($0.rows - 4, 4) } ?? 1000)
            state.rows = 0
            let begin = state.writer?.begin(columns) ?? []
            emit(begin, state: &state, terminal: terminal)
        }
    }

    func rows(_ rows: [[SQLValue]]) async throws {
        let terminal = TerminalSize.current(STDOUT_FILENO)
        state.withLock { state in
            state.rows += rows.count
            let bytes = state.writer?.write(rows) ?? []
            emit(bytes, state: &state, terminal: terminal)
        }
    }

    /// The result's end: the file written, the held text shown (through the pager when it fills the screen), the
    /// pager waited for; then the `.timing` line.
    /// - Throws: ``ShellError`` when the `.once` file cannot be written.
    func finished(_ result: ResultSet) async throws {
        let terminal = TerminalSize.current(STDOUT_FILENO)
        let (destination, rows, elapsed) = state.withLock { state in
            let end = state.writer?.end(message: result.message) ?? []
            emit(end, state: &state, terminal: terminal)
            let now = ContinuousClock.now
            defer {
                state.destination = .direct
                state.writer = nil
                state.mark = now
            }
            return (state.destination, state.rows, now - state.mark)
        }
        switch destination {
        case .file(let path, let bytes):
            do {
                try Data(bytes).write(to: URL(fileURLWithPath: path))
            } catch {
                throw ShellError("cannot write the result to \(path): \(error.localizedDescription)")
            }
        case .held(let bytes, _):
            StandardStreams.writeOut(bytes)
        case .paging(let session, let mark):
            session.finish()
            if let mark { interrupts?.pagingEnded(mark) }
        case .direct:
            break
        }
        if settings.timing, let progress {
            StandardStreams.writeError(ShellSession.timingLine(rows: rows, counters: progress.takeCounters(), elapsed: elapsed))
        }
    }

    /// Sends `bytes` where the result goes: into the file's or the screen's bytes, or on to the pager or
    /// standard output. A held screen that reaches the terminal's height starts the pager (when there is one).
    private func emit(_ bytes: [UInt8], state: inout State, terminal: TerminalSize?) {
        guard !bytes.isEmpty else { return }
        switch state.destination {
        case .file(let path, var held):
            held += bytes
            state.destination = .file(path: path, bytes: held)
        case .held(var held, var lines):
            held += bytes
            lines += bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
            guard let terminal, lines >= terminal.rows else {
                state.destination = .held(bytes: held, lines: lines)
                return
            }
            guard settings.pager, let pager, let session = pager.start() else {
                StandardStreams.writeOut(held)
                state.destination = .direct
                return
            }
            state.destination = .paging(session, interrupts?.pagingStarted())
            _ = session.send(held)
        case .paging(let session, _):
            // A pager that quit early (`q`) takes no more: the rest is dropped, as it would be in less.
            _ = session.send(bytes)
        case .direct:
            StandardStreams.writeOut(bytes)
        }
    }
}
