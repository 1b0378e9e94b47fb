/// Copies JSON text without the white space between tokens.
enum MinifiedJSON {
    /// Appends `text` minified when it is one JSON object or array; false (and nothing appended) otherwise.
    static func append(_ text: String, to out: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { append(json: UnsafeRawBufferPointer($0), to: &out) }
    }

    /// ``append(_:to:)-(String,_)`` of UTF-8 bytes.
    static func append(json raw: UnsafeRawBufferPointer, to out: inout [UInt8]) -> Bool {
        let scanner = JSONScanner(raw)
        let start = scanner.skipWhitespace(0)
        guard start < raw.count, raw[start] == UInt8(ascii: "{") || raw[start] == UInt8(ascii: "["),
              let end = try? scanner.endOfValue(start), scanner.skipWhitespace(end) == raw.count else { return false }
        appendRuns(raw, start..<end, to: &out)
        return true
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

    /// Appends `raw[range]`, valid JSON, without the white space outside its strings: the runs between such
    /// white space are copied whole, and strings are skipped by ``JSONScanner/endOfString(_:)``.
    static func appendRuns(_ raw: UnsafeRawBufferPointer, _ range: Range<Int>, to out: inout [UInt8]) {
        let scanner = JSONScanner(raw)
        var runStart = range.lowerBound
        var index = range.lowerBound
        while index < range.upperBound {
            let b = raw[index]
            if b == UInt8(ascii: "\"") {
                index = min((try? scanner.endOfString(index).end) ?? range.upperBound, range.upperBound)
            } else if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
                if index > runStart { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<index])) }
                index += 1
                runStart = index
            } else {
                index += 1
            }
        }
        if range.upperBound > runStart {
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[runStart..<range.upperBound]))
        }
    }
}
