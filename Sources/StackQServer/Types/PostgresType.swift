import StackQ

/// The PostgreSQL types stackq's results are described with, by OID, so drivers decode values natively.
enum PostgresType: Int32, Sendable, Hashable, CaseIterable {
    case bool = 16
    case bytea = 17
    case int8 = 20
    case int2 = 21
    case int4 = 23
    case text = 25
    case oid = 26
    case json = 114
    case float4 = 700
    case float8 = 701
    case unknown = 705
    case varchar = 1043
    case jsonb = 3802
    case name = 19
    case char = 18

    /// `pg_type.typname`.
    var name: String {
        switch self {
        case .bool: return "bool"
        case .bytea: return "bytea"
        case .int8: return "int8"
        case .int2: return "int2"
        case .int4: return "int4"
        case .text: return "text"
        case .oid: return "oid"
        case .json: return "json"
        case .float4: return "float4"
        case .float8: return "float8"
        case .unknown: return "unknown"
        case .varchar: return "varchar"
        case .jsonb: return "jsonb"
        case .name: return "name"
        case .char: return "char"
        }
    }

    /// `pg_type.typlen`: the size of a fixed-width value, -1 for variable width.
    var size: Int16 {
        switch self {
        case .bool, .char: return 1
        case .int2: return 2
        case .int4, .oid, .float4: return 4
        case .int8, .float8: return 8
        case .name: return 64
        default: return -1
        }
    }

    /// The type PostgreSQL's `format_type` prints (`bigint`, `double precision`, …).
    var sqlName: String {
        switch self {
        case .int8: return "bigint"
        case .int4: return "integer"
        case .int2: return "smallint"
        case .float8: return "double precision"
        case .float4: return "real"
        case .bool: return "boolean"
        case .varchar: return "character varying"
        default: return name
        }
    }

    /// The type of a result column: from the SQLite type its table declared (resource properties: INTEGER,
    /// REAL, BOOLEAN, JSON), else from its JSON mark, else from the first non-NULL value in `sample`.
    static func of(declaredType: String?, isJSON: Bool, sample: some Sequence<SQLValue>) -> PostgresType {
        if let declared = declaredType.map({ $0.uppercased() }) {
            if let named = PostgresType.allCases.first(where: { $0.name.uppercased() == declared }), named != .text {
                return named
            }
            switch declared {
            case "INTEGER", "INT", "BIGINT": return .int8
            case "REAL", "DOUBLE", "FLOAT": return .float8
            case "BOOLEAN", "BOOL": return .bool
            case "TEXT": return isJSON ? .json : .text
            default: if declared.contains("JSON") { return .json }
            }
        }
        if isJSON { return .json }
        for value in sample {
            switch value {
            case .null: continue
            case .integer: return .int8
            case .real: return .float8
            case .text: return .text
            case .blob: return .bytea
            }
        }
        return .text
    }

    /// The type a registry column type (`integer`, `number`, `boolean`, `object`, …) is described with.
    static func of(registryType: String) -> PostgresType {
        switch registryType {
        case "integer": return .int8
        case "number": return .float8
        case "boolean": return .bool
        case "object", "array": return .json
        default: return .text
        }
    }
}
