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
    public let referrals: [String: Expected]?
    public let blocksMediation: Bool?
    /// Expected mediation eligibility: eligible, and the exact set of refusal reasons.
    public let mediation: (eligible: Bool, reasons: [String])?
    /// A team test instead of a case: members, commune, conflicted members, expected reasons.
    public let team: (members: [MediatorProfile], commune: String, conflicted: Set<String>, reasons: [String])?

    /// The differences between what the policy decides and what the test expects.
    public func check(_ policy: Policy) -> [String] {
        if let team {
            guard let commune = policy.regions.commune(team.commune) else { return ["unknown commune \(team.commune)"] }
            let actual = policy.mediation.teamReasons(team.members, commune: commune, conflicted: team.conflicted).map(\.rule)
            return Set(actual) == Set(team.reasons) ? [] : ["~ team reasons expected [\(team.reasons.sorted().joined(separator: ", "))], got [\(actual.sorted().joined(separator: ", "))]"]
        }
        let decision = policy.route(facts)
        var diff: [String] = []
        if let mediation {
            let reasons = policy.mediation.eligibility(facts, decision: decision, blockedByRecurrence: false).map(\.rule)
            if reasons.isEmpty != mediation.eligible {
                diff.append("~ mediation: eligible expected \(mediation.eligible), got \(reasons.isEmpty)")
            }
            if Set(reasons) != Set(mediation.reasons) {
                diff.append("~ mediation reasons expected [\(mediation.reasons.sorted().joined(separator: ", "))], got [\(reasons.sorted().joined(separator: ", "))]")
            }
        }
        guard let referrals else {
            if let blocks = blocksMediation, blocks != decision.blocksMediation {
                diff.append("~ blocksMediation: expected \(blocks), got \(decision.blocksMediation)")
            }
            return diff
        }
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
        let top = try root.mapping(allowed: ["tests", "teamTests"])
        var cases: [PolicyTestCase] = []
        for item in try top["teamTests"]?.sequence() ?? [] {
            cases.append(try teamTest(item, file: file, regions: regions, baseline: try baseline(PolicyNode.parse("{}", file: file), regions: regions)))
        }
        for item in try top["tests"]?.sequence() ?? [] {
            let m = try item.mapping(allowed: ["name", "case", "expect"])
            let facts = try baseline(try m.required("case", in: item), regions: regions)
            let expectNode = try m.required("expect", in: item)
            let expect = try expectNode.mapping(allowed: ["referrals", "blocksMediation", "mediation"])
            var referrals: [String: Expected]? = expect["referrals"] == nil ? nil : [:]
            var mediation: (Bool, [String])?
            if let mediationNode = expect["mediation"] {
                let e = try mediationNode.mapping(allowed: ["eligible", "reasons"])
                var reasons: [String] = []
                for reason in try e["reasons"]?.sequence() ?? [] { reasons.append(try reason.string()) }
                mediation = (try e.required("eligible", in: mediationNode).bool(), reasons)
            }
            let agencyIDs = agencies.map(\.id)
            if let referralsNode = expect["referrals"], case .mapping = referralsNode.node {
                for (agency, keyNode, value) in try referralsNode.entries() {
                    guard agencyIDs.contains(agency) else {
                        let hint = Suggest.closest(to: agency, in: agencyIDs, limit: 1).first.map { "; did you mean '\($0)'?" } ?? ""
                        throw keyNode.error("unknown agency '\(agency)'\(hint)")
                    }
                    if case .scalar = value.node {
                        referrals?[agency] = Expected(priority: try value.coded(Priority.self), mandatory: nil, held: nil, rules: nil)
                    } else {
                        let e = try value.mapping(allowed: ["priority", "mandatory", "held", "rules"])
                        var rules: [String]?
                        if let rulesNode = e["rules"] {
                            rules = []
                            for item in try rulesNode.sequence() { rules!.append(try item.string()) }
                        }
                        referrals?[agency] = Expected(priority: try e.required("priority", in: value).coded(Priority.self),
                                                     mandatory: try e["mandatory"]?.bool(), held: try e["held"]?.bool(), rules: rules)
                    }
                }
            }
            cases.append(PolicyTestCase(file: file, line: item.line, name: try m.required("name", in: item).string(),
                                        facts: facts, referrals: referrals, blocksMediation: try expect["blocksMediation"]?.bool(),
                                        mediation: mediation, team: nil))
        }
        return cases
    }

    /// A team composition test: `members` (sex, ethnicity, optional id), `commune`,
    /// `conflicted` (member ids), and the exact expected `reasons` (empty: the team qualifies).
    static func teamTest(_ item: PolicyNode, file: String, regions: RegionCatalog, baseline: RoutingFacts) throws(CoreError) -> PolicyTestCase {
        let m = try item.mapping(allowed: ["name", "commune", "members", "conflicted", "expect"])
        var members: [MediatorProfile] = []
        for (index, memberNode) in try m.required("members", in: item).sequence().enumerated() {
            let member = try memberNode.mapping(allowed: ["id", "sex", "ethnicity"])
            members.append(MediatorProfile(id: try member["id"]?.string() ?? "m\(index + 1)",
                                           sex: try member.required("sex", in: memberNode).coded(Sex.self),
                                           ethnicity: try member["ethnicity"]?.coded(EthnicityGroup.self) ?? .kinh))
        }
        var conflicted: Set<String> = []
        for node in try m["conflicted"]?.sequence() ?? [] { conflicted.insert(try node.string()) }
        let communeNode = try m.required("commune", in: item)
        let commune = try communeNode.string()
        guard regions.commune(commune) != nil else { throw communeNode.error("unknown commune '\(commune)'") }
        let expectNode = try m.required("expect", in: item)
        let expect = try expectNode.mapping(allowed: ["reasons"])
        var reasons: [String] = []
        for node in try expect["reasons"]?.sequence() ?? [] { reasons.append(try node.string()) }
        return PolicyTestCase(file: file, line: item.line, name: try m.required("name", in: item).string(), facts: baseline,
                              referrals: nil, blocksMediation: nil, mediation: nil,
                              team: (members, commune, conflicted, reasons))
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
        var escalation = Escalation.none
        var mediationRecurred = false
        var samePerpetrator: Bool? = false
        var disadvantaged = false
        var minority = false
        var held: Set<String> = []
        var guardian: Bool?
        func isUnknown(_ value: PolicyNode) throws(CoreError) -> Bool {
            if value.isNull { return true }
            if case .scalar = value.node, (try? value.string()) == "unknown" { return true }
            return false
        }
        func tristate(_ value: PolicyNode) throws(CoreError) -> Bool? {
            if case .scalar = value.node, (try? value.string()) == "unknown" { return nil }
            return try value.bool()
        }
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
            case .survivorAge: facts.survivorAge = try isUnknown(value) ? nil : try value.int()
            case .survivorSex: facts.survivorSex = try value.coded(Sex.self)
            case .survivorEthnicity: facts.ethnicity = try value.coded(EthnicityGroup.self)
            case .survivorFlags:
                let flags = try codes(SurvivorFlag.self)
                facts.disability = flags.contains(.disability)
                facts.pregnant = flags.contains(.pregnant)
                facts.childUnder36Months = flags.contains(.childUnder36Months)
                facts.olderPerson = flags.contains(.olderPerson)
                facts.cannotDefend = flags.contains(.cannotDefend)
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
            case .incidentDaysSince: daysSince = try isUnknown(value) ? nil : try value.int()
            case .escalation: escalation = try value.coded(Escalation.self)
            case .mediationRecurred: mediationRecurred = try value.bool()
            case .perpetratorSeparated: facts.separated = try tristate(value)
            case .survivorFinancialHardship: facts.financialHardship = try tristate(value)
            case .wishesProsecution: facts.wishes.prosecution = try tristate(value)
            case .repeatSamePerpetrator: samePerpetrator = try tristate(value)
            case .communeExtremelyDisadvantaged: disadvantaged = try value.bool()
            case .communeLargeEthnicMinority: minority = try value.bool()
            case .referralsHeld: held = Set(try value.sequence().map { (n) throws(CoreError) in try n.string() })
            case .guardianConsent: guardian = try tristate(value)
            }
        }
        facts.gbvType = GBVType.classify(facts.acts)
        facts.contexts = CaseContext.derive(acts: facts.acts, relationship: facts.relationship, survivorAge: facts.survivorAge)
        facts.survivorAgeGroup = facts.survivorAge.map(AgeGroup.init(years:)) ?? .unknown
        if let age = facts.survivorAge, age >= CaseFacts.olderPersonAge { facts.olderPerson = true }
        var routing = RoutingFacts(facts: facts, repeatSurvivor: repeatSurvivor, incidentDaysSince: daysSince, escalation: escalation,
                            mediationRecurred: mediationRecurred, repeatSamePerpetrator: samePerpetrator,
                            communeExtremelyDisadvantaged: disadvantaged, communeLargeEthnicMinority: minority, heldReferrals: held)
        routing.guardianConsent = guardian
        return routing
    }
}
