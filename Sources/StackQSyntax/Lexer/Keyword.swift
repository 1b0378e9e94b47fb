/// A keyword of the StackQL dialect, recognised case-insensitively.
///
/// Most keywords are non-reserved: like in SQLite they may also name columns, tables or
/// functions (`SELECT name, state, filter FROM t`). Reserved ones need quoting to be used
/// as identifiers; see ``isReserved``.
public enum Keyword: String, Sendable, Hashable, CaseIterable {
    case all = "ALL", and = "AND", `as` = "AS", asc = "ASC", between = "BETWEEN", by = "BY"
    case `case` = "CASE", cast = "CAST", collate = "COLLATE", cross = "CROSS", current = "CURRENT"
    case currentDate = "CURRENT_DATE", currentTime = "CURRENT_TIME"
    case currentTimestamp = "CURRENT_TIMESTAMP"
    case `default` = "DEFAULT", delete = "DELETE", desc = "DESC", describe = "DESCRIBE"
    case distinct = "DISTINCT", `else` = "ELSE", end = "END", escape = "ESCAPE"
    case except = "EXCEPT", exclude = "EXCLUDE", exec = "EXEC", exists = "EXISTS"
    case extended = "EXTENDED", `false` = "FALSE", filter = "FILTER", first = "FIRST"
    case following = "FOLLOWING", from = "FROM", full = "FULL", glob = "GLOB", group = "GROUP"
    case groups = "GROUPS", having = "HAVING", `in` = "IN", inner = "INNER", insert = "INSERT"
    case intersect = "INTERSECT", into = "INTO", `is` = "IS", isnull = "ISNULL", join = "JOIN"
    case last = "LAST", left = "LEFT", like = "LIKE", limit = "LIMIT", list = "LIST"
    case match = "MATCH", materialized = "MATERIALIZED", method = "METHOD", methods = "METHODS"
    case natural = "NATURAL", no = "NO", not = "NOT", notnull = "NOTNULL", null = "NULL"
    case nulls = "NULLS", offset = "OFFSET", on = "ON", or = "OR", order = "ORDER"
    case others = "OTHERS", outer = "OUTER", over = "OVER", partition = "PARTITION"
    case preceding = "PRECEDING", providers = "PROVIDERS", pull = "PULL", range = "RANGE"
    case recursive = "RECURSIVE", regexp = "REGEXP", registry = "REGISTRY", replace = "REPLACE"
    case resources = "RESOURCES", returning = "RETURNING", right = "RIGHT", row = "ROW"
    case rows = "ROWS", select = "SELECT", services = "SERVICES", set = "SET", show = "SHOW"
    case then = "THEN", ties = "TIES", `true` = "TRUE", unbounded = "UNBOUNDED", union = "UNION"
    case update = "UPDATE", using = "USING", values = "VALUES", when = "WHEN", `where` = "WHERE"
    case window = "WINDOW", with = "WITH"
    case explain = "EXPLAIN", calls = "CALLS", auth = "AUTH"
    case view = "VIEW", views = "VIEWS", tables = "TABLES", refresh = "REFRESH", `if` = "IF"
    // Reserved by SQLite though unused by the dialect: rejected as bare names, as SQLite would.
    case add = "ADD", alter = "ALTER", autoincrement = "AUTOINCREMENT", check = "CHECK", commit = "COMMIT"
    case constraint = "CONSTRAINT", create = "CREATE", deferrable = "DEFERRABLE", drop = "DROP"
    case foreign = "FOREIGN", index = "INDEX", indexed = "INDEXED", nothing = "NOTHING", primary = "PRIMARY"
    case references = "REFERENCES", rollback = "ROLLBACK", table = "TABLE", to = "TO"
    case transaction = "TRANSACTION", unique = "UNIQUE"

    /// Whether the keyword can never be a bare identifier.
    ///
    /// Reserved keywords still work as function names (`like(a, b)`, `glob(p, s)`) because a
    /// call is recognised by the parenthesis that follows.
    public var isReserved: Bool {
        switch self {
        case .all, .and, .as, .between, .case, .cast, .collate, .cross, .currentDate, .currentTime,
             .currentTimestamp, .default, .delete, .desc, .distinct, .else, .end, .escape, .except,
             .exists, .false, .from, .full, .glob, .group, .having, .in, .inner, .insert, .intersect,
             .into, .is, .isnull, .join, .left, .like, .limit, .match, .natural, .not, .notnull,
             .null, .on, .or, .order, .outer, .regexp, .returning, .right, .select, .set, .then,
             .true, .union, .update, .using, .values, .when, .where, .with,
             .add, .alter, .autoincrement, .check, .commit, .constraint, .create, .deferrable, .drop,
             .foreign, .index, .indexed, .nothing, .primary, .references, .rollback, .table, .to,
             .transaction, .unique:
            return true
        default:
            return false
        }
    }

    /// Whether the reserved keyword may be written bare as a column name where one is required
    /// (see `StatementParser.atKeywordColumnName`): cloud resources have fields named `values`,
    /// `group`, `order`, `primary`, `references`, `limit`, `default`, `index`…, and StackQL's
    /// docs write them bare. Keywords that start, continue or close an expression or a clause
    /// (`NOT`, `AND`, `END`, `FROM`, `WHERE`, …) are left out, so that a statement with a
    /// missing operand still says "expected an expression".
    var canNameAColumnBare: Bool {
        guard isReserved else { return false }
        switch self {
        case .all, .and, .as, .between, .case, .cast, .collate, .currentDate, .currentTime, .currentTimestamp,
             .distinct, .else, .end, .escape, .except, .exists, .false, .from, .glob, .in, .intersect, .is, .isnull,
             .join, .like, .match, .not, .notnull, .null, .on, .or, .regexp, .select, .then, .true, .union, .using,
             .when, .where, .with:
            return false
        default:
            return true
        }
    }

    /// Whether the keyword may stand as an alias without `AS` (`SELECT a b`, `FROM t x`).
    ///
    /// Non-reserved keywords that start a clause after a result column or a table would be
    /// ambiguous there, so they are excluded.
    var canBeImplicitAlias: Bool {
        !isReserved && self != .offset && self != .window
    }

    /// An open-addressing hash table from the FNV-1a hash of a keyword's uppercase spelling to
    /// its index in `allCases`, so the lexer recognises keywords without allocating.
    private static let tableSize = 512
    private static let cases = allCases
    private static let spellings: [[UInt8]] = cases.map { Array($0.rawValue.utf8) }
    private static let slots: [Int16] = {
        var slots = Array(repeating: Int16(-1), count: tableSize)
        for (index, spelling) in spellings.enumerated() {
            var slot = Int(hash(spelling[...]) & UInt64(tableSize - 1))
            while slots[slot] >= 0 { slot = (slot + 1) & (tableSize - 1) }
            slots[slot] = Int16(index)
        }
        return slots
    }()

    @inline(__always)
    private static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var value: UInt64 = 0xCBF2_9CE4_8422_2325
        for var byte in bytes {
            if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
            value = (value ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return value
    }

    /// The keyword spelled by `bytes` (ASCII, any case), if any.
    static func lookup(_ bytes: ArraySlice<UInt8>) -> Keyword? {
        let count = bytes.count
        guard count >= 2, count <= 17 else { return nil }
        var slot = Int(hash(bytes) & UInt64(tableSize - 1))
        let start = bytes.startIndex
        probing: while true {
            let index = Int(slots[slot])
            guard index >= 0 else { return nil }
            slot = (slot + 1) & (tableSize - 1)
            let spelling = spellings[index]
            guard spelling.count == count else { continue }
            for offset in 0..<count {
                var byte = bytes[start + offset]
                if byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") { byte -= 32 }
                if byte != spelling[offset] { continue probing }
            }
            return cases[index]
        }
    }
}
