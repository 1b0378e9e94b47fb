/// Receives each statement's result while it runs: its columns, then its rows in chunks as SQLite produces them,
/// then the rest of the result. ``Engine/execute(script:parameters:handler:)`` calls these in order for every
/// statement; a rowless statement (`EXEC`, `INSERT` without `RETURNING`, …) gets its columns, possibly no rows,
/// and ``finished(_:)``.
///
/// The columns' ``ResultSet/Column/isJSON`` marks come from the declared types and the first chunk's values.
public protocol ResultHandler: Sendable {
    /// The statement's columns, before any of its rows (empty for a result that is only a message).
    func columns(_ columns: [ResultSet.Column]) async throws
    /// The next rows, in order; each has one value per column.
    func rows(_ rows: [[SQLValue]]) async throws
    /// The statement ended. `result` carries its message and calls; its rows were handed on already and are empty.
    func finished(_ result: ResultSet) async throws
}
