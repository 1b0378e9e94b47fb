import StackQSyntax

/// The SQLite table that holds the rows of one resource reference in one statement.
struct TableSpec: Sendable, Hashable {
    /// The SQLite table name (`sessions_1`).
    var name: String
    /// One column per top-level property of the row schema, in schema order.
    var columns: [Column]
    /// The method parameters kept beside the properties (`projectsId`, `locationsId`), filled from each call.
    var parameterColumns: [String]

    /// Every column of the table, properties first.
    var allColumnNames: [String] { columns.map(\.name) + parameterColumns }

    /// `CREATE TABLE` with each column's affinity from its JSON type; objects and arrays as JSON text.
    var createSQL: String {
        let definitions = columns.map { "\(SQLPrinter.quoteIdentifier($0.name)) \(TableSpec.declaredType(for: $0))" }
            + parameterColumns.map { "\(SQLPrinter.quoteIdentifier($0)) TEXT" }
        return "CREATE TABLE \(SQLPrinter.quoteIdentifier(name)) (\(definitions.joined(separator: ", ")))"
    }

    /// `INSERT INTO t (…) VALUES (?, …)`, with `rows` rows of parameters.
    func insertSQL(rows: Int = 1) -> String {
        let names = allColumnNames.map(SQLPrinter.quoteIdentifier).joined(separator: ", ")
        let row = "(" + Array(repeating: "?", count: allColumnNames.count).joined(separator: ", ") + ")"
        return "INSERT INTO \(SQLPrinter.quoteIdentifier(name)) (\(names)) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// How many rows one multi-row INSERT of a page takes: fewer statement steps per row, within SQLite's
    /// limit of 32,766 parameters.
    var rowsPerInsert: Int { max(1, min(50, 32_766 / max(1, allColumnNames.count))) }

    /// The declared type of a column: its affinity from its JSON type; a date-time string (`format`
    /// `google-datetime` in Discovery documents, `date-time` in OpenAPI ones) is text declared
    /// ``ResultSet/Column/dateTimeDeclaredType``, so that what reads the result (`stackq sync`) can type it.
    static func declaredType(for column: Column) -> String {
        if column.type == "string", column.format == "google-datetime" || column.format == "date-time" {
            return ResultSet.Column.dateTimeDeclaredType
        }
        switch column.type {
        case "integer": return "INTEGER"
        case "number": return "REAL"
        case "boolean": return "BOOLEAN"
        case "object", "array": return Database.jsonDeclaredType
        default: return "TEXT"
        }
    }
}
