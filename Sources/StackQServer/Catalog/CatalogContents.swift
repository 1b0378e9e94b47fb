import StackQ

/// The rows of the catalog's tables for a set of services: built in memory, then written at once.
struct CatalogContents {
    private var namespaces: [[SQLValue]] = []
    private var classes: [[SQLValue]] = []
    private var attributes: [[SQLValue]] = []
    private var descriptionRows: [[SQLValue]] = []
    private var schemata: [[SQLValue]] = []
    private var tables: [[SQLValue]] = []
    private var columns: [[SQLValue]] = []
    private var nextOID = Catalog.firstUserOID
    private(set) var relationOIDs: [String: Int64] = [:]
    private(set) var relationNames: [Int64: String] = [:]
    private(set) var descriptions: [Int64: [Int64: String]] = [:]

    static let database = "stackq"

    init() {
        for (oid, name) in [(Catalog.pgCatalogOID, "pg_catalog"), (Catalog.publicOID, "public"),
                            (Catalog.informationSchemaOID, "information_schema")] {
            namespaces.append([.integer(oid), .text(name), .integer(10), .null])
            schemata.append(schemaRow(name))
        }
    }

    /// Adds a service as a schema `provider.service` with a table per resource.
    mutating func add(_ service: ProviderService, registry: Registry) {
        let schema = "\(service.provider).\(service.name)"
        let namespaceOID = takeOID()
        namespaces.append([.integer(namespaceOID), .text(schema), .integer(10), .null])
        schemata.append(schemaRow(schema))
        for resource in service.resources {
            let oid = takeOID()
            let rowType = takeOID()
            var resourceColumns = registry.columns(of: resource, in: service).map { ($0.name, $0.type, $0.description) }
            let known = Set(resourceColumns.map(\.0))
            if let method = Registry.preferredSelectMethod(of: resource) {
                for parameter in method.parameters where parameter.location == .path && !known.contains(parameter.name) {
                    resourceColumns.append((parameter.name, "string", parameter.description))
                }
            }
            let kind = resource.viewDefinition == nil ? "r" : "v"
            classes.append(CatalogContents.classRow(oid: oid, name: resource.name, namespace: namespaceOID, rowType: rowType,
                                                    kind: kind, columnCount: resourceColumns.count))
            relationOIDs[resource.name] = relationOIDs[resource.name] ?? oid
            relationOIDs["\(schema).\(resource.name)"] = oid
            relationNames[oid] = "\"\(schema)\".\(resource.name)"
            if let text = resource.description ?? resource.title { note(oid, 0, text) }
            tables.append([.text(CatalogContents.database), .text(schema), .text(resource.name),
                           .text(kind == "r" ? "BASE TABLE" : "VIEW"), .null, .null, .null, .null, .null,
                           .text("NO"), .text("NO"), .null])
            for (index, (name, type, description)) in resourceColumns.enumerated() {
                let pgType = PostgresType.of(registryType: type)
                attributes.append(CatalogContents.attributeRow(table: oid, name: name, type: pgType, number: index + 1))
                if let description { note(oid, Int64(index + 1), description) }
                columns.append(CatalogContents.columnRow(schema: schema, table: resource.name, name: name, type: pgType,
                                                         position: index + 1))
            }
        }
    }

    /// Writes every table.
    func write(to database: CatalogSQLite) throws {
        try database.insert(into: "pg_catalog.pg_namespace", rows: namespaces)
        try database.insert(into: "pg_catalog.pg_class", rows: classes)
        try database.insert(into: "pg_catalog.pg_attribute", rows: attributes)
        try database.insert(into: "pg_catalog.pg_description", rows: descriptionRows)
        try database.insert(into: "pg_catalog.pg_type", rows: PostgresType.allCases.map(CatalogContents.typeRow))
        try database.insert(into: "pg_catalog.pg_database", rows: [[
            .integer(16_383), .text(CatalogContents.database), .integer(10), .integer(6), .text("c"), .integer(0),
            .integer(1), .integer(-1), .integer(0), .integer(1), .integer(1663), .text("C"), .text("C"), .null, .null, .null,
        ]])
        try database.insert(into: "pg_catalog.pg_roles", rows: [[
            .integer(10), .text("stackq"), .integer(0), .integer(1), .integer(0), .integer(0), .integer(1), .integer(0),
            .integer(-1), .text("********"), .null, .integer(0), .null,
        ]])
        try database.insert(into: "pg_catalog.pg_am", rows: [[.integer(2), .text("heap"), .text("heap_tableam_handler"), .text("t")]])
        try database.insert(into: "pg_catalog.pg_settings", rows: SessionInfo.defaults.sorted { $0.key < $1.key }.map { name, value in
            [.text(name), .text(value), .null, .text("stackq"), .null, .null, .text("user"), .text("string"), .text("default"),
             .null, .null, .null, .text(value), .text(value), .null, .null, .integer(0)]
        })
        try database.insert(into: "information_schema.schemata", rows: schemata)
        try database.insert(into: "information_schema.tables", rows: tables)
        try database.insert(into: "information_schema.columns", rows: columns)
    }

    private mutating func takeOID() -> Int64 {
        defer { nextOID += 1 }
        return nextOID
    }

    private mutating func note(_ oid: Int64, _ column: Int64, _ text: String) {
        descriptions[oid, default: [:]][column] = text
        descriptionRows.append([.integer(oid), .integer(1259), .integer(column), .text(text)])
    }

    private func schemaRow(_ name: String) -> [SQLValue] {
        [.text(CatalogContents.database), .text(name), .text("stackq"), .null, .null, .null, .null]
    }

    private static func classRow(oid: Int64, name: String, namespace: Int64, rowType: Int64, kind: String,
                                 columnCount: Int) -> [SQLValue] {
        let no = SQLValue.integer(0)
        return [.integer(oid), .text(name), .integer(namespace), .integer(rowType), no, .integer(10), .integer(2),
                .integer(oid), no, no, .real(-1), no, no, no, no, .text("p"), .text(kind), .integer(Int64(columnCount)),
                no, no, no, no, no, no, .integer(1), .text("d"), no, no, no, no, .null, .null, .null]
    }

    private static func attributeRow(table: Int64, name: String, type: PostgresType, number: Int) -> [SQLValue] {
        let no = SQLValue.integer(0)
        return [.integer(table), .text(name), .integer(Int64(type.rawValue)), .integer(-1), .integer(Int64(type.size)),
                .integer(Int64(number)), no, .integer(-1), .integer(-1), .integer(type.size > 0 && type.size <= 8 ? 1 : 0),
                .text("i"), .text("x"), .text(""), no, no, no, .text(""), .text(""), no, .integer(1), no,
                .integer(type == .text ? 100 : 0), .null, .null, .null, .null]
    }

    private static func typeRow(_ type: PostgresType) -> [SQLValue] {
        let category: String
        switch type {
        case .bool: category = "B"
        case .int2, .int4, .int8, .float4, .float8, .oid: category = "N"
        case .text, .varchar, .name, .char: category = "S"
        default: category = "U"
        }
        let no = SQLValue.integer(0)
        return [.integer(Int64(type.rawValue)), .text(type.name), .integer(Catalog.pgCatalogOID), .integer(10),
                .integer(Int64(type.size)), .integer(type.size > 0 && type.size <= 8 ? 1 : 0), .text("b"), .text(category),
                no, .integer(1), .text(","), no, .null, no, no, .text("\(type.name)in"), .text("\(type.name)out"),
                .text("\(type.name)recv"), .text("\(type.name)send"), .null, .null, .null, .text("i"), .text("p"), no, no,
                .integer(-1), no, .integer(type == .text ? 100 : 0), .null, .null, .null]
    }

    private static func columnRow(schema: String, table: String, name: String, type: PostgresType,
                                  position: Int) -> [SQLValue] {
        var row: [SQLValue] = [.text(database), .text(schema), .text(table), .text(name), .integer(Int64(position)),
                               .null, .text("YES"), .text(type.sqlName)]
        row += Array(repeating: .null, count: 17)
        row += [.text(database), .text("pg_catalog"), .text(type.name)]
        row += Array(repeating: .null, count: 4)
        row += [.text(String(position)), .text("NO"), .text("NO"), .null, .null, .null, .null, .null, .text("NO"),
                .text("NEVER"), .null, .text("NO")]
        return row
    }
}
