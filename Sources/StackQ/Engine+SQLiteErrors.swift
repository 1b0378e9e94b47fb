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

    /// The plan's tables by internal name, each with the resource it holds.
    func materialisedTables(_ plan: QueryPlan) -> [String: SQLiteErrorTranslator.Table] {
        var tables: [String: SQLiteErrorTranslator.Table] = [:]
        for reference in plan.references {
            tables[reference.table.name] = .init(resource: reference.resource.id, columns: reference.table.allColumnNames)
        }
        return tables
    }
}
