import Foundation
import StackQSyntax

/// A statement SQLite would not run, said in the user's terms: resource names instead of internal tables, a
/// "did you mean" for a misspelt column, and (once placed) the user's own SQL with a caret.
public struct QueryError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What is wrong, in the user's terms (`no such column nme in google.dataproc.sessions; did you mean name?`).
    public var message: String
    /// The word of the user's SQL the message is about (`nme`), used to place the caret.
    public var term: String?
    /// Where in the user's script the problem is, with its line and caret; nil until placed.
    public var location: SyntaxError?
    /// SQLite's own result code and message, for reference.
    public var sqliteCode: Int32
    /// SQLite's own message (`no such column: nme`).
    public var sqliteMessage: String

    /// An error saying `message`. `location` is normally left nil and set by ``located(in:statement:)``.
    public init(message: String, term: String? = nil, location: SyntaxError? = nil, sqliteCode: Int32, sqliteMessage: String) {
        self.message = message
        self.term = term
        self.location = location
        self.sqliteCode = sqliteCode
        self.sqliteMessage = sqliteMessage
    }

    public var description: String {
        location?.description ?? "error: \(message)"
    }

    public var errorDescription: String? { description }

    /// This error placed in `script` (UTF-8), inside the statement at `range`: at the first whole-word
    /// occurrence of ``term``, or else at the statement's start.
    public func located(in script: [UInt8], statement range: SourceRange) -> QueryError {
        guard location == nil else { return self }
        let lower = max(0, min(range.start, script.count))
        let upper = max(lower, min(range.end, script.count))
        var place = SourceRange(start: lower, end: min(upper, lower + 1))
        if let term, let found = QueryError.wordRange(of: Array(term.utf8), in: script, within: lower..<upper) {
            place = SourceRange(start: found.lowerBound, end: found.upperBound)
        }
        var placed = self
        placed.location = SyntaxError(message, at: place, in: script)
        return placed
    }

    /// The first case-insensitive occurrence of `word` in `range` not inside a longer name.
    static func wordRange(of word: [UInt8], in bytes: [UInt8], within range: Range<Int>) -> Range<Int>? {
        guard !word.isEmpty, range.count >= word.count else { return nil }
        func isNameByte(_ b: UInt8) -> Bool {
            (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b >= 0x80
        }
        var i = range.lowerBound
        while i + word.count <= range.upperBound {
            var matches = true
            for k in 0..<word.count where (bytes[i + k] | 0x20) != (word[k] | 0x20) {
                matches = false
                break
            }
            // Boundaries matter only where the word itself starts or ends with a name character.
            if matches, i == range.lowerBound || !isNameByte(word[0]) || !isNameByte(bytes[i - 1]),
               i + word.count == range.upperBound || !isNameByte(word[word.count - 1]) || !isNameByte(bytes[i + word.count]) {
                return i..<(i + word.count)
            }
            i += 1
        }
        return nil
    }
}
