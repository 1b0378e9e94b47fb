/// Finds statement boundaries without parsing: `;` outside strings, quoted identifiers and
/// comments. Used by the interactive shell to know when the input is complete.
///
/// ```swift
/// StatementSplitter.isComplete("SELECT 'a;b'")      // false
/// StatementSplitter.isComplete("SELECT 1; -- done") // true
/// StatementSplitter.split("SELECT 1; ; SELECT 2")   // ["SELECT 1", "SELECT 2"]
/// ```
public enum StatementSplitter {
    /// One statement's text and its byte range in the script (without the `;`).
    public struct Piece: Sendable, Hashable {
        /// The statement text, trimmed, without `;`.
        public var text: String
        /// Where it is in the source.
        public var range: SourceRange
    }

    /// Whether `text` ends with a `;` outside strings, quoted identifiers and comments
    /// (only whitespace and comments may follow it).
    public static func isComplete(_ text: String) -> Bool {
        let scan = Scan(Array(text.utf8))
        return scan.endsInTerminator && scan.closed
    }

    /// The non-empty statements of `script`, trimmed, without their `;`.
    ///
    /// Statements containing only whitespace and comments are skipped; an unterminated last
    /// statement is included as is.
    public static func split(_ script: String) -> [String] {
        pieces(script).map(\.text)
    }

    /// Like ``split(_:)``, with each statement's byte range in `script`.
    public static func pieces(_ script: String) -> [Piece] {
        let bytes = Array(script.utf8)
        let scan = Scan(bytes)
        return scan.pieces.map { range in
            Piece(text: String(decoding: bytes[range.start..<range.end], as: UTF8.self), range: range)
        }
    }

    /// One pass over the bytes, tracking quotes and comments.
    private struct Scan {
        var pieces: [SourceRange] = []
        var endsInTerminator = false
        var closed = true

        init(_ bytes: [UInt8]) {
            var index = 0
            var pieceStart: Int?
            var pieceEnd = 0
            let count = bytes.count
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
            while index < count {
                let byte = bytes[index]
                if isSpace(byte) {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "-"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "-") {
                    while index < count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                    continue
                }
                if byte == UInt8(ascii: "/"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "*") {
                    let commentStart = index
                    index += 2
                    closed = false
                    while index + 1 < count {
                        if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                            closed = true
                            break
                        }
                        index += 1
                    }
                    index = closed ? index + 2 : count
                    if pieceStart != nil { pieceEnd = index }
                    if !closed, pieceStart == nil { pieceStart = commentStart; pieceEnd = count }
                    continue
                }
                if byte == UInt8(ascii: ";") {
                    if let start = pieceStart { pieces.append(SourceRange(start: start, end: pieceEnd)) }
                    pieceStart = nil
                    endsInTerminator = true
                    index += 1
                    continue
                }
                endsInTerminator = false
                if pieceStart == nil { pieceStart = index }
                let close: UInt8? = switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"): byte
                case UInt8(ascii: "["): UInt8(ascii: "]")
                default: nil
                }
                index += 1
                if let close {
                    closed = false
                    while index < count {
                        index += 1
                        if bytes[index - 1] == close {
                            closed = true
                            break
                        }
                    }
                }
                pieceEnd = index
            }
            if let start = pieceStart { pieces.append(SourceRange(start: start, end: pieceEnd)) }
        }
    }
}
