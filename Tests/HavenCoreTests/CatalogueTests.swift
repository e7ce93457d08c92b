import HavenCore
import Testing

@Suite("The message catalogue")
struct CatalogueTests {
    static let codedKeys: [String] = {
        func keys<V: CodedValue>(_ type: V.Type) -> [String] { V.allCases.map(\.labelKey) }
        return keys(Sex.self) + keys(AgeGroup.self) + keys(ReportingDelay.self) + keys(Act.self) + keys(GBVType.self)
            + keys(CaseContext.self) + keys(Relationship.self) + keys(ReportingSource.self) + keys(Injury.self)
            + keys(EthnicityGroup.self) + keys(RiskLevel.self) + keys(CaseStatus.self) + keys(CaseOutcome.self)
            + keys(Role.self) + keys(CommuneKind.self)
    }()

    static func placeholders(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var current: String?
        for ch in text {
            if ch == "{" { current = "" } else if ch == "}" { if let c = current { result.insert(c) }; current = nil }
            else if current != nil { current!.append(ch) }
        }
        return result
    }

    /// Every statistics dimension has a name in both languages.
    @Test func dimensionNames() {
        for dim in StatDimension.allCases {
            for language in Language.allCases { #expect(Catalogue.entries["dimension.\(dim.rawValue)"]?[language]?.isEmpty == false) }
        }
    }

    /// Every statistics measure has a column heading in both languages.
    @Test func measureNames() {
        for measure in StatMeasure.allCases {
            for language in Language.allCases { #expect(Catalogue.entries["measure.\(measure.rawValue)"]?[language]?.isEmpty == false) }
        }
    }

    /// Every message key and every coded value has a non-empty text in both languages, with
    /// the same placeholders in each.
    @Test func everyKeyHasBothLanguages() {
        for key in MessageKey.allCases.map(\.rawValue) + Self.codedKeys {
            let entry = Catalogue.entries[key]
            #expect(entry != nil, "missing key \(key)")
            for language in Language.allCases {
                let text = entry?[language] ?? ""
                #expect(!text.trimmingCharacters(in: .whitespaces).isEmpty, "\(key) lacks \(language)")
            }
            if let en = entry?[.en], let vi = entry?[.vi] {
                #expect(Self.placeholders(en) == Self.placeholders(vi), "placeholders of \(key) differ")
            }
        }
    }

    /// The catalogue is split by area (Sources/HavenCore/Catalogue/); a key in two areas would
    /// silently shadow one of its texts.
    @Test func eachKeyInOneArea() {
        var seen: [String: String] = [:]
        for area in Catalogue.areas {
            for key in area.texts.keys {
                #expect(seen[key] == nil, "\(key) is in \(seen[key] ?? "") and \(area.name)")
                seen[key] = area.name
            }
        }
        #expect(seen.count == Catalogue.entries.count && Catalogue.areas.count >= 8)
    }

    /// Language choice: flag, then LC_ALL / LC_MESSAGES / LANG, then English.
    @Test func languageResolution() {
        #expect(Language.resolve(flag: "vi", environment: [:]) == .vi)
        #expect(Language.resolve(flag: nil, environment: ["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(Language.resolve(flag: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "vi_VN"]) == .en)
        #expect(Language.resolve(flag: nil, environment: [:]) == .en)
        #expect(Language.resolve(flag: "fr", environment: [:]) == nil)
    }

    @Test func placeholdersAreFilled() {
        #expect(Catalogue.text(.errorNoStore, .en, ["path": "./haven-data"]) == "No store at ./haven-data. Run 'haven init' to create one.")
    }
}
