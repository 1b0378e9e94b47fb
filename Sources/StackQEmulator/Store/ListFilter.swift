import StackQ

/// The subset of AIP-160 filters the emulator understands: comparisons `field = value` / `field != value`
/// joined by `AND`. Fields may be dotted (`labels.env`) and snake_case (`job_state`); values are bare words,
/// numbers, `true`/`false`, or double-quoted strings.
struct ListFilter: Sendable, Hashable {
    struct Comparison: Sendable, Hashable {
        var field: String
        var negated: Bool
        var value: String
        var quoted: Bool
    }

    var comparisons: [Comparison]

    /// Parses `text`; throws INVALID_ARGUMENT naming what could not be read.
    init(_ text: String) throws(APIError) {
        var scanner = FilterScanner(Array(text.utf8))
        var comparisons: [Comparison] = []
        while true {
            scanner.skipSpaces()
            guard let field = scanner.word(), !field.isEmpty else {
                throw .invalidArgument("Invalid filter \"\(text)\": expected a field name at offset \(scanner.index).")
            }
            scanner.skipSpaces()
            let negated: Bool
            if scanner.consume("!=") {
                negated = true
            } else if scanner.consume("=") || scanner.consume(":") {
                negated = false
            } else {
                throw .invalidArgument("Invalid filter \"\(text)\": expected = or != after \(field).")
            }
            scanner.skipSpaces()
            let value: String
            let quoted: Bool
            if let string = scanner.quoted() {
                value = string
                quoted = true
            } else if let word = scanner.word(), !word.isEmpty {
                value = word
                quoted = false
            } else {
                throw .invalidArgument("Invalid filter \"\(text)\": expected a value after \(field).")
            }
            comparisons.append(Comparison(field: field, negated: negated, value: value, quoted: quoted))
            scanner.skipSpaces()
            if scanner.atEnd { break }
            guard scanner.consume("AND"), scanner.atSpaceOrEnd else {
                throw .invalidArgument("Invalid filter \"\(text)\": only AND of comparisons is supported, at offset \(scanner.index).")
            }
        }
        self.comparisons = comparisons
    }

    /// True when every comparison holds for `item`.
    func matches(_ item: JSONValue) -> Bool {
        comparisons.allSatisfy { comparison in
            let equal = ListFilter.equals(item.value(atPath: comparison.field), comparison)
            return comparison.negated ? !equal : equal
        }
    }

    private static func equals(_ value: JSONValue?, _ comparison: Comparison) -> Bool {
        switch value {
        case .string(let s): return s == comparison.value
        case .number(let n): return !comparison.quoted && Double(comparison.value) == n
        case .bool(let b): return !comparison.quoted && comparison.value == (b ? "true" : "false")
        default: return false
        }
    }
}

/// A byte cursor over filter text.
private struct FilterScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var atSpaceOrEnd: Bool { atEnd || bytes[index] == 0x20 || bytes[index] == 0x09 }

    mutating func skipSpaces() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 || bytes[index] == 0x0A { index += 1 }
    }

    mutating func consume(_ text: String) -> Bool {
        let expected = Array(text.utf8)
        guard index + expected.count <= bytes.count, Array(bytes[index..<index + expected.count]) == expected else {
            return false
        }
        index += expected.count
        return true
    }

    /// Letters, digits, `_ . - @ /`: a field name or a bare value.
    mutating func word() -> String? {
        let start = index
        while index < bytes.count {
            let b = bytes[index]
            let isWordByte = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".") || b == UInt8(ascii: "-")
                || b == UInt8(ascii: "@") || b == UInt8(ascii: "/") || b >= 0x80
            guard isWordByte else { break }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// A double-quoted string with `\"` and `\\` escapes, or nil (cursor unmoved) when none starts here.
    mutating func quoted() -> String? {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var out: [UInt8] = []
        var i = index + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < bytes.count {
                out.append(bytes[i + 1])
                i += 2
            } else if b == UInt8(ascii: "\"") {
                index = i + 1
                return String(decoding: out, as: UTF8.self)
            } else {
                out.append(b)
                i += 1
            }
        }
        return nil
    }
}
