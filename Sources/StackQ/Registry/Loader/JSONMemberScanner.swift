import Foundation

/// Lists the members of one JSON object in a byte buffer — each key and the byte range of its value — without
/// parsing the values.
///
/// A service document's index (``ServiceDocumentIndex``) uses it to find `paths`, `components.schemas` and the
/// resources of a 3 MB document in a few milliseconds, then parses only the members a statement needs. Values are
/// skipped by matching brackets and string quotes, so a value is only checked for balance, not for validity: the
/// part that is parsed later is parsed by ``JSONValue/init(parsing:)``, which does check.
struct JSONMemberScanner {
    /// What went wrong and at which byte.
    struct ScanError: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "invalid JSON at byte \(offset): \(message)" }
    }

    let bytes: UnsafeBufferPointer<UInt8>

    /// The members of the object whose value occupies `range` (leading whitespace allowed), in document order.
    ///
    /// - Throws: ``ScanError`` when the range does not hold a balanced object.
    func members(of range: Range<Int>) throws -> [(key: String, value: Range<Int>)] {
        var index = skipWhitespace(from: range.lowerBound, limit: range.upperBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else {
            throw ScanError(offset: index, message: "expected an object")
        }
        index += 1
        var result: [(key: String, value: Range<Int>)] = []
        index = skipWhitespace(from: index, limit: range.upperBound)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "}") { return result }
        while true {
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "\"") else {
                throw ScanError(offset: index, message: "expected a member name")
            }
            let keyEnd = try stringEnd(from: index, limit: range.upperBound)
            let key = try decodeString(index..<keyEnd)
            index = skipWhitespace(from: keyEnd, limit: range.upperBound)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else {
                throw ScanError(offset: index, message: "expected ':'")
            }
            let valueStart = skipWhitespace(from: index + 1, limit: range.upperBound)
            let valueEnd = try valueEnd(from: valueStart, limit: range.upperBound)
            result.append((key, valueStart..<valueEnd))
            index = skipWhitespace(from: valueEnd, limit: range.upperBound)
            guard index < range.upperBound else { throw ScanError(offset: index, message: "unterminated object") }
            if bytes[index] == UInt8(ascii: "}") { return result }
            guard bytes[index] == UInt8(ascii: ",") else { throw ScanError(offset: index, message: "expected ',' or '}'") }
            index = skipWhitespace(from: index + 1, limit: range.upperBound)
        }
    }

    /// The whole buffer's value range, without surrounding whitespace.
    func documentRange() throws -> Range<Int> {
        let start = skipWhitespace(from: 0, limit: bytes.count)
        let end = try valueEnd(from: start, limit: bytes.count)
        guard skipWhitespace(from: end, limit: bytes.count) == bytes.count else {
            throw ScanError(offset: end, message: "unexpected data after the JSON value")
        }
        return start..<end
    }

    private func skipWhitespace(from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return index
            }
        }
        return index
    }

    /// The index just past the closing quote of the string opening at `start`.
    private func stringEnd(from start: Int, limit: Int) throws -> Int {
        guard let base = bytes.baseAddress else { throw ScanError(offset: start, message: "unterminated string") }
        var index = start + 1
        while index < limit {
            guard let found = memchr(base + index, Int32(UInt8(ascii: "\"")), limit - index) else { break }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            var back = quote - 1
            while back > start, bytes[back] == UInt8(ascii: "\\") {
                backslashes += 1
                back -= 1
            }
            if backslashes % 2 == 0 { return quote + 1 }
            index = quote + 1
        }
        throw ScanError(offset: start, message: "unterminated string")
    }

    /// The index just past the value starting at `start`.
    private func valueEnd(from start: Int, limit: Int) throws -> Int {
        guard start < limit else { throw ScanError(offset: start, message: "expected a value") }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try stringEnd(from: start, limit: limit)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var index = start
            while index < limit {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try stringEnd(from: index, limit: limit)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            throw ScanError(offset: start, message: "unbalanced brackets")
        default:
            var index = start
            while index < limit {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                    return index
                default:
                    index += 1
                }
            }
            return index
        }
    }

    /// The text of the string literal in `range` (quotes included).
    private func decodeString(_ range: Range<Int>) throws -> String {
        let inner = UnsafeBufferPointer(rebasing: bytes[(range.lowerBound + 1)..<(range.upperBound - 1)])
        if !inner.contains(UInt8(ascii: "\\")) { return String(decoding: inner, as: UTF8.self) }
        guard let text = try? JSONValue(parsing: UnsafeBufferPointer(rebasing: bytes[range])).stringValue else {
            throw ScanError(offset: range.lowerBound, message: "invalid string")
        }
        return text
    }
}
