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
            root.append(("survivor", .object(survivor)))

            var perpetrator: [(key: String, value: JSONValue)] = []
            if let name = try optionalText(.askPerpetratorName) { perpetrator.append(("name", name)) }
            perpetrator.append(("sex", .string(try choose(.askPerpetratorSex, Sex.self)!.rawValue)))
            if let year = try ask(text(.askPerpetratorBirthYear), required: false, { Int($0).flatMap { (1900...2100).contains($0) ? $0 : nil } }) {
                perpetrator.append(("birthYear", .number(Double(year))))
            }
            perpetrator.append(("relationship", .string(try choose(.askRelationship, Relationship.self)!.rawValue)))
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
            root.append(("wishes", .object([
                ("legalAid", .bool(try yesNo(.askWishLegalAid))), ("shelter", .bool(try yesNo(.askWishShelter))),
                ("medical", .bool(try yesNo(.askWishMedical))),
            ])))
            return try IntakeForm(json: .object(root), regions: regions)
        } catch is Cancelled {
            return nil
        }
    }

    func isNumber(_ value: JSONValue) -> Bool {
        if case .number = value { return true }
        return false
    }
}
