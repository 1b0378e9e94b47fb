/// Checks that bytes are exactly one JSON text (RFC 8259): one pass, no values built, no recursion (nesting is
/// kept on a heap stack), whatever the input. Pages are checked with it before any of their rows is stored, so
/// what `-o json` prints is always JSON.
///
/// ```swift
/// try JSONValidator.validate(Array(#"{"state":tru}"#.utf8))   // throws: invalid JSON at byte 9: …
/// ```
enum JSONValidator {
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    static func validate(_ bytes: UnsafeRawBufferPointer) throws(JSONParseError) {
        var reader = Reader(bytes: bytes)
        try reader.run()
    }

    static func validate(_ bytes: [UInt8]) throws(JSONParseError) {
        let problem = bytes.withUnsafeBytes { raw -> JSONParseError? in
            do {
                try validate(raw)
                return nil
            } catch {
                return error as? JSONParseError
            }
        }
        if let problem { throw problem }
    }

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var i = 0
        /// `{` or `[` for each open container.
        var stack: [UInt8] = []

        init(bytes: UnsafeRawBufferPointer) {
            self.bytes = bytes
        }

        func fail(_ message: String, at offset: Int? = nil) -> JSONParseError {
            JSONParseError(offset: offset ?? i, message: message)
        }

        mutating func skipWhitespace() {
            while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
        }

        func describe(_ byte: UInt8) -> String {
            (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }

        mutating func run() throws(JSONParseError) {
            skipWhitespace()
            guard i < bytes.count else { throw fail(bytes.isEmpty ? "the body is empty" : "the body is only white space") }
            while true {
                // An opened container needs its first value before anything can close.
                guard try value() else { continue }
                // After a value: close containers, or go on after a comma.
                while true {
                    skipWhitespace()
                    guard let open = stack.last else {
                        guard i == bytes.count else { throw fail("unexpected \(describe(bytes[i])) after the end of the JSON value") }
                        return
                    }
                    guard i < bytes.count else { throw fail("the body ends inside \(open == UInt8(ascii: "{") ? "an object" : "an array")") }
                    let byte = bytes[i]
                    if byte == UInt8(ascii: ",") {
                        i += 1
                        if open == UInt8(ascii: "{") { try memberName() }
                        break
                    }
                    if (open == UInt8(ascii: "{") && byte == UInt8(ascii: "}")) || (open == UInt8(ascii: "[") && byte == UInt8(ascii: "]")) {
                        stack.removeLast()
                        i += 1
                        continue
                    }
                    throw fail(open == UInt8(ascii: "{") ? "expected ',' or '}', found \(describe(byte))" : "expected ',' or ']', found \(describe(byte))")
                }
            }
        }

        /// Reads one value and returns true, or opens a container (pushed, with its first member name read) and
        /// returns false: the caller then reads the container's first value.
        mutating func value() throws(JSONParseError) -> Bool {
            skipWhitespace()
            guard i < bytes.count else { throw fail("the body ends where a value was expected") }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return true }
                stack.append(UInt8(ascii: "{"))
                try memberName()
                return false
            case UInt8(ascii: "["):
                i += 1
                skipWhitespace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return true }
                stack.append(UInt8(ascii: "["))
                return false
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true")
            case UInt8(ascii: "f"): try literal("false")
            case UInt8(ascii: "n"): try literal("null")
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw fail("expected a value, found \(describe(bytes[i]))")
            }
            return true
        }

        /// `"name" :`, leaving `i` at the value.
        mutating func memberName() throws(JSONParseError) {
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
                throw fail(i < bytes.count ? "expected a member name, found \(describe(bytes[i]))" : "the body ends where a member name was expected")
            }
            try string()
            skipWhitespace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else {
                throw fail(i < bytes.count ? "expected ':', found \(describe(bytes[i]))" : "the body ends where ':' was expected")
            }
            i += 1
        }

        mutating func literal(_ word: StaticString) throws(JSONParseError) {
            let start = i
            let count = word.utf8CodeUnitCount
            guard bytes.count - i >= count else { throw fail("invalid literal (expected \(word))", at: start) }
            for k in 0..<count where bytes[i + k] != word.utf8Start[k] {
                throw fail("invalid literal (expected \(word))", at: start)
            }
            i += count
        }

        mutating func string() throws(JSONParseError) {
            let start = i
            i += 1
            while i < bytes.count {
                i = JSONStringRun.end(in: bytes, from: i)
                guard i < bytes.count else { break }
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "\""):
                    i += 1
                    return
                case UInt8(ascii: "\\"):
                    guard i + 1 < bytes.count else { throw fail("unterminated string", at: start) }
                    switch bytes[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 5 < bytes.count, (2...5).allSatisfy({ isHexDigit(bytes[i + $0]) }) else {
                            throw fail("invalid \\u escape")
                        }
                        i += 6
                    default:
                        throw fail("invalid escape \\\(describe(bytes[i + 1]))")
                    }
                case 0x00..<0x20:
                    throw fail("control character \(describe(byte)) inside a string")
                default:
                    i += 1
                }
            }
            throw fail("unterminated string", at: start)
        }

        func isHexDigit(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
        }

        func isDigit(_ k: Int) -> Bool {
            k < bytes.count && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9")
        }

        mutating func number() throws(JSONParseError) {
            let start = i
            if bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard isDigit(i) else { throw fail("invalid number", at: start) }
            if bytes[i] == UInt8(ascii: "0") {
                i += 1
                if isDigit(i) { throw fail("invalid number (leading zero)", at: start) }
            } else {
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                guard isDigit(i) else { throw fail("invalid number", at: start) }
                while isDigit(i) { i += 1 }
            }
            if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
                i += 1
                if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
                guard isDigit(i) else { throw fail("invalid number", at: start) }
                while isDigit(i) { i += 1 }
            }
        }
    }
}
