import HavenCore
import Testing

@Suite("GBVIMS classification by elimination")
struct ClassificationTests {
    /// Every act alone gives the type of the table (trafficking is a context only).
    @Test(arguments: [
        ("rape", "rape"),
        ("attempted_rape", "sexual_assault"), ("sexual_touching", "sexual_assault"), ("forced_sexual_act", "sexual_assault"),
        ("beating", "physical_assault"), ("strangulation", "physical_assault"), ("weapon", "physical_assault"),
        ("burning", "physical_assault"), ("confinement", "physical_assault"),
        ("forced_marriage", "forced_marriage"), ("child_marriage", "forced_marriage"),
        ("withholding_money", "denial_of_resources"), ("preventing_work", "denial_of_resources"),
        ("denial_of_services", "denial_of_resources"),
        ("insults", "psychological_abuse"), ("threats", "psychological_abuse"), ("threats_to_kill", "psychological_abuse"),
        ("isolation", "psychological_abuse"), ("stalking", "psychological_abuse"), ("forced_to_witness", "psychological_abuse"),
        ("trafficking", "non_gbv"),
    ])
    func singleAct(act: String, type: String) throws {
        let parsed = try #require(Act(rawValue: act))
        #expect(GBVType.classify([parsed]).rawValue == type)
    }

    /// The table covers every act.
    @Test func everyActIsClassified() {
        #expect(Act.allCases.count == 21)
    }

    /// For every pair of acts, the type is the earlier of their two types in GBVIMS order.
    @Test func everyTieGoesToTheEarlierType() {
        let order = GBVType.allCases
        for a in Act.allCases {
            for b in Act.allCases {
                let types = [a.gbvType, b.gbvType].compactMap { $0 }
                let expected = types.min { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! } ?? .nonGBV
                #expect(GBVType.classify([a, b]) == expected, "\(a) + \(b)")
                #expect(GBVType.classify([b, a]) == expected, "order of acts must not matter")
            }
        }
    }

    /// Rape wins over everything, even with every other act present.
    @Test func rapeWinsOverAll() {
        #expect(GBVType.classify(Act.allCases) == .rape)
        #expect(GBVType.classify(Act.allCases.filter { $0 != .rape }) == .sexualAssault)
    }

    /// No act at all, or trafficking alone, is non-GBV.
    @Test func nothingIsNonGBV() {
        #expect(GBVType.classify([Act]()) == .nonGBV)
        #expect(GBVType.classify([.trafficking, .trafficking]) == .nonGBV)
    }
}

@Suite("Age groups and reporting delay at their edges")
struct BucketTests {
    @Test(arguments: [(0, "0-11"), (11, "0-11"), (12, "12-17"), (17, "12-17"), (18, "18-25"), (25, "18-25"),
                      (26, "26-40"), (40, "26-40"), (41, "41-60"), (60, "41-60"), (61, "61+"), (104, "61+")])
    func ageGroup(years: Int, group: String) {
        #expect(AgeGroup(years: years).rawValue == group)
    }

    @Test(arguments: [(0, "0-3d"), (3, "0-3d"), (4, "4-5d"), (5, "4-5d"), (6, "6-14d"), (14, "6-14d"),
                      (15, "2w-1m"), (30, "2w-1m"), (31, "over-1m"), (400, "over-1m")])
    func reportingDelay(days: Int, bucket: String) {
        #expect(ReportingDelay(days: days).rawValue == bucket)
    }

    /// Age on a date counts whole years; the birthday itself is the first day of the new age.
    @Test func ageOnBirthday() throws {
        let birth = try #require(LocalDate(iso: "2008-11-20"))
        #expect(birth.age(on: try #require(LocalDate(iso: "2026-11-19"))) == 17)
        #expect(birth.age(on: try #require(LocalDate(iso: "2026-11-20"))) == 18)
        let leap = try #require(LocalDate(iso: "2008-02-29"))
        #expect(leap.age(on: try #require(LocalDate(iso: "2026-02-28"))) == 17)
        #expect(leap.age(on: try #require(LocalDate(iso: "2026-03-01"))) == 18)
    }

    /// Day arithmetic round-trips across years, leap days and the epoch.
    @Test func localDateArithmetic() throws {
        for text in ["1970-01-01", "1969-12-31", "2000-02-29", "2026-11-29", "2100-03-01", "1900-01-01"] {
            let date = try #require(LocalDate(iso: text))
            #expect(LocalDate(daysSinceEpoch: date.daysSinceEpoch) == date)
            #expect(date.description == text)
        }
        #expect(LocalDate(iso: "2026-02-29") == nil)
        #expect(LocalDate(iso: "2026-13-01") == nil)
        #expect(try #require(LocalDate(iso: "2026-11-19")).days(to: try #require(LocalDate(iso: "2026-12-01"))) == 12)
    }
}
