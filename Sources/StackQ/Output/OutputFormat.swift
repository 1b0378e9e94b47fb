/// How results are written: `-o table|json|jsonl|csv|text`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// An aligned table with borders; NULL shown as `NULL`; long values cut with `…`.
    case table
    /// One JSON array of row objects. Object and array columns are nested JSON, not strings.
    case json
    /// One JSON object per row, one row per line.
    case jsonl
    /// RFC 4180 CSV with a header row.
    case csv
    /// Tab-separated values with a header row, no quoting.
    case text
}
