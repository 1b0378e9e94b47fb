/// Finding the end of the plain part of a JSON string eight bytes at a time: most string bytes are neither a
/// quote, a backslash nor a control character, and the readers of response pages (``JSONValidator``,
/// ``JSONScanner``) spend most of their time in strings.
package enum JSONStringRun {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The index of the first byte at or after `i` that is `"`, `\` or below 0x20; `bytes.count` when none is.
    @inline(__always)
    package static func end(in bytes: UnsafeRawBufferPointer, from i: Int) -> Int {
        var i = i
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            // A flag per byte (its high bit): equal to '"', equal to '\', or less than 0x20. The lowest flag of
            // each test is exact (borrows only run upwards), so the lowest of all three is the first such byte.
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let flags = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            let found = flags & highs
            if found != 0 { return i + found.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return i }
            i += 1
        }
        return i
    }
}
