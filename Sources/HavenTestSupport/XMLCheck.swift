import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Checks that text is well-formed XML (for SVG charts and the report).
public enum XMLCheck {
    public static func isWellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }
}
