/// How many terminal columns text takes: East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms)
/// and emoji take two, combining marks and zero-width characters none, everything else one. Tables measure and
/// cut cells with it, so a column of Japanese names or emoji labels stays aligned.
///
/// ```swift
/// DisplayWidth.of("abc")        // 3
/// DisplayWidth.of("日本")        // 4
/// DisplayWidth.prefix("日本語", columns: 5)   // "日本" (4 columns: the next character would not fit)
/// ```
package enum DisplayWidth {
    /// The columns `text` takes.
    package static func of(_ text: String) -> Int {
        // ASCII, the common case: one column a byte.
        if PrintableASCII.isASCII(text) { return text.utf8.count }
        var width = 0
        for scalar in text.unicodeScalars { width += of(scalar) }
        return width
    }

    /// The longest start of `text` that fits in `columns`.
    package static func prefix(_ text: String, columns: Int) -> String {
        var width = 0
        var end = text.startIndex
        for index in text.indices {
            let next = of(text[index])
            if width + next > columns { break }
            width += next
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// `text` when it fits in `columns`, else its longest start that fits with `…` after it.
    package static func cut(_ text: String, to columns: Int) -> String {
        // A text of no more bytes than columns fits whatever it holds: no character is wider than its bytes.
        if text.utf8.count <= columns || of(text) <= columns { return text }
        return prefix(text, columns: max(columns - 1, 0)) + "…"
    }

    /// The columns of one character (its first scalar's width; marks that follow it add none).
    static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars { width += of(scalar) }
        return min(width, 2)
    }

    /// The columns of one scalar.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if value == 0x200B || (0xFE00...0xFE0F).contains(value) { return 0 }
        return wide.contains { $0.contains(value) } ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks, and the emoji planes (Unicode's EastAsianWidth.txt, in outline).
    static let wide: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0...0x23F0, 0x23F3...0x23F3,
        0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F...0x267F, 0x2693...0x2693, 0x26A1...0x26A1,
        0x26AA...0x26AB, 0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE...0x26CE, 0x26D4...0x26D4, 0x26EA...0x26EA,
        0x26F2...0x26F3, 0x26F5...0x26F5, 0x26FA...0x26FA, 0x26FD...0x26FD, 0x2705...0x2705, 0x270A...0x270B,
        0x2728...0x2728, 0x274C...0x274C, 0x274E...0x274E, 0x2753...0x2755, 0x2757...0x2757, 0x2795...0x2797,
        0x27B0...0x27B0, 0x27BF...0x27BF, 0x2B1B...0x2B1C, 0x2B50...0x2B50, 0x2B55...0x2B55,
        0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF, 0x1F004...0x1F004, 0x1F0CF...0x1F0CF,
        0x1F18E...0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F, 0x1F680...0x1F6FF,
        0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
