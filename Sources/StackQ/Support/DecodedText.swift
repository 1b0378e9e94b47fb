import Foundation

/// Text with the encodings a server may wrap a value in undone, and line breaks left out, with the way back to
/// the original bytes: what ``SecretIndex`` searches, so that a secret echoed as `1\/\/0g…`, `1%2F%2F0g…`,
/// `\u0079\u0061…`, `&#121;&#97;…` or split over two lines is found as if written plainly.
///
/// One layer is undone: JSON escapes (`\/ \\ \" \'`, `\uXXXX` below 0x80), percent-encoding (`%2F`), HTML
/// character references (`&#47;`, `&#x2F;`, `&sol;`, `&amp;` …). Line breaks, raw or encoded (`\n`, `%0A`,
/// `&#10;`), produce nothing.
struct DecodedText {
    /// The decoded bytes.
    private(set) var bytes: [UInt8] = []
    /// Each place where the decoded bytes stop being a copy of the original, in order.
    private var marks: [Mark] = []

    /// An encoded sequence (`original`) that decoded to the byte at `decoded`, or to nothing before it.
    private struct Mark {
        var decoded: Int
        var original: Range<Int>
        var produced: Bool
    }

    /// Whether `text` has anything to decode; when it has not, its decoded bytes are its own.
    static func needsDecoding(_ text: UnsafeRawBufferPointer) -> Bool {
        var scanner = IntroducerScanner(text)
        return scanner.next(from: 0) < text.count
    }

    init(_ text: UnsafeRawBufferPointer) {
        bytes.reserveCapacity(text.count)
        var scanner = IntroducerScanner(text)
        var index = scanner.next(from: 0)
        var runStart = 0
        while index < text.count {
            guard let (value, length) = Self.decode(text, at: index) else {
                index = scanner.next(from: index + 1)
                continue
            }
            append(text, runStart..<index)
            marks.append(Mark(decoded: bytes.count, original: index..<(index + length), produced: value != nil))
            if let value { bytes.append(value) }
            runStart = index + length
            index = scanner.next(from: runStart)
        }
        append(text, runStart..<text.count)
    }

    private mutating func append(_ text: UnsafeRawBufferPointer, _ range: Range<Int>) {
        guard !range.isEmpty else { return }
        bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[range]).assumingMemoryBound(to: UInt8.self))
    }

    /// Finds the next introducer with one `memchr` per introducer and per occurrence, so the bytes between them
    /// cost what copying them costs.
    private struct IntroducerScanner {
        let text: UnsafeRawBufferPointer
        /// For each introducer, the position of its next occurrence after where it was last looked for
        /// (`text.count`: none left; -1: not looked for yet).
        var positions: (Int, Int, Int, Int, Int) = (-1, -1, -1, -1, -1)

        init(_ text: UnsafeRawBufferPointer) {
            self.text = text
        }

        mutating func next(from start: Int) -> Int {
            guard start < text.count else { return text.count }
            return min(next(&positions.0, 0x5C, from: start), next(&positions.1, 0x25, from: start),
                       next(&positions.2, 0x26, from: start), next(&positions.3, 0x0A, from: start),
                       next(&positions.4, 0x0D, from: start))
        }

        @inline(__always)
        private func next(_ position: inout Int, _ byte: Int32, from start: Int) -> Int {
            if position < start, position != text.count, let base = text.baseAddress {
                let found = memchr(base + start, byte, text.count - start)
                position = found.map { base.distance(to: UnsafeRawPointer($0)) } ?? text.count
            }
            return position
        }
    }

    /// The original bytes the decoded bytes `range` came from (with any line break between them).
    func originalRange(of range: Range<Int>) -> Range<Int> {
        originalStart(of: range.lowerBound)..<originalEnd(of: range.upperBound - 1)
    }

    private func originalStart(of index: Int) -> Int {
        guard let mark = lastMark(atOrBefore: index) else { return index }
        if mark.decoded == index, mark.produced { return mark.original.lowerBound }
        return mark.original.upperBound + index - mark.decoded - (mark.produced ? 1 : 0)
    }

    private func originalEnd(of index: Int) -> Int {
        if let mark = lastMark(atOrBefore: index), mark.decoded == index, mark.produced { return mark.original.upperBound }
        return originalStart(of: index) + 1
    }

    /// The last mark at or before decoded byte `index` (binary search: marks are in order).
    private func lastMark(atOrBefore index: Int) -> Mark? {
        var low = 0
        var high = marks.count
        while low < high {
            let middle = (low + high) / 2
            if marks[middle].decoded <= index { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : marks[low - 1]
    }

    // MARK: Decoding

    /// The byte the sequence at `index` stands for (nil: a line break, left out) and its length, or nil when
    /// nothing is encoded there.
    private static func decode(_ text: UnsafeRawBufferPointer, at index: Int) -> (UInt8?, Int)? {
        let byte = text[index]
        switch byte {
        case 0x0A, 0x0D:
            return (nil, 1)
        case UInt8(ascii: "\\"):
            guard index + 1 < text.count else { return nil }
            switch text[index + 1] {
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"):
                return (text[index + 1], 2)
            case UInt8(ascii: "n"), UInt8(ascii: "r"):
                return (nil, 2)
            case UInt8(ascii: "u"):
                guard let value = hexValue(text, from: index + 2, digits: 4) else { return nil }
                return character(value, length: 6)
            default:
                return nil
            }
        case UInt8(ascii: "%"):
            guard let value = hexValue(text, from: index + 1, digits: 2) else { return nil }
            return character(value, length: 3)
        default:
            return characterReference(text, at: index)
        }
    }

    /// An ASCII character decoded from `length` bytes; a line break decodes to nothing.
    private static func character(_ value: UInt32, length: Int) -> (UInt8?, Int)? {
        if value == 0x0A || value == 0x0D { return (nil, length) }
        return value < 0x80 ? (UInt8(value), length) : nil
    }

    /// Names of HTML character references for the ASCII characters a token or key may hold.
    private static let namedReferences: [String: UInt8] = [
        "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27, "sol": 0x2F, "equals": 0x3D, "plus": 0x2B,
        "period": 0x2E, "lowbar": 0x5F, "colon": 0x3A, "percnt": 0x25, "bsol": 0x5C, "num": 0x23, "dollar": 0x24,
        "NewLine": 0x0A,
    ]

    /// `&#47;`, `&#x2F;` or `&sol;` at `index`.
    private static func characterReference(_ text: UnsafeRawBufferPointer, at index: Int) -> (UInt8?, Int)? {
        guard let semicolon = text[index..<min(text.count, index + 12)].firstIndex(of: UInt8(ascii: ";")),
              semicolon > index + 1 else { return nil }
        let length = semicolon + 1 - index
        let body = text[(index + 1)..<semicolon]
        if body.first == UInt8(ascii: "#") {
            let isHex = body.count > 1 && body[body.startIndex + 1] | 0x20 == UInt8(ascii: "x")
            let digits = body.dropFirst(isHex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 7 else { return nil }
            var value: UInt32 = 0
            for digit in digits {
                guard let d = digitValue(digit, hex: isHex) else { return nil }
                value = value * (isHex ? 16 : 10) + d
            }
            return character(value, length: length)
        }
        guard let value = namedReferences[String(decoding: body, as: UTF8.self)] else { return nil }
        return character(UInt32(value), length: length)
    }

    private static func hexValue(_ text: UnsafeRawBufferPointer, from start: Int, digits: Int) -> UInt32? {
        guard start + digits <= text.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<digits {
            guard let d = digitValue(text[start + offset], hex: true) else { return nil }
            value = value << 4 | d
        }
        return value
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
