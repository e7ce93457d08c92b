import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore

/// How `case show` prints a case: labelled sections in the officer's language.
enum CaseText {
    static func text(_ d: CaseView, policy: Policy, cli: CLI) -> String {
        let l = cli.language
        let f = d.facts
        func line(_ key: MessageKey, _ value: String?) -> String? {
            guard let value, !value.isEmpty else { return nil }
            return "  \(cli.text(key)): \(value)"
        }
        let yes = cli.text(.yes), no = cli.text(.no)
        var flags: [String] = []
        if f.disability { flags.append(cli.text(.flagDisability)) }
        if f.pregnant { flags.append(cli.text(.flagPregnant)) }
        if f.childUnder36Months { flags.append(cli.text(.flagChildUnder36Months)) }
        if f.olderPerson { flags.append(cli.text(.flagOlderPerson)) }
        var out: [String?] = [
            "\(d.id.rawValue) — \(d.status.label(l))\(d.outcome.map { " (\($0.label(l)))" } ?? "")",
            "  \(cli.text(.headerCommune)): \(d.place)",
            "  \(cli.text(.headerReported)): \(policy.regions.localTime(f.reportedAt, l)) · \(cli.text(.fieldSource)): \(f.source.label(l))",
            "",
            cli.text(.sectionSurvivor),
            line(.fieldName, d.sealed[.survivorName]),
            "  \(cli.text(.headerSex)): \(f.survivorSex.label(l)) · \(cli.text(.headerAgeGroup)): \(f.survivorAgeGroup.label(l)) · \(cli.text(.fieldEthnicity)): \(f.ethnicity.label(l))",
            line(.fieldBirthDate, d.sealed[.survivorBirthDate].flatMap(LocalDate.init(iso:)).map(LocalTime.date) ?? d.sealed[.survivorBirthYear]),
            line(.fieldPhone, d.sealed[.survivorPhone]),
            line(.fieldAddress, d.sealed[.survivorAddress]),
            line(.fieldIDNumber, d.sealed[.survivorIDNumber]),
            line(.fieldFlags, flags.joined(separator: ", ")),
        ]
        // Safe contact, a child's carer, and who reported it: each field by its name.
        for field in [SealedField.contactChannel, .contactTimes, .contactSafePerson, .carerName, .carerPhone, .carerRelationship,
                      .carerConsent, .reporterName, .reporterPhone, .reporterRelationship] {
            guard let value = d.sealed[field] else { continue }
            let shown = switch field {
            case .contactChannel: ContactChannel(rawValue: value)?.label(l) ?? value
            case .carerConsent: value == "yes" ? yes : value == "no" ? no : value
            default: value
            }
            out.append("  \(field.label(l)): \(shown)")
        }
        out += [
            "",
            cli.text(.sectionPerpetrator),
            line(.fieldName, d.sealed[.perpetratorName]),
            "  \(cli.text(.headerSex)): \(f.perpetratorSex.label(l)) · \(cli.text(.headerAgeGroup)): \(f.perpetratorAgeGroup.label(l)) · \(cli.text(.fieldRelationship)): \(f.relationship.label(l))",
            "",
            cli.text(.sectionIncident),
            line(.fieldIncidentDate, d.sealed[.incidentDate].flatMap(LocalDate.init(iso:)).map(LocalTime.date)),
            "  \(cli.text(.headerType)): \(f.gbvType.label(l)) · \(cli.text(.fieldDelay)): \(f.reportingDelay.label(l))",
            line(.fieldActs, f.acts.map { $0.label(l) }.joined(separator: ", ")),
            line(.fieldContext, f.contexts.map { $0.label(l) }.joined(separator: ", ")),
            "  \(cli.text(.fieldInjury)): \(f.injury.label(l)) · \(cli.text(.fieldRisk)): \(f.risk.label(l))",
            line(.fieldNarrative, d.sealed[.incidentNarrative]),
            "",
            cli.text(.sectionConsent),
            "  \(cli.text(.consentReferral)): \(f.consent.referral ? yes : no) · \(cli.text(.consentPolice)): \(f.consent.police ? yes : no) · \(cli.text(.consentMediation)): \(f.consent.mediation ? yes : no) · \(cli.text(.consentStatistics)): \(f.consent.statistics ? yes : no)",
            "",
            cli.text(.referralsHeader),
        ]
        for r in d.referrals {
            out.append("  \(r.id)  \(cli.agencyName(r.agency, in: policy)): \(r.priority.label(l))\(r.mandatory ? ", \(cli.text(.mandatoryLabel))" : ""), \(r.status.label(l))\(r.overdue ? " — \(cli.text(.headerOverdue))" : "")")
        }
        if d.referrals.isEmpty { out.append("  " + cli.text(.noReferrals)) }
        out += ["", cli.text(.sectionTimeline)]
        for entry in d.timeline {
            let label: String = switch entry.kind {
            case "created": cli.text(.eventCreated)
            case "note_added": cli.text(.eventNoteAdded)
            case "routed": cli.text(.eventRouted)
            case "referral_sent": cli.text(.eventReferralSent)
            case "referral_held": cli.text(.eventReferralHeld)
            case "referral_acknowledged": cli.text(.eventReferralAcknowledged)
            case "referral_accepted": cli.text(.eventReferralAccepted)
            case "referral_declined": cli.text(.eventReferralDeclined)
            case "referral_closed": cli.text(.eventReferralClosed)
            case "consent_changed": cli.text(.eventConsentChanged)
            case "edited": cli.text(.eventEdited)
            case "mediation_opened": cli.text(.eventMediationOpened)
            case "mediation_session": cli.text(.eventMediationSession)
            case "mediation_followup": cli.text(.eventMediationFollowUp)
            case "mediation_ended": cli.text(.eventMediationEnded)
            default: cli.text(.eventStatusChanged)
            }
            let detail = TimelineText.describe(kind: entry.kind, detail: entry.detail, policy: policy, cli: cli)
            let who = entry.actorName ?? (entry.actor == "haven" ? "Haven" : entry.actor)
            out.append("  \(policy.regions.localTime(entry.at, l))  \(label)\(detail.isEmpty ? "" : " — " + detail)  (\(who))")
            if let note = entry.note { out.append("    \(note)") }
        }
        return out.compactMap { $0 }.joined(separator: "\n")
    }
}

/// A timeline entry's coded detail ("referral=R-… agency=police released") in words, with
/// agency names from the policy and labels in the officer's language; tokens it does not know
/// are shown as they are.
enum TimelineText {
    static func describe(kind: String, detail: String, policy: Policy, cli: CLI) -> String {
        let l = cli.language
        func label<V: CodedValue>(_ type: V.Type, _ raw: String) -> String? { V(rawValue: raw)?.label(l) }
        func yesNo(_ raw: String) -> String { raw == "yes" ? cli.text(.yes) : raw == "no" ? cli.text(.no) : raw }
        var parts: [String] = []
        for token in detail.split(separator: " ").map(String.init) {
            if token.hasPrefix("closed:") {
                let raw = String(token.dropFirst(7))
                parts.append(label(CaseOutcome.self, raw) ?? raw)
                continue
            }
            let pair = token.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else {
                switch token {
                case "released": parts.append(cli.text(.timelineReleased))
                case "repeat": parts.append(cli.text(.timelineRepeat))
                case "mandatory": parts.append(cli.text(.mandatoryLabel))
                default: parts.append(token)
                }
                continue
            }
            let (key, value) = (pair[0], pair[1])
            if kind == "consent_changed" {
                let name: MessageKey? = switch key {
                case "referral": .consentReferral
                case "police": .consentPolice
                case "mediation": .consentMediation
                case "statistics": .consentStatistics
                default: nil
                }
                parts.append("\(name.map { cli.text($0) } ?? key): \(yesNo(value))")
                continue
            }
            switch key {
            case "type": parts.append(label(GBVType.self, value) ?? value)
            case "policy": parts.append(cli.text(.timelinePolicy, ["hash": String(value.prefix(19))]))
            case "referral", "mediation", "team": parts.append(value)
            case "agency": parts.append("→ " + cli.agencyName(value, in: policy))
            case "priority": parts.append(label(Priority.self, value) ?? value)
            case "escalation": parts.append(label(Escalation.self, value) ?? value)
            case "outcome": parts.append(label(SessionOutcome.self, value) ?? label(CaseOutcome.self, value) ?? value)
            case "end": parts.append(label(MediationEnd.self, value) ?? value)
            case "reason": parts.append(label(DeclineReason.self, value) ?? value)
            case "recurred": parts.append("\(cli.text(.timelineRecurred)): \(yesNo(value))")
            case "fields":
                let prompts = Prompter.questionPrompts(language: l, regions: policy.regions)
                parts.append(value.split(separator: ",").map { prompts[String($0)] ?? String($0) }.joined(separator: "; "))
            default: parts.append(token)
            }
        }
        return parts.joined(separator: " ")
    }
}
