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
        let definitions = columns.map { "\(SQLIdentifier.quote($0.name)) \(TableSpec.declaredType(for: $0.type))" }
            + parameterColumns.map { "\(SQLIdentifier.quote($0)) TEXT" }
        return "CREATE TABLE \(SQLIdentifier.quote(name)) (\(definitions.joined(separator: ", ")))"
    }

    var insertSQL: String {
        let names = allColumnNames.map(SQLIdentifier.quote).joined(separator: ", ")
        let marks = Array(repeating: "?", count: allColumnNames.count).joined(separator: ", ")
        return "INSERT INTO \(SQLIdentifier.quote(name)) (\(names)) VALUES (\(marks))"
    }

    static func declaredType(for jsonType: String) -> String {
        switch jsonType {
        case "integer": return "INTEGER"
        case "number": return "REAL"
        case "boolean": return "BOOLEAN"
        case "object", "array": return Database.jsonDeclaredType
        default: return "TEXT"
        }
    }
}

/// Quoting of SQLite identifiers.
enum SQLIdentifier {
    /// `name` in double quotes, inner quotes doubled.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingAll("\"", with: "\"\"") + "\""
    }
}
