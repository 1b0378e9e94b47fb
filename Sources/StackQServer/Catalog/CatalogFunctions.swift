import CSQLite
import Foundation
import StackQ
import Synchronization

/// The PostgreSQL functions catalog queries call (`version()`, `format_type`, `pg_table_is_visible`, the regular
/// expression match behind `~`, …), registered as SQLite functions. `session` is set before each query.
final class CatalogFunctions: Sendable {
    typealias Implementation = @Sendable (_ arguments: [SQLValue], _ state: State) -> SQLValue

    /// What the functions read: the session of the running query and the catalog's names.
    struct State: Sendable {
        var session = SessionInfo(user: "stackq", database: "stackq", processID: 0, settings: SessionInfo.defaults)
        /// `pg_class.oid` by `relname` and by `schema.relname`.
        var relationOIDs: [String: Int64] = [:]
        /// `schema.relname` (quoted where needed) by `pg_class.oid`.
        var relationNames: [Int64: String] = [:]
        /// `obj_description`/`col_description`: by object OID, then column number (0: the object itself).
        var descriptions: [Int64: [Int64: String]] = [:]
    }

    let state = Mutex(State())
    private let patterns = PatternCache()

    /// Functions by name; an arity of -1 takes any number of arguments.
    private var table: [(name: String, arity: Int32, body: Implementation)] {
        let yes: Implementation = { _, _ in .integer(1) }
        let none: Implementation = { _, _ in .null }
        let zero: Implementation = { _, _ in .integer(0) }
        var functions: [(String, Int32, Implementation)] = [
            ("version", 0, { _, _ in .text(SessionInfo.version) }),
            ("current_schema", 0, { _, _ in .text("public") }),
            ("current_schemas", 1, { _, _ in .text("{public}") }),
            ("current_database", 0, { _, state in .text(state.session.database) }),
            ("current_user", 0, { _, state in .text(state.session.user) }),
            ("session_user", 0, { _, state in .text(state.session.user) }),
            ("current_setting", -1, { arguments, state in
                arguments.first?.textValue.flatMap { state.session.setting($0) }.map(SQLValue.text) ?? .null
            }),
            ("set_config", 3, { arguments, _ in arguments[1] }),
            ("pg_backend_pid", 0, { _, state in .integer(Int64(state.session.processID)) }),
            ("pg_get_userbyid", 1, { _, state in .text(state.session.user) }),
            ("pg_encoding_to_char", 1, { _, _ in .text("UTF8") }),
            ("format_type", 2, { arguments, _ in
                guard case .integer(let oid) = arguments[0] else { return .null }
                return .text(PostgresType(rawValue: Int32(truncatingIfNeeded: oid))?.sqlName ?? "unknown")
            }),
            ("regtype_name", 1, { arguments, _ in
                guard case .integer(let oid) = arguments[0] else { return arguments[0] }
                return .text(PostgresType(rawValue: Int32(truncatingIfNeeded: oid))?.sqlName ?? String(oid))
            }),
            ("regclass_oid", 1, { arguments, state in
                guard let name = arguments[0].textValue else { return .null }
                let unquoted = name.replacingOccurrences(of: "\"", with: "")
                return state.relationOIDs[unquoted].map(SQLValue.integer) ?? .integer(0)
            }),
            ("to_regclass", 1, { arguments, state in
                guard let name = arguments[0].textValue else { return .null }
                return state.relationOIDs[name.replacingOccurrences(of: "\"", with: "")].map(SQLValue.integer) ?? .null
            }),
            ("to_regtype", 1, { arguments, _ in
                guard let name = arguments[0].textValue?.lowercased() else { return .null }
                let type = PostgresType.allCases.first { $0.name == name || $0.sqlName == name }
                return type.map { .integer(Int64($0.rawValue)) } ?? .null
            }),
            ("regclass_name", 1, { arguments, state in
                guard case .integer(let oid) = arguments[0] else { return arguments[0] }
                return .text(state.relationNames[oid] ?? String(oid))
            }),
            ("obj_description", -1, { arguments, state in
                guard case .integer(let oid)? = arguments.first else { return .null }
                return state.descriptions[oid]?[0].map(SQLValue.text) ?? .null
            }),
            ("col_description", 2, { arguments, state in
                guard case .integer(let oid) = arguments[0], case .integer(let column) = arguments[1] else { return .null }
                return state.descriptions[oid]?[column].map(SQLValue.text) ?? .null
            }),
            ("pg_array_to_json", 1, { arguments, _ in
                guard let literal = arguments[0].textValue else { return .null }
                let items = CatalogRewriter.arrayLiteralItems("'" + literal + "'")
                let data = (try? JSONSerialization.data(withJSONObject: items)) ?? Data("[]".utf8)
                return .text(String(decoding: data, as: UTF8.self))
            }),
            ("array_to_string", -1, { arguments, _ in arguments.first ?? .null }),
            ("pg_size_pretty", 1, { arguments, _ in .text("\(arguments[0].textValue ?? "0") bytes") }),
            ("quote_ident", 1, { arguments, _ in
                guard let name = arguments[0].textValue else { return .null }
                let plain = name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } && !(name.first?.isNumber ?? true)
                return .text(plain ? name : "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"")
            }),
            ("now", 0, { _, _ in .text(ISO8601DateFormatter().string(from: Date())) }),
        ]
        for name in ["pg_table_is_visible", "pg_type_is_visible", "pg_function_is_visible", "has_table_privilege",
                     "has_schema_privilege", "has_database_privilege", "has_column_privilege", "pg_has_role",
                     "has_any_column_privilege"] {
            functions.append((name, -1, yes))
        }
        for name in ["pg_get_expr", "pg_get_indexdef", "pg_get_constraintdef", "pg_get_viewdef", "pg_get_triggerdef",
                     "pg_get_partkeydef", "pg_get_statisticsobjdef_columns", "pg_get_function_result",
                     "pg_get_function_arguments", "pg_tablespace_location", "inet_server_addr", "inet_server_port",
                     "pg_postmaster_start_time", "pg_get_serial_sequence", "shobj_description", "pg_get_ruledef",
                     "pg_get_partition_constraintdef", "pg_collation_is_visible"] {
            functions.append((name, -1, none))
        }
        for name in ["pg_relation_size", "pg_total_relation_size", "pg_table_size", "pg_indexes_size",
                     "pg_is_in_recovery", "pg_database_size"] {
            functions.append((name, -1, zero))
        }
        functions.append(("txid_current", 0, { _, _ in .integer(1) }))
        functions.append(("regexp", 2, { [patterns] arguments, _ in
            guard let pattern = arguments[0].textValue, let value = arguments[1].textValue else { return .null }
            guard let expression = patterns.expression(pattern) else { return .integer(0) }
            let range = NSRange(value.startIndex..., in: value)
            return .integer(expression.firstMatch(in: value, range: range) == nil ? 0 : 1)
        }))
        return functions
    }

    /// Registers every function on `db`; each keeps a reference to this object through its user data.
    func register(on db: OpaquePointer) {
        for (name, arity, body) in table {
            let box = Unmanaged.passRetained(FunctionBox(body: body, functions: self)).toOpaque()
            sqlite3_create_function_v2(db, name, arity, SQLITE_UTF8, box, { context, count, values in
                let box = Unmanaged<FunctionBox>.fromOpaque(sqlite3_user_data(context)!).takeUnretainedValue()
                var arguments: [SQLValue] = []
                for index in 0..<Int(count) { arguments.append(CatalogFunctions.value(values![index])) }
                let result = box.body(arguments, box.functions.state.withLock { $0 })
                CatalogFunctions.setResult(result, on: context)
            }, nil, nil, { pointer in
                if let pointer { Unmanaged<FunctionBox>.fromOpaque(pointer).release() }
            })
        }
    }

    private static func value(_ value: OpaquePointer?) -> SQLValue {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return .integer(sqlite3_value_int64(value))
        case SQLITE_FLOAT: return .real(sqlite3_value_double(value))
        case SQLITE_TEXT: return .text(String(cString: sqlite3_value_text(value)))
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            guard count > 0, let pointer = sqlite3_value_blob(value) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: return .null
        }
    }

    private static func setResult(_ result: SQLValue, on context: OpaquePointer?) {
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        switch result {
        case .null: sqlite3_result_null(context)
        case .integer(let i): sqlite3_result_int64(context, i)
        case .real(let d): sqlite3_result_double(context, d)
        case .text(let s): sqlite3_result_text(context, s, -1, transient)
        case .blob(let b): b.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), transient) }
        }
    }
}

/// One registered function's body and the state it reads; retained by SQLite until the function is dropped.
private final class FunctionBox {
    let body: CatalogFunctions.Implementation
    let functions: CatalogFunctions

    init(body: @escaping CatalogFunctions.Implementation, functions: CatalogFunctions) {
        self.body = body
        self.functions = functions
    }
}

/// Compiled regular expressions by pattern (catalog queries repeat the same few).
private final class PatternCache: Sendable {
    private let cache = Mutex<[String: NSRegularExpression?]>([:])

    /// The compiled `pattern`, nil when it is not a valid expression.
    func expression(_ pattern: String) -> NSRegularExpression? {
        cache.withLock { cache in
            if let known = cache[pattern] { return known }
            let compiled = try? NSRegularExpression(pattern: pattern)
            if cache.count > 256 { cache.removeAll() }
            cache[pattern] = compiled
            return compiled
        }
    }
}
