import StackQSyntax

extension Engine {
    /// The statement with the StackQL views it names expanded into their definitions (see ``ViewExpander``).
    func expandingViews(_ select: SelectStatement) throws -> SelectStatement {
        var namesResource = false
        select.forEachTableReference { if $0.name.parts.count == 3 { namesResource = true } }
        guard namesResource else { return select }
        let registry = try registry()
        return try ViewExpander.expand(select) { name in
            try registry.resource(provider: name.parts[0].name, service: name.parts[1].name, resource: name.parts[2].name).1
        }
    }

    /// `DESCRIBE` of a view: the columns SQLite gives the view's definition over empty tables of the resources it
    /// reads (name and type; extended adds an empty description). Nil when the resource is not a view.
    func describeView(provider: String, service: String, resource: String, extended: Bool) async throws -> ResultSet? {
        let registry = try registry()
        let (_, view) = try registry.resource(provider: provider, service: service, resource: resource)
        guard view.viewDefinition != nil else { return nil }
        let body = try expandingViews(try ViewExpander.definition(of: view, offset: 0))
        var specs: [TableSpec] = []
        var names: [SourceRange: String] = [:]
        for reference in ResourceReferenceCollector.collect(body) {
            let (service, underlying) = try registry.resource(provider: reference.provider, service: reference.service,
                                                              resource: reference.resource)
            let columns = registry.columns(of: underlying, in: service)
            let propertyNames = Set(columns.map(\.name))
            var parameters: [String] = []
            for method in underlying.methods(for: .select) {
                for parameter in method.parameters where !propertyNames.contains(parameter.name) && !parameters.contains(parameter.name) {
                    parameters.append(parameter.name)
                }
            }
            let spec = TableSpec(name: nextTableName(underlying.name), columns: columns, parameterColumns: parameters)
            specs.append(spec)
            names[reference.table.id] = spec.name
        }
        let sql = "SELECT * FROM (\(SQLPrinter.print(body) { names[$0.id] }))"
        var columns: [Column] = []
        do {
            for spec in specs { try await database.createTable(spec) }
            columns = try await database.resultColumns(of: sql)
        } catch {
            for spec in specs { try? await database.dropTable(spec) }
            throw error
        }
        for spec in specs { try await database.dropTable(spec) }
        return ResultSet(columnNames: extended ? ["name", "type", "description"] : ["name", "type"],
                         textRows: columns.map { extended ? [$0.name, $0.type, nil] : [$0.name, $0.type] })
    }
}
