/// Strict percent-encoding for URL paths and query strings.
package enum PercentEncoding {
    /// Encodes `value` as exactly one path segment: everything but RFC 3986 unreserved characters is
    /// escaped (so `/`, `?`, `#`, `%` and space cannot change the URL's shape), and the dot-segments
    /// `.` and `..` are escaped as well, so no client or server can collapse them.
    public static func pathSegment(_ value: String) -> String {
        if value == "." { return "%2E" }
        if value == ".." { return "%2E%2E" }
        return encode(value)
    }

    /// Encodes a query name or value: unreserved characters stay, everything else (`+`, space, `&`, `=`) is escaped.
    public static func queryComponent(_ value: String) -> String {
        encode(value)
    }

    static func encode(_ value: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        for b in value.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(b)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
