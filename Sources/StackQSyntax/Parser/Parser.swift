/// Parses StackQL scripts and statements into the typed syntax tree.
///
/// ```swift
/// let statements = try Parser.parseScript("""
///     SELECT name FROM google.dataproc.sessions WHERE projectsId = 'p';
///     EXEC /*+ AWAIT */ google.dataproc.sessions.projects_locations_sessions_terminate
///         @projectsId = 'p', @locationsId = 'l', @sessionsId = 's';
///     """)
/// ```
///
/// The parser is a recursive descent over the tokens of ``Lexer``. It never traps on any
/// input and caps nesting at ``maximumNestingDepth``, reporting "nesting too deep" beyond it.
/// A flat chain of operators (`a = 1 OR a = 2 OR …`) is not nesting; the tree it makes is
/// bounded by ``maximumExpressionHeight`` instead.
public enum Parser {
    /// How deeply expressions, subqueries and parenthesized joins may nest.
    public static let maximumNestingDepth = 250

    /// How many levels of operators an expression may have, counting its leaves: SQLite's own
    /// limit (`SQLITE_MAX_EXPR_DEPTH`), so `SELECT 1 + 1 + …` parses with up to 1,000 terms,
    /// as SQLite runs it.
    public static let maximumExpressionHeight = 1_000

    /// Parses a script: statements separated by `;` (empty statements are skipped).
    ///
    /// - Throws: ``SyntaxError`` at the first lexical or grammatical error.
    public static func parseScript(_ source: String) throws(SyntaxError) -> [Statement] {
        var parser = try StatementParser(bytes: Array(source.utf8), knownValidUTF8: true)
        return try parser.parseScript()
    }

    /// Parses a script given as raw bytes; invalid UTF-8 is reported as a ``SyntaxError``.
    public static func parseScript(bytes: [UInt8]) throws(SyntaxError) -> [Statement] {
        var parser = try StatementParser(bytes: bytes, knownValidUTF8: false)
        return try parser.parseScript()
    }

    /// Parses exactly one statement (an optional trailing `;` is allowed).
    ///
    /// - Throws: ``SyntaxError`` if the text is not exactly one valid statement.
    public static func parseStatement(_ source: String) throws(SyntaxError) -> Statement {
        var parser = try StatementParser(bytes: Array(source.utf8), knownValidUTF8: true)
        return try parser.parseSingleStatement()
    }

    /// Parses one expression, e.g. for `--var` values or tests.
    public static func parseExpression(_ source: String) throws(SyntaxError) -> SQLExpression {
        var parser = try StatementParser(bytes: Array(source.utf8), knownValidUTF8: true)
        let expression = try parser.parseExpression()
        try parser.expectEnd()
        return expression
    }
}
