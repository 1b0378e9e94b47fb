/// Renders syntax trees back to SQL text that SQLite (and this parser) accepts.
///
/// The output is canonical rather than a copy of the input: keywords are uppercase, `AS` is
/// always written, parentheses appear exactly where precedence needs them, and comments are
/// dropped (hints are kept). Parsing the output gives back the same tree (ignoring source
/// ranges); see ``Statement/isStructurallyEqual(to:)``.
///
/// ```swift
/// let select = try Parser.parseStatement("SELECT name FROM google.dataproc.sessions WHERE x = 1")
/// guard case .select(let s) = select else { return }
/// SQLPrinter.print(s) { table in table.name.dotted == "google.dataproc.sessions" ? "t0" : nil }
/// // SELECT name FROM "t0" AS sessions WHERE x = 1
/// ```
public enum SQLPrinter {
    /// Renders a SELECT, replacing named table references.
    ///
    /// - Parameters:
    ///   - select: The statement to render.
    ///   - tableName: Returns the SQLite table to use for a named reference, or `nil` to keep
    ///     the name. It is called once for each reference ``SelectStatement/forEachTableReference(_:)``
    ///     visits (references to CTEs in scope are never replaced). A replaced reference keeps its alias; without one it is aliased to the
    ///     last part of its name, and column qualifiers spelling the full dotted name are
    ///     shortened to that part, so `sessions.name` and `google.dataproc.sessions.name`
    ///     still resolve.
    ///   - columnName: Returns the text to write for a column reference, or `nil` to keep it (the planner writes a
    ///     nested query parameter's `mask.fieldPaths` as its table's one column `"mask.fieldPaths"`).
    public static func print(_ select: SelectStatement, tableName: (NamedTable) -> String? = { _ in nil },
                             columnName: (ColumnReference) -> String? = { _ in nil }) -> String {
        var replacements: [SourceRange: String] = [:]
        var columns: [SourceRange: String] = [:]
        for column in select.columnUsage.columns {
            if let name = columnName(column) { columns[column.range] = name }
        }
        var shortened: Set<String> = []
        for (table, isCTE) in select.allNamedTables() where !isCTE {
            guard let name = tableName(table) else { continue }
            replacements[table.range] = name
            if table.alias == nil, table.name.parts.count > 1 { shortened.insert(table.name.dotted.lowercasedASCII) }
        }
        var writer = SQLWriter(replacements: replacements, shortened: shortened, columns: columns)
        writer.select(select)
        return writer.output
    }

    /// Renders an expression.
    public static func print(_ expression: SQLExpression) -> String {
        var writer = SQLWriter(replacements: [:])
        writer.expression(expression)
        return writer.output
    }

    /// Renders any statement (without a trailing `;`).
    public static func print(_ statement: Statement) -> String {
        var writer = SQLWriter(replacements: [:])
        writer.statement(statement)
        return writer.output
    }

    /// `name` as a double-quoted SQL identifier (`a"b` → `"a""b"`).
    ///
    /// Quotes are doubled per Unicode scalar, not per `Character`: a `"` that forms one grapheme with a
    /// combining mark or U+0600 after it is still a quote to SQLite.
    public static func quoteIdentifier(_ name: String) -> String {
        quote(name, with: "\"")
    }

    /// `text` as a single-quoted SQL string literal (`it's` → `'it''s'`), quotes doubled per Unicode scalar.
    ///
    /// A NUL, which would end the SQL text SQLite reads, is written as `char(0)`:
    /// `a␀b` → `('a' || char(0) || 'b')`.
    public static func quoteString(_ text: String) -> String {
        guard text.utf8.contains(0) else { return quote(text, with: "'") }
        let pieces = text.split(separator: "\u{0}", omittingEmptySubsequences: false).map { quote(String($0), with: "'") }
        return "(" + pieces.joined(separator: " || char(0) || ") + ")"
    }

    static func quote(_ text: String, with mark: Unicode.Scalar) -> String {
        var result = String.UnicodeScalarView()
        result.append(mark)
        for scalar in text.unicodeScalars {
            if scalar == mark { result.append(mark) }
            result.append(scalar)
        }
        result.append(mark)
        return String(result)
    }

    /// `name` bare if it is a plain, non-keyword identifier, else quoted.
    public static func identifierIfNeeded(_ name: String) -> String {
        var plain = !name.isEmpty
        for (offset, byte) in name.utf8.enumerated() where plain {
            let letter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            plain = letter || byte == UInt8(ascii: "_") || (digit && offset > 0)
        }
        if plain, Keyword.lookup(ArraySlice(name.utf8)) == nil { return name }
        return quoteIdentifier(name)
    }
}
