extension Engine {
    /// Runs a query, turning an ``SQLiteError`` into a ``QueryError`` in the user's terms.
    func translatingSQLiteErrors(tables: [String: SQLiteErrorTranslator.Table],
                                 _ query: () async throws -> ResultSet) async throws -> ResultSet {
        do {
            return try await query()
        } catch let error as SQLiteError {
            throw SQLiteErrorTranslator.translate(error, tables: tables)
        }
    }

    /// The plan's tables by internal name, each with the resource it holds (from its calls' method names).
    func materialisedTables(_ plan: SelectPlan) -> [String: SQLiteErrorTranslator.Table] {
        var tables: [String: SQLiteErrorTranslator.Table] = [:]
        for tableCall in plan.calls where tables[tableCall.table.name] == nil {
            var parts = tableCall.call.qualifiedMethodName.split(separator: ".")
            if parts.count > 1 { parts.removeLast() }
            tables[tableCall.table.name] = .init(resource: parts.joined(separator: "."), columns: tableCall.table.allColumnNames)
        }
        return tables
    }
}
