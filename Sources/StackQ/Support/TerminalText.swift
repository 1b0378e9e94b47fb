/// Makes text safe to show on a terminal: C0 and C1 control characters (ESC, BEL, backspace, CSI…) are written
/// as visible escapes, so no API value or server message can move the cursor, clear the screen or fake a line.
///
/// ```swift
/// TerminalText.escapingControls("a\u{1B}[2Jb")          // "a\\x1B[2Jb"
/// TerminalText.escapingControls("a\nb")                  // "a\\nb"
/// TerminalText.escapingControls("a\nb", keepingNewlines: true)   // "a\nb"
/// ```
package enum TerminalText {
    /// `text` with every control character escaped: `\n`, `\r`, `\t` as themselves, others as `\xHH` (C0, DEL)
    /// or `\u{HHHH}` (C1). With `keepingNewlines`, line feeds (and tabs) stay as they are, for multi-line messages.
    public static func escapingControls(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.append(scalar)
                continue
            }
            let escaped: String
            switch scalar {
            case "\n": escaped = keepingNewlines ? "\n" : "\\n"
            case "\t": escaped = keepingNewlines ? "\t" : "\\t"
            case "\r": escaped = "\\r"
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped = scalar.value < 0x80 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{" + hex + "}"
            }
            out.append(contentsOf: escaped.unicodeScalars)
        }
        return String(out)
    }

    /// C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
