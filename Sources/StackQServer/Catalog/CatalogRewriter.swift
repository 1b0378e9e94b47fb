import Foundation

/// Turns the PostgreSQL that clients send to the catalog into SQLite: `pg_catalog.f(…)` calls lose their schema,
/// `OPERATOR(pg_catalog.~)`, `~` and `!~` become `REGEXP`, `COLLATE …` goes, `::regclass`/`::regtype` casts become
/// lookups (other casts become CAST or go), `= ANY (ARRAY[…])` becomes `IN (…)`, `$1` becomes `?1`.
enum CatalogRewriter {
    /// Functions that name a catalog query even when it touches no catalog table.
    static let catalogFunctions: Set<String> = [
        "VERSION", "CURRENT_SCHEMA", "CURRENT_SCHEMAS", "CURRENT_DATABASE", "CURRENT_SETTING", "SET_CONFIG",
        "FORMAT_TYPE", "TO_REGTYPE", "TO_REGCLASS", "HAS_TABLE_PRIVILEGE", "HAS_SCHEMA_PRIVILEGE",
        "HAS_DATABASE_PRIVILEGE", "OBJ_DESCRIPTION", "COL_DESCRIPTION", "CURRENT_USER", "SESSION_USER",
        "QUOTE_IDENT", "TXID_CURRENT", "NOW",
    ]

    /// PostgreSQL functions with an SQLite equivalent under another name.
    static let renamedFunctions = ["JSON_BUILD_OBJECT": "json_object", "ARRAY_AGG": "json_group_array",
                                   "STRING_AGG": "group_concat", "JSONB_BUILD_OBJECT": "json_object"]

    /// True when `sql` reads the catalog or calls a PostgreSQL session function, rather than cloud resources.
    static func isCatalogQuery(_ sql: TokenizedSQL) -> Bool {
        let words = sql.words
        guard let first = words.first, ["SELECT", "WITH", "(", "VALUES", "TABLE"].contains(first) else { return false }
        for (index, token) in sql.significant.enumerated() {
            guard token.kind == .word else { continue }
            let word = words[index]
            if word.hasPrefix("PG_") || word == "INFORMATION_SCHEMA" || word == "CURRENT_USER" || word == "SESSION_USER" {
                return true
            }
            if catalogFunctions.contains(word), index + 1 < words.count, words[index + 1] == "(" { return true }
        }
        return false
    }

    private struct Piece {
        var text: String
        var kind: PostgresToken.Kind
    }

    /// `sql` as SQLite understands it, against ``CatalogSchema``'s tables and ``CatalogFunctions``.
    static func rewrite(_ sql: TokenizedSQL) -> String {
        let tokens = sql.tokens
        var out: [Piece] = []
        var i = 0
        func text(_ k: Int) -> String { sql.text(of: tokens[k]) }
        func upper(_ k: Int) -> String { text(k).uppercased() }
        /// The index of the next significant token after `k`.
        func next(_ k: Int) -> Int? {
            var j = k + 1
            while j < tokens.count, tokens[j].kind == .whitespace || tokens[j].kind == .comment { j += 1 }
            return j < tokens.count ? j : nil
        }
        func isPunctuation(_ k: Int?, _ character: String) -> Bool {
            guard let k else { return false }
            return (tokens[k].kind == .punctuation) && text(k) == character
        }
        while i < tokens.count {
            let token = tokens[i]
            switch token.kind {
            case .word where upper(i) == "PG_CATALOG" && isPunctuation(next(i), "."):
                // pg_catalog.f( → f(   (pg_catalog.table stays: the schema is attached)
                let dot = next(i)!
                if let name = next(dot), tokens[name].kind == .word, isPunctuation(next(name), "(") {
                    i = name
                    continue
                }
            case .word where upper(i) == "OPERATOR" && isPunctuation(next(i), "("):
                // OPERATOR(pg_catalog.~) → the operator itself
                var j = next(i)!
                var op = ""
                while let k = next(j), !isPunctuation(k, ")") {
                    if tokens[k].kind == .operator { op = text(k) }
                    j = k
                }
                out.append(Piece(text: " " + translate(operator: op) + " ", kind: .operator))
                i = (next(j) ?? j) + 1
                continue
            case .word where upper(i) == "COLLATE":
                // COLLATE pg_catalog.default / COLLATE "C" → nothing
                var j = next(i) ?? i
                while let k = next(j), isPunctuation(k, ".") { j = next(k) ?? k }
                i = j + 1
                continue
            case .word where ["CURRENT_USER", "SESSION_USER", "CURRENT_SCHEMA", "CURRENT_CATALOG"].contains(upper(i))
                && !isPunctuation(next(i), "("):
                out.append(Piece(text: upper(i) == "CURRENT_CATALOG" ? "current_database()" : text(i) + "()", kind: .word))
                i += 1
                continue
            case .word where renamedFunctions[upper(i)] != nil && isPunctuation(next(i), "("):
                out.append(Piece(text: renamedFunctions[upper(i)]!, kind: .word))
                i += 1
                continue
            case .word where upper(i) == "ARRAY" && (isPunctuation(next(i), "(") || isPunctuation(next(i), "[")):
                // ARRAY(SELECT …) and ARRAY[…] outside ANY(…): SQLite has no arrays; the value is NULL
                let open = next(i)!
                let closing = text(open) == "(" ? ")" : "]"
                var depth = 0
                var j = open
                while j < tokens.count {
                    if isPunctuation(j, text(open)) { depth += 1 }
                    if isPunctuation(j, closing) {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    j += 1
                }
                out.append(Piece(text: "NULL", kind: .word))
                i = j + 1
                continue
            case .word where upper(i) == "ILIKE":
                out.append(Piece(text: "LIKE", kind: .word))
                i += 1
                continue
            case .word where upper(i) == "ANY" && isPunctuation(next(i), "("):
                // = ANY (ARRAY[a, b]) → IN (a, b); = ANY ('{a,b}') → IN ('a', 'b')
                guard let last = out.lastIndex(where: { $0.kind != .whitespace }),
                      out[last].text.trimmingCharacters(in: .whitespaces) == "=" else { break }
                out[last].text = " IN "
                let open = next(i)!
                if let inner = next(open), tokens[inner].kind == .word, upper(inner) == "ARRAY", isPunctuation(next(inner), "[") {
                    out.append(Piece(text: "(", kind: .punctuation))
                    i = next(inner)! + 1
                    var depth = 0
                    while i < tokens.count {
                        if isPunctuation(i, "[") { depth += 1 }
                        if isPunctuation(i, "]") {
                            if depth == 0 { break }
                            depth -= 1
                        }
                        if tokens[i].kind == .castOperator, let type = next(i) {
                            // ARRAY[$1::VARCHAR, …]: the casts go
                            i = type + 1
                            continue
                        }
                        out.append(Piece(text: tokens[i].kind == .parameter ? "?" + text(i).dropFirst() : text(i), kind: tokens[i].kind))
                        i += 1
                    }
                    out.append(Piece(text: ")", kind: .punctuation))
                    // skip the ] and the closing ) of ANY(
                    i = (next(i) ?? i) + 1
                    continue
                }
                if let inner = next(open), tokens[inner].kind == .string, isPunctuation(next(inner), ")") {
                    let items = arrayLiteralItems(text(inner))
                    out.append(Piece(text: "(" + items.map(quote).joined(separator: ", ") + ")", kind: .punctuation))
                    i = next(inner)! + 1
                    continue
                }
                if let inner = next(open), tokens[inner].kind == .parameter, isPunctuation(next(inner), ")") {
                    // an array bound as '{a,b}' text
                    out.append(Piece(text: "(SELECT value FROM json_each(pg_array_to_json(?\(text(inner).dropFirst()))))", kind: .punctuation))
                    i = next(inner)! + 1
                    continue
                }
                // = ANY (column): the one value
                i += 1
                continue
            case .operator:
                out.append(Piece(text: " " + translate(operator: text(i)) + " ", kind: .operator))
                i += 1
                continue
            case .parameter:
                out.append(Piece(text: "?" + text(i).dropFirst(), kind: .parameter))
                i += 1
                continue
            case .string where text(i).first == "E" || text(i).first == "e":
                out.append(Piece(text: unescape(text(i)), kind: .string))
                i += 1
                continue
            case .castOperator:
                // ::type[(n)][[]] — the type's name decides what happens to the operand
                var j = next(i) ?? i
                var typeName = upper(j)
                while let dot = next(j), isPunctuation(dot, "."), let name = next(dot) {
                    typeName = upper(name)
                    j = name
                }
                if let open = next(j), isPunctuation(open, "(") {
                    j = open
                    while let k = next(j), !isPunctuation(k, ")") { j = k }
                    j = next(j) ?? j
                }
                while let open = next(j), isPunctuation(open, "["), let close = next(open), isPunctuation(close, "]") { j = close }
                wrapOperand(&out, in: castFunction(typeName))
                i = j + 1
                continue
            default:
                break
            }
            out.append(Piece(text: text(i), kind: token.kind))
            i += 1
        }
        return out.map(\.text).joined()
    }

    private static func translate(operator op: String) -> String {
        switch op {
        case "~", "~*": return "REGEXP"
        case "!~", "!~*": return "NOT REGEXP"
        case "~~", "~~*": return "LIKE"
        case "!~~", "!~~*": return "NOT LIKE"
        default: return op
        }
    }

    /// What a cast to `typeName` becomes: a function wrapped around the operand (`%@` stands for it), or nil to drop it.
    private static func castFunction(_ typeName: String) -> String? {
        switch typeName {
        case "REGCLASS": return "regclass_oid_or_name(%@)"
        case "REGTYPE": return "regtype_name(%@)"
        case "INT", "INT2", "INT4", "INT8", "INTEGER", "BIGINT", "SMALLINT", "OID": return "CAST(%@ AS INTEGER)"
        case "TEXT", "NAME", "VARCHAR", "CHAR", "BPCHAR": return "CAST(%@ AS TEXT)"
        case "FLOAT4", "FLOAT8", "REAL", "NUMERIC": return "CAST(%@ AS REAL)"
        default: return nil
        }
    }

    /// Wraps the operand that ends `out` (a literal, a dotted name, a call or a parenthesised expression).
    private static func wrapOperand(_ out: inout [Piece], in template: String?) {
        guard let template else { return }
        var end = out.count
        while end > 0, out[end - 1].kind == .whitespace || out[end - 1].kind == .comment { end -= 1 }
        guard end > 0 else { return }
        var start = end - 1
        if out[start].text == ")" {
            var depth = 0
            while start >= 0 {
                if out[start].text == ")" { depth += 1 }
                if out[start].text == "(" {
                    depth -= 1
                    if depth == 0 { break }
                }
                start -= 1
            }
            start = max(start, 0)
            if start > 0, out[start - 1].kind == .word { start -= 1 }
        }
        while start >= 2, out[start - 1].text == ".", out[start - 2].kind == .word || out[start - 2].kind == .quotedIdentifier {
            start -= 2
        }
        let operand = out[start..<end].map(\.text).joined()
        var function = template
        if template.hasPrefix("regclass_oid_or_name") {
            function = out[start].kind == .string || out[start].kind == .parameter ? "regclass_oid(%@)" : "regclass_name(%@)"
        }
        out.replaceSubrange(start..<end, with: [Piece(text: function.replacingOccurrences(of: "%@", with: operand), kind: .word)])
    }

    /// The items of a PostgreSQL array literal `'{a,b,"c d"}'`.
    static func arrayLiteralItems(_ literal: String) -> [String] {
        var body = literal.dropFirst().dropLast()
        if body.hasPrefix("{") { body = body.dropFirst() }
        if body.hasSuffix("}") { body = body.dropLast() }
        guard !body.isEmpty else { return [] }
        return body.split(separator: ",").map { item in
            var item = item.trimmingCharacters(in: .whitespaces)
            if item.hasPrefix("\""), item.hasSuffix("\""), item.count >= 2 { item = String(item.dropFirst().dropLast()) }
            return item
        }
    }

    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// An `E'…'` string as a plain SQLite string.
    static func unescape(_ literal: String) -> String {
        var result = ""
        var iterator = literal.dropFirst(2).dropLast().makeIterator()
        while let character = iterator.next() {
            guard character == "\\", let escaped = iterator.next() else {
                result.append(character)
                continue
            }
            switch escaped {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            default: result.append(escaped)
            }
        }
        return quote(result.replacingOccurrences(of: "''", with: "'"))
    }
}
