/// A small gzip member that inflates to `{"sessions":[]` + about 65 MB of spaces + `}`: valid JSON, and larger
/// than the 64 MB a page may inflate to. Written as one fixed-Huffman deflate block of length-258, distance-1
/// matches (13 bits per 258 bytes), so about 410 KB on the wire.
enum GzipBomb {
    /// How many bytes the body inflates to.
    static let inflatedSize = 65 << 20 + 4096

    static let bytes: [UInt8] = make()

    struct BitWriter {
        var bytes: [UInt8] = []
        var current: UInt32 = 0
        var count = 0

        /// `value`'s low `length` bits, least significant first (deflate's order for numbers).
        mutating func write(_ value: UInt32, length: Int) {
            for k in 0..<length { bit((value >> k) & 1) }
        }

        /// A Huffman code, most significant bit first.
        mutating func code(_ value: UInt32, length: Int) {
            for k in stride(from: length - 1, through: 0, by: -1) { bit((value >> k) & 1) }
        }

        mutating func bit(_ b: UInt32) {
            current |= b << count
            count += 1
            if count == 8 {
                bytes.append(UInt8(current))
                current = 0
                count = 0
            }
        }

        mutating func finish() -> [UInt8] {
            if count > 0 { bytes.append(UInt8(current)) }
            return bytes
        }
    }

    /// The fixed Huffman code of a literal byte below 144.
    static func literal(_ byte: UInt8, to writer: inout BitWriter) {
        writer.code(0x30 + UInt32(byte), length: 8)
    }

    static func make() -> [UInt8] {
        let prefix = Array(#"{"sessions":[]"#.utf8)
        let matches = (inflatedSize - prefix.count - 2) / 258
        let spaces = 1 + matches * 258
        var writer = BitWriter()
        writer.write(1, length: 1)   // BFINAL
        writer.write(1, length: 2)   // BTYPE 01: fixed Huffman codes
        for byte in prefix { literal(byte, to: &writer) }
        literal(UInt8(ascii: " "), to: &writer)
        for _ in 0..<matches {
            writer.code(0b1100_0101, length: 8)   // length code 285: 258 bytes
            writer.code(0, length: 5)             // distance code 0: distance 1
        }
        literal(UInt8(ascii: "}"), to: &writer)
        writer.code(0, length: 7)                 // end of block (256)
        let deflated = writer.finish()

        var crc = CRC32()
        crc.update(prefix)
        crc.update(repeating: UInt8(ascii: " "), count: spaces)
        crc.update([UInt8(ascii: "}")])
        let size = UInt32(truncatingIfNeeded: prefix.count + spaces + 1)
        var out: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 0xFF]
        out += deflated
        for value in [crc.value, size] {
            out += [UInt8(value & 0xFF), UInt8((value >> 8) & 0xFF), UInt8((value >> 16) & 0xFF), UInt8(value >> 24)]
        }
        return out
    }

    /// CRC-32 (IEEE), as gzip's trailer has it.
    struct CRC32 {
        static let table: [UInt32] = (0..<256).map { n in
            var c = UInt32(n)
            for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            return c
        }

        var state: UInt32 = 0xFFFF_FFFF

        var value: UInt32 { state ^ 0xFFFF_FFFF }

        mutating func update(_ bytes: [UInt8]) {
            for byte in bytes { state = CRC32.table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8) }
        }

        mutating func update(repeating byte: UInt8, count: Int) {
            let table = CRC32.table
            var state = self.state
            for _ in 0..<count { state = table[Int((state ^ UInt32(byte)) & 0xFF)] ^ (state >> 8) }
            self.state = state
        }
    }
}
