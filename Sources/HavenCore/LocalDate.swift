import Foundation

/// A calendar date with no time zone (an incident date, a birth date, a report day).
///
/// Day arithmetic uses the proleptic Gregorian calendar through days since 1970-01-01, so no
/// `Calendar` or time zone is read inside the core.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid date, or nil (month 1–12, day within the month).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), (1...LocalDate.daysIn(month: month, year: year)).contains(day),
              (1900...2200).contains(year) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The date at `offsetSeconds` from UTC of an instant (Vietnam is +07:00).
    public init(_ instant: Date, utcOffsetSeconds: Int) {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + utcOffsetSeconds
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        self = LocalDate(daysSinceEpoch: days)
    }

    /// The date `days` days after 1970-01-01 (negative before).
    public init(daysSinceEpoch days: Int) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        month = m
        day = d
    }

    /// Days since 1970-01-01.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    /// The first instant of this day in a zone `utcOffsetSeconds` east of UTC.
    public func startInstant(utcOffsetSeconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(daysSinceEpoch * 86_400 - utcOffsetSeconds))
    }

    public func days(to other: LocalDate) -> Int { other.daysSinceEpoch - daysSinceEpoch }

    /// The date `n` days later.
    public func adding(days n: Int) -> LocalDate { LocalDate(daysSinceEpoch: daysSinceEpoch + n) }

    /// Whole years of age on `date` for someone born on `self`.
    public func age(on date: LocalDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// `YYYY-MM`.
    public var monthString: String { String(format: "%04d-%02d", year, month) }

    public var description: String { String(format: "%04d-%02d-%02d", year, month, day) }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Parsing of ISO 8601 timestamps with an offset, such as `2026-11-20T09:30:00+07:00`.
public enum Timestamp {
    /// The instant and the UTC offset (seconds) written in `text`, or nil.
    ///
    /// Accepts `YYYY-MM-DDTHH:MM[:SS][.fff](Z|±HH:MM)`.
    public static func parse(_ text: String) -> (instant: Date, offsetSeconds: Int)? {
        let chars = Array(text)
        guard chars.count >= 17, chars[10] == "T" || chars[10] == " ",
              let date = LocalDate(iso: String(chars[0..<10])) else { return nil }
        var rest = String(chars[11...])
        var offset = 0
        if rest.hasSuffix("Z") {
            rest.removeLast()
        } else {
            guard rest.count >= 6, let parsed = offsetSeconds(String(rest.suffix(6))) else { return nil }
            offset = parsed
            rest.removeLast(6)
        }
        let clock = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 2 || clock.count == 3, clock[0].count == 2, clock[1].count == 2,
              (clock[0] + clock[1]).allSatisfy({ $0.isASCII && $0.isNumber }),
              let hh = Int(clock[0]), let mm = Int(clock[1]), hh < 24, mm < 60 else { return nil }
        var ss = 0.0
        if clock.count == 3 {
            guard clock[2].count >= 2, clock[2].prefix(2).allSatisfy({ $0.isASCII && $0.isNumber }),
                  clock[2].allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." }),
                  let s = Double(clock[2]), s >= 0, s < 61 else { return nil }
            ss = s
        }
        let seconds = Double(date.daysSinceEpoch * 86_400 + hh * 3600 + mm * 60 - offset) + ss
        return (Date(timeIntervalSince1970: seconds), offset)
    }

    /// The seconds east of UTC written as `±HH:MM` (at most 14 hours), or nil.
    public static func offsetSeconds(_ text: String) -> Int? {
        let zone = Array(text)
        guard zone.count == 6, zone[0] == "+" || zone[0] == "-", zone[3] == ":",
              [zone[1], zone[2], zone[4], zone[5]].allSatisfy({ $0.isASCII && $0.isNumber }),
              let h = Int(String(zone[1...2])), let m = Int(String(zone[4...5])),
              m < 60, h * 60 + m <= 14 * 60 else { return nil }
        return (h * 3600 + m * 60) * (zone[0] == "-" ? -1 : 1)
    }

    /// Formats `instant` as `YYYY-MM-DDTHH:MM:SS±HH:MM` at the given offset (the province's:
    /// `RegionCatalog.utcOffsetSeconds`).
    public static func format(_ instant: Date, offsetSeconds: Int) -> String {
        let total = Int(instant.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let day = LocalDate(daysSinceEpoch: Int((Double(total) / 86_400).rounded(.down)))
        let secs = total - day.daysSinceEpoch * 86_400
        let sign = offsetSeconds < 0 ? "-" : "+"
        let off = abs(offsetSeconds)
        return String(format: "%@T%02d:%02d:%02d%@%02d:%02d", day.description, secs / 3600,
                      (secs % 3600) / 60, secs % 60, sign, off / 3600, (off % 3600) / 60)
    }
}


/// Times as people in Viet Nam read them: "06:44 ngày 02/12/2026", in the province's time zone
/// (`RegionCatalog.utcOffsetSeconds`).
public enum LocalTime {
    public static func format(_ instant: Date, _ language: Language, offsetSeconds: Int) -> String {
        let date = LocalDate(instant, utcOffsetSeconds: offsetSeconds)
        let seconds = Int((instant.timeIntervalSince1970 + Double(offsetSeconds)).rounded(.down))
        let minutes = ((seconds % 86_400) + 86_400) % 86_400 / 60
        let clock = String(format: "%02d:%02d", minutes / 60, minutes % 60)
        let day = String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
        return language == .vi ? "\(clock) ngày \(day)" : "\(clock), \(day)"
    }

    /// A calendar date as dd/mm/yyyy, the form An Giang's paper forms use.
    public static func date(_ date: LocalDate) -> String {
        String(format: "%02d/%02d/%04d", date.day, date.month, date.year)
    }

    /// `YYYY-MM` as mm/yyyy (the text itself when it is not that form).
    public static func month(_ text: String) -> String {
        let parts = text.split(separator: "-")
        guard parts.count == 2 else { return text }
        return "\(parts[1])/\(parts[0])"
    }
}
