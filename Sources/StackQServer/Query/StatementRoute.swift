import Foundation

/// Where one statement of a client goes: a session command the server answers itself, the catalog, or the engine.
enum StatementRoute: Sendable, Hashable {
    /// `SET name = value` (also `SET SESSION …`, `SET TIME ZONE …`); `value` nil for `SET … TO DEFAULT` and `RESET`.
    case set(name: String, value: String?)
    /// `SHOW name` of a PostgreSQL setting (`SHOW ALL` has name `ALL`).
    case showSetting(String)
    /// BEGIN/COMMIT/ROLLBACK and friends: accepted (stackq has no transactions over APIs); `opens` is true for BEGIN,
    /// false for COMMIT/ROLLBACK, nil for SAVEPOINT/RELEASE.
    case transaction(tag: String, opens: Bool?)
    /// Commands accepted and forgotten (`DISCARD ALL`, `DEALLOCATE`, `LISTEN`, …), answered with `tag`.
    case accepted(tag: String)
    /// A query of `pg_catalog`/`information_schema` or of session functions.
    case catalog
    /// A stackq statement; `tag` is its CommandComplete verb (`SELECT`, `INSERT 0`, `UPDATE`, `DELETE`).
    case engine(tag: String)

    /// The SHOW words that belong to stackq's dialect rather than to PostgreSQL's settings.
    static let stackqShowWords: Set<String> = ["PROVIDERS", "SERVICES", "RESOURCES", "METHODS", "CALLS", "AUTH", "INSERT", "EXTENDED"]

    static func of(_ sql: TokenizedSQL) -> StatementRoute {
        let words = sql.words
        guard let first = words.first else { return .accepted(tag: "") }
        let second = words.count > 1 ? words[1] : ""
        switch first {
        case "SET":
            return setRoute(Array(words.dropFirst()), sql: sql)
        case "RESET":
            return .set(name: second == "ALL" ? "ALL" : settingName(Array(words.dropFirst()), sql: sql, from: 1), value: nil)
        case "SHOW" where !stackqShowWords.contains(second):
            if second == "TRANSACTION", words.count > 2, words[2] == "ISOLATION" { return .showSetting("transaction_isolation") }
            if second == "TIME", words.count > 2, words[2] == "ZONE" { return .showSetting("TimeZone") }
            return .showSetting(settingName(Array(words.dropFirst()), sql: sql, from: 1))
        case "BEGIN", "START":
            return .transaction(tag: first == "BEGIN" ? "BEGIN" : "START TRANSACTION", opens: true)
        case "COMMIT", "END":
            return .transaction(tag: "COMMIT", opens: false)
        case "ROLLBACK", "ABORT":
            if words.contains("TO") { return .transaction(tag: "ROLLBACK", opens: nil) }
            return .transaction(tag: "ROLLBACK", opens: false)
        case "SAVEPOINT":
            return .transaction(tag: "SAVEPOINT", opens: nil)
        case "RELEASE":
            return .transaction(tag: "RELEASE", opens: nil)
        case "DISCARD":
            return .accepted(tag: "DISCARD " + (second.isEmpty ? "ALL" : second))
        case "DEALLOCATE", "LISTEN", "UNLISTEN", "NOTIFY", "CLOSE", "CHECKPOINT", "LOAD", "ANALYZE", "VACUUM":
            return .accepted(tag: first)
        case "INSERT":
            return .engine(tag: "INSERT 0")
        case "UPDATE", "REPLACE":
            return .engine(tag: "UPDATE")
        case "DELETE":
            return .engine(tag: "DELETE")
        default:
            return CatalogRewriter.isCatalogQuery(sql) ? .catalog : .engine(tag: "SELECT")
        }
    }

    private static func setRoute(_ words: [String], sql: TokenizedSQL) -> StatementRoute {
        var words = words
        var offset = 1
        if let first = words.first, first == "SESSION" || first == "LOCAL" {
            if words.count > 1, words[1] == "CHARACTERISTICS" { return .accepted(tag: "SET") }
            if words.count > 1, words[1] == "AUTHORIZATION" { return .accepted(tag: "SET") }
            words.removeFirst()
            offset += 1
        }
        if words.first == "TIME", words.count > 1, words[1] == "ZONE" {
            return .set(name: "TimeZone", value: value(of: sql, from: offset + 2))
        }
        if words.first == "TRANSACTION" || words.first == "NAMES" || words.first == "SCHEMA" || words.first == "ROLE" {
            let name = ["NAMES": "client_encoding", "SCHEMA": "search_path", "ROLE": "role"][words.first!]
            guard let name else { return .accepted(tag: "SET") }
            return .set(name: name, value: value(of: sql, from: offset + 1))
        }
        let name = settingName(words, sql: sql, from: offset)
        let dots = name.filter { $0 == "." }.count
        // name [= | TO] value…
        let valueStart = offset + 1 + 2 * dots
        let valueText = value(of: sql, from: valueStart)
        return .set(name: name, value: valueText?.uppercased() == "DEFAULT" ? nil : valueText)
    }

    /// The setting name at significant token `index` (`search_path`, `"DateStyle"`, `myapp.user`).
    private static func settingName(_ words: [String], sql: TokenizedSQL, from index: Int) -> String {
        let tokens = sql.significant
        guard index < tokens.count else { return "" }
        var name = unquoted(sql, tokens[index])
        var k = index + 1
        while k + 1 < tokens.count, sql.text(of: tokens[k]) == "." {
            name += "." + unquoted(sql, tokens[k + 1])
            k += 2
        }
        return name
    }

    /// The text of a setting's value from significant token `index` on (after `=`/`TO`), quotes removed from a
    /// single string, items of a list joined with `, `.
    private static func value(of sql: TokenizedSQL, from index: Int) -> String? {
        var tokens = Array(sql.significant.dropFirst(index))
        if let first = tokens.first, ["=", "TO"].contains(sql.text(of: first).uppercased()) { tokens.removeFirst() }
        guard !tokens.isEmpty else { return nil }
        let items = tokens.filter { sql.text(of: $0) != "," }.map { unquoted(sql, $0) }
        return items.joined(separator: ", ")
    }

    private static func unquoted(_ sql: TokenizedSQL, _ token: PostgresToken) -> String {
        let text = sql.text(of: token)
        switch token.kind {
        case .string: return String(text.dropFirst().dropLast()).replacingOccurrences(of: "''", with: "'")
        case .quotedIdentifier: return String(text.dropFirst().dropLast())
        default: return text
        }
    }
}
