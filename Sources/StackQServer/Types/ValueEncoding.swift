import NIOCore
import StackQ

/// How one result column goes on the wire: its type and the format the client asked for.
struct ColumnEncoding: Sendable, Hashable {
    var type: PostgresType
    var format: PostgresFormat

    /// Writes `value` as a DataRow cell: its length (-1 for NULL), then its bytes.
    func write(_ value: SQLValue, into buffer: inout ByteBuffer) {
        if case .null = value {
            buffer.writeInteger(Int32(-1))
            return
        }
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        switch format {
        case .text: writeText(value, into: &buffer)
        case .binary: writeBinary(value, into: &buffer)
        }
        buffer.setInteger(Int32(buffer.writerIndex - lengthIndex - 4), at: lengthIndex)
    }

    private func writeText(_ value: SQLValue, into buffer: inout ByteBuffer) {
        switch (type, value) {
        case (.bool, _):
            buffer.writeString(ColumnEncoding.truth(value) ? "t" : "f")
        case (.int8, .real(let d)) where d == d.rounded() && abs(d) < 9.2e18:
            buffer.writeString(String(Int64(d)))
        case (_, .real(let d)):
            buffer.writeString(ColumnEncoding.text(of: d))
        case (.bytea, _):
            buffer.writeString("\\x")
            let digits = Array("0123456789abcdef".utf8)
            for byte in ColumnEncoding.bytes(of: value) {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 15)])
            }
        case (_, .integer(let i)):
            buffer.writeString(String(i))
        case (_, .text(let s)):
            buffer.writeString(s)
        case (_, .blob(let b)):
            buffer.writeBytes(b)
        case (_, .null):
            break
        }
    }

    private func writeBinary(_ value: SQLValue, into buffer: inout ByteBuffer) {
        switch type {
        case .bool:
            buffer.writeInteger(UInt8(ColumnEncoding.truth(value) ? 1 : 0))
        case .int8:
            buffer.writeInteger(ColumnEncoding.integer(of: value))
        case .int4, .oid:
            buffer.writeInteger(Int32(truncatingIfNeeded: ColumnEncoding.integer(of: value)))
        case .int2:
            buffer.writeInteger(Int16(truncatingIfNeeded: ColumnEncoding.integer(of: value)))
        case .float8:
            buffer.writeInteger(ColumnEncoding.real(of: value).bitPattern)
        case .float4:
            buffer.writeInteger(Float(ColumnEncoding.real(of: value)).bitPattern)
        case .jsonb:
            buffer.writeInteger(UInt8(1))
            writeText(value, into: &buffer)
        case .bytea:
            buffer.writeBytes(ColumnEncoding.bytes(of: value))
        default:
            writeText(value, into: &buffer)
        }
    }

    /// PostgreSQL's text for a float8: shortest round-trip digits, `Infinity`, `NaN`.
    static func text(of d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        return "\(d)"
    }

    static func truth(_ value: SQLValue) -> Bool {
        switch value {
        case .integer(let i): return i != 0
        case .real(let d): return d != 0
        case .text(let s): return ["t", "true", "1", "yes", "on"].contains(s.lowercased())
        case .blob(let b): return !b.isEmpty
        case .null: return false
        }
    }

    static func integer(of value: SQLValue) -> Int64 {
        switch value {
        case .integer(let i): return i
        case .real(let d): return d.isFinite ? Int64(max(-9.2e18, min(9.2e18, d.rounded()))) : 0
        case .text(let s): return Int64(s) ?? Double(s).map { integer(of: .real($0)) } ?? 0
        case .blob, .null: return 0
        }
    }

    static func real(of value: SQLValue) -> Double {
        switch value {
        case .integer(let i): return Double(i)
        case .real(let d): return d
        case .text(let s): return Double(s) ?? .nan
        case .blob, .null: return .nan
        }
    }

    static func bytes(of value: SQLValue) -> [UInt8] {
        switch value {
        case .blob(let b): return b
        default: return Array((value.textValue ?? "").utf8)
        }
    }
}
