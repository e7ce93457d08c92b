import Foundation
import HavenAPI
import HavenCore
import HavenStore

extension HavenService {
    /// A case opened for printing (summary and consent form); audited as `case.print`.
    public func printCase(_ idText: String, by actor: Caller) async throws -> CaseView {
        CaseView(try await showCase(idText, action: .casePrint, by: actor))
    }

    /// The slip of a sent referral, holding exactly what its packet holds (the agency's
    /// `receives:` fields, or fewer without consent). A held referral has no slip: it was not
    /// sent. Only the case's field officer prints it; audited as `referral.slip`.
    public func referralSlip(_ id: String, by actor: Caller) async throws -> ReferralSlip {
        try await require(actor, .referralSlip, target: id)
        guard let referral = try await query({ try $0.referral(id: id.uppercased()) }), referral.origin == nil,
              let caseID = CaseID(parsing: referral.caseID) else {
            throw HavenError.referralNotFound(id: id)
        }
        let record = try await load(caseID.rawValue, action: .referralSlip, by: actor)
        guard referral.status != .held else {
            throw HavenError.referralNotAllowed(id: referral.id, status: referral.status, action: .referralSlip)
        }
        guard let agency = context.policy.agency(referral.agency) else { throw HavenError.agencyUnknown(id: referral.agency) }
        let sealed = try sealedValues(record)
        let packet = ReferralPacket.make(referral: referral, facts: record.facts, sealed: sealed, agency: agency, policy: context.policy)
        try await recordAllowed(actor, .referralSlip, target: referral.id, detail: "agency=\(referral.agency)")
        return ReferralSlip(packet: packet, status: referral.status)
    }
}

/// Printable pages (HTML for the browser's print): a case summary with the consent form to
/// sign, and a referral slip. Every value is escaped; each page says it is confidential.
public enum Paper {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func page(title: String, language: Language, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
        <title>\(escape(title))</title>
        <style>
        body{font-family:"Times New Roman",serif;max-width:800px;margin:1.5em auto;color:#000;line-height:1.35;font-size:12pt}
        h1{font-size:15pt;text-align:center;margin:.4em 0}h2{font-size:12.5pt;margin:1.1em 0 .3em;border-bottom:1px solid #000}
        table{border-collapse:collapse;width:100%}td,th{border:1px solid #777;padding:3px 6px;vertical-align:top;text-align:left}
        th{width:35%;font-weight:normal;background:#f3f3f3}.confidential{border:2px solid #000;padding:4px 8px;font-weight:bold;text-align:center}
        .note{font-size:10pt;color:#333}.sign{display:flex;gap:2em;margin-top:1.5em}.sign div{flex:1;text-align:center;min-height:7em}
        .box{display:inline-block;width:1em;height:1em;border:1px solid #000;margin-right:.4em;vertical-align:middle;text-align:center;line-height:1em}
        .page{page-break-before:always}
        @media print{body{margin:0;max-width:none}.page{page-break-before:always}}
        </style></head><body>
        <p class="confidential">\(escape(Catalogue.text(.paperConfidential, language)))</p>
        \(body)
        </body></html>

        """
    }

    static func rows(_ pairs: [(String, String?)]) -> String {
        "<table>\n" + pairs.compactMap { label, value in
            guard let value, !value.isEmpty else { return nil }
            return "<tr><th>\(escape(label))</th><td>\(escape(value).replacingOccurrences(of: "\n", with: "<br>"))</td></tr>"
        }.joined(separator: "\n") + "\n</table>\n"
    }

    static func date(_ iso: String?) -> String? {
        guard let iso else { return nil }
        return LocalDate(iso: iso).map(LocalTime.date) ?? iso
    }

    /// A case summary for the paper file, then the consent form to sign.
    public static func caseSummary(_ d: CaseView, policy: Policy, language l: Language, printedAt: Date, printedBy: String) -> String {
        // Consent as last recorded: the latest consent change, else the intake.
        let consentAt = d.timeline.last { $0.kind == "consent_changed" }?.at ?? d.facts.reportedAt
        let child = d.facts.survivorAge.map { $0 < 18 } ?? true
        func t(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String { Catalogue.text(key, l, arguments) }
        let f = d.facts
        let yes = t(.yes), no = t(.no)
        var flags: [String] = []
        if f.disability { flags.append(t(.flagDisability)) }
        if f.pregnant { flags.append(t(.flagPregnant)) }
        if f.childUnder36Months { flags.append(t(.flagChildUnder36Months)) }
        if f.olderPerson { flags.append(t(.flagOlderPerson)) }
        var body = "<h1>\(escape(t(.paperCaseTitle, ["id": d.id.rawValue])))</h1>\n"
        body += rows([
            (t(.headerStatus), d.status.label(l) + (d.outcome.map { " (\($0.label(l)))" } ?? "")),
            (t(.headerCommune), d.place),
            (t(.headerReported), policy.regions.localTime(f.reportedAt, l)),
            (t(.fieldSource), f.source.label(l)),
        ])
        body += "<h2>\(escape(t(.sectionSurvivor)))</h2>\n" + rows([
            (t(.fieldName), d.sealed[.survivorName]),
            (t(.headerSex), f.survivorSex.label(l)),
            (d.sealed[.survivorBirthDate] != nil ? t(.fieldBirthDate) : t(.fieldBirthYear),
             date(d.sealed[.survivorBirthDate]) ?? d.sealed[.survivorBirthYear]),
            (t(.fieldIDNumber), d.sealed[.survivorIDNumber]),
            (t(.fieldPhone), d.sealed[.survivorPhone]),
            (t(.fieldAddress), d.sealed[.survivorAddress]),
            (t(.fieldEthnicity), f.ethnicity.label(l)),
            (t(.fieldFlags), flags.joined(separator: ", ")),
            (SealedField.contactChannel.label(l), d.sealed[.contactChannel].flatMap { ContactChannel(rawValue: $0)?.label(l) ?? $0 }),
            (SealedField.contactTimes.label(l), d.sealed[.contactTimes]),
            (SealedField.contactSafePerson.label(l), d.sealed[.contactSafePerson]),
            (SealedField.carerName.label(l), d.sealed[.carerName]),
            (SealedField.carerPhone.label(l), d.sealed[.carerPhone]),
            (SealedField.carerRelationship.label(l), d.sealed[.carerRelationship]),
            (SealedField.carerConsent.label(l), d.sealed[.carerConsent].map { $0 == "yes" ? yes : no }),
            (SealedField.reporterName.label(l), d.sealed[.reporterName]),
            (SealedField.reporterPhone.label(l), d.sealed[.reporterPhone]),
            (SealedField.reporterRelationship.label(l), d.sealed[.reporterRelationship]),
        ])
        body += "<h2>\(escape(t(.sectionPerpetrator)))</h2>\n" + rows([
            (t(.fieldName), d.sealed[.perpetratorName]),
            (t(.headerSex), f.perpetratorSex.label(l)),
            (SealedField.perpetratorBirthYear.label(l), d.sealed[.perpetratorBirthYear]),
            (t(.fieldRelationship), f.relationship.label(l)),
        ])
        body += "<h2>\(escape(t(.sectionIncident)))</h2>\n" + rows([
            (t(.fieldIncidentDate), date(d.sealed[.incidentDate])),
            (t(.headerType), f.gbvType.label(l)),
            (t(.fieldActs), f.acts.map { $0.label(l) }.joined(separator: ", ")),
            (t(.fieldContext), f.contexts.map { $0.label(l) }.joined(separator: ", ")),
            (t(.fieldInjury), f.injury.label(l)),
            (t(.fieldRisk), f.risk.label(l)),
            (t(.fieldNarrative), d.sealed[.incidentNarrative]),
        ])
        body += "<h2>\(escape(t(.referralsHeader)))</h2>\n"
        body += rows(d.referrals.map { r in
            (policy.agency(r.agency)?.name.text(l) ?? r.agency,
             "\(r.id) · \(r.priority.label(l))\(r.mandatory ? ", \(t(.mandatoryLabel))" : "") · \(r.status.label(l))"
                + (r.dueBy.map { " · \(t(.paperSlipDue)): \(policy.regions.localTime($0, l))" } ?? ""))
        })
        body += "<p class=\"note\">\(escape(t(.paperPrinted, ["at": policy.regions.localTime(printedAt, l), "by": printedBy])))</p>\n"

        // The consent form: what was recorded, and boxes to sign again on paper.
        body += "<div class=\"page\"></div>\n<h1>\(escape(t(.paperConsentTitle, ["id": d.id.rawValue])))</h1>\n"
        body += "<p>\(escape(t(.paperConsentIntro)))</p>\n<table>\n"
        body += "<tr><th></th><td><strong>\(escape(t(.paperAgree)))</strong></td><td><strong>\(escape(t(.paperDisagree)))</strong></td></tr>\n"
        // A child is never asked about grassroots mediation (the law and the policy refuse it).
        for key in [MessageKey.consentReferral, .consentPolice, .consentMediation, .consentStatistics] where !(child && key == .consentMediation) {
            body += "<tr><th>\(escape(t(key)))</th><td><span class=\"box\"></span></td><td><span class=\"box\"></span></td></tr>\n"
        }
        body += "</table>\n"
        var recordedPairs = [(t(.consentReferral), f.consent.referral), (t(.consentPolice), f.consent.police)]
        if !child { recordedPairs.append((t(.consentMediation), f.consent.mediation)) }
        recordedPairs.append((t(.consentStatistics), f.consent.statistics))
        let recorded = recordedPairs.map { "\($0.0): \($0.1 ? yes : no)" }.joined(separator: " · ")
        let consentDate = LocalTime.date(policy.regions.localDate(consentAt))
        body += "<p class=\"note\">\(escape(t(.paperConsentRecorded, ["date": consentDate]))): \(escape(recorded))</p>\n"
        body += "<p>\(escape(t(.paperSignDate)))</p>\n<div class=\"sign\"><div>\(escape(t(.paperSignSurvivor)))</div>"
        if child { body += "<div>\(escape(t(.paperSignGuardian)))</div>" }
        body += "<div>\(escape(t(.paperSignOfficer)))</div></div>\n"
        return page(title: t(.paperCaseTitle, ["id": d.id.rawValue]), language: l, body: body)
    }

    /// The slip an agency signs on receipt: the referral's terms and what the agency receives.
    public static func referralSlip(_ slip: ReferralSlip, policy: Policy, regions: RegionCatalog, language l: Language,
                                    printedAt: Date, printedBy: String) -> String {
        func t(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String { Catalogue.text(key, l, arguments) }
        let p = slip.packet
        let agency = policy.agency(p.agency)?.name.text(l) ?? p.agency
        let commune = regions.commune(p.coded.commune)
        func label<V: CodedValue>(_ type: V.Type, _ raw: String) -> String { V(rawValue: raw)?.label(l) ?? raw }
        var body = "<h1>\(escape(t(.paperSlipTitle, ["id": p.referral])))</h1>\n"
        body += rows([
            (t(.paperSlipTo), agency),
            (t(.paperSlipFrom), commune.map { "\($0.name), \($0.formerDistrict)" } ?? p.coded.commune),
            (t(.headerCase), p.caseID),
            (t(.headerPriority), p.priority.label(l) + (p.mandatory ? ", \(t(.mandatoryLabel))" : "")),
            (t(.headerStatus), slip.status.label(l)),
            (t(.paperSlipDue), regions.localTime(p.dueBy, l)),
            (t(.paperSlipBasis), p.basis == .consent ? t(.packetBasisConsent) : t(.packetBasisMandatory)),
            (t(.paperSlipGrounds), p.grounds.map { l == .vi ? $0.vi : $0.en }.filter { !$0.isEmpty }.joined(separator: "\n")),
            (t(.paperLegalBasis), p.legalBases.joined(separator: "\n")),
        ])
        body += "<h2>\(escape(t(.paperCaseFacts)))</h2>\n" + rows([
            (t(.headerType), label(GBVType.self, p.coded.gbvType)),
            (t(.fieldActs), p.coded.acts.map { label(Act.self, $0) }.joined(separator: ", ")),
            (t(.fieldRelationship), label(Relationship.self, p.coded.relationship)),
            (t(.fieldRisk), label(RiskLevel.self, p.coded.risk)),
            (t(.fieldInjury), label(Injury.self, p.coded.injury)),
            (t(.headerSex), label(Sex.self, p.coded.survivorSex)),
            (t(.headerAgeGroup), label(AgeGroup.self, p.coded.survivorAgeGroup)),
            (t(.packetProsecution), p.coded.prosecutionWish.map { $0 ? t(.yes) : t(.no) }),
        ])
        body += "<h2>\(escape(t(.sectionSurvivor)))</h2>\n"
        // A birth date makes the year of birth beside it redundant.
        let order = SealedField.allCases.filter { p.fields[$0.rawValue] != nil && $0 != .riskAnswers }
            .filter { !($0 == .survivorBirthYear && p.fields[SealedField.survivorBirthDate.rawValue] != nil) }
        body += rows(order.map { field in
            let value = p.fields[field.rawValue]
            switch field {
            case .survivorBirthDate, .incidentDate: return (field.label(l), date(value))
            case .contactChannel: return (field.label(l), value.flatMap { ContactChannel(rawValue: $0)?.label(l) ?? $0 })
            case .carerConsent: return (field.label(l), value.map { $0 == "yes" ? t(.yes) : t(.no) })
            default: return (field.label(l), value)
            }
        })
        // The risk screen's answers, question by question.
        if let stored = p.fields[SealedField.riskAnswers.rawValue], let risk = RiskScreen.describe(stored, l) {
            body += "<h2>\(escape(risk.screen))</h2>\n" + rows(risk.lines.map { ($0.question, $0.answer) })
        }
        body += "<p class=\"note\">\(escape(t(.paperSlipOnly)))</p>\n"
        body += "<div class=\"sign\"><div>\(escape(t(.paperSlipDelivered)))</div><div>\(escape(t(.paperSlipReceived)))</div></div>\n"
        body += "<p class=\"note\">\(escape(t(.paperPrinted, ["at": regions.localTime(printedAt, l), "by": printedBy])))</p>\n"
        return page(title: t(.paperSlipTitle, ["id": p.referral]), language: l, body: body)
    }
}
