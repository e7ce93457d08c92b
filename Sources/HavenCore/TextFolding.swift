import Foundation

/// Text normalisation for matching: Unicode NFC, lower case, Vietnamese diacritics folded.
public enum TextFolding {
    /// Folds `text` for identity matching (DESIGN.md §5, blind index): NFD, combining marks
    /// removed, đ → d, lower case, runs of white space collapsed to one space, trimmed.
    ///
    /// "Nguyễn Thị  Lan", "NGUYEN THI LAN" and the NFD spelling of the first all fold to
    /// "nguyen thi lan".
    public static func fold(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue // combining diacritical marks
            case 0x0111, 0x0110: scalars.append("d") // đ, Đ
            default: scalars.append(scalar)
            }
        }
        let lowered = String(scalars).lowercased()
        return lowered.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// A slug: folded, with every run of non-alphanumerics turned into one hyphen.
    public static func slug(_ text: String) -> String {
        let folded = fold(text)
        var out = ""
        var pendingHyphen = false
        for ch in folded {
            if ch.isLetter || ch.isNumber {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.append(ch)
            } else {
                pendingHyphen = true
            }
        }
        return out
    }
}
