/// The answer to one statement: named columns and rows of SQLite values, or a message.
public struct ResultSet: Sendable, Hashable {
    /// The result columns, in order.
    public var columns: [Column]
    /// The rows; each has one value per column.
    public var rows: [[SQLValue]]
    /// A line for statements that return no table (`EXEC`, `INSERT`…), shown instead of an empty table.
    public var message: String?
    /// Every API call the statement made, in the order they finished (see ``CallOutcome``).
    public var calls: [CallOutcome] = []

    /// True when some call failed and the rows of the others were kept (`allowPartial`).
    public var isPartial: Bool { calls.contains { !$0.succeeded } }

    /// A result of `columns` and `rows` (each row one value per column), or a `message` with no table.
    public init(columns: [Column], rows: [[SQLValue]], message: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.message = message
    }

    /// A result made of text columns, as metadata statements return.
    public init(columnNames: [String], textRows: [[String?]]) {
        self.columns = columnNames.map { Column(name: $0) }
        self.rows = textRows.map { $0.map { $0.map(SQLValue.text) ?? .null } }
        self.message = nil
    }

    /// A result with no table, only a message.
    public static func message(_ text: String) -> ResultSet {
        ResultSet(columns: [], rows: [], message: text)
    }
}

extension ResultSet {
    /// A column of a ``ResultSet``.
    public struct Column: Sendable, Hashable {
        /// The column's name as SQLite reports it (an alias, or the expression's text).
        public var name: String
        /// True when the column's text values are JSON documents (an object or array property of a resource,
        /// or a value a JSON function returned): `-o json` nests them instead of quoting them.
        public var isJSON: Bool
        /// The SQLite type the column's table declared (`INTEGER`, `REAL`, `BOOLEAN`, `TEXT`, the JSON type,
        /// ``dateTimeDeclaredType``), when the column reads a table column directly; nil for expressions. The
        /// server picks wire types from it.
        public var declaredType: String?

        /// The declared type of a resource's RFC 3339 date-time properties (`createTime`): text, with TEXT
        /// affinity, that `stackq sync` lands as timestamptz.
        public static let dateTimeDeclaredType = "DATETIME_TEXT"

        /// A column named `name`.
        public init(name: String, isJSON: Bool = false, declaredType: String? = nil) {
            self.name = name
            self.isJSON = isJSON
            self.declaredType = declaredType
        }
    }
}
