import Foundation

/// A commune-level unit (xã, phường, đặc khu) of the province.
public struct Commune: Sendable, Hashable, Codable {
    public let slug: String
    public let name: String
    public let shortName: String
    public let kind: CommuneKind
    public let code: String
    public let formerProvince: String
    public let formerDistrict: String
    /// Slug of the former district, kept for continuity of older statistical series.
    public let formerDistrictSlug: String
    public let formerDistrictCode: String
    /// Policy data: mediation teams here need an ethnic-minority mediator.
    public let largeEthnicMinorityPopulation: Bool
    /// Formed from an extremely disadvantaged commune of an ethnic-minority area: its ethnic-
    /// minority residents qualify for legal aid without a means test (Law on Legal Aid 2017 Art. 7).
    public var extremelyDisadvantaged = false
    /// Where the two flags above come from (a published list, or the rule used).
    public var flagSource: String?

    public init(slug: String, name: String, shortName: String, kind: CommuneKind, code: String, formerProvince: String,
                formerDistrict: String, formerDistrictSlug: String, formerDistrictCode: String,
                largeEthnicMinorityPopulation: Bool, extremelyDisadvantaged: Bool = false, flagSource: String? = nil) {
        self.slug = slug; self.name = name; self.shortName = shortName; self.kind = kind; self.code = code
        self.formerProvince = formerProvince; self.formerDistrict = formerDistrict; self.formerDistrictSlug = formerDistrictSlug
        self.formerDistrictCode = formerDistrictCode; self.largeEthnicMinorityPopulation = largeEthnicMinorityPopulation
        self.extremelyDisadvantaged = extremelyDisadvantaged; self.flagSource = flagSource
    }
}

/// The communes of `Policies/<province>/regions.yaml`.
public struct RegionCatalog: Sendable {
    public let provinceName: String
    public let provinceCode: String
    public let communes: [Commune]
    /// The province's time zone, seconds east of UTC (`province.utcOffset`, e.g. '+07:00'). Every
    /// local date and time — report days, deadlines, "today", the months statistics are dated
    /// in — is read in it, in Swift and in the statistics queries alike.
    public let utcOffsetSeconds: Int
    private let bySlug: [String: Commune]

    /// Viet Nam's time zone (UTC+07:00, no daylight saving): the zone of a regions file that
    /// names none.
    public static let vietnamUTCOffsetSeconds = 7 * 3600

    public init(provinceName: String, provinceCode: String, communes: [Commune],
                utcOffsetSeconds: Int = RegionCatalog.vietnamUTCOffsetSeconds) {
        self.provinceName = provinceName
        self.provinceCode = provinceCode
        self.communes = communes
        self.utcOffsetSeconds = utcOffsetSeconds
        bySlug = Dictionary(communes.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The province's calendar day of `instant`.
    public func localDate(_ instant: Date) -> LocalDate { LocalDate(instant, utcOffsetSeconds: utcOffsetSeconds) }

    /// `instant` as people in the province read it ("06:44 ngày 02/12/2026").
    public func localTime(_ instant: Date, _ language: Language) -> String {
        LocalTime.format(instant, language, offsetSeconds: utcOffsetSeconds)
    }

    /// `instant` as an ISO 8601 timestamp in the province's time zone.
    public func timestamp(_ instant: Date) -> String { Timestamp.format(instant, offsetSeconds: utcOffsetSeconds) }

    /// Parses the regions file; `file` names it in errors.
    public init(yaml text: String, file: String = "regions.yaml") throws(CoreError) {
        let root = try PolicyNode.parse(text, file: file)
        let top = try root.mapping(allowed: ["province", "communes"])
        let province = try top.required("province", in: root).mapping(allowed: ["name", "code", "effective", "utcOffset"])
        let provinceNode = try top.required("province", in: root)
        var communes: [Commune] = []
        var seen: Set<String> = []
        for item in try top.required("communes", in: root).sequence() {
            let m = try item.mapping(allowed: ["slug", "name", "shortName", "kind", "code", "formerProvince",
                                               "formerDistrict", "formerDistrictSlug", "formerDistrictCode",
                                               "largeEthnicMinorityPopulation", "extremelyDisadvantaged", "flagSource"])
            let slugNode = try m.required("slug", in: item)
            let slug = try slugNode.string()
            guard slug == TextFolding.slug(slug), !slug.isEmpty else {
                throw slugNode.error("a slug is lower-case ASCII letters, digits and hyphens")
            }
            guard seen.insert(slug).inserted else { throw slugNode.error("the slug '\(slug)' appears twice") }
            communes.append(Commune(
                slug: slug,
                name: try m.required("name", in: item).string(),
                shortName: try m.required("shortName", in: item).string(),
                kind: try m.required("kind", in: item).coded(CommuneKind.self),
                code: try m.required("code", in: item).string(),
                formerProvince: try m.required("formerProvince", in: item).string(),
                formerDistrict: try m.required("formerDistrict", in: item).string(),
                formerDistrictSlug: try m.required("formerDistrictSlug", in: item).string(),
                formerDistrictCode: try m.required("formerDistrictCode", in: item).string(),
                largeEthnicMinorityPopulation: try m["largeEthnicMinorityPopulation"]?.bool() ?? false,
                extremelyDisadvantaged: try m["extremelyDisadvantaged"]?.bool() ?? false,
                flagSource: try m["flagSource"]?.string()))
        }
        guard !communes.isEmpty else { throw provinceNode.error("the file lists no communes") }
        var offset = RegionCatalog.vietnamUTCOffsetSeconds
        if let offsetNode = province["utcOffset"] {
            guard let parsed = Timestamp.offsetSeconds(try offsetNode.string()) else {
                throw offsetNode.error("a UTC offset is written '+07:00' (sign, hours, minutes; at most 14 hours)")
            }
            offset = parsed
        }
        self.init(provinceName: try province.required("name", in: provinceNode).string(),
                  provinceCode: try province.required("code", in: provinceNode).string(),
                  communes: communes, utcOffsetSeconds: offset)
    }

    /// The commune with this slug.
    public func commune(_ slug: String) -> Commune? { bySlug[slug] }

    /// The commune for `text` (a slug, or a name that folds to one), or an error with the
    /// closest slugs suggested.
    public func resolve(_ text: String) throws(CoreError) -> Commune {
        if let exact = bySlug[text] { return exact }
        let folded = TextFolding.slug(text)
        if let bySlugForm = bySlug[folded] { return bySlugForm }
        if let byName = communes.first(where: { TextFolding.slug($0.shortName) == folded || TextFolding.slug($0.name) == folded }) {
            return byName
        }
        throw .unknownCommune(value: text, suggestions: Suggest.closest(to: text, in: communes.map(\.slug)))
    }
}
