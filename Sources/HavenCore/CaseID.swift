/// A case identifier such as `C-7Q2MX9KD`: 40 random bits in Crockford base32.
///
/// It is short and readable aloud, and tells nothing about place, date or volume. Parsing
/// accepts lower case and the Crockford look-alikes (`O` → 0, `I`/`L` → 1) and hyphens.
public struct CaseID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public let rawValue: String

    /// A new identifier from five random bytes.
    public init(random: some RandomSource) {
        let bytes = random.bytes(5)
        var value: UInt64 = 0
        for byte in bytes { value = value << 8 | UInt64(byte) }
        var symbols = ""
        for shift in stride(from: 35, through: 0, by: -5) {
            symbols.append(CaseID.alphabet[Int((value >> UInt64(shift)) & 31)])
        }
        rawValue = "C-" + symbols
    }

    /// Parses `C-` and eight symbols leniently, or nil when it cannot be a case id.
    public init?(parsing text: String) {
        var body = text.uppercased().filter { $0 != "-" && $0 != " " }
        if body.hasPrefix("C") && body.count == 9 { body.removeFirst() }
        guard body.count == 8 else { return nil }
        var symbols = ""
        for ch in body {
            let mapped: Character = switch ch { case "O": "0"; case "I", "L": "1"; default: ch }
            guard CaseID.alphabet.contains(mapped) else { return nil }
            symbols.append(mapped)
        }
        rawValue = "C-" + symbols
    }

    public var description: String { rawValue }
    public static func < (a: CaseID, b: CaseID) -> Bool { a.rawValue < b.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let id = CaseID(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a case id"))
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
