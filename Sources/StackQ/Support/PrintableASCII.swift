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
        return text.withUTF8 { buffer in
            let bytes = UnsafeRawBufferPointer(buffer)
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
    }
}
