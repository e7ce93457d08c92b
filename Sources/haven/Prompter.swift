import Foundation
import HavenCore

/// Asks the intake questions one by one on a terminal, checking each answer as it is
/// typed, and builds the same intake JSON that `--from` reads (one validation path).
struct Prompter {
    let language: Language
    let regions: RegionCatalog

    struct Cancelled: Error {}

    func text(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String { Catalogue.text(key, language, arguments) }

    /// Reads one line; nil at end of input (Ctrl-D), which cancels the intake.
    func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data("\(prompt): ".utf8))
        guard let line = readLine(strippingNewline: true) else { throw Cancelled() }
        return line.trimmingCharacters(in: .whitespaces)
    }

    /// Asks until `check` accepts the answer.
    func ask<T>(_ prompt: String, required: Bool = true, _ check: (String) throws -> T?) throws -> T? {
        while true {
            let answer = try ask(prompt)
            if answer.isEmpty {
                if !required { return nil }
                Terminal.error(text(.askInvalid, ["reason": text(.askRequired)]))
                continue
            }
            do {
                if let value = try check(answer) { return value }
            } catch let error as CoreError {
                Terminal.error(text(.askInvalid, ["reason": error.message(language)]))
                continue
            }
            Terminal.error(text(.askInvalid, ["reason": answer]))
        }
    }

    func choose<V: CodedValue>(_ key: MessageKey, _ type: V.Type, required: Bool = true) throws -> V? {
        let options = Array(V.allCases)
        Terminal.error(text(key))
        for (index, value) in options.enumerated() { Terminal.error("  \(index + 1). \(value.rawValue) — \(value.label(language))") }
        return try ask(text(.askChoose), required: required) { answer in
            if let n = Int(answer), (1...options.count).contains(n) { return options[n - 1] }
            return try V(parsing: answer, at: V.codeNamespace)
        }
    }

    func chooseMany<V: CodedValue>(_ key: MessageKey, _ type: V.Type) throws -> [V] {
        let options = Array(V.allCases)
        Terminal.error(text(key))
        for (index, value) in options.enumerated() { Terminal.error("  \(index + 1). \(value.rawValue) — \(value.label(language))") }
        return try ask(text(.askChooseMany)) { answer in
            try answer.split(separator: ",").map { part throws(CoreError) -> V in
                let item = part.trimmingCharacters(in: .whitespaces)
                if let n = Int(item), (1...options.count).contains(n) { return options[n - 1] }
                return try V(parsing: item, at: V.codeNamespace)
            }
        } ?? []
    }

    func yesNo(_ key: MessageKey) throws -> Bool {
        try ask("\(text(key)) (\(text(.askYesNo)))") { answer in
            let folded = TextFolding.fold(answer)
            if ["y", "yes", "c", "co", "true", "1"].contains(folded) { return true }
            if ["n", "no", "k", "khong", "false", "0"].contains(folded) { return false }
            return nil
        }!
    }

    /// Yes, no or unknown (an empty answer or "không rõ" is unknown): nil for unknown.
    func yesNoUnknown(_ key: MessageKey) throws -> Bool? {
        var result: Bool?? = nil
        _ = try ask("\(text(key)) (\(text(.askYesNoUnknown)))", required: false) { answer -> Bool? in
            let folded = TextFolding.fold(answer)
            if ["y", "yes", "c", "co", "true", "1"].contains(folded) { result = .some(true); return true }
            if ["n", "no", "k", "khong", "false", "0"].contains(folded) { result = .some(false); return true }
            if ["?", "unknown", "khong ro", "kr", "khong biet"].contains(folded) { result = .some(nil); return true }
            return nil
        }
        return result ?? nil
    }

    func optionalText(_ key: MessageKey) throws -> JSONValue? {
        try ask(text(key), required: false) { $0 }.map(JSONValue.string)
    }

    /// Runs the questionnaire; nil when the officer cancels.
    func askIntake() throws -> IntakeForm? {
        do {
            Terminal.error(text(.askIntro))
            var root: [(key: String, value: JSONValue)] = []
            let commune = try ask(text(.askCommune)) { try regions.resolve($0) }!
            root.append(("commune", .string(commune.slug)))
            root.append(("source", .string(try choose(.askSource, ReportingSource.self)!.rawValue)))

            var survivor: [(key: String, value: JSONValue)] = []
            if let name = try optionalText(.askSurvivorName) { survivor.append(("name", name)) }
            survivor.append(("sex", .string(try choose(.askSurvivorSex, Sex.self)!.rawValue)))
            if let birth: JSONValue = try ask(text(.askSurvivorBirth), required: false, { answer in
                if let date = LocalDate(iso: answer) { return JSONValue.string(date.description) }
                if let year = Int(answer), (1900...2100).contains(year) { return JSONValue.number(Double(year)) }
                return nil
            }) {
                survivor.append((isNumber(birth) ? "birthYear" : "birthDate", birth))
            }
            if let phone = try optionalText(.askPhone) { survivor.append(("phone", phone)) }
            if let address = try optionalText(.askAddress) { survivor.append(("address", address)) }
            survivor.append(("ethnicity", .string(try choose(.askEthnicity, EthnicityGroup.self)!.rawValue)))
            survivor.append(("disability", .bool(try yesNo(.askDisability))))
            survivor.append(("pregnant", .bool(try yesNo(.askPregnant))))
            survivor.append(("childUnder36Months", .bool(try yesNo(.askChildUnder36Months))))
            survivor.append(("cannotDefend", .bool(try yesNo(.askCannotDefend))))
            if let hardship = try yesNoUnknown(.askFinancialHardship) { survivor.append(("financialHardship", .bool(hardship))) }
            root.append(("survivor", .object(survivor)))

            var perpetrator: [(key: String, value: JSONValue)] = []
            if let name = try optionalText(.askPerpetratorName) { perpetrator.append(("name", name)) }
            perpetrator.append(("sex", .string(try choose(.askPerpetratorSex, Sex.self)!.rawValue)))
            if let year = try ask(text(.askPerpetratorBirthYear), required: false, { Int($0).flatMap { (1900...2100).contains($0) ? $0 : nil } }) {
                perpetrator.append(("birthYear", .number(Double(year))))
            }
            let relationship = try choose(.askRelationship, Relationship.self)!
            perpetrator.append(("relationship", .string(relationship.rawValue)))
            if [.spouse, .cohabiting, .intimatePartner].contains(relationship), let separated = try yesNoUnknown(.askSeparated) {
                perpetrator.append(("separated", .bool(separated)))
            }
            root.append(("perpetrator", .object(perpetrator)))

            var incident: [(key: String, value: JSONValue)] = []
            let date = try ask(text(.askIncidentDate)) { answer -> String? in
                answer.lowercased() == "unknown" ? "unknown" : LocalDate(iso: answer)?.description
            }!
            incident.append(("date", .string(date)))
            incident.append(("acts", .array(try chooseMany(.askActs, Act.self).map { .string($0.rawValue) })))
            incident.append(("injury", .string(try choose(.askInjury, Injury.self)!.rawValue)))
            incident.append(("childrenPresent", .bool(try yesNo(.askChildrenPresent))))
            if let narrative = try optionalText(.askNarrative) { incident.append(("narrative", narrative)) }
            root.append(("incident", .object(incident)))

            Terminal.error(text(.askRiskIntro))
            var answers: [JSONValue] = []
            for question in RiskScreen.lapQuestions { answers.append(.bool(try yesNo(question))) }
            root.append(("risk", .object([("screen", .string("lap")), ("answers", .array(answers))])))

            root.append(("consent", .object([
                ("referral", .bool(try yesNo(.askConsentReferral))), ("police", .bool(try yesNo(.askConsentPolice))),
                ("mediation", .bool(try yesNo(.askConsentMediation))), ("statistics", .bool(try yesNo(.askConsentStatistics))),
            ])))
            var wishes: [(key: String, value: JSONValue)] = [
                ("legalAid", .bool(try yesNo(.askWishLegalAid))), ("shelter", .bool(try yesNo(.askWishShelter))),
                ("medical", .bool(try yesNo(.askWishMedical))),
            ]
            if let prosecution = try yesNoUnknown(.askWishProsecution) { wishes.append(("prosecution", .bool(prosecution))) }
            root.append(("wishes", .object(wishes)))

            // How to reach the survivor safely: every agency's packet carries it.
            var contact: [(key: String, value: JSONValue)] = []
            if let channel = try choose(.askContactChannel, ContactChannel.self, required: false) {
                contact.append(("channel", .string(channel.rawValue)))
            }
            if let times = try optionalText(.askContactTimes) { contact.append(("times", times)) }
            if let person = try optionalText(.askContactSafePerson) { contact.append(("person", person)) }
            if !contact.isEmpty { root.append(("safeContact", .object(contact))) }

            // A child (or a survivor of unknown age): a non-offending carer for child protection.
            if mayBeChild(survivor) {
                var carer: [(key: String, value: JSONValue)] = []
                if let name = try optionalText(.askCarerName) { carer.append(("name", name)) }
                if let phone = try optionalText(.askCarerPhone) { carer.append(("phone", phone)) }
                if let relation = try optionalText(.askCarerRelationship) { carer.append(("relationship", relation)) }
                if !carer.isEmpty { root.append(("carer", .object(carer))) }
            }
            return try IntakeForm(json: .object(root), regions: regions)
        } catch is Cancelled {
            return nil
        }
    }

    /// True when the birth answer leaves the survivor possibly under 18 (or was not given).
    func mayBeChild(_ survivor: [(key: String, value: JSONValue)]) -> Bool {
        let thisYear = LocalDate(Date(), utcOffsetSeconds: 7 * 3600).year
        for (key, value) in survivor {
            if key == "birthYear", case .number(let year) = value { return thisYear - Int(year) - 1 < 18 }
            if key == "birthDate", case .string(let text) = value, let date = LocalDate(iso: text) { return thisYear - date.year - 1 < 18 }
        }
        return true
    }

    func isNumber(_ value: JSONValue) -> Bool {
        if case .number = value { return true }
        return false
    }
}
