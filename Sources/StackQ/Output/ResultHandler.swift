/// Receives each statement's result while it runs: its columns, then its rows in chunks as SQLite produces them,
/// then the rest of the result. ``Engine/execute(script:parameters:session:handler:)`` calls these in order for
/// every statement; a rowless statement (`EXEC`, `INSERT` without `RETURNING`, …) gets its columns, possibly no
/// rows, and ``finished(_:)``.
///
/// The columns' ``ResultSet/Column/isJSON`` marks come from the declared types and the first chunk's values. (Lines
/// written by a JSON ``lineWriter`` decide for each value instead: a text is nested when its column is declared JSON
/// or the value carries SQLite's JSON subtype.)
public protocol ResultHandler: Sendable {
    /// The statement's columns, before any of its rows (empty for a result that is only a message).
    func columns(_ columns: [ResultSet.Column]) async throws
    /// The next rows, in order; each has one value per column.
    func rows(_ rows: [[SQLValue]]) async throws
    /// The statement ended. `result` carries its message and calls; its rows were handed on already and are empty.
    func finished(_ result: ResultSet) async throws

    /// A writer (in any format) when the handler takes a streamed SELECT's rows as finished lines (``lines(_:)``),
    /// written straight from SQLite without a ``SQLValue`` per cell; nil (the default) hands them to ``rows(_:)``
    /// as values. The engine writes with a copy of it, after ``columns(_:)`` (the handler writes the begin, a
    /// header line, itself). Results that were collected still come to ``rows(_:)``.
    var lineWriter: ResultWriter? { get }
    /// The next rows as whole lines of ``lineWriter``'s format, in order, and last the end of the result (a
    /// table's head and rules): a handler that was given lines writes no end of its own. Only called when
    /// ``lineWriter`` is set.
    func lines(_ bytes: [UInt8]) async throws
    /// The statement failed with `error` (and ``Engine/execute(script:parameters:session:handler:)`` throws it next);
    /// `calls` are the calls it made before it stopped, for a summary (`--stats`).
    func failed(_ error: any Error, calls: [CallOutcome]) async
}

extension ResultHandler {
    /// By default a handler takes rows as values (``ResultHandler/rows(_:)``).
    public var lineWriter: ResultWriter? { nil }
    /// By default there are no lines to take (``lineWriter`` is nil).
    public func lines(_ bytes: [UInt8]) async throws {}
    /// By default a failure is only thrown.
    public func failed(_ error: any Error, calls: [CallOutcome]) async {}
}
