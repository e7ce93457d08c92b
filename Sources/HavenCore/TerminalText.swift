/// Text that is safe to show on a terminal.
///
/// A name, note or team name typed by one person is shown on another person's screen. Control
/// characters (an escape sequence can clear the screen, move the cursor, or plant a hidden
/// link) and bidirectional overrides (which make text read differently from what it is) are
/// never passed through: they are shown visibly, as `\u{1B}`. JSON output keeps the exact text.
public enum TerminalText {
    /// C0 and C1 controls, DEL, the line and paragraph separators, and the bidirectional marks,
    /// embeddings, overrides and isolates.
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: true
        case 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `text` with every unsafe character but newline and tab shown as `\u{XX}`.
    public static func neutralised(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && $0 != "\n" && $0 != "\t" }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) && scalar != "\n" && scalar != "\t" {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
