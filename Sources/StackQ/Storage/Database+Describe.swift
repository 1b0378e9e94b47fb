extension Database {
    /// The result columns of a query without running it: each column's name and the JSON type of its declared
    /// type (`string` for TEXT and for expressions, which have none; `object` for object and array columns).
    func resultColumns(of sql: String) throws -> [Column] {
        let statement = try connection.prepare(sql)
        return (0..<statement.columnCount).map { index in
            let type: String
            switch statement.columnDeclaredType(index)?.uppercased() {
            case "INTEGER": type = "integer"
            case "REAL": type = "number"
            case "BOOLEAN": type = "boolean"
            case Database.jsonDeclaredType: type = "object"
            default: type = "string"
            }
            return Column(name: statement.columnName(index), type: type)
        }
    }
}
