import Foundation
import HavenCore

/// How wire values are written as JSON and read back: keys sorted, bytes as base64, times as
/// instants with their offset (`2026-11-30T14:05:00+07:00`, whole seconds). A reader takes the
/// offset written, so any offset is exact; writers use Viet Nam's, so a person reading `--json`
/// reads the local time. (Local *dates* — report days, months — are the policy's time zone,
/// `RegionCatalog.utcOffsetSeconds`; they travel as `YYYY-MM-DD`.)
/// `--json` prints with it and the HTTP API will send with it, so both read the same.
public enum WireJSON {
    public static let offsetSeconds = RegionCatalog.vietnamUTCOffsetSeconds

    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.format(date, offsetSeconds: offsetSeconds))
        }
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let parsed = Timestamp.parse(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a time with an offset")
            }
            return parsed.instant
        }
        return decoder
    }
}
