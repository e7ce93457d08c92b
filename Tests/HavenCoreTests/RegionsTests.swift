import HavenCore
import HavenTestSupport
import Testing

@Suite("Regions of An Giang")
struct RegionsTests {
    /// 102 units since 1 July 2025: 85 xã, 14 phường, 3 đặc khu, unique slugs and codes.
    @Test func counts() throws {
        let regions = try Fixtures.regions()
        #expect(regions.communes.count == 102)
        #expect(regions.communes.filter { $0.kind == .xa }.count == 85)
        #expect(regions.communes.filter { $0.kind == .phuong }.count == 14)
        #expect(regions.communes.filter { $0.kind == .dacKhu }.count == 3)
        #expect(Set(regions.communes.map(\.slug)).count == 102)
        #expect(Set(regions.communes.map(\.code)).count == 102)
    }

    /// Units formed from the former districts of Tri Tôn and Tịnh Biên are marked.
    @Test func ethnicMinorityFlag() throws {
        let regions = try Fixtures.regions()
        for commune in regions.communes where ["tri-ton", "tinh-bien"].contains(commune.formerDistrictSlug) {
            #expect(commune.largeEthnicMinorityPopulation, "\(commune.slug)")
        }
        #expect(regions.commune("my-thoi")?.largeEthnicMinorityPopulation == false)
    }

    /// Slugs, names with or without diacritics, and suggestions.
    @Test func resolve() throws {
        let regions = try Fixtures.regions()
        #expect(try regions.resolve("my-thoi").name == "Phường Mỹ Thới")
        #expect(try regions.resolve("Phường Mỹ Thới").slug == "my-thoi")
        #expect(try regions.resolve("my thoi").slug == "my-thoi")
        #expect(throws: CoreError.self) { try regions.resolve("nowhere") }
        let error = #expect(throws: CoreError.self) { try regions.resolve("binh-dc") }
        #expect(error == .unknownCommune(value: "binh-dc", suggestions: Suggest.closest(to: "binh-dc", in: regions.communes.map(\.slug))))
        #expect(Suggest.closest(to: "binh-dc", in: regions.communes.map(\.slug)).contains("binh-duc"))
    }

    /// A typo in a key of the file is reported with file, line, column and a suggestion.
    @Test func typoInKey() throws {
        let yaml = try PackagePaths.regionsYAML().replacingOccurrences(of: "    formerDistrictCode: '883'", with: "    formerDistrictCod: '883'")
        // (A do/catch with an enum pattern over this typed-throws initialiser crashes the
        // Swift 6.3.1 compiler's SILGen; #expect(throws:) captures the error instead.)
        let error = #expect(throws: CoreError.self) { try RegionCatalog(yaml: yaml, file: "regions.yaml") }
        guard case let .policy(file, line, column, reason)? = error else { Issue.record("wrong error"); return }
        #expect(file == "regions.yaml")
        #expect(line == 22 && column == 5)
        #expect(reason.contains("did you mean 'formerDistrictCode'"))
    }

    /// The province's time zone is the policy's (`province.utcOffset`); Viet Nam's when unnamed;
    /// a malformed one is refused with its place in the file.
    @Test func timeZone() throws {
        let yaml = try PackagePaths.regionsYAML()
        #expect(try RegionCatalog(yaml: yaml).utcOffsetSeconds == 7 * 3600)
        let west = try RegionCatalog(yaml: yaml.replacingOccurrences(of: "utcOffset: '+07:00'", with: "utcOffset: '-05:30'"))
        #expect(west.utcOffsetSeconds == -(5 * 3600 + 1800))
        let instant = Timestamp.parse("2026-03-01T03:00:00Z")!.instant
        #expect(west.localDate(instant).description == "2026-02-28")
        #expect(try RegionCatalog(yaml: yaml).localDate(instant).description == "2026-03-01")
        #expect(west.timestamp(instant) == "2026-02-28T21:30:00-05:30")
        #expect(west.localTime(instant, .vi) == "21:30 ngày 28/02/2026")
        let unnamed = try RegionCatalog(yaml: yaml.replacingOccurrences(of: "  utcOffset: '+07:00'\n", with: ""))
        #expect(unnamed.utcOffsetSeconds == RegionCatalog.vietnamUTCOffsetSeconds)
        for bad in ["'7'", "'+7:00'", "'+15:00'", "'+07:60'", "'UTC+7'"] {
            let error = #expect(throws: CoreError.self) {
                try RegionCatalog(yaml: yaml.replacingOccurrences(of: "utcOffset: '+07:00'", with: "utcOffset: \(bad)"), file: "regions.yaml")
            }
            guard case let .policy(file, line, _, reason)? = error else { Issue.record("wrong error for \(bad)"); continue }
            #expect(file == "regions.yaml" && line == 12 && reason.contains("+07:00"), "\(bad): \(reason)")
        }
    }

    @Test func folding() {
        #expect(TextFolding.fold("Nguyễn Thị  Phương Thảo") == "nguyen thi phuong thao")
        #expect(TextFolding.fold("Nguyễn Thị Phương Thảo".decomposedStringWithCanonicalMapping) == "nguyen thi phuong thao")
        #expect(TextFolding.fold("ĐẶNG Văn Đức") == "dang van duc")
        #expect(TextFolding.slug("Phường Mỹ Thới") == "phuong-my-thoi")
    }

    @Test func caseIDs() {
        let id = CaseID(random: SystemRandom())
        #expect(id.rawValue.count == 10 && id.rawValue.hasPrefix("C-"))
        #expect(CaseID(parsing: "c-7q2mx9kd")?.rawValue == "C-7Q2MX9KD")
        #expect(CaseID(parsing: "C-7Q2MX9KO")?.rawValue == "C-7Q2MX9K0")
        #expect(CaseID(parsing: "C-7Q2MX9KU") == nil) // U is not in Crockford's alphabet
        #expect(CaseID(parsing: "C-123") == nil)
    }
}
