import Foundation

/// The secrets a ``Redactor`` hides, indexed to be found in one pass over a text: whole, or any fragment of
/// ``fragmentLength`` bytes or more, as written, in base64 or base64url, and — through ``DecodedText`` — JSON-escaped,
/// percent-encoded, as HTML character references or split over lines.
///
/// Every 8-byte window of every form of every secret is in a table. A fragment of 16 bytes or more holds a window
/// that starts at a multiple of 8 in the text, so the text is probed one window in eight: an 8-byte load and a bit
/// of a filter for each, a table lookup only for the windows that pass, and the match grown byte by byte from there.
struct SecretIndex: Sendable {
    /// The shortest fragment of a secret that is hidden wherever it appears; a secret shorter than this is hidden
    /// only whole.
    static let fragmentLength = 16

    /// Where an 8-byte window occurs: which form and at what offset.
    private struct Occurrence: Sendable {
        var form: Int
        var offset: Int
    }

    /// Each secret as written (line breaks left out), in base64 and in base64url.
    private var forms: [[UInt8]] = []
    private var windows: [UInt64: [Occurrence]] = [:]
    private static let filterBits = 18
    /// One bit per hash bucket of `windows`: most windows of a text are dismissed without a table lookup.
    private var filter = [UInt64](repeating: 0, count: 1 << (filterBits - 6))
    /// Forms shorter than ``fragmentLength``, which are searched for whole.
    private var shortForms: [Int] = []

    var isEmpty: Bool { forms.isEmpty }

    /// Adds a secret of at least 8 bytes, in each of its forms.
    mutating func insert(_ secret: [UInt8]) {
        let plain = secret.filter { $0 != 0x0A && $0 != 0x0D }
        let base64 = Array(Data(secret).base64EncodedString().utf8)
        let base64URL = base64.compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }
        for form in [plain, base64, base64URL] where form.count >= 8 && !forms.contains(form) {
            let number = forms.count
            forms.append(form)
            if form.count < Self.fragmentLength { shortForms.append(number) }
            form.withUnsafeBytes { bytes in
                for offset in 0...(bytes.count - 8) {
                    let key = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    windows[key, default: []].append(Occurrence(form: number, offset: offset))
                    let bucket = Self.bucket(key)
                    filter[bucket >> 6] |= 1 << UInt64(bucket & 63)
                }
            }
        }
    }

    @inline(__always)
    private static func bucket(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - filterBits))
    }

    /// The ranges of `text` that hold a secret whole or a fragment of one of ``fragmentLength`` bytes or more,
    /// in order and merged.
    func matches(in text: UnsafeRawBufferPointer) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var coveredUpTo = 0
        filter.withUnsafeBufferPointer { filter in
            var start = 0
            while start + 8 <= text.count {
                defer { start += 8 }
                let key = text.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                let bucket = Self.bucket(key)
                guard filter[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0, start + 8 > coveredUpTo,
                      let occurrences = windows[key] else { continue }
                for occurrence in occurrences {
                    let match = grow(start..<(start + 8), in: text, along: occurrence)
                    guard match.count >= Self.fragmentLength || match.count == forms[occurrence.form].count else { continue }
                    found.append(match)
                    coveredUpTo = max(coveredUpTo, match.upperBound)
                }
            }
        }
        for form in shortForms {
            found += occurrences(of: forms[form], in: text)
        }
        return Self.merged(found)
    }

    /// The window at `window` grown left and right as far as text and form agree.
    private func grow(_ window: Range<Int>, in text: UnsafeRawBufferPointer, along occurrence: Occurrence) -> Range<Int> {
        let form = forms[occurrence.form]
        var lower = window.lowerBound
        var formLower = occurrence.offset
        while lower > 0, formLower > 0, text[lower - 1] == form[formLower - 1] {
            lower -= 1
            formLower -= 1
        }
        var upper = window.upperBound
        var formUpper = occurrence.offset + 8
        while upper < text.count, formUpper < form.count, text[upper] == form[formUpper] {
            upper += 1
            formUpper += 1
        }
        return lower..<upper
    }

    private func occurrences(of form: [UInt8], in text: UnsafeRawBufferPointer) -> [Range<Int>] {
        guard !form.isEmpty, text.count >= form.count, let base = text.baseAddress else { return [] }
        var found: [Range<Int>] = []
        var start = 0
        // memchr to each candidate and memcmp there, not a byte loop: every response page is searched, and pages
        // run to megabytes.
        form.withUnsafeBytes { needle in
            let last = text.count - form.count
            while start <= last, let hit = memchr(base + start, Int32(form[0]), last - start + 1) {
                let offset = base.distance(to: UnsafeRawPointer(hit))
                if let needle = needle.baseAddress, memcmp(hit, needle, form.count) == 0 {
                    found.append(offset..<(offset + form.count))
                    start = offset + form.count
                } else {
                    start = offset + 1
                }
            }
        }
        return found
    }

    /// `ranges` sorted, with overlapping and touching ones joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    /// The ranges of the original `text` that hold a secret in any of the encodings ``DecodedText`` undoes.
    func originalMatches(in text: UnsafeRawBufferPointer) -> [Range<Int>] {
        guard !isEmpty else { return [] }
        guard DecodedText.needsDecoding(text) else { return matches(in: text) }
        let decoded = DecodedText(text)
        let ranges = decoded.bytes.withUnsafeBytes { matches(in: $0) }
        return Self.merged(ranges.map(decoded.originalRange(of:)))
    }

    /// `text` with every range of ``originalMatches(in:)`` replaced by `placeholder`; nil when there is none.
    func redacting(_ text: UnsafeRawBufferPointer, with placeholder: [UInt8]) -> [UInt8]? {
        let ranges = originalMatches(in: text)
        guard !ranges.isEmpty else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(text.count)
        var copied = 0
        for range in ranges {
            result.append(contentsOf: text[copied..<range.lowerBound])
            result.append(contentsOf: placeholder)
            copied = range.upperBound
        }
        result.append(contentsOf: text[copied..<text.count])
        return result
    }
}
