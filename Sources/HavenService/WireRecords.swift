import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

// The wire values (HavenAPI) built from stored records: only the service knows the records.

extension Caller {
    init(_ user: UserRecord) {
        self.init(id: user.id, name: user.name, role: user.role, agency: user.agency, communes: user.communes,
                  mediator: user.mediator, team: user.team)
    }
}

extension CaseSummary {
    init(_ record: CaseRecord, communeName: String?) {
        let f = record.facts
        self.init(id: record.id, commune: f.commune, communeName: communeName ?? f.commune, reportDate: f.reportDate,
                  incidentMonth: f.incidentMonth, gbvType: f.gbvType, contexts: f.contexts, survivorSex: f.survivorSex,
                  survivorAgeGroup: f.survivorAgeGroup, risk: f.risk, status: record.status)
    }
}

extension CaseSearch {
    /// The criteria given, in a fixed order.
    var criteria: [(BlindIndex.SearchKind, String)] {
        [(.name, name), (.phone, phone), (.birthYear, birthYear)].compactMap { kind, value in value.map { (kind, $0) } }
    }
}

extension UserSummary {
    init(_ user: UserRecord) {
        self.init(id: user.id, name: user.name, role: user.role, agency: user.agency, communes: user.communes,
                  createdAt: user.createdAt, revoked: user.revokedAt != nil, team: user.team)
    }
}

extension HeldReferral {
    init(_ r: ReferralRecord, agency: Agency?, now: Date) {
        let deadline = r.createdAt.addingTimeInterval(TimeInterval(agency?.deadlines[r.priority] ?? 0))
        self.init(id: r.id, caseID: r.caseID, agency: r.agency, priority: r.priority, commune: r.commune, rules: r.rules,
                  heldSince: r.createdAt, deadline: deadline, pastDeadline: now > deadline)
    }
}

extension OfficerReferral {
    init(_ r: ReferralRecord, agency: Agency?, now: Date) {
        let attention: Attention? = switch r.status {
        case .held: HeldReferral(r, agency: agency, now: now).pastDeadline ? .heldPastDeadline : .held
        case .declined: .declined
        default: r.isOverdue(at: now) ? .overdue : nil
        }
        self.init(id: r.id, caseID: r.caseID, agency: r.agency, priority: r.priority, status: r.status, commune: r.commune,
                  createdAt: r.createdAt, dueBy: r.dueBy, declineReason: r.declineReason, attention: attention)
    }
}

extension ReferralSummary {
    init(_ r: ReferralRecord, now: Date) {
        self.init(id: r.id, caseID: r.caseID, agency: r.agency, priority: r.priority, status: r.status, mandatory: r.mandatory,
                  legalBases: r.legalBases, rules: r.rules, policy: r.policyHash, commune: r.commune, dueBy: r.dueBy,
                  overdue: r.isOverdue(at: now), sealed: r.packet != nil, origin: r.origin)
    }
}

extension ReferralPacket {
    /// The packet for `referral`, holding only what `agency` may receive.
    static func make(referral: ReferralRecord, facts: CaseFacts, sealed: [SealedField: String], agency: Agency,
                     policy: Policy?) -> ReferralPacket {
        let consented = AgencyDecision.consentCovers(agency, consent: facts.consent, survivorAge: facts.survivorAge,
                                                     guardianConsent: Router.guardianConsent(sealed))
        let withoutConsent = referral.mandatory && !consented
        var fields: [String: String] = [:]
        for field in Self.fields(for: agency, withoutConsent: withoutConsent) { fields[field.rawValue] = sealed[field] }
        let grounds = referral.rules.map { id in
            let rule = policy?.rules.first { $0.id == id }
            return Ground(rule: id, vi: rule?.description.vi ?? "", en: rule?.description.en ?? "")
        }
        var flags: [String] = []
        if facts.disability { flags.append(SurvivorFlag.disability.rawValue) }
        if facts.pregnant { flags.append(SurvivorFlag.pregnant.rawValue) }
        if facts.childUnder36Months { flags.append(SurvivorFlag.childUnder36Months.rawValue) }
        if facts.olderPerson { flags.append(SurvivorFlag.olderPerson.rawValue) }
        if facts.cannotDefend { flags.append(SurvivorFlag.cannotDefend.rawValue) }
        return ReferralPacket(
            referral: referral.id, caseID: referral.caseID, agency: referral.agency, priority: referral.priority,
            mandatory: referral.mandatory, legalBases: referral.legalBases, rules: referral.rules, policy: referral.policyHash,
            sentAt: referral.sentAt ?? referral.createdAt, dueBy: referral.dueBy ?? referral.createdAt,
            coded: Coded(commune: facts.commune, gbvType: facts.gbvType.rawValue, acts: facts.acts.map(\.rawValue),
                         contexts: facts.contexts.map(\.rawValue), survivorSex: facts.survivorSex.rawValue,
                         survivorAgeGroup: facts.survivorAgeGroup.rawValue, risk: facts.risk.rawValue,
                         injury: facts.injury.rawValue, flags: flags, relationship: facts.relationship.rawValue,
                         childrenPresent: facts.childrenPresent, ethnicity: facts.ethnicity.rawValue,
                         prosecutionWish: facts.wishes.prosecution),
            basis: withoutConsent ? .mandatoryWithoutConsent : .consent, grounds: grounds,
            fields: fields)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }()

    static func decode(_ data: Data) -> ReferralPacket? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(ReferralPacket.self, from: data)
    }
}

extension Cell {
    /// The count as printed: the hidden mark when withheld.
    public func text(k: Int) -> String { count.map(String.init) ?? StatRendering.hiddenMark }
}
