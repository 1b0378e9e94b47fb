import Synchronization
import Logging
import StackQ

/// stackq's small `pg_catalog` and `information_schema`, filled once from the registry: each provider's services
/// are schemas (`google.dataproc`), their resources tables, the resources' properties and parameters columns
/// with their types. Serves every connection of a server; queries run one at a time (they are small).
actor Catalog {
    /// The result of a catalog query, with each column's type.
    struct Result: Sendable {
        var fields: [(name: String, type: PostgresType)]
        var rows: [[SQLValue]]
    }

    private let database: CatalogSQLite
    private let functions = CatalogFunctions()
    private var filled = false
    private let registry: @Sendable () async throws -> Registry
    private let logger: Logger

    /// OIDs of the fixed namespaces, as in PostgreSQL.
    static let pgCatalogOID: Int64 = 11
    static let publicOID: Int64 = 2200
    static let informationSchemaOID: Int64 = 13_000
    /// The first OID given to services, resources and their row types.
    static let firstUserOID: Int64 = 16_384

    init(registry: @escaping @Sendable () async throws -> Registry, logger: Logger) throws {
        database = try CatalogSQLite(functions: functions)
        try database.execute(CatalogSchema.ddl)
        self.registry = registry
        self.logger = logger
    }

    /// Runs a catalog query (PostgreSQL text, see ``CatalogRewriter``) for `session`, binding `parameters` to `$n`.
    func query(_ sql: TokenizedSQL, parameters: [SQLValue] = [], session: SessionInfo) async throws -> Result {
        try await fillIfNeeded()
        functions.state.withLock { $0.session = session }
        let rewritten = CatalogRewriter.rewrite(sql)
        logger.trace("catalog query", metadata: ["sql": "\(rewritten)"])
        let columns: [(name: String, declaredType: String?)]
        let rows: [[SQLValue]]
        do {
            (columns, rows) = try database.query(rewritten, bindings: parameters)
        } catch let error as SQLiteError {
            // What SQLite cannot run of a query that reads tables stackq keeps empty (policies, publications,
            // statistics, inheritance, …) has no rows whatever it says: psql's \d footers ask them.
            guard Set(sql.words.map { $0.lowercased() }).isDisjoint(with: CatalogSchema.emptyTables) == false else { throw error }
            logger.debug("catalog query answered empty", metadata: ["error": "\(error.message)"])
            return Result(fields: [], rows: [])
        }
        let fields = columns.enumerated().map { index, column in
            (name: column.name, type: PostgresType.of(declaredType: column.declaredType, isJSON: false,
                                                       sample: rows.lazy.map { $0[index] }))
        }
        return Result(fields: fields, rows: rows)
    }

    /// Fills the tables from the registry on first use; a service whose document cannot be read is left out
    /// (and logged), so one broken document does not take the catalog down.
    private func fillIfNeeded() async throws {
        guard !filled else { return }
        filled = true
        let registry = try await registry()
        var contents = CatalogContents()
        for provider in try registry.providers() {
            for entry in provider.services {
                do {
                    let service = try registry.service(provider: provider.name, name: entry.name)
                    contents.add(service, registry: registry)
                } catch {
                    logger.warning("catalog: service \(provider.name).\(entry.name) left out: \(error)")
                }
            }
        }
        try contents.write(to: database)
        functions.state.withLock { state in
            state.relationOIDs = contents.relationOIDs
            state.relationNames = contents.relationNames
            state.descriptions = contents.descriptions
        }
    }
}
