/// A half-open range of UTF-8 byte offsets into the parsed source text.
///
/// Every token and every syntax node carries one. Offsets are cheap to store and compare;
/// line and column numbers are computed only when a diagnostic is rendered.
///
/// ```swift
/// let statement = try Parser.parseStatement("SELECT 1")
/// statement.range   // SourceRange(start: 0, end: 8)
/// ```
public struct SourceRange: Sendable, Hashable, CustomStringConvertible {
    /// Offset of the first byte.
    public var start: Int
    /// Offset one past the last byte.
    public var end: Int

    /// Creates a range from `start` up to (not including) `end`.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The number of bytes covered.
    public var length: Int { end - start }

    /// The smallest range covering both `self` and `other`.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: min(start, other.start), end: max(end, other.end))
    }

    /// The source text this range covers (clamped to the text's bounds).
    ///
    /// ```swift
    /// let source = "SELECT 1; SELECT 2"
    /// let statements = try Parser.parseScript(source)
    /// statements[1].range.text(in: source)   // "SELECT 2"
    /// ```
    public func text(in source: String) -> String {
        let utf8 = source.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: max(0, min(start, utf8.count)))
        let upper = utf8.index(lower, offsetBy: max(0, min(end, utf8.count) - max(0, min(start, utf8.count))))
        return String(decoding: utf8[lower..<upper], as: UTF8.self)
    }

    public var description: String { "\(start)..<\(end)" }
}
