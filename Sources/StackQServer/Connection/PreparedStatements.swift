import Foundation
import NIOCore
import StackQ

/// A statement made by Parse: its text, where it goes, and the parameter types the client fixed.
struct PreparedStatement: Sendable {
    var sql: TokenizedSQL
    var route: StatementRoute
    /// One OID per parameter (`$1`…): the client's where it gave one, else text.
    var parameterTypes: [Int32]

    init(sql: TokenizedSQL, declaredTypes: [Int32]) {
        self.sql = sql
        self.route = StatementRoute.of(sql)
        let count = max(sql.parameterCount, declaredTypes.count)
        self.parameterTypes = (0..<count).map { index in
            index < declaredTypes.count && declaredTypes[index] != 0 ? declaredTypes[index] : PostgresType.text.rawValue
        }
    }
}

/// A portal made by Bind: a statement with its values, the result formats asked for, and rows kept back by an
/// Execute with a row limit (PortalSuspended).
struct Portal: Sendable {
    var statement: PreparedStatement
    var parameters: [SQLValue]
    var resultFormats: [PostgresFormat]
    /// Rows not yet sent, and how they are encoded, once the portal ran with a row limit.
    var remaining: DataRows?
    /// Rows sent so far (the CommandComplete count).
    var sent = 0
    /// The CommandComplete verb.
    var tag = ""
    /// True once the portal ran to its end.
    var isDone = false
}

/// Bind values as the engine's values: by the parameter's type and format.
enum ParameterDecoding {
    static func value(_ bytes: ByteBuffer?, type: Int32, format: PostgresFormat) throws -> SQLValue {
        guard var bytes else { return .null }
        let kind = PostgresType(rawValue: type)
        if format == .binary {
            switch kind {
            case .int8: if let v: Int64 = bytes.readInteger() { return .integer(v) }
            case .int4, .oid: if let v: Int32 = bytes.readInteger() { return .integer(Int64(v)) }
            case .int2: if let v: Int16 = bytes.readInteger() { return .integer(Int64(v)) }
            case .float8: if let v: UInt64 = bytes.readInteger() { return .real(Double(bitPattern: v)) }
            case .float4: if let v: UInt32 = bytes.readInteger() { return .real(Double(Float(bitPattern: v))) }
            case .bool: if let v: UInt8 = bytes.readInteger() { return .integer(v == 0 ? 0 : 1) }
            case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
            case .jsonb:
                _ = bytes.readInteger(as: UInt8.self)
                return .text(bytes.readString(length: bytes.readableBytes) ?? "")
            default: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
            }
            throw ErrorResponse(code: "22P03", message: "invalid binary value for a parameter of type \(kind?.name ?? String(type))")
        }
        let text = bytes.readString(length: bytes.readableBytes) ?? ""
        switch kind {
        case .int8, .int4, .int2, .oid:
            guard let v = Int64(text.trimmingCharacters(in: .whitespaces)) else {
                throw ErrorResponse(code: "22P02", message: "invalid input syntax for type \(kind!.sqlName): \"\(text)\"")
            }
            return .integer(v)
        case .float8, .float4:
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)) else {
                throw ErrorResponse(code: "22P02", message: "invalid input syntax for type double precision: \"\(text)\"")
            }
            return .real(v)
        case .bool:
            return .integer(ColumnEncoding.truth(.text(text)) ? 1 : 0)
        default:
            return .text(text)
        }
    }
}
