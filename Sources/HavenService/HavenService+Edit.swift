import Crypto
import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenStore

/// What a correction changed.
public struct CaseEdit: Sendable, Equatable {
    public let id: CaseID
    /// The intake questions whose answers changed (their ids, never the values), in order.
    public let changed: [String]
    /// The re-routing the corrected facts caused (nil when no coded fact changed).
    public let route: RouteResult?
    /// Held referrals the corrected consent sent.
    public let released: [ReferralSummary]
    /// Mediations stopped because the corrected case may not be mediated.
    public let mediationsStopped: [String]
    /// Agencies that already hold a packet with the details as they were: to be told.
    public let agenciesHoldingEarlierDetails: [String]
}

extension HavenService {
    /// A case's answers as the terminal intake holds them, to correct it through the same
    /// questions. Opening them reads the sealed fields: audited like `case show`.
    public func caseAnswers(_ idText: String, by actor: Caller) async throws -> (answers: [String: String], reportDate: LocalDate) {
        let record = try await load(idText, action: .caseEdit, by: actor)
        guard record.status == .open else { throw HavenError.caseClosed(id: record.id.rawValue) }
        let sealed = try sealedValues(record)
        try await recordAllowed(actor, .caseShow, target: record.id.rawValue, detail: "edit")
        return (IntakeAnswers.answers(of: record.facts, sealed: sealed), record.facts.reportDate)
    }

    /// Corrects an open case after intake: the corrected form is checked as an intake is, its
    /// sealed fields re-sealed under the case's key, each changed field audited by name, and
    /// the case re-routed when a coded fact changed (referrals are added or raised, never
    /// withdrawn; consent now given sends the held referrals it covers; a mediation the
    /// corrected case may not have is stopped). `expected` is the answers the officer started
    /// from: if the case changed meanwhile, nothing is saved.
    public func editCase(_ idText: String, form: IntakeForm, expected: [String: String]? = nil, version: String? = nil,
                         by actor: Caller) async throws -> CaseEdit {
        let record = try await load(idText, action: .caseEdit, by: actor)
        guard record.status == .open else { throw HavenError.caseClosed(id: record.id.rawValue) }
        // Moving a case to another commune: only to one of the officer's own.
        try await require(actor, .caseEdit, commune: form.commune, target: record.id.rawValue)
        var form = form
        form.reportedAt = record.facts.reportedAt
        form.reportedOffsetSeconds = context.regions.utcOffsetSeconds
        form.importKey = nil
        let prepared = try prepare(form)
        let oldSealed = try sealedValues(record)
        let before = IntakeAnswers.answers(of: record.facts, sealed: oldSealed)
        if let expected, expected != before { throw HavenError.caseChangedMeanwhile(id: record.id.rawValue) }
        if let version, version != Self.version(of: record) { throw HavenError.caseChangedMeanwhile(id: record.id.rawValue) }
        var after = IntakeAnswers.answers(of: prepared.facts, sealed: prepared.sealedValues)
        // Answers the corrected case no longer has (the risk screen after a new relationship).
        for key in before.keys where after[key] == nil { after[key] = "" }
        let changed = Self.questionOrder(after.keys.filter { before[$0] ?? "" != after[$0] ?? "" })
        guard !changed.isEmpty else {
            // Nothing to save, but the sealed fields were opened to compare: audited.
            try await work(actor) { w in
                try w.audit(.caseEdit, target: record.id.rawValue, detail: "unchanged")
            }
            return CaseEdit(id: record.id, changed: [], route: nil, released: [], mediationsStopped: [], agenciesHoldingEarlierDetails: [])
        }
        let dataKey = try unwrapKey(record)
        var sealed: [String: Data] = [:]
        for (field, value) in prepared.sealedValues {
            sealed[field.rawValue] = try FieldCipher.seal(Data(value.utf8), caseID: record.id.rawValue, field: field.rawValue, key: dataKey)
        }
        let factsChanged = prepared.facts != record.facts || oldSealed[.incidentDate] != prepared.sealedValues[.incidentDate]
            || record.blindIndex != prepared.blindIndex || record.pairIndex != prepared.pairIndex
        let policy = context.policy
        let finalSealed = sealed
        let consentChanges = changed.filter { $0.hasPrefix("consent.") }
            .map { "\($0.dropFirst("consent.".count))=\(after[$0] ?? "")" }.joined(separator: " ")
        return try await work(actor) { w in
            // Another correction, a consent, a closing or a mediation step since the officer
            // opened the case: refuse rather than overwrite it.
            guard let current = try w.tx.caseRecord(record.id), current.seal == record.seal else {
                throw HavenError.caseChangedMeanwhile(id: record.id.rawValue)
            }
            guard current.status == .open else { throw HavenError.caseClosed(id: record.id.rawValue) }
            var updated = current
            updated.facts = prepared.facts
            updated.updatedAt = w.now
            updated.blindIndex = prepared.blindIndex
            updated.pairIndex = prepared.pairIndex
            updated.sealed = finalSealed
            try w.tx.replaceCase(updated)
            try w.tx.setSearchTokens(record.id, prepared.searchTokens)
            try CaseIntegrity.renew(record.id, tx: w.tx, keyring: w.keyring)
            try w.event(record.id, .edited, detail: "fields=\(changed.joined(separator: ","))")
            for field in changed {
                try w.audit(.caseEdit, target: record.id.rawValue, detail: "field=\(field)")
            }
            // Consent is evidence: given or withdrawn in a correction, it is recorded as
            // `case consent` records it, with its coded values.
            if !consentChanges.isEmpty {
                try w.event(record.id, .consentChanged, detail: consentChanges)
                try w.audit(.caseConsent, target: record.id.rawValue, detail: consentChanges)
            }
            // A case moved to another of the officer's communes takes its referrals along, so
            // the new commune's officers follow them.
            var holding: Set<String> = []
            for var referral in try w.tx.referrals(ReferralFilter(caseID: record.id.rawValue)) where referral.origin == nil {
                if referral.commune != prepared.facts.commune {
                    referral.commune = prepared.facts.commune
                    try w.tx.updateReferral(referral)
                }
                // An agency is told only when a changed answer is in what its packet holds: the
                // coded facts every packet carries, or a sealed field it receives (never the
                // reporter, whom no packet holds).
                if referral.sentAt != nil, ![.declined, .closed].contains(referral.status), let agency = policy.agency(referral.agency),
                   Self.packetHolds(agency, anyOf: changed) {
                    holding.insert(referral.agency)
                }
            }
            let holdingEarlier = policy.agencies.map(\.id).filter(holding.contains)
            guard factsChanged else {
                return CaseEdit(id: record.id, changed: changed, route: nil, released: [], mediationsStopped: [],
                                agenciesHoldingEarlierDetails: holdingEarlier)
            }
            guard let stored = try w.tx.caseRecord(record.id) else { throw HavenError.caseNotFound(id: record.id.rawValue) }
            let route = try Router.reroute(stored, sealed: prepared.sealedValues, forceRepeat: false, w)
            // Consent now given sends held referrals, but only those the corrected case still warrants.
            let released = try Self.releaseConsented(stored, sealed: prepared.sealedValues, except: Set(route.notReferred.map(\.id)), w)
            let stopped = try Self.stopIneligibleMediations(stored, sealed: prepared.sealedValues, w, action: .caseEdit)
            return CaseEdit(id: record.id, changed: changed, route: route, released: released, mediationsStopped: stopped,
                            agenciesHoldingEarlierDetails: holdingEarlier)
        }
    }

    /// Sends the held referrals of a case that its recorded consent now covers (inside the
    /// caller's transaction); returns them.
    static func releaseConsented(_ record: CaseRecord, sealed: [SealedField: String], except: Set<String> = [], _ w: Work) throws -> [ReferralSummary] {
        var released: [ReferralSummary] = []
        for var held in try w.tx.referrals(ReferralFilter(caseID: record.id.rawValue, status: .held))
        where held.origin == nil && !except.contains(held.id) {
            guard let agency = w.policy.agency(held.agency) else { continue }
            let consented = AgencyDecision.consentCovers(agency, consent: record.facts.consent, survivorAge: record.facts.survivorAge,
                                                         guardianConsent: Router.guardianConsent(sealed))
            guard consented else { continue }
            try Router.send(&held, agency: agency, facts: record.facts, sealed: sealed, policy: w.policy, tx: w.tx,
                            keyring: w.keyring, now: w.now)
            try w.tx.updateReferral(held)
            try w.event(record.id, .referralSent, detail: "referral=\(held.id) agency=\(held.agency) released")
            try w.audit(.referralRelease, target: held.id, detail: "agency=\(held.agency) consent")
            released.append(ReferralSummary(held, now: w.now))
        }
        return released
    }

    /// Stops the open mediations of a case the law or the policy no longer lets be mediated
    /// (a correction, consent withdrawn), inside the caller's transaction; returns their ids.
    static func stopIneligibleMediations(_ record: CaseRecord, sealed: [SealedField: String], _ w: Work, action: AuditAction) throws -> [String] {
        let open = try w.tx.mediations(caseID: record.id).filter { $0.status == .open }
        guard !open.isEmpty else { return [] }
        let reasons = try eligibilityReasons(record, sealed: sealed, policy: w.policy, tx: w.tx, keyring: w.keyring, now: w.now)
        guard !reasons.isEmpty else { return [] }
        var stopped: [String] = []
        for var mediation in open {
            end(&mediation, .notEligible, status: .closed, at: w.now)
            try w.tx.updateMediation(mediation)
            try w.event(record.id, .mediationEnded, detail: "mediation=\(mediation.id) end=\(MediationEnd.notEligible.rawValue)")
            try w.audit(action, target: mediation.id, detail: "mediation stopped: \(reasons.map(\.rule).joined(separator: ","))")
            stopped.append(mediation.id)
        }
        return stopped
    }

    /// Whether a packet to `agency` holds any of the answers `changed` (question ids).
    static func packetHolds(_ agency: Agency, anyOf changed: [String]) -> Bool {
        let coded: Set<String> = ["commune", "survivor.sex", "survivor.birth", "survivor.ethnicity", "survivor.disability",
                                  "survivor.pregnant", "survivor.childUnder36Months", "survivor.cannotDefend",
                                  "perpetrator.relationship", "incident.acts", "incident.injury", "incident.childrenPresent",
                                  "wishes.prosecution"]
        let sealed: [String: [SealedField]] = [
            "survivor.name": [.survivorName], "survivor.birth": [.survivorBirthDate, .survivorBirthYear], "survivor.phone": [.survivorPhone],
            "survivor.address": [.survivorAddress], "survivor.idNumber": [.survivorIDNumber], "perpetrator.name": [.perpetratorName],
            "perpetrator.birthYear": [.perpetratorBirthYear], "incident.date": [.incidentDate], "incident.narrative": [.incidentNarrative],
            "safeContact.channel": [.contactChannel], "safeContact.times": [.contactTimes], "safeContact.person": [.contactSafePerson],
            "carer.name": [.carerName], "carer.phone": [.carerPhone], "carer.relationship": [.carerRelationship],
        ]
        let fields = Set(agency.receives + SealedField.safeContact)
        return changed.contains { id in
            if coded.contains(id) || id.hasPrefix("risk.") || id.hasPrefix("danger.") { return true }
            return (sealed[id] ?? []).contains(where: fields.contains)
        }
    }

    /// A case's version for a correction from a file: changes whenever Haven writes the case
    /// (a prefix of the case's integrity tag, which says nothing of its content).
    static func version(of record: CaseRecord) -> String {
        (record.seal ?? Data()).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// Question ids in the intake's order (the order of ``IntakeAnswers/answers(of:sealed:)``'s
    /// groups), risk answers by number.
    static func questionOrder(_ ids: some Sequence<String>) -> [String] {
        let groups = ["commune", "source", "survivor.", "perpetrator.", "incident.", "risk.", "danger.", "consent.", "wishes.", "safeContact.", "carer.",
                      "reporter."]
        func rank(_ id: String) -> (Int, Int, String) {
            let group = groups.firstIndex { id == $0 || ($0.hasSuffix(".") && id.hasPrefix($0)) } ?? groups.count
            let number = id.hasPrefix("risk.") || id.hasPrefix("danger.") ? Int(id.split(separator: ".").last ?? "") ?? 0 : 0
            return (group, number, id)
        }
        return ids.sorted { rank($0) < rank($1) }
    }
}
