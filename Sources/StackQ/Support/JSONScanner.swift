/// A structural scanner over JSON bytes: finds members, array elements and value extents without building
/// values. It never reads out of bounds and never recurses, whatever the input; malformed input throws.
///
/// This is what lets response pages go into SQLite without a Foundation object tree per row.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

package struct JSONScanner {
    package let bytes: UnsafeRawBufferPointer

    package init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    func error(_ message: String, at offset: Int) -> JSONParseError {
        JSONParseError(offset: offset, message: message)
    }

    func skipWhitespace(_ i: Int) -> Int {
        var i = i
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return i
            }
        }
        return i
    }

    /// The index just past the string whose opening quote is at `i`, and whether it contains escapes.
    package func endOfString(_ i: Int) throws(JSONParseError) -> (end: Int, escaped: Bool) {
        var j = i + 1
        var escaped = false
        while j < bytes.count {
            j = JSONStringRun.end(in: bytes, from: j)
            guard j < bytes.count else { break }
            let b = bytes[j]
            if b == UInt8(ascii: "\"") { return (j + 1, escaped) }
            if b == UInt8(ascii: "\\") { escaped = true; j += 2; continue }
            j += 1
        }
        throw error("unterminated string", at: i)
    }

    /// The index just past the value starting at `i` (after whitespace).
    package func endOfValue(_ i: Int) throws(JSONParseError) -> Int {
        let start = skipWhitespace(i)
        guard start < bytes.count else { throw error("unexpected end of input", at: start) }
        switch bytes[start] {
        case UInt8(ascii: "\""):
            return try endOfString(start).end
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var j = start
            while j < bytes.count {
                switch bytes[j] {
                case UInt8(ascii: "\""):
                    j = try endOfString(j).end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return j + 1 }
                default: break
                }
                j += 1
            }
            throw error("unterminated object or array", at: start)
        default:
            var j = start
            while j < bytes.count {
                switch bytes[j] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D:
                    guard j > start else { throw error("expected a value", at: start) }
                    return j
                default: j += 1
                }
            }
            guard j > start else { throw error("expected a value", at: start) }
            return j
        }
    }

    /// Calls `body` with (key range inside the quotes, key has escapes, value range) for each member of the
    /// object starting at `i`. Returns the index past the object.
    @discardableResult
    func forEachMember(ofObjectAt i: Int,
                       _ body: (Range<Int>, Bool, Range<Int>) throws -> Void) throws -> Int {
        try walkMembers(ofObjectAt: i) { keyRange, escaped, valueStart in
            let valueEnd = try endOfValue(valueStart)
            try body(keyRange, escaped, valueStart..<valueEnd)
            return valueEnd
        }.end
    }

    /// The range of the one value the bytes hold, without the white space around it.
    ///
    /// - Throws: ``JSONParseError`` when the value is unbalanced or something follows it.
    func documentRange() throws(JSONParseError) -> Range<Int> {
        let start = skipWhitespace(0)
        let end = try endOfValue(start)
        guard skipWhitespace(end) == bytes.count else { throw error("unexpected data after the JSON value", at: end) }
        return start..<end
    }

    /// The members of the object at `i`, in document order: each key decoded, and the range of its value. Values
    /// are only skipped (their brackets and quotes balanced), not checked; whoever parses one checks it.
    ///
    /// - Throws: ``JSONParseError`` when `i` holds no balanced object.
    func members(ofObjectAt i: Int) throws -> [(key: String, value: Range<Int>)] {
        var result: [(key: String, value: Range<Int>)] = []
        try forEachMember(ofObjectAt: i) { keyRange, escaped, valueRange in
            let key = escaped ? String(decoding: unescaped(keyRange), as: UTF8.self)
                              : String(decoding: UnsafeRawBufferPointer(rebasing: bytes[keyRange]), as: UTF8.self)
            result.append((key, valueRange))
        }
        return result
    }

    /// The member loop both readers share: `visit` gets (key range, key has escapes, value start) and returns
    /// the end of the value to go on, or nil to stop there. Returns where it stopped: the index past the object
    /// (`stoppedAt` nil), or the start of the value `visit` stopped at.
    func walkMembers(ofObjectAt i: Int,
                     _ visit: (Range<Int>, Bool, Int) throws -> Int?) throws -> (end: Int, stoppedAt: Int?) {
        var j = skipWhitespace(i)
        guard j < bytes.count, bytes[j] == UInt8(ascii: "{") else { throw error("expected an object", at: j) }
        j = skipWhitespace(j + 1)
        if j < bytes.count, bytes[j] == UInt8(ascii: "}") { return (j + 1, nil) }
        while true {
            guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") else { throw error("expected a member name", at: j) }
            let (keyEnd, escaped) = try endOfString(j)
            let keyRange = (j + 1)..<(keyEnd - 1)
            j = skipWhitespace(keyEnd)
            guard j < bytes.count, bytes[j] == UInt8(ascii: ":") else { throw error("expected ':'", at: j) }
            let valueStart = skipWhitespace(j + 1)
            guard let valueEnd = try visit(keyRange, escaped, valueStart) else { return (valueStart, valueStart) }
            j = skipWhitespace(valueEnd)
            guard j < bytes.count else { throw error("unterminated object", at: j) }
            if bytes[j] == UInt8(ascii: ",") { j = skipWhitespace(j + 1); continue }
            if bytes[j] == UInt8(ascii: "}") { return (j + 1, nil) }
            throw error("expected ',' or '}'", at: j)
        }
    }

    /// Calls `body` with the start of each element of the array starting at `i`; `body` returns the index just
    /// past the element (so an element is read once, by whoever reads it).
    func forEachElement(ofArrayAt i: Int, _ body: (Int) throws -> Int) throws {
        var j = skipWhitespace(i)
        guard j < bytes.count, bytes[j] == UInt8(ascii: "[") else { throw error("expected an array", at: j) }
        j = skipWhitespace(j + 1)
        if j < bytes.count, bytes[j] == UInt8(ascii: "]") { return }
        while true {
            let start = skipWhitespace(j)
            guard start < bytes.count else { throw error("unterminated array", at: start) }
            let end = try body(start)
            j = skipWhitespace(end)
            guard j < bytes.count else { throw error("unterminated array", at: j) }
            if bytes[j] == UInt8(ascii: ",") { j += 1; continue }
            if bytes[j] == UInt8(ascii: "]") { return }
            throw error("expected ',' or ']'", at: j)
        }
    }

    /// The start of the value of member `key` of the object at `i`, or nil when it has none. Members after it
    /// are not read.
    func memberStart(_ key: String, ofObjectAt i: Int) throws -> Int? {
        let wanted = Array(key.utf8)
        return try walkMembers(ofObjectAt: i) { keyRange, escaped, valueStart in
            let matches = escaped ? unescaped(keyRange) == wanted : equal(keyRange, wanted)
            return matches ? nil : try endOfValue(valueStart)
        }.stoppedAt
    }

    /// The decoded text of the string member `key` when it is the last member of the outermost object — where
    /// Google's list responses put `nextPageToken` — found from the end without reading the rest; nil otherwise
    /// (then ask ``stringMember(_:ofObjectAt:)``).
    func trailingStringMember(_ key: String) -> String? {
        var j = bytes.count - 1
        while j >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j -= 1 }
        guard j > 0, bytes[j] == UInt8(ascii: "}") else { return nil }
        j -= 1
        while j >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[j]) { j -= 1 }
        guard j > 0, bytes[j] == UInt8(ascii: "\"") else { return nil }
        let valueEnd = j
        // Walk back to the opening quote of the value: a quote not preceded by an odd run of backslashes.
        var k = valueEnd - 1
        while k >= 0 {
            if bytes[k] == UInt8(ascii: "\"") {
                var slashes = 0
                var m = k - 1
                while m >= 0, bytes[m] == UInt8(ascii: "\\") { slashes += 1; m -= 1 }
                if slashes % 2 == 0 { break }
            }
            k -= 1
        }
        guard k > 0 else { return nil }
        var c = k - 1
        while c >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[c]) { c -= 1 }
        guard c > 0, bytes[c] == UInt8(ascii: ":") else { return nil }
        c -= 1
        while c >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[c]) { c -= 1 }
        let wanted = Array(key.utf8)
        let keyStart = c - wanted.count
        guard keyStart >= 1, bytes[c] == UInt8(ascii: "\""), bytes[keyStart - 1] == UInt8(ascii: "\""),
              equal(keyStart..<c, wanted) else { return nil }
        var p = keyStart - 2
        while p >= 0, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[p]) { p -= 1 }
        guard p >= 0, bytes[p] == UInt8(ascii: ",") || bytes[p] == UInt8(ascii: "{") else { return nil }
        return String(decoding: unescaped((k + 1)..<valueEnd), as: UTF8.self)
    }

    /// The decoded text of the string member `key` of the object at `i`, or nil when it has none.
    func stringMember(_ key: String, ofObjectAt i: Int) throws -> String? {
        guard let start = try memberStart(key, ofObjectAt: i), start < bytes.count,
              bytes[start] == UInt8(ascii: "\"") else { return nil }
        let end = try endOfString(start).end
        return String(decoding: unescaped((start + 1)..<(end - 1)), as: UTF8.self)
    }

    /// True when `byte` occurs in `range` (memchr: these ranges are whole pages and long values).
    func contains(_ byte: UInt8, in range: Range<Int>) -> Bool {
        guard let base = bytes.baseAddress, !range.isEmpty else { return false }
        return memchr(base + range.lowerBound, Int32(byte), range.count) != nil
    }

    func equal(_ range: Range<Int>, _ other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        var k = 0
        for i in range {
            if bytes[i] != other[k] { return false }
            k += 1
        }
        return true
    }

    /// The decoded bytes of a string's contents (the range inside the quotes).
    func unescaped(_ range: Range<Int>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            guard b == UInt8(ascii: "\\"), i + 1 < range.upperBound else {
                out.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            if let byte = JSONScanner.unescaped(e) {
                out.append(byte)
            } else if e == UInt8(ascii: "u"), let (scalar, end) = JSONScanner.escapedScalar(in: bytes, at: i, limit: range.upperBound) {
                out.append(contentsOf: String(Character(scalar)).utf8)
                i = end
            } else {
                // Not reached for validated bytes; a broken escape reads as U+FFFD rather than failing a page.
                out.append(contentsOf: "\u{FFFD}".utf8)
            }
        }
        return out
    }

    /// The byte a one-character escape stands for (`n` → LF, `"` → `"`, …); nil for `u` and for what is no escape.
    static func unescaped(_ escape: UInt8) -> UInt8? {
        switch escape {
        case UInt8(ascii: "\""): 0x22
        case UInt8(ascii: "\\"): 0x5C
        case UInt8(ascii: "/"): 0x2F
        case UInt8(ascii: "b"): 0x08
        case UInt8(ascii: "f"): 0x0C
        case UInt8(ascii: "n"): 0x0A
        case UInt8(ascii: "r"): 0x0D
        case UInt8(ascii: "t"): 0x09
        default: nil
        }
    }

    /// The scalar of a `\u` escape whose four hex digits start at `i`, and the index after it. The one policy of
    /// every JSON reader here: a surrogate pair (`\uD83D\uDE00`) is one scalar, a lone surrogate is U+FFFD (as
    /// SQLite reads it), so a page and a mutation's answer read the same bytes alike. Nil when the digits are not hex.
    static func escapedScalar<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes, at i: Int,
                                                                    limit: Int) -> (scalar: Unicode.Scalar, end: Int)? where Bytes.Index == Int {
        guard let code = hex4(bytes, at: i, limit: limit) else { return nil }
        if (0xD800...0xDBFF).contains(code), i + 6 <= limit, bytes[i + 4] == UInt8(ascii: "\\"), bytes[i + 5] == UInt8(ascii: "u"),
           let low = hex4(bytes, at: i + 6, limit: limit), (0xDC00...0xDFFF).contains(low),
           let scalar = Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)) {
            return (scalar, i + 10)
        }
        return (Unicode.Scalar(code) ?? "\u{FFFD}", i + 4)
    }

    static func hex4<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Int, limit: Int) -> UInt32? where Bytes.Index == Int {
        guard i + 4 <= limit else { return nil }
        var value: UInt32 = 0
        for k in i..<(i + 4) {
            guard let digit = JSONScanner.hexDigit(bytes[k]) else { return nil }
            value = value * 16 + digit
        }
        return value
    }

    /// The value of one hexadecimal digit, or nil.
    static func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
