import StackQSyntax

extension Engine {
    /// Runs a script whose `?` (or `?NNN`, `:name`, `@name`, `$name`) bind parameters take `parameters` in order
    /// (`?NNN` takes the NNNth). A value stands wherever a literal may — as an API parameter in the WHERE clause
    /// or anywhere in the SQL — and is always a literal, never SQL text.
    ///
    /// ```swift
    /// let rows = try await engine.execute(
    ///     "SELECT name FROM google.dataproc.sessions WHERE projectsId = ? AND locationsId = ?",
    ///     parameters: [.text("demo"), .text("us-central1")])
    /// ```
    /// - Throws: ``PlanError`` when the parameters and the placeholders do not match in number.
    public func execute(_ sql: String, parameters: [SQLValue]) async throws -> [ResultSet] {
        try await execute(Engine.bind(parameters, into: sql))
    }

    /// `sql` with each bind parameter replaced by its value as an SQL literal.
    static func bind(_ parameters: [SQLValue], into sql: String) throws -> String {
        let bytes = Array(sql.utf8)
        let tokens = try Lexer.tokenize(bytes)
        var out: [UInt8] = []
        var cursor = 0
        var next = 0
        var named: [String: Int] = [:]
        for token in tokens where token.kind == .parameter {
            let text = String(decoding: bytes[token.range.start..<token.range.end], as: UTF8.self)
            let index: Int
            if text == "?" {
                index = next
            } else if text.hasPrefix("?"), let number = Int(text.dropFirst()) {
                index = number - 1
            } else if let known = named[text] {
                index = known
            } else {
                index = next
                named[text] = index
            }
            next = max(next, index + 1)
            guard index >= 0, index < parameters.count else {
                throw PlanError(.invalidStatement, "the statement has a bind parameter \(text) at offset \(token.range.start) but only \(parameters.count) value\(parameters.count == 1 ? "" : "s") were given")
            }
            out += bytes[cursor..<token.range.start]
            out += Array(literal(parameters[index]).utf8)
            cursor = token.range.end
        }
        out += bytes[cursor...]
        if next < parameters.count {
            throw PlanError(.invalidStatement, "\(parameters.count) values were given but the statement has \(next) bind parameter\(next == 1 ? "" : "s")")
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A value as an SQL literal: `'text'` (quotes doubled), a number, `X'…'`, `NULL`.
    static func literal(_ value: SQLValue) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? "\(d)" : (d > 0 ? "9e999" : (d < 0 ? "-9e999" : "NULL"))
        case .text(let s): return SQLPrinter.quoteString(s)
        case .blob(let bytes):
            let digits = Array("0123456789ABCDEF".utf8)
            var hex: [UInt8] = []
            for byte in bytes { hex += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
            return "X'" + String(decoding: hex, as: UTF8.self) + "'"
        }
    }

    /// Runs `body` with a new engine and shuts the engine down when `body` returns or throws, so its connection
    /// pool can never leak.
    ///
    /// ```swift
    /// let count = try await Engine.withEngine(EngineConfiguration()) { engine in
    ///     try await engine.execute("SELECT 1").count
    /// }
    /// ```
    ///
    /// `body` runs in the caller's isolation (the main actor, for top-level code), so it may capture what the
    /// caller owns.
    public static func withEngine<T>(_ configuration: EngineConfiguration = EngineConfiguration(),
                                     isolation: isolated (any Actor)? = #isolation,
                                     _ body: (Engine) async throws -> T) async throws -> T {
        let engine = try Engine(configuration: configuration)
        do {
            let value = try await body(engine)
            try await engine.shutdown()
            return value
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }
}
