/// The languages of the catalogue.
public enum Language: String, CaseIterable, Sendable, Codable {
    case vi, en

    /// The language from `--lang`, else `LC_ALL`, `LC_MESSAGES` or `LANG` (a `vi` locale
    /// gives Vietnamese), else English.
    public static func resolve(flag: String?, environment: [String: String]) -> Language? {
        if let flag { return Language(rawValue: flag.lowercased()) }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("vi") ? .vi : .en
        }
        return .en
    }
}
