/// One statement of a script.
public enum Statement: Sendable, Hashable {
    case select(SelectStatement)
    case insert(InsertStatement)
    case update(UpdateStatement)
    case replace(ReplaceStatement)
    case delete(DeleteStatement)
    case exec(ExecStatement)
    case show(ShowStatement)
    case describe(DescribeStatement)
    case describeMethod(DescribeMethodStatement)
    case registry(RegistryStatement)
    /// `CREATE TABLE name (…)` or `CREATE TABLE name AS SELECT …`.
    case createTable(CreateTableStatement)
    /// `CREATE [OR REPLACE] [MATERIALIZED] VIEW name AS SELECT …`.
    case createView(CreateViewStatement)
    /// `DROP TABLE|VIEW|MATERIALIZED VIEW name`.
    case drop(DropStatement)
    /// `REFRESH MATERIALIZED VIEW name`.
    case refresh(RefreshStatement)
    /// `EXPLAIN statement`: the plan of a statement, sent nowhere.
    indirect case explain(Statement, range: SourceRange)

    /// Where the statement is in the source (without the terminating `;`).
    public var range: SourceRange {
        switch self {
        case .select(let s): s.range
        case .insert(let s): s.range
        case .update(let s), .replace(let s): s.range
        case .delete(let s): s.range
        case .exec(let s): s.range
        case .show(let s): s.range
        case .describe(let s): s.range
        case .describeMethod(let s): s.range
        case .registry(let s): s.range
        case .createTable(let s): s.range
        case .createView(let s): s.range
        case .drop(let s): s.range
        case .refresh(let s): s.range
        case .explain(_, let range): range
        }
    }
}
