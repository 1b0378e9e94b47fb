/// One SQLite cell value.
public enum SQLValue: Sendable, Hashable {
    /// SQL NULL.
    case null
    /// SQLite INTEGER: a signed 64-bit integer.
    case integer(Int64)
    /// SQLite REAL: a 64-bit floating-point number.
    case real(Double)
    /// SQLite TEXT, UTF-8.
    case text(String)
    /// SQLite BLOB: bytes as they are.
    case blob([UInt8])

    /// The value as text, the way SQLite's `CAST(x AS TEXT)` would write it; nil for NULL.
    public var textValue: String? {
        switch self {
        case .null: return nil
        case .integer(let i): return String(i)
        case .real(let d): return SQLValue.format(real: d)
        case .text(let s): return s
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        }
    }

    /// Formats a REAL the way SQLite prints it (`2.0`, `0.1`, `1.0e+20`).
    static func format(real d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Inf" : "-Inf" }
        if d == d.rounded(), abs(d) < 1e15 { return "\(Int64(d)).0" }
        return "\(d)"
    }
}
