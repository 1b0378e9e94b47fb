import Foundation

/// `{{ name }}` placeholders in a script, replaced before it is parsed.
///
/// A value is inserted as a SQL literal, so it can never become SQL: outside quotes `{{ project }}` becomes
/// `'my-project'` (quotes doubled); inside a string literal (`'{{ project }}'`) or a quoted identifier it is
/// inserted with that literal's quote doubled. `{{ name | raw }}` inserts the text exactly as given, for the rare
/// script that wants to splice SQL. `{{ .name }}` (Go template style) is read as `{{ name }}`. Placeholders in
/// comments are left as they are. A name without a value is an error that names it and where it is.
///
/// ```swift
/// try ScriptVariables.substitute(["p": "it's"], in: "SELECT {{ p }}, '{{ p }}'")   // SELECT 'it''s', 'it''s'
/// ```
package enum ScriptVariables {
    /// A placeholder without a value.
    public struct UndefinedVariable: Error, CustomStringConvertible, LocalizedError, Sendable, Hashable {
        /// The name in the placeholder (`project` for `{{ project }}`).
        public var name: String
        /// The placeholder's line in the script, from 1.
        public var line: Int
        /// The placeholder's column, from 1, counted in UTF-8 bytes.
        public var column: Int

        public var description: String {
            "\(line):\(column): error: {{ \(name) }} has no value: give it one with --var \(name)=VALUE"
        }

        public var errorDescription: String? { description }
    }

    /// `script` with every placeholder outside comments replaced.
    /// - Throws: ``UndefinedVariable`` for the first placeholder whose name has no value.
    public static func substitute(_ values: [String: String], in script: String) throws -> String {
        guard script.utf8.contains(UInt8(ascii: "{")) else { return script }
        let bytes = Array(script.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var quote: UInt8?
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                quote = byte
            } else if byte == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                let end = bytes[i...].firstIndex(of: 0x0A) ?? bytes.count
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            } else if byte == UInt8(ascii: "/"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "*") {
                var end = i + 2
                while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "*") && bytes[end + 1] == UInt8(ascii: "/")) { end += 1 }
                end = min(bytes.count, end + 2)
                out.append(contentsOf: bytes[i..<end])
                i = end
                continue
            }
            if byte == UInt8(ascii: "{"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "{"),
               let placeholder = Placeholder(bytes, at: i) {
                guard let value = values[placeholder.name] else {
                    let (line, column) = position(of: i, in: bytes)
                    throw UndefinedVariable(name: placeholder.name, line: line, column: column)
                }
                out.append(contentsOf: rendered(value, raw: placeholder.raw, inside: quote).utf8)
                i = placeholder.end
                continue
            }
            out.append(byte)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value as it goes into the script at a place quoted by `quote` (nil: outside any quotes).
    static func rendered(_ value: String, raw: Bool, inside quote: UInt8?) -> String {
        if raw { return value }
        guard let quote else { return "'" + value.replacingOccurrences(of: "'", with: "''") + "'" }
        let mark = String(UnicodeScalar(quote))
        return value.replacingOccurrences(of: mark, with: mark + mark)
    }

    /// 1-based line and column (in bytes) of `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        for k in 0..<offset where bytes[k] == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return (line, offset - lineStart + 1)
    }

    /// `{{ name }}`, `{{.name}}` or `{{ name | raw }}` starting at an offset.
    struct Placeholder {
        var name: String
        var raw: Bool
        /// The offset just past the closing `}}`.
        var end: Int

        init?(_ bytes: [UInt8], at start: Int) {
            var close = start + 2
            while close + 1 < bytes.count, !(bytes[close] == UInt8(ascii: "}") && bytes[close + 1] == UInt8(ascii: "}")) {
                if bytes[close] == 0x0A || close - start > 200 { return nil }
                close += 1
            }
            guard close + 1 < bytes.count else { return nil }
            var inner = String(decoding: bytes[(start + 2)..<close], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            var raw = false
            if let bar = inner.firstIndex(of: "|") {
                guard inner[inner.index(after: bar)...].trimmingCharacters(in: .whitespaces) == "raw" else { return nil }
                raw = true
                inner = inner[..<bar].trimmingCharacters(in: .whitespaces)
            }
            if inner.hasPrefix(".") { inner.removeFirst() }
            guard let first = inner.unicodeScalars.first, first == "_" || first.properties.isAlphabetic,
                  inner.unicodeScalars.allSatisfy({ $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0) }) else { return nil }
            self.name = inner
            self.raw = raw
            self.end = close + 2
        }
    }
}
