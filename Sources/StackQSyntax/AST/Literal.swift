/// A literal value.
public enum Literal: Sendable, Hashable {
    /// `'text'`, unescaped.
    case string(String)
    /// A decimal or hexadecimal integer that fits in 64 bits.
    case integer(Int64)
    /// A real number (also decimal integers too large for 64 bits, as in SQLite).
    case real(Double)
    /// `X'CAFE'`.
    case blob([UInt8])
    /// `NULL`.
    case null
    /// `TRUE` / `FALSE`.
    case bool(Bool)
    /// `CURRENT_TIME`.
    case currentTime
    /// `CURRENT_DATE`.
    case currentDate
    /// `CURRENT_TIMESTAMP`.
    case currentTimestamp
}
