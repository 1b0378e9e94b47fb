/// A small result table answering a metadata statement (SHOW, DESCRIBE, REGISTRY LIST).
///
/// Tables are complete: `LIKE` and `WHERE` filtering happen afterwards, in SQLite.
public struct MetadataTable: Sendable, Hashable {
    /// Column names, as StackQL names them (`name`, `MethodName`, `RequiredParams`, …).
    public var columns: [String]
    /// Rows, one value per column; nil is SQL NULL.
    public var rows: [[String?]]

    /// A table of `columns`; each row holds one value per column.
    public init(columns: [String], rows: [[String?]]) {
        self.columns = columns
        self.rows = rows
    }
}
