/// A lexical or grammatical error in StackQL source text, with its position.
///
/// The ``description`` has the compiler-like shape
///
/// ```
/// 1:10: error: expected FROM, found 'FORM'
/// DELETE FORM google.compute.instances
///        ^~~~
/// ```
///
/// Lines and columns are 1-based; the column counts characters (not bytes).
public struct SyntaxError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong, e.g. `expected FROM, found 'FORM'`.
    public var message: String
    /// 1-based line of the offending token.
    public var line: Int
    /// 1-based column (in characters) of the offending token.
    public var column: Int
    /// The offending bytes in the source (empty at the end of input).
    public var range: SourceRange
    /// The full text of the offending line, without its line terminator.
    public var sourceLine: String
    /// Number of characters the caret line underlines (at least 1).
    public var highlightLength: Int

    /// Creates an error for `range` in `source`, computing line, column and the source line.
    public init(_ message: String, at range: SourceRange, in source: [UInt8]) {
        self.message = message
        self.range = range
        let offset = max(0, min(range.start, source.count))
        var lineStart = offset
        while lineStart > 0, source[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        var lineEnd = offset
        while lineEnd < source.count, source[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
        var line = 1
        for byte in source[..<lineStart] where byte == UInt8(ascii: "\n") { line += 1 }
        self.line = line
        let prefix = String(decoding: source[lineStart..<offset], as: UTF8.self)
        self.column = prefix.count + 1
        var text = String(decoding: source[lineStart..<lineEnd], as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        self.sourceLine = text
        let highlightEnd = max(offset, min(range.end, lineEnd))
        self.highlightLength = max(1, String(decoding: source[offset..<highlightEnd], as: UTF8.self).count)
    }

    /// The most characters of the source line shown; a longer line is shown as a window around the caret.
    public static let maximumShownLineLength = 160

    /// `line:column: error: message`, the source line (or, for a long line, a window of it around the caret,
    /// cut ends marked `…`), and a caret line under the offending token.
    public var description: String {
        let (shown, caretColumn, highlight) = window()
        var caret = ""
        var index = 0
        for character in shown {
            if index >= caretColumn - 1 { break }
            caret.append(character == "\t" ? "\t" : " ")
            index += 1
        }
        while index < caretColumn - 1 {
            caret.append(" ")
            index += 1
        }
        caret.append("^")
        if highlight > 1 { caret.append(String(repeating: "~", count: highlight - 1)) }
        return "\(line):\(column): error: \(message)\n\(shown)\n\(caret)"
    }

    /// The part of the source line shown, the caret's 1-based column in it, and the highlight length.
    func window() -> (text: String, caretColumn: Int, highlight: Int) {
        let characters = Array(sourceLine)
        let limit = SyntaxError.maximumShownLineLength
        guard characters.count > limit else { return (sourceLine, column, highlightLength) }
        let context = limit / 2
        let caretIndex = min(max(0, column - 1), characters.count)
        let start = max(0, min(caretIndex - context, characters.count - limit))
        let end = min(characters.count, start + limit)
        var text = String(characters[start..<end])
        var caretColumn = caretIndex - start + 1
        if start > 0 {
            text = "…" + text
            caretColumn += 1
        }
        if end < characters.count { text += "…" }
        return (text, caretColumn, max(1, min(highlightLength, end - caretIndex)))
    }

    /// The one-line form `line:column: error: message`, without the source excerpt.
    public var summary: String { "\(line):\(column): error: \(message)" }
}
