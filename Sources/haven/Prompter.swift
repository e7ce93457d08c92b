import Foundation
import HavenAPI
import HavenCore
import HavenService

/// The intake on a terminal: question by question, each answer checked as it is typed (in
/// Vietnamese or English words), questions that cannot apply skipped, every answer kept in an
/// encrypted draft, and a numbered review before saving. It builds the same intake JSON that
/// `--from` reads, so there is one validation path.
struct Prompter {
    let language: Language
    let regions: RegionCatalog
    /// The officer's communes (empty: any commune).
    let communes: [String]
    let today: LocalDate
    /// Saves the answers so far as a draft (returns its id).
    let saveDraft: ([String: String], String?) async throws -> String
    /// Correcting a stored case (`case edit`): no draft is kept, and stopping loses the changes.
    var editing = false
    /// The report date ages are read on when the incident date is unknown, as the case facts
    /// read them (a correction: the case's report date, not today).
    var reportDate: LocalDate?
    let reader = LineReader()

    /// How an intake ended.
    enum Outcome {
        case save(IntakeForm, answers: [String: String], draft: String?)
        case stopped(draft: String?)
        case discarded(draft: String?)
    }

    typealias Answers = [String: String]

    func text(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String { Catalogue.text(key, language, arguments) }
    func say(_ line: String) { Terminal.error(line) }

    // MARK: - The questions

    enum Kind {
        case commune([IntakeAnswers.Option])
        case choice([IntakeAnswers.Option])
        case many([IntakeAnswers.Option])
        case yesNo
        case yesNoUnknown
        case text(max: Int)
        case narrative
        case birth
        case incidentDate
        case year
        case phone
    }

    struct Question {
        let id: String
        let prompt: String
        let kind: Kind
        var required = true
        var applies: (Answers) -> Bool = { _ in true }
    }

    /// The survivor's age today from the birth answer (nil when unknown).
    func age(_ answers: Answers) -> Int? {
        guard let birth = answers["survivor.birth"], birth != "unknown", !birth.isEmpty else { return nil }
        // As the case facts read it: on the incident date when known, the lower possible age
        // from a year of birth (a child stays a child).
        let on = answers["incident.date"].flatMap(LocalDate.init(iso:)) ?? reportDate ?? today
        if let date = LocalDate(iso: birth) { return date.age(on: on) }
        return Int(birth).map { IntakeAnswers.age(bornIn: $0, on: on) }
    }

    func partnerViolence(_ answers: Answers) -> Bool {
        answers["perpetrator.relationship"].flatMap(Relationship.init(rawValue:))?.isIntimatePartner ?? false
    }

    var questions: [Question] {
        let limits = (name: 200, phone: 24, address: 500, idNumber: 32)
        let communeOptions = (communes.isEmpty ? regions.communes : regions.communes.filter { communes.contains($0.slug) })
            .map { IntakeAnswers.Option(code: $0.slug, label: $0.name, also: [$0.shortName]) }
        let notMale: (Answers) -> Bool = { $0["survivor.sex"] != Sex.male.rawValue }
        var list: [Question] = [
            Question(id: "commune", prompt: text(.askCommune), kind: .commune(communeOptions), applies: { _ in communeOptions.count != 1 }),
            Question(id: "source", prompt: text(.askSource), kind: .choice(IntakeAnswers.options(ReportingSource.self, language))),
            Question(id: "survivor.name", prompt: text(.askSurvivorName), kind: .text(max: limits.name), required: false),
            Question(id: "survivor.sex", prompt: text(.askSurvivorSex), kind: .choice(IntakeAnswers.options(Sex.self, language))),
            Question(id: "survivor.birth", prompt: text(.askSurvivorBirth), kind: .birth, required: false),
            Question(id: "survivor.idNumber", prompt: text(.askIdNumber), kind: .text(max: limits.idNumber), required: false),
            Question(id: "survivor.phone", prompt: text(.askPhone), kind: .phone, required: false),
            Question(id: "survivor.address", prompt: text(.askAddress), kind: .text(max: limits.address), required: false),
            Question(id: "survivor.ethnicity", prompt: text(.askEthnicity), kind: .choice(IntakeAnswers.options(EthnicityGroup.self, language))),
            Question(id: "survivor.disability", prompt: text(.askDisability), kind: .yesNo),
            // Pregnancy from 10 to 55 (a pregnant child is an aggravating circumstance and a
            // medical referral), a child under 36 months from 13 to 55 (child marriage); never
            // for a man.
            Question(id: "survivor.pregnant", prompt: text(.askPregnant), kind: .yesNo,
                     applies: { notMale($0) && (age($0).map { (10...55).contains($0) } ?? true) }),
            Question(id: "survivor.childUnder36Months", prompt: text(.askChildUnder36Months), kind: .yesNo,
                     applies: { notMale($0) && (age($0).map { (13...55).contains($0) } ?? true) }),
            Question(id: "survivor.cannotDefend", prompt: text(.askCannotDefend), kind: .yesNo),
            Question(id: "survivor.financialHardship", prompt: text(.askFinancialHardship), kind: .yesNoUnknown),
            Question(id: "perpetrator.name", prompt: text(.askPerpetratorName), kind: .text(max: limits.name), required: false),
            Question(id: "perpetrator.sex", prompt: text(.askPerpetratorSex), kind: .choice(IntakeAnswers.options(Sex.self, language))),
            Question(id: "perpetrator.birthYear", prompt: text(.askPerpetratorBirthYear), kind: .year, required: false),
            Question(id: "perpetrator.relationship", prompt: text(.askRelationship), kind: .choice(IntakeAnswers.options(Relationship.self, language))),
            Question(id: "perpetrator.separated", prompt: text(.askSeparated), kind: .yesNoUnknown, applies: {
                [Relationship.spouse, .cohabiting, .intimatePartner].map(\.rawValue).contains($0["perpetrator.relationship"] ?? "")
            }),
            Question(id: "incident.date", prompt: text(.askIncidentDate), kind: .incidentDate),
            Question(id: "incident.acts", prompt: text(.askActs), kind: .many(IntakeAnswers.options(Act.self, language))),
            Question(id: "incident.injury", prompt: text(.askInjury), kind: .choice(IntakeAnswers.options(Injury.self, language))),
            Question(id: "incident.childrenPresent", prompt: text(.askChildrenPresent), kind: .yesNo),
            Question(id: "incident.narrative", prompt: text(.askNarrative), kind: .narrative, required: false),
        ]
        // The Lethality Assessment screen is for partner violence only.
        for (index, key) in RiskScreen.lapQuestions.enumerated() {
            list.append(Question(id: "risk.\(index + 1)", prompt: text(key), kind: .yesNoUnknown, applies: partnerViolence))
        }
        // Everyone else (a son, a parent, an in-law, a stranger): the short danger screen.
        for (index, key) in RiskScreen.dangerQuestions.enumerated() {
            list.append(Question(id: "danger.\(index + 1)", prompt: text(key), kind: .yesNoUnknown, applies: { !partnerViolence($0) }))
        }
        list += [
            Question(id: "consent.referral", prompt: text(.askConsentReferral), kind: .yesNo),
            Question(id: "consent.police", prompt: text(.askConsentPolice), kind: .yesNo),
            // Never a child's (nor an unknown age's): the law and the policy refuse mediation there.
            Question(id: "consent.mediation", prompt: text(.askConsentMediation), kind: .yesNo, applies: { age($0).map { $0 >= 18 } ?? false }),
            Question(id: "consent.statistics", prompt: text(.askConsentStatistics), kind: .yesNo),
            Question(id: "wishes.legalAid", prompt: text(.askWishLegalAid), kind: .yesNo),
            Question(id: "wishes.shelter", prompt: text(.askWishShelter), kind: .yesNo),
            Question(id: "wishes.medical", prompt: text(.askWishMedical), kind: .yesNo),
            Question(id: "wishes.prosecution", prompt: text(.askWishProsecution), kind: .yesNoUnknown),
            Question(id: "safeContact.channel", prompt: text(.askContactChannel), kind: .choice(IntakeAnswers.options(ContactChannel.self, language)),
                     required: false),
            Question(id: "safeContact.times", prompt: text(.askContactTimes), kind: .text(max: limits.address), required: false),
            Question(id: "safeContact.person", prompt: text(.askContactSafePerson), kind: .text(max: limits.address), required: false),
        ]
        // A child (or a survivor of unknown age): a non-offending carer for child protection.
        let child: (Answers) -> Bool = { age($0).map { $0 < 18 } ?? true }
        list += [
            Question(id: "carer.name", prompt: text(.askCarerName), kind: .text(max: limits.name), required: false, applies: child),
            Question(id: "carer.phone", prompt: text(.askCarerPhone), kind: .phone, required: false, applies: child),
            Question(id: "carer.relationship", prompt: text(.askCarerRelationship), kind: .text(max: limits.address), required: false, applies: child),
            Question(id: "carer.consent", prompt: text(.askCarerConsent), kind: .yesNoUnknown, applies: child),
        ]
        // Who reported it, when not the survivor: sealed, never sent to an agency.
        let reported: (Answers) -> Bool = { ($0["source"] ?? "") != ReportingSource.selfReport.rawValue }
        list += [
            Question(id: "reporter.name", prompt: text(.askReporterName), kind: .text(max: limits.name), required: false, applies: reported),
            Question(id: "reporter.phone", prompt: text(.askReporterPhone), kind: .phone, required: false, applies: reported),
            Question(id: "reporter.relationship", prompt: text(.askReporterRelationship), kind: .text(max: limits.address), required: false,
                     applies: reported),
        ]
        return list
    }

    /// The intake of `officer` on this terminal: their communes, today in the province.
    static func forOfficer(_ client: any HavenClient, cli: CLI,
                           saveDraft: @escaping ([String: String], String?) async throws -> String) async throws -> Prompter {
        let regions = try await client.policy().regions
        return Prompter(language: cli.language, regions: regions, communes: client.caller.communes,
                        today: regions.localDate(try await client.now()), saveDraft: saveDraft)
    }

    /// Each question's prompt by id, without its trailing punctuation (for history lines).
    static func questionPrompts(language: Language, regions: RegionCatalog) -> [String: String] {
        let all = Prompter(language: language, regions: regions, communes: [], today: regions.localDate(Date()),
                           saveDraft: { _, _ in "" }).questions
        return Dictionary(all.map { ($0.id, $0.prompt.trimmingCharacters(in: CharacterSet(charactersIn: " ?:"))) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Asking

    /// The outcome of one question.
    enum Asked { case answer(String), interrupt, end }

    func options(_ kind: Kind) -> [IntakeAnswers.Option]? {
        switch kind {
        case .commune(let o), .choice(let o), .many(let o): o
        default: nil
        }
    }

    func showOptions(_ options: [IntakeAnswers.Option]) {
        for (index, option) in options.enumerated() { say("  \(index + 1). \(option.label)") }
    }

    /// Asks `question` until its answer reads; the value is the canonical answer ("" for an
    /// optional question skipped).
    func ask(_ question: Question, _ answers: Answers) -> Asked {
        let choices = options(question.kind)
        var prompt = question.prompt
        switch question.kind {
        case .commune(let o) where o.count > 12: prompt = question.prompt
        case .commune, .choice: if let choices { say(question.prompt); showOptions(choices); prompt = text(.askChoose) }
        case .many: if let choices { say(question.prompt); showOptions(choices); prompt = text(.askChooseMany) }
        case .yesNo: prompt = "\(question.prompt) (\(text(.askYesNo)))"
        case .yesNoUnknown: prompt = "\(question.prompt) (\(text(.askYesNoUnknown)))"
        case .narrative: say(question.prompt + " " + text(.intakeNarrativeHint)); prompt = ""
        default: break
        }
        while true {
            if case .narrative = question.kind {
                var lines: [String] = []
                while true {
                    switch reader.read(lines.isEmpty ? "›" : "") {
                    case .interrupt: return .interrupt
                    case .end: if lines.isEmpty { return .end }
                    case .line(let line):
                        if !line.isEmpty { lines.append(line); continue }
                    }
                    break
                }
                let narrative = lines.joined(separator: "\n")
                if narrative.count > 20_000 { say(text(.askInvalid, ["reason": IntakeAnswers.Problem.tooLong(max: 20_000).message(language)])); continue }
                return .answer(narrative)
            }
            let typed: String
            switch reader.read(prompt) {
            case .interrupt: return .interrupt
            case .end: return .end
            case .line(let line): typed = line
            }
            if typed.isEmpty && !question.required { return .answer("") }
            // Enter on a yes/no/unknown question: unknown, as the prompt says.
            if typed.isEmpty, case .yesNoUnknown = question.kind { return .answer("unknown") }
            switch read(typed, question, answers) {
            case .success(let value):
                if let shown = echo(question, value) { say(text(.intakeEcho, ["value": shown])) }
                return .answer(value)
            case .failure(let problem):
                say(text(.askInvalid, ["reason": problem.message(language)]))
                // The list again (not the province's hundred communes).
                if let choices {
                    if case .commune(let all) = question.kind, all.count > 12 {} else { showOptions(choices) }
                }
            }
        }
    }

    /// Reads a typed answer into its canonical value, checking it against the answers given.
    func read(_ typed: String, _ question: Question, _ answers: Answers) -> Result<String, IntakeAnswers.Problem> {
        if typed.isEmpty { return .failure(.required) }
        switch question.kind {
        case .commune(let options):
            switch IntakeAnswers.choose(typed, from: options) {
            case .success(let option): return .success(option.code)
            case .failure(let problem):
                // A commune of the province outside the officer's own is named as such.
                if let commune = try? regions.resolve(typed) {
                    return communes.isEmpty || communes.contains(commune.slug) ? .success(commune.slug)
                        : .failure(.communeNotYours(name: commune.name))
                }
                return .failure(problem)
            }
        case .choice(let options):
            return IntakeAnswers.choose(typed, from: options).map(\.code)
        case .many(let options):
            return IntakeAnswers.chooseMany(typed, from: options).map { $0.map(\.code).joined(separator: ",") }
        case .yesNo:
            return IntakeAnswers.yesNo(typed, allowUnknown: false).map(\.rawValue)
        case .yesNoUnknown:
            return IntakeAnswers.yesNo(typed, allowUnknown: true).map(\.rawValue)
        case .text(let max):
            return typed.count > max ? .failure(.tooLong(max: max)) : .success(typed)
        case .narrative:
            return .success(typed)
        case .phone:
            return IntakeAnswers.phone(typed)
        case .year:
            return IntakeAnswers.year(typed, today: today).map(String.init)
        case .birth:
            switch IntakeAnswers.birth(typed, today: today) {
            case .failure(let problem): return .failure(problem)
            case .success(.unknown): return .success("unknown")
            case .success(.year(let year)):
                if let incident = answers["incident.date"].flatMap(LocalDate.init(iso:)), year > incident.year { return .failure(.dateBeforeBirth) }
                return .success(String(year))
            case .success(.date(let date)):
                if let incident = answers["incident.date"].flatMap(LocalDate.init(iso:)), date > incident { return .failure(.dateBeforeBirth) }
                return .success(date.description)
            }
        case .incidentDate:
            if IntakeAnswers.isUnknown(typed) { return .success("unknown") }
            switch IntakeAnswers.date(typed, today: today) {
            case .failure(let problem): return .failure(problem)
            case .success(let date):
                if let birth = answers["survivor.birth"] {
                    if let born = LocalDate(iso: birth), date < born { return .failure(.dateBeforeBirth) }
                    if let year = Int(birth), date.year < year { return .failure(.dateBeforeBirth) }
                }
                return .success(date.description)
            }
        }
    }

    /// An answer in words, in the officer's language ("→ Phường Mỹ Thới"); nil for free text.
    func echo(_ question: Question, _ value: String) -> String? {
        if value.isEmpty { return nil }
        switch question.kind {
        case .text, .narrative, .phone: return nil
        default: return display(question, value)
        }
    }

    func display(_ question: Question, _ value: String) -> String {
        if value.isEmpty { return text(.intakeSkipped) }
        switch question.kind {
        case .commune, .choice:
            if case .commune = question.kind, let commune = regions.commune(value) { return commune.name }
            return options(question.kind)?.first { $0.code == value }?.label ?? value
        case .many(let options):
            return value.split(separator: ",").map { code in options.first { $0.code == code }?.label ?? String(code) }.joined(separator: "; ")
        case .yesNo, .yesNoUnknown:
            return value == "yes" ? text(.intakeYes) : value == "no" ? text(.intakeNo) : text(.intakeUnknown)
        case .birth, .incidentDate, .year:
            if value == "unknown" { return text(.intakeUnknown) }
            if let date = LocalDate(iso: value) { return String(format: "%02d/%02d/%04d", date.day, date.month, date.year) }
            return language == .vi ? "năm \(value)" : value
        case .narrative:
            let first = value.split(separator: "\n").first.map(String.init) ?? value
            return first.count > 60 ? String(first.prefix(60)) + "…" : first + (value.contains("\n") ? " …" : "")
        case .text, .phone:
            return value
        }
    }

    // MARK: - The intake

    /// Runs the intake from `answers` (a resumed draft's, or none), asking what is missing,
    /// then the review; every answer is saved to the draft as it is given.
    func run(answers start: Answers = [:], draft startDraft: String? = nil) async throws -> Outcome {
        LineReader.catchInterrupts()
        var answers = start
        var draft = startDraft
        let all = questions
        if communes.count == 1, let commune = regions.commune(communes[0]), !editing {
            answers["commune"] = commune.slug
            say(text(.intakeCommuneFixed, ["name": commune.name]))
        }
        func quitQuestion() -> String { editing ? text(.editQuitConfirm) : text(.intakeQuitConfirm, ["id": draft ?? "—"]) }
        /// Saves the answers to the draft; a failure (the store busy) is said and the answers
        /// stay in memory, saved again with the next answer.
        func keep() async {
            if editing { return }
            do {
                draft = try await saveDraft(answers, draft)
            } catch {
                say(text(.intakeDraftNotSaved))
            }
        }
        /// Asks every applicable question not yet answered; false when the officer stops.
        func fill() async throws -> Bool {
            var noted = false
            while let question = all.first(where: { $0.applies(answers) && answers[$0.id] == nil }) {
                if question.id == "danger.1", !noted {
                    say(text(.intakeRiskNotPartner)); noted = true
                }
                switch ask(question, answers) {
                case .answer(let value):
                    answers[question.id] = value
                    await keep()
                case .end:
                    return false
                case .interrupt:
                    if try confirm(quitQuestion()) { return false }
                }
            }
            return true
        }
        guard try await fill() else { return .stopped(draft: draft) }
        // The review: every answer numbered; a number changes it; Enter saves.
        while true {
            let shown = all.filter { $0.applies(answers) && answers[$0.id] != nil }
            say("")
            say(text(editing ? .editReviewTitle : .intakeReviewTitle))
            for (index, question) in shown.enumerated() {
                say(String(format: "%3d. ", index + 1) + question.prompt.trimmingCharacters(in: CharacterSet(charactersIn: " ?:")) + ": "
                    + display(question, answers[question.id]!))
            }
            switch reader.read(text(.intakeReviewPrompt)) {
            case .end: return .stopped(draft: draft)
            case .interrupt:
                if try confirm(quitQuestion()) { return .stopped(draft: draft) }
            case .line(let line):
                let folded = TextFolding.fold(line)
                if folded.isEmpty || ["luu", "save", "l", "s"].contains(folded) {
                    switch checkedForm(answers) {
                    case .success(let form): return .save(form, answers: answers, draft: draft)
                    case .failure(let error):
                        var names = Self.questionPrompts(language: language, regions: regions)
                        for (path, id) in ["survivor.birthDate": "survivor.birth", "survivor.birthYear": "survivor.birth",
                                           "safeContact.person": "safeContact.person", "risk.answers": "risk.1"] {
                            names[path] = names[id]
                        }
                        let reason = error.message(language, naming: names).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
                        say(text(.intakeNotSaved, ["reason": reason]))
                    }
                } else if ["huy", "cancel", "thoi", "bo"].contains(folded) {
                    if try confirm(text(.intakeDiscardConfirm), onEnd: false) { return .discarded(draft: draft) }
                } else if let n = Int(folded), (1...shown.count).contains(n) {
                    let question = shown[n - 1]
                    switch ask(question, answers) {
                    case .answer(let value):
                        answers[question.id] = value
                        await keep()
                        // A changed answer may bring questions in (a partner: the risk screen).
                        guard try await fill() else { return .stopped(draft: draft) }
                    case .end: return .stopped(draft: draft)
                    case .interrupt:
                        if try confirm(quitQuestion()) { return .stopped(draft: draft) }
                    }
                } else {
                    say(text(.intakeReviewBad))
                }
            }
        }
    }

    /// A yes/no confirmation; end of input or Ctrl-C answers `onEnd` (yes to stopping, where
    /// the draft is kept; no to discarding, which would delete it).
    func confirm(_ question: String, onEnd: Bool = true) throws -> Bool {
        while true {
            switch reader.read("\(question)") {
            case .end, .interrupt: return onEnd
            case .line(let line):
                switch IntakeAnswers.yesNo(line, allowUnknown: false) {
                case .success(let answer): return answer == .yes
                case .failure(let problem): say(text(.askInvalid, ["reason": problem.message(language)]))
                }
            }
        }
    }

    // MARK: - The form

    func checkedForm(_ answers: Answers) -> Result<IntakeForm, CoreError> {
        do { return .success(try form(answers)) } catch { return .failure(error) }
    }

    /// The intake JSON of the applicable answers, validated as `--from` validates it.
    func form(_ answers: Answers) throws(CoreError) -> IntakeForm {
        var applicable = Dictionary(uniqueKeysWithValues: questions.filter { $0.applies(answers) }.compactMap { q in
            answers[q.id].map { (q.id, $0) }
        })
        // An officer's only commune is not asked, but it is the case's commune.
        if let commune = answers["commune"] { applicable["commune"] = commune }
        func string(_ id: String) -> JSONValue? { applicable[id].flatMap { $0.isEmpty ? nil : JSONValue.string($0) } }
        func bool(_ id: String) -> JSONValue? {
            switch applicable[id] { case "yes": .bool(true); case "no": .bool(false); default: nil }
        }
        func object(_ pairs: [(String, JSONValue?)]) -> JSONValue? {
            let present = pairs.compactMap { key, value in value.map { (key: key, value: $0) } }
            return present.isEmpty ? nil : .object(present)
        }
        var birth: (String, JSONValue?) = ("birthYear", nil)
        if let value = applicable["survivor.birth"], value != "unknown", !value.isEmpty {
            birth = LocalDate(iso: value) != nil ? ("birthDate", .string(value)) : ("birthYear", Double(value).map(JSONValue.number))
        }
        var risk: JSONValue?
        if partnerViolence(answers) {
            let values: [JSONValue] = (1...RiskScreen.lapQuestions.count).map { bool("risk.\($0)") ?? .null }
            risk = .object([(key: "screen", value: .string("lap")), (key: "answers", value: .array(values))])
        } else if (1...RiskScreen.dangerQuestionCount).contains(where: { applicable["danger.\($0)"] != nil }) {
            let values: [JSONValue] = (1...RiskScreen.dangerQuestionCount).map { bool("danger.\($0)") ?? .null }
            risk = .object([(key: "screen", value: .string("danger")), (key: "answers", value: .array(values))])
        }
        let root = object([
            ("commune", string("commune")), ("source", string("source")),
            ("survivor", object([("name", string("survivor.name")), ("sex", string("survivor.sex")), birth,
                                 ("idNumber", string("survivor.idNumber")), ("phone", string("survivor.phone")),
                                 ("address", string("survivor.address")), ("ethnicity", string("survivor.ethnicity")),
                                 ("disability", bool("survivor.disability")), ("pregnant", bool("survivor.pregnant")),
                                 ("childUnder36Months", bool("survivor.childUnder36Months")), ("cannotDefend", bool("survivor.cannotDefend")),
                                 ("financialHardship", bool("survivor.financialHardship"))])),
            ("perpetrator", object([("name", string("perpetrator.name")), ("sex", string("perpetrator.sex")),
                                    ("birthYear", applicable["perpetrator.birthYear"].flatMap(Double.init).map(JSONValue.number)),
                                    ("relationship", string("perpetrator.relationship")), ("separated", bool("perpetrator.separated"))])),
            ("incident", object([("date", string("incident.date")),
                                 ("acts", applicable["incident.acts"].map { .array($0.split(separator: ",").map { .string(String($0)) }) }),
                                 ("injury", string("incident.injury")), ("childrenPresent", bool("incident.childrenPresent")),
                                 ("narrative", string("incident.narrative"))])),
            ("risk", risk),
            ("consent", object([("referral", bool("consent.referral")), ("police", bool("consent.police")),
                                ("mediation", bool("consent.mediation")), ("statistics", bool("consent.statistics"))])),
            ("wishes", object([("legalAid", bool("wishes.legalAid")), ("shelter", bool("wishes.shelter")), ("medical", bool("wishes.medical")),
                               ("prosecution", bool("wishes.prosecution"))])),
            ("safeContact", object([("channel", string("safeContact.channel")), ("times", string("safeContact.times")),
                                    ("person", string("safeContact.person"))])),
            ("carer", object([("name", string("carer.name")), ("phone", string("carer.phone")), ("relationship", string("carer.relationship")),
                              ("consent", bool("carer.consent"))])),
            ("reporter", object([("name", string("reporter.name")), ("phone", string("reporter.phone")),
                                 ("relationship", string("reporter.relationship"))])),
        ]) ?? .object([])
        return try IntakeForm(json: root, regions: regions)
    }
}
