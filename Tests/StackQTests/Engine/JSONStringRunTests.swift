import Testing
@testable import StackQ

/// The eight-bytes-at-a-time search for the end of a string's plain part agrees with the byte-by-byte rule.
@Suite struct JSONStringRunTests {
    /// The first index at or after `from` of a quote, backslash or control character, byte by byte.
    func expected(_ bytes: [UInt8], from: Int) -> Int {
        bytes[from...].firstIndex { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") || $0 < 0x20 } ?? bytes.count
    }

    func found(_ bytes: [UInt8], from: Int) -> Int {
        bytes.withUnsafeBytes { JSONStringRun.end(in: $0, from: from) }
    }

    @Test(arguments: [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x0A, 0x1F])
    func findsTheStopByteAtEveryOffset(stop: UInt8) {
        var wrong: [String] = []
        for length in 0..<20 {
            for position in 0...length {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: length)
                if position < length { bytes[position] = stop }
                for from in 0...position where found(bytes, from: from) != expected(bytes, from: from) {
                    wrong.append("length \(length), stop at \(position), from \(from)")
                }
            }
        }
        #expect(wrong.isEmpty)
    }

    @Test func bytesNextToTheStopSetAndMultiByteCharactersAreNotStops() {
        // 0x20 and 0x21 sit next to the control characters and the quote, 0x5B and 0x5D beside the backslash;
        // UTF-8 continuation bytes have the high bit set.
        let text = Array(" !#[]~\u{7F}é€😀 plain text".utf8) + [UInt8(ascii: "\"")]
        #expect(found(text, from: 0) == text.count - 1)
        let mixed = Array("ab\u{1}cd\"ef\\".utf8)
        #expect(found(mixed, from: 0) == 2)
        #expect(found(mixed, from: 3) == 5)
        #expect(found(mixed, from: 6) == 8)
    }
}
