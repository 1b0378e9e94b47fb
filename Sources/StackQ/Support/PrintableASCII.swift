/// Tests on the bytes of text, eight at a time, for the output paths that handle every cell of a large result:
/// a table cell that is printable ASCII is shown as it is and is as wide as its bytes.
enum PrintableASCII {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// True when every byte of `text` is printable ASCII (0x20–0x7E): no control character, no DEL, nothing
    /// beyond ASCII.
    static func holds(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { holds(UnsafeRawBufferPointer($0)) }
    }

    /// True when every byte is printable ASCII (0x20–0x7E).
    static func holds(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // A high bit per byte that is 0x80 or more, below 0x20, or 0x7F (a zero after xor with 0x7F).
            let delete = word ^ (ones &* 0x7F)
            let flags = word | ((word &- ones &* 0x20) & ~word) | ((delete &- ones) & ~delete)
            if flags & highs != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] < 0x20 || bytes[i] >= 0x7F { return false }
            i += 1
        }
        return true
    }

    /// True when every byte of `text` is ASCII (below 0x80).
    static func isASCII(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { isASCII(UnsafeRawBufferPointer($0)) }
    }

    /// True when every byte is ASCII (below 0x80).
    static func isASCII(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highs != 0 { return false }
            i += 8
        }
        while i < bytes.count {
            if bytes[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    /// True when any byte equals one of `a`, `b`, `c`, `d`: the test for the bytes a CSV or text field must
    /// quote or escape.
    static func contains(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in bytes: UnsafeRawBufferPointer) -> Bool {
        let (wa, wb, wc, wd) = (ones &* UInt64(a), ones &* UInt64(b), ones &* UInt64(c), ones &* UInt64(d))
        var i = 0
        while i + 8 <= bytes.count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZeroByte(word ^ wa) || hasZeroByte(word ^ wb) || hasZeroByte(word ^ wc) || hasZeroByte(word ^ wd) {
                return true
            }
            i += 8
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == a || byte == b || byte == c || byte == d { return true }
            i += 1
        }
        return false
    }

    /// True when some byte of `word` is zero (exact: a borrow only reaches bytes above a zero one).
    private static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highs != 0
    }
}
