import Foundation

/// How an officer's typed answer is read, in Vietnamese or English: list labels with
/// diacritics and case folded, yes/no/unknown words, dates as `30/11/2026`, an age instead
/// of a birth year. Each reader says what is wrong in the officer's language when it cannot
/// read the answer; none ever guesses across meaning (a label is matched before any
/// suggestion, and a suggestion is only ever shown, never taken).
public enum IntakeAnswers {
    /// Why an answer could not be read, with what is expected.
    public enum Problem: Error, Equatable, Sendable {
        case required
        case notADate
        case dateAfterToday
        case dateBeforeBirth
        case notABirth
        case notAYear
        case notAPhone
        case notYesNo
        case notInList(suggestions: [String])
        case ambiguous(options: [String])
        case communeNotYours(name: String)
        case tooLong(max: Int)

        public func message(_ language: Language) -> String {
            switch self {
            case .required: Catalogue.text(.answerRequired, language)
            case .notADate: Catalogue.text(.answerNotADate, language)
            case .dateAfterToday: Catalogue.text(.answerDateAfterToday, language)
            case .dateBeforeBirth: Catalogue.text(.answerDateBeforeBirth, language)
            case .notABirth: Catalogue.text(.answerNotABirth, language)
            case .notAYear: Catalogue.text(.answerNotAYear, language)
            case .notAPhone: Catalogue.text(.answerNotAPhone, language)
            case .notYesNo: Catalogue.text(.answerNotYesNo, language)
            case .notInList(let suggestions):
                suggestions.isEmpty ? Catalogue.text(.answerNotInList, language)
                    : Catalogue.text(.answerNotInListSuggest, language, ["suggestions": suggestions.joined(separator: "; ")])
            case .ambiguous(let options): Catalogue.text(.answerAmbiguous, language, ["options": options.joined(separator: "; ")])
            case .communeNotYours(let name): Catalogue.text(.answerCommuneNotYours, language, ["name": name])
            case .tooLong(let max): Catalogue.text(.answerTooLong, language, ["max": "\(max)"])
            }
        }
    }

    // MARK: - Typed lines

    /// A typed line as data: terminal escape sequences (arrow keys, function keys) and other
    /// control characters removed, white space trimmed. Escape codes never reach a record.
    public static func clean(_ line: String) -> String {
        var out = String.UnicodeScalarView()
        var scalars = Array(line.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\u{1B}" {
                // CSI (ESC [ … final byte 0x40–0x7E) or SS3 (ESC O x) or a lone ESC + one character.
                guard let next = scalars.popFirst() else { break }
                if next == "[" {
                    while let c = scalars.popFirst(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "O" {
                    _ = scalars.popFirst()
                }
                continue
            }
            if scalar.value == 0x09 { out.append(" "); continue }
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) { continue }
            out.append(scalar)
        }
        return String(out).trimmingCharacters(in: .whitespaces)
    }

    // MARK: - Yes, no, unknown

    public enum YesNo: String, Sendable, Equatable { case yes, no, unknown }

    static let yesWords: Set<String> = ["y", "yes", "c", "co", "co a", "true", "1", "roi", "da", "dong y", "ok", "u", "uh", "vang", "da co"]
    static let noWords: Set<String> = ["n", "no", "k", "ko", "khong", "kg", "false", "0", "chua", "khong co", "khong dong y"]
    static let unknownWords: Set<String> = ["?", "unknown", "khong ro", "kr", "khong biet", "chua ro", "chua biet", "kb", "don't know", "dont know",
                                            "not known"]

    /// Yes, no, or (when `allowUnknown`) unknown.
    public static func yesNo(_ text: String, allowUnknown: Bool) -> Result<YesNo, Problem> {
        let folded = TextFolding.fold(text).trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
        if yesWords.contains(folded) { return .success(.yes) }
        if noWords.contains(folded) { return .success(.no) }
        if allowUnknown && unknownWords.contains(folded) { return .success(.unknown) }
        return .failure(.notYesNo)
    }

    /// True when the answer is an "unknown" word.
    public static func isUnknown(_ text: String) -> Bool { unknownWords.contains(TextFolding.fold(text)) }

    // MARK: - Dates

    /// A date in any of the forms an officer types: `30/11/2026`, `30-11-2026`, `30.11.2026`,
    /// `2026-11-30`, `30/11` (this year), `hôm nay`, `hôm qua`. Never after `today`.
    public static func date(_ text: String, today: LocalDate) -> Result<LocalDate, Problem> {
        let folded = TextFolding.fold(text)
        if ["hom nay", "today", "nay"].contains(folded) { return .success(today) }
        if ["hom qua", "yesterday", "qua"].contains(folded) { return .success(today.adding(days: -1)) }
        if let iso = LocalDate(iso: folded) { return iso > today ? .failure(.dateAfterToday) : .success(iso) }
        let parts = folded.split(whereSeparator: { "/-. ".contains($0) }).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }),
              let day = Int(parts[0]), let month = Int(parts[1]) else { return .failure(.notADate) }
        var year = today.year
        if parts.count == 3 {
            guard let y = Int(parts[2]) else { return .failure(.notADate) }
            year = parts[2].count == 2 ? 2000 + y : y
            guard parts[2].count == 4 || parts[2].count == 2 else { return .failure(.notADate) }
        }
        guard let date = LocalDate(year: year, month: month, day: day) else { return .failure(.notADate) }
        return date > today ? .failure(.dateAfterToday) : .success(date)
    }

    /// A birth: a date, a year (`1978`, `khoảng 1978`, `năm 1978`), or an age (`45`,
    /// `45 tuổi`, `khoảng 45 tuổi`), which gives the year of birth (approximate).
    public enum Birth: Sendable, Equatable {
        case date(LocalDate)
        case year(Int)
        case unknown
    }

    public static func birth(_ text: String, today: LocalDate) -> Result<Birth, Problem> {
        var folded = TextFolding.fold(text)
        if unknownWords.contains(folded) { return .success(.unknown) }
        for prefix in ["khoang ", "tam ", "chung ", "about ", "around "] where folded.hasPrefix(prefix) {
            folded = String(folded.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        // "năm 1978", "sinh năm 1978": a year, and only a four-digit one ("năm 78" is asked again).
        for prefix in ["sinh nam ", "nam sinh ", "nam ", "born ", "born in "] where folded.hasPrefix(prefix) {
            let rest = String(folded.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            guard rest.count == 4, let year = Int(rest) else { return .failure(.notABirth) }
            return year > today.year ? .failure(.dateAfterToday) : (year >= 1900 ? .success(.year(year)) : .failure(.notABirth))
        }
        if folded.contains("/") || folded.contains("-") || folded.contains(".") {
            switch date(folded, today: today) {
            case .success(let d): return .success(.date(d))
            case .failure(let problem): return .failure(problem == .dateAfterToday ? .dateAfterToday : .notABirth)
            }
        }
        var ageText: String?
        for suffix in [" tuoi", "tuoi", " t", " years old", " years", " yrs"] where folded.hasSuffix(suffix) {
            ageText = String(folded.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        if let ageText {
            guard let age = Int(ageText), (0...120).contains(age) else { return .failure(.notABirth) }
            return .success(.year(yearOfBirth(age: age, today: today)))
        }
        guard let number = Int(folded) else { return .failure(.notABirth) }
        if (0...120).contains(number) { return .success(.year(yearOfBirth(age: number, today: today))) }
        if (1900...today.year).contains(number) { return .success(.year(number)) }
        return .failure(number > today.year ? .dateAfterToday : .notABirth)
    }

    /// The year of birth recorded for an age: the earlier of the two possible years, because
    /// Haven reads an age from a birth year as the lower of the two possible ages (a child
    /// stays a child) — so "18 tuổi" stays 18, not 17.
    public static func yearOfBirth(age: Int, today: LocalDate) -> Int { today.year - age - 1 }

    /// The lower possible age of someone born in `year` (as Haven's case facts read it).
    public static func age(bornIn year: Int, on date: LocalDate) -> Int { date.year - year - 1 }

    /// A year of birth (or an age).
    public static func year(_ text: String, today: LocalDate) -> Result<Int, Problem> {
        switch birth(text, today: today) {
        case .success(.year(let y)): .success(y)
        case .success(.date(let d)): .success(d.year)
        case .success(.unknown): .failure(.notAYear)
        case .failure(let p): .failure(p == .dateAfterToday ? p : .notAYear)
        }
    }

    // MARK: - Phone

    /// A phone number: digits with spaces, dots, dashes or a leading +; 8 to 15 digits. A note
    /// beside the number ("0912 345 678 (chồng hay cầm)") is refused with the reason, so it
    /// goes where notes go.
    public static func phone(_ text: String) -> Result<String, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let allowed = CharacterSet(charactersIn: "0123456789 .-+()")
        guard trimmed.unicodeScalars.allSatisfy(allowed.contains) else { return .failure(.notAPhone) }
        let digits = trimmed.filter(\.isNumber)
        guard (8...15).contains(digits.count), !trimmed.dropFirst().contains("+") else { return .failure(.notAPhone) }
        return .success((trimmed.hasPrefix("+") ? "+" : "") + digits)
    }

    // MARK: - Lists

    /// One option of a list: its code and every label and alias it answers to.
    public struct Option: Sendable, Equatable {
        public let code: String
        public let label: String
        let words: [String]
        /// The folded labels alone, for matching the start of an answer (never aliases).
        let labels: [String]
        public init(code: String, label: String, also: [String] = []) {
            self.code = code; self.label = label
            var words = [TextFolding.fold(code), TextFolding.fold(label)]
            // A label listing near-synonyms ("đánh đập, hành hạ") answers to each. Not split at
            // "/" or "(": "người thân bên vợ/chồng" must not answer to "chồng", nor
            // "bạn đời (chưa rõ…)" to "chưa".
            for part in label.split(whereSeparator: { ",;".contains($0) }) where !part.contains("(") && !part.contains(")") {
                words.append(TextFolding.fold(String(part)))
            }
            labels = Array(Set(words.filter { !$0.isEmpty }))
            words += also.map(TextFolding.fold)
            self.words = Array(Set(words.filter { !$0.isEmpty }))
        }
    }

    /// The options of a coded list, labelled in `language`, with the Vietnamese and English
    /// labels and the aliases officers use (`chong`, `hoi phu nu`, `ubnd`) all accepted.
    public static func options<V: CodedValue>(_ type: V.Type, _ language: Language) -> [Option] {
        V.allCases.map { value in
            Option(code: value.rawValue, label: value.label(language),
                   also: Language.allCases.map { value.label($0) } + (aliases[value.labelKey] ?? []))
        }
    }

    /// Words officers use for list entries, beside the labels (folded on use).
    static let aliases: [String: [String]] = [
        "sex.female": ["nu", "phu nu", "gai", "f", "woman", "girl"],
        "sex.male": ["nam", "trai", "m", "man", "boy"],
        "relationship.spouse": ["chong", "vo", "husband", "wife"],
        "relationship.former_spouse": ["chong cu", "vo cu", "ex-husband", "ex-wife"],
        "relationship.parent": ["cha", "me", "bo", "ma", "ba", "father", "mother", "cha duong", "me ke", "bo duong"],
        "relationship.child": ["con trai", "con gai", "con de", "son", "daughter"],
        "relationship.sibling": ["anh", "chi", "em", "anh trai", "chi gai", "em trai", "em gai", "brother", "sister"],
        "relationship.grandchild": ["chau noi", "chau ngoai", "chau"],
        "relationship.other_family": ["chu", "bac", "cau", "di", "thim", "mo", "duong", "ong", "ba", "ba noi", "ba ngoai", "ong noi", "ong ngoai",
                                      "uncle", "aunt", "grandfather", "grandmother", "cousin", "anh ho", "chi ho", "em ho", "chau"],
        "relationship.in_law": ["bo chong", "me chong", "bo vo", "me vo", "em chong", "anh chong", "chi chong", "em vo", "anh vo"],
        "relationship.dating": ["nguoi yeu", "ban trai", "ban gai", "boyfriend", "girlfriend"],
        "relationship.cohabiting": ["song chung", "chung song"],
        "relationship.acquaintance": ["hang xom", "ban", "neighbour", "neighbor", "friend"],
        "relationship.employer": ["chu", "ong chu", "ba chu", "boss"],
        "source.commune-committee": ["ubnd", "uy ban", "ubnd xa", "ubnd phuong"],
        "source.commune-police": ["cong an", "ca", "ca xa", "cong an phuong", "police"],
        "source.womens-union": ["hoi phu nu", "hpn", "hoi lhpn", "phu nu"],
        "source.village-head": ["truong ap", "truong khom", "ap", "khom"],
        "source.front": ["mttq", "mat tran"],
        "source.health": ["tram y te", "benh vien", "y te", "hospital"],
        "source.school": ["truong", "truong hoc"],
        "source.self": ["tu den", "tu bao", "tu trinh bao", "self"],
        "act.forced_marriage": ["cuong ep", "ep cuoi"],
        "act.forced_sexual_act": ["cuong ep"],
        "injury.none": ["khong", "khong bi thuong", "no injury"],
        "injury.minor": ["nhe", "xay xat", "bam tim"],
        "injury.serious": ["nang", "nghiem trong", "nhap vien"],
        "ethnicity.other": ["khac"],
        "contactChannel.phone": ["goi", "dien thoai", "call"],
        "contactChannel.sms": ["tin nhan", "nhan tin", "text"],
        "contactChannel.in_person": ["gap", "truc tiep"],
        "contactChannel.no_contact": ["khong lien he"],
    ]

    /// Reads one entry of `options`: its number, its code, a label or alias (diacritics and
    /// case folded), or the start of exactly one label. An alias shared by two entries (`chú`:
    /// uncle or employer) is asked again naming both. Otherwise the closest labels are
    /// suggested — shown, never taken.
    public static func choose(_ text: String, from options: [Option]) -> Result<Option, Problem> {
        let folded = TextFolding.fold(text).trimmingCharacters(in: CharacterSet(charactersIn: ".!"))
        if let n = Int(folded) {
            return !options.isEmpty && (1...options.count).contains(n) ? .success(options[n - 1]) : .failure(.notInList(suggestions: []))
        }
        let exact = options.filter { $0.words.contains(folded) }
        if exact.count == 1 { return .success(exact[0]) }
        if exact.count > 1 { return .failure(.ambiguous(options: exact.map(\.label))) }
        if folded.count >= 3 {
            let starting = options.filter { option in option.labels.contains { $0.hasPrefix(folded) } }
            if starting.count == 1 { return .success(starting[0]) }
            if starting.count > 1 { return .failure(.ambiguous(options: starting.map(\.label))) }
        }
        var suggestions: [String] = []
        for option in options {
            if !Suggest.closest(to: folded, in: option.words, limit: 1).isEmpty { suggestions.append(option.label) }
        }
        return .failure(.notInList(suggestions: Array(suggestions.prefix(3))))
    }

    /// Several entries, separated by commas, semicolons or spaces ("2 5", "đánh, đe dọa").
    /// Entries of several words are read whole first: "đe dọa giết" is one act, not two.
    public static func chooseMany(_ text: String, from options: [Option]) -> Result<[Option], Problem> {
        let parts = text.split(whereSeparator: { ",;".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return .failure(.required) }
        var chosen: [Option] = []
        for part in parts {
            switch choose(part, from: options) {
            case .success(let option):
                if !chosen.contains(option) { chosen.append(option) }
            case .failure(let problem):
                // "1 4 7" or "danh doa": each word on its own, if every word reads.
                let words = part.split(separator: " ").map(String.init)
                guard words.count > 1 else { return .failure(problem) }
                var each: [Option] = []
                for word in words {
                    guard case .success(let option) = choose(word, from: options) else { return .failure(problem) }
                    if !each.contains(option) { each.append(option) }
                }
                for option in each where !chosen.contains(option) { chosen.append(option) }
            }
        }
        return .success(chosen)
    }
}

extension IntakeAnswers {
    /// A stored case as the terminal intake's answers (question id → canonical answer), so a
    /// correction (`haven case edit`) goes through the same questions and review. An optional
    /// answer not given is "", an unknown one "unknown".
    public static func answers(of facts: CaseFacts, sealed: [SealedField: String]) -> [String: String] {
        func yesNo(_ value: Bool) -> String { value ? "yes" : "no" }
        func yesNoUnknown(_ value: Bool?) -> String { value.map(yesNo) ?? "unknown" }
        var a: [String: String] = [
            "commune": facts.commune, "source": facts.source.rawValue,
            "survivor.name": sealed[.survivorName] ?? "", "survivor.sex": facts.survivorSex.rawValue,
            "survivor.birth": sealed[.survivorBirthDate] ?? sealed[.survivorBirthYear] ?? "",
            "survivor.idNumber": sealed[.survivorIDNumber] ?? "", "survivor.phone": sealed[.survivorPhone] ?? "",
            "survivor.address": sealed[.survivorAddress] ?? "", "survivor.ethnicity": facts.ethnicity.rawValue,
            "survivor.disability": yesNo(facts.disability), "survivor.pregnant": yesNo(facts.pregnant),
            "survivor.childUnder36Months": yesNo(facts.childUnder36Months), "survivor.cannotDefend": yesNo(facts.cannotDefend),
            "survivor.financialHardship": yesNoUnknown(facts.financialHardship),
            "perpetrator.name": sealed[.perpetratorName] ?? "", "perpetrator.sex": facts.perpetratorSex.rawValue,
            "perpetrator.birthYear": sealed[.perpetratorBirthYear] ?? "",
            "perpetrator.relationship": facts.relationship.rawValue, "perpetrator.separated": yesNoUnknown(facts.separated),
            "incident.date": sealed[.incidentDate] ?? "unknown", "incident.acts": Act.allCases.filter(facts.acts.contains).map(\.rawValue).joined(separator: ","),
            "incident.injury": facts.injury.rawValue, "incident.childrenPresent": yesNo(facts.childrenPresent),
            "incident.narrative": sealed[.incidentNarrative] ?? "",
            "consent.referral": yesNo(facts.consent.referral), "consent.police": yesNo(facts.consent.police),
            "consent.mediation": yesNo(facts.consent.mediation), "consent.statistics": yesNo(facts.consent.statistics),
            "wishes.legalAid": yesNo(facts.wishes.legalAid), "wishes.shelter": yesNo(facts.wishes.shelter),
            "wishes.medical": yesNo(facts.wishes.medical), "wishes.prosecution": yesNoUnknown(facts.wishes.prosecution),
            "safeContact.channel": sealed[.contactChannel] ?? "", "safeContact.times": sealed[.contactTimes] ?? "",
            "safeContact.person": sealed[.contactSafePerson] ?? "",
            "carer.name": sealed[.carerName] ?? "", "carer.phone": sealed[.carerPhone] ?? "",
            "carer.relationship": sealed[.carerRelationship] ?? "",
            "carer.consent": sealed[.carerConsent] ?? "unknown",
            "reporter.name": sealed[.reporterName] ?? "", "reporter.phone": sealed[.reporterPhone] ?? "",
            "reporter.relationship": sealed[.reporterRelationship] ?? "",
        ]
        if let risk = sealed[.riskAnswers] {
            let answers = risk.split(separator: ",", omittingEmptySubsequences: false)
            // The screen is told by the number of answers (11: LAP, 4: the danger screen).
            let prefix = RiskScreen.Kind(answerCount: answers.count) == .danger ? "danger" : "risk"
            for (index, answer) in answers.enumerated() {
                a["\(prefix).\(index + 1)"] = answer == "yes" ? "yes" : answer == "no" ? "no" : "unknown"
            }
        }
        return a
    }
}
