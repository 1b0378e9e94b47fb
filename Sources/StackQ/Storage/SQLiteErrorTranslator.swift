import Foundation

/// Says an SQLite error in the user's terms. The SQL SQLite saw is the engine's (internal table names such as
/// `sessions_1`, canonical spelling); the user wrote resource names. The translator names the resource, suggests
/// the closest column for a misspelt one, and says which word the caret belongs under; ``QueryError/located(in:statement:)``
/// then places it in the user's SQL.
///
/// ```swift
/// let tables = ["sessions_1": SQLiteErrorTranslator.Table(resource: "google.dataproc.sessions", columns: ["name", "state"])]
/// SQLiteErrorTranslator.translate(SQLiteError(code: 1, message: "no such column: nme"), tables: tables).message
/// // no such column nme in google.dataproc.sessions; did you mean name?
/// ```
package enum SQLiteErrorTranslator {
    /// A materialised table: the resource it holds and its columns.
    public struct Table: Sendable, Hashable {
        /// The id of the resource the table holds (`google.dataproc.sessions`).
        public var resource: String
        /// The table's column names, searched for the closest match to a misspelt column.
        public var columns: [String]

        /// A table holding `resource`, with these columns.
        public init(resource: String, columns: [String]) {
            self.resource = resource
            self.columns = columns
        }
    }

    /// The error in the user's terms; `tables` maps each internal table name to its resource.
    public static func translate(_ error: SQLiteError, tables: [String: Table]) -> QueryError {
        let message = error.message
        func made(_ text: String, term: String?) -> QueryError {
            QueryError(message: text, term: term, sqliteCode: error.code, sqliteMessage: message)
        }
        if let name = suffix(of: message, after: "no such column: ") {
            let parts = name.split(separator: ".").map(String.init)
            let column = parts.last ?? name
            let candidates = tables.values.sorted { $0.resource < $1.resource }
            let scope: [Table] = candidates.count == 1 ? candidates : candidates.filter { table in
                parts.count < 2 || table.resource.hasSuffix("." + parts[parts.count - 2]) || parts.count > 2
            }
            let searched = scope.isEmpty ? candidates : scope
            let place = searched.count == 1 ? " in \(searched[0].resource)" : searched.isEmpty ? "" : " in " + searched.map(\.resource).joined(separator: " or ")
            let suggestions = NameSuggester.suggestions(for: column, among: Array(Set(searched.flatMap(\.columns))), limit: 1)
            let hint = suggestions.first.map { "; did you mean \($0)?" } ?? (searched.isEmpty ? "" : "; DESCRIBE \(searched[0].resource) lists its columns")
            return made("no such column \(name)\(place)\(hint)", term: column)
        }
        if let name = suffix(of: message, after: "no such table: ") {
            return made("no such table: \(userName(name, tables: tables)) (name a resource as provider.service.resource, or a table the statement defines)", term: name.split(separator: ".").last.map(String.init))
        }
        if let name = suffix(of: message, after: "ambiguous column name: ") {
            return made("the column \(name) is in more than one table of the statement: qualify it (alias.\(name))", term: name)
        }
        if message.hasPrefix("misuse of aggregate") || message.hasPrefix("misuse of window function") {
            // "misuse of aggregate: count()" or "misuse of aggregate function count()": the function's name.
            let function = message.split(whereSeparator: { $0 == " " || $0 == ":" }).last.map(String.init)
            let bare = function.map { $0.hasSuffix("()") ? String($0.dropLast(2)) : $0 }
            return made("\(replacingTables(in: message, tables: tables)): an aggregate cannot be used here (for example in WHERE, or inside another aggregate); use HAVING or a subquery", term: bare)
        }
        if message.contains("ORDER BY term does not match any column") || message.contains("GROUP BY term") {
            return made("\(message): in a compound SELECT (UNION …) ORDER BY names a result column or its position", term: "ORDER")
        }
        if message.hasPrefix("Expression tree is too large") || message.contains("parser stack overflow") || message.hasPrefix("too many") {
            return made("the statement nests too deeply for SQLite (\(message)): split it, for example with a CTE", term: nil)
        }
        return made("SQLite cannot run this statement: \(replacingTables(in: message, tables: tables))", term: nearWord(in: message))
    }

    /// The text after `prefix` when `message` starts with it.
    static func suffix(of message: String, after prefix: String) -> String? {
        guard message.hasPrefix(prefix) else { return nil }
        return String(message.dropFirst(prefix.count))
    }

    /// The resource for an internal table name (`main.sessions_1` too), or the name as written.
    static func userName(_ name: String, tables: [String: Table]) -> String {
        let bare = name.split(separator: ".").last.map(String.init) ?? name
        return tables[bare]?.resource ?? name
    }

    /// `message` with every internal table name replaced by its resource.
    static func replacingTables(in message: String, tables: [String: Table]) -> String {
        var text = message
        for (name, table) in tables.sorted(by: { $0.key.count > $1.key.count }) {
            text = text.replacingOccurrences(of: "\"\(name)\"", with: table.resource).replacingOccurrences(of: name, with: table.resource)
        }
        return text
    }

    /// The token of `near "x": syntax error`, for the caret.
    static func nearWord(in message: String) -> String? {
        guard let open = message.range(of: "near \""), let close = message[open.upperBound...].firstIndex(of: "\"") else { return nil }
        let word = String(message[open.upperBound..<close])
        return word.isEmpty ? nil : word
    }
}
