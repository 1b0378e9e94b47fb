/// SQLite's index choice after a table name: `FROM t INDEXED BY t_by_name` or `FROM t NOT INDEXED`.
public enum IndexHint: Sendable, Hashable {
    /// `INDEXED BY name`: SQLite must use that index (and fails when it cannot).
    case indexedBy(Identifier)
    /// `NOT INDEXED`: SQLite must not use an index.
    case notIndexed
}
