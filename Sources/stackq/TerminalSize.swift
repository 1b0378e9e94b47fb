import CEditLine
import Foundation

/// The size of a terminal in character cells.
struct TerminalSize: Sendable, Equatable {
    var rows: Int
    var columns: Int

    /// The size of the terminal on `descriptor`, or nil when it is not a terminal (or reports no size).
    static func current(_ descriptor: Int32) -> TerminalSize? {
        guard isatty(descriptor) == 1 else { return nil }
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard stackq_terminal_size(descriptor, &rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
        return TerminalSize(rows: Int(rows), columns: Int(columns))
    }
}
