import Foundation

/// Policy tests (`tests/*.yaml`): a case in, the expected referrals, priorities and mediation
/// block out.
///
/// A test's `case` names facts of the routing vocabulary; any fact not named takes the
/// baseline: an adult woman of 30, insulted (psychological abuse) by an acquaintance, no
/// injury, risk not high, incident a day ago, no consent, no wish, not a repeat. `gbvType`
/// and `context` are derived from acts, relationship and age, as at intake.
public struct PolicyTestCase: Sendable {
    public struct Expected: Sendable, Equatable {
        public let priority: Priority
        public let mandatory: Bool?
        public let held: Bool?
        /// The rules that referred the agency, when the test names them (order free).
        public let rules: [String]?
    }

    public let file: String
    public let line: Int
    public let name: String
    public let facts: RoutingFacts
    /// The complete set of expected referrals: any other referral is a failure.
    public let referrals: [String: Expected]
    public let blocksMediation: Bool?

    /// The differences between what the policy decides and what the test expects.
    public func check(_ policy: Policy) -> [String] {
        let decision = policy.route(facts)
        var diff: [String] = []
        for (agency, expected) in referrals.sorted(by: { $0.key < $1.key }) {
            guard let actual = decision.referral(agency) else {
                diff.append("- \(agency): expected \(expected.priority.rawValue), but it is not referred")
                continue
            }
            if actual.priority != expected.priority {
                diff.append("~ \(agency): priority expected \(expected.priority.rawValue), got \(actual.priority.rawValue)")
            }
            if let mandatory = expected.mandatory, mandatory != actual.mandatory {
                diff.append("~ \(agency): mandatory expected \(mandatory), got \(actual.mandatory)")
            }
            if let held = expected.held, held != actual.held {
                diff.append("~ \(agency): held expected \(held), got \(actual.held)")
            }
            if let rules = expected.rules, Set(rules) != Set(actual.rules) {
                diff.append("~ \(agency): rules expected [\(rules.sorted().joined(separator: ", "))], got [\(actual.rules.sorted().joined(separator: ", "))]")
            }
        }
        for actual in decision.referrals where referrals[actual.agency] == nil {
            diff.append("+ \(actual.agency): referred (\(actual.priority.rawValue), rules \(actual.rules.joined(separator: ", "))) but not expected")
        }
        if let blocks = blocksMediation, blocks != decision.blocksMediation {
            diff.append("~ blocksMediation: expected \(blocks), got \(decision.blocksMediation)")
        }
        return diff
    }

    /// Parses every test of one tests file.
    public static func parse(_ text: String, file: String, regions: RegionCatalog, agencies: [Agency]) throws(CoreError) -> [PolicyTestCase] {
        let root = try PolicyNode.parse(text, file: file)
        let top = try root.mapping(allowed: ["tests"])
        var cases: [PolicyTestCase] = []
        for item in try top.required("tests", in: root).sequence() {
            let m = try item.mapping(allowed: ["name", "case", "expect"])
            let facts = try baseline(try m.required("case", in: item), regions: regions)
            let expectNode = try m.required("expect", in: item)
            let expect = try expectNode.mapping(allowed: ["referrals", "blocksMediation"])
            var referrals: [String: Expected] = [:]
            let agencyIDs = agencies.map(\.id)
            if let referralsNode = expect["referrals"], case .mapping = referralsNode.node {
                for (agency, keyNode, value) in try referralsNode.entries() {
                    guard agencyIDs.contains(agency) else {
                        let hint = Suggest.closest(to: agency, in: agencyIDs, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                        throw keyNode.error("unknown agency '\(agency)'\(hint)")
                    }
                    if case .scalar = value.node {
                        referrals[agency] = Expected(priority: try value.coded(Priority.self), mandatory: nil, held: nil, rules: nil)
                    } else {
                        let e = try value.mapping(allowed: ["priority", "mandatory", "held", "rules"])
                        var rules: [String]?
                        if let rulesNode = e["rules"] {
                            rules = []
                            for item in try rulesNode.sequence() { rules!.append(try item.string()) }
                        }
                        referrals[agency] = Expected(priority: try e.required("priority", in: value).coded(Priority.self),
                                                     mandatory: try e["mandatory"]?.bool(), held: try e["held"]?.bool(), rules: rules)
                    }
                }
            }
            cases.append(PolicyTestCase(file: file, line: item.line, name: try m.required("name", in: item).string(),
                                        facts: facts, referrals: referrals, blocksMediation: try expect["blocksMediation"]?.bool()))
        }
        return cases
    }

    /// The baseline case with the named facts applied.
    static func baseline(_ node: PolicyNode, regions: RegionCatalog) throws(CoreError) -> RoutingFacts {
        let commune = regions.communes[0]
        var facts = CaseFacts(
            commune: commune.slug, formerDistrict: commune.formerDistrictSlug, source: .communePolice,
            reportedAt: Date(timeIntervalSince1970: 1_790_000_000), reportDate: LocalDate(iso: "2026-09-21")!,
            incidentMonth: "2026-09", reportingDelay: .days0to3, survivorSex: .female, survivorAge: 30,
            survivorAgeGroup: .age26to40, ethnicity: .kinh, disability: false, pregnant: false, childUnder36Months: false,
            olderPerson: false, perpetratorSex: .male, perpetratorAgeGroup: .age26to40, relationship: .acquaintance,
            acts: [.insults], gbvType: .psychologicalAbuse, contexts: [], injury: .none, childrenPresent: false,
            risk: .standard, consent: .init(), wishes: .init())
        var repeatSurvivor = false
        var daysSince: Int? = 1
        for (key, keyNode, value) in try node.entries() {
            guard let fact = Fact(rawValue: key) else {
                let hint = Suggest.closest(to: key, in: Fact.allCases.map(\.rawValue), limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                throw keyNode.error("unknown fact '\(key)'\(hint)")
            }
            func codes<V: CodedValue>(_ type: V.Type) throws(CoreError) -> [V] {
                let items: [PolicyNode]
                if case .sequence = value.node { items = try value.sequence() } else { items = [value] }
                var result: [V] = []
                for item in items { result.append(try item.coded(V.self)) }
                return result
            }
            switch fact {
            case .acts: facts.acts = try codes(Act.self)
            case .gbvType, .context: throw keyNode.error("'\(key)' is derived from acts, relationship and age; set those instead")
            case .injury: facts.injury = try value.coded(Injury.self)
            case .risk: facts.risk = try value.coded(RiskLevel.self)
            case .source: facts.source = try value.coded(ReportingSource.self)
            case .survivorAge: facts.survivorAge = value.isNull ? nil : try value.int()
            case .survivorSex: facts.survivorSex = try value.coded(Sex.self)
            case .survivorEthnicity: facts.ethnicity = try value.coded(EthnicityGroup.self)
            case .survivorFlags:
                let flags = try codes(SurvivorFlag.self)
                facts.disability = flags.contains(.disability)
                facts.pregnant = flags.contains(.pregnant)
                facts.childUnder36Months = flags.contains(.childUnder36Months)
                facts.olderPerson = flags.contains(.olderPerson)
            case .perpetratorRelationship: facts.relationship = try value.coded(Relationship.self)
            case .perpetratorSex: facts.perpetratorSex = try value.coded(Sex.self)
            case .consentReferral: facts.consent.referral = try value.bool()
            case .consentPolice: facts.consent.police = try value.bool()
            case .consentMediation: facts.consent.mediation = try value.bool()
            case .consentStatistics: facts.consent.statistics = try value.bool()
            case .wishesLegalAid: facts.wishes.legalAid = try value.bool()
            case .wishesShelter: facts.wishes.shelter = try value.bool()
            case .wishesMedical: facts.wishes.medical = try value.bool()
            case .repeatSurvivor: repeatSurvivor = try value.bool()
            case .childrenPresent: facts.childrenPresent = try value.bool()
            case .incidentDaysSince: daysSince = value.isNull ? nil : try value.int()
            }
        }
        facts.gbvType = GBVType.classify(facts.acts)
        facts.contexts = CaseContext.derive(acts: facts.acts, relationship: facts.relationship, survivorAge: facts.survivorAge)
        facts.survivorAgeGroup = facts.survivorAge.map(AgeGroup.init(years:)) ?? .unknown
        if let age = facts.survivorAge, age >= CaseFacts.olderPersonAge { facts.olderPerson = true }
        return RoutingFacts(facts: facts, repeatSurvivor: repeatSurvivor, incidentDaysSince: daysSince)
    }
}
