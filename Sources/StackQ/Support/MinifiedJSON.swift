/// Copies JSON text without the white space between tokens.
enum MinifiedJSON {
    /// Appends `text` minified when it is one JSON object or array; false (and nothing appended) otherwise.
    static func append(_ text: String, to out: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            let scanner = JSONScanner(raw)
            let start = scanner.skipWhitespace(0)
            guard start < raw.count, raw[start] == UInt8(ascii: "{") || raw[start] == UInt8(ascii: "["),
                  let end = try? scanner.endOfValue(start), scanner.skipWhitespace(end) == raw.count else { return false }
            append(raw[start..<end], to: &out)
            return true
        }
    }

    /// Appends bytes of JSON, dropping white space outside strings.
    static func append(_ bytes: some Collection<UInt8>, to out: inout [UInt8]) {
        var inString = false
        var escaped = false
        for b in bytes {
            if inString {
                out.append(b)
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case 0x20, 0x0A, 0x0D, 0x09: continue
            case UInt8(ascii: "\""): inString = true; out.append(b)
            default: out.append(b)
            }
        }
    }
}
