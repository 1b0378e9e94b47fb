/// An opaque list continuation: the page number it leads to, the sequence number of the last item served, and a
/// fingerprint of the collection and filter it belongs to (a token is refused for any other list).
struct PageToken: Sendable, Hashable {
    var page: Int
    var afterSequence: Int
    var fingerprint: UInt64

    init(page: Int, afterSequence: Int, fingerprint: UInt64) {
        self.page = page
        self.afterSequence = afterSequence
        self.fingerprint = fingerprint
    }

    /// Decodes a token string; nil when it is not one this emulator issued.
    init?(_ text: String) {
        guard let bytes = PageToken.base64URLDecode(text) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":")
        guard parts.count == 4, parts[0] == "p1", let page = Int(parts[1]), let after = Int(parts[2]),
              let fingerprint = UInt64(parts[3], radix: 16), page >= 2
        else { return nil }
        self.init(page: page, afterSequence: after, fingerprint: fingerprint)
    }

    /// The token text: unpadded base64url.
    var text: String {
        let plain = "p1:\(page):\(afterSequence):\(String(fingerprint, radix: 16))"
        return PageToken.base64URLEncode(Array(plain.utf8))
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Unpadded base64url.
    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + 3)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var value = UInt32(bytes[index]) << 16
            if chunk > 1 { value |= UInt32(bytes[index + 1]) << 8 }
            if chunk > 2 { value |= UInt32(bytes[index + 2]) }
            for position in 0...chunk {
                out.append(alphabet[Int((value >> UInt32(18 - 6 * position)) & 0x3F)])
            }
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url; nil for any other character or a truncated group.
    static func base64URLDecode(_ text: String) -> [UInt8]? {
        var values: [UInt32] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            guard let index = alphabet.firstIndex(of: byte) else { return nil }
            values.append(UInt32(index))
        }
        guard values.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index < values.count {
            let chunk = min(4, values.count - index)
            var value: UInt32 = 0
            for position in 0..<4 {
                value = value << 6 | (position < chunk ? values[index + position] : 0)
            }
            out.append(UInt8(value >> 16 & 0xFF))
            if chunk > 2 { out.append(UInt8(value >> 8 & 0xFF)) }
            if chunk > 3 { out.append(UInt8(value & 0xFF)) }
            index += 4
        }
        return out
    }

    /// FNV-1a over the collection path and filter text.
    static func fingerprint(collection: String, filter: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in collection.utf8 + [0] + filter.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
