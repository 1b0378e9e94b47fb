import Foundation

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
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        guard let data = Data(base64Encoded: base64) else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(separator: ":")
        guard parts.count == 4, parts[0] == "p1", let page = Int(parts[1]), let after = Int(parts[2]),
              let fingerprint = UInt64(parts[3], radix: 16), page >= 2
        else { return nil }
        self.init(page: page, afterSequence: after, fingerprint: fingerprint)
    }

    /// The token text: unpadded base64url.
    var text: String {
        let plain = "p1:\(page):\(afterSequence):\(String(fingerprint, radix: 16))"
        return Data(plain.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
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
