import HavenCore
import Testing

/// Issue #14: answers in the officer's words, read without guessing across meaning.
@Suite("Intake answers in Vietnamese and English")
struct IntakeAnswersTests {
    let today = LocalDate(iso: "2026-12-02")!

    func pick<V: CodedValue>(_ text: String, _ type: V.Type) -> String? {
        try? IntakeAnswers.choose(text, from: IntakeAnswers.options(type, .vi)).get().code
    }

    /// List words: labels with diacritics and case folded, aliases, numbers, codes.
    @Test func listWords() {
        #expect(pick("nhe", Injury.self) == "minor", "nhẹ is minor, never none")
        #expect(pick("Nhẹ", Injury.self) == "minor")
        #expect(pick("khong ro", Injury.self) == "unknown")
        #expect(pick("nu", Sex.self) == "female" && pick("NAM", Sex.self) == "male")
        #expect(pick("chong", Relationship.self) == "spouse", "chồng is a husband, not an in-law")
        #expect(pick("con trai", Relationship.self) == "child")
        #expect(pick("hoi phu nu", ReportingSource.self) == "womens-union" && pick("ubnd", ReportingSource.self) == "commune-committee")
        #expect(pick("kinh", EthnicityGroup.self) == "kinh" && pick("Kinh", EthnicityGroup.self) == "kinh")
        #expect(pick("2", Sex.self) == "male" && pick("female", Sex.self) == "female")
        // "chưa" (not yet) is no relationship, and "bà" (grandmother or father in the south) is asked again.
        #expect(pick("chưa", Relationship.self) == nil)
        #expect(pick("bạn thân", ReportingSource.self) != "self", "a close friend is not a self-report")
        #expect(pick("cháu", Relationship.self) == nil, "cháu: grandchild or niece/nephew, asked again")
        #expect(pick("cưỡng ép", Act.self) == nil, "forced marriage or a forced sexual act, asked again")
        if case .failure(.ambiguous(let options)) = IntakeAnswers.choose("bà", from: IntakeAnswers.options(Relationship.self, .vi)) {
            #expect(options.count == 2)
        } else {
            Issue.record("bà must be asked again")
        }
        let acts = IntakeAnswers.options(Act.self, .vi)
        #expect((try? IntakeAnswers.chooseMany("đánh đập, đe dọa", from: acts).get().map(\.code)) == ["beating", "threats"])
        #expect((try? IntakeAnswers.chooseMany("đe dọa giết", from: acts).get().map(\.code)) == ["threats_to_kill"])
        #expect((try? IntakeAnswers.chooseMany("5 16", from: acts).get().map(\.code)) == ["beating", "threats"])
        #expect((try? IntakeAnswers.chooseMany("danh nhau", from: acts).get()) == nil)
    }

    @Test func yesNoWords() {
        for yes in ["có", "co", "rồi", "đồng ý", "y", "yes", "Có."] { #expect(IntakeAnswers.yesNo(yes, allowUnknown: false) == .success(.yes), "\(yes)") }
        for no in ["không", "ko", "k", "chưa", "no"] { #expect(IntakeAnswers.yesNo(no, allowUnknown: false) == .success(.no), "\(no)") }
        for unknown in ["không rõ", "không biết", "chưa biết", "kr"] {
            #expect(IntakeAnswers.yesNo(unknown, allowUnknown: true) == .success(.unknown))
            #expect(IntakeAnswers.yesNo(unknown, allowUnknown: false) == .failure(.notYesNo))
        }
    }

    @Test func datesAndBirths() {
        #expect(IntakeAnswers.date("30/11/2026", today: today) == .success(LocalDate(iso: "2026-11-30")!))
        #expect(IntakeAnswers.date("28/11", today: today) == .success(LocalDate(iso: "2026-11-28")!))
        #expect(IntakeAnswers.date("1-2-26", today: today) == .success(LocalDate(iso: "2026-02-01")!))
        #expect(IntakeAnswers.date("2026-11-20", today: today) == .success(LocalDate(iso: "2026-11-20")!))
        #expect(IntakeAnswers.date("hôm qua", today: today) == .success(LocalDate(iso: "2026-12-01")!))
        #expect(IntakeAnswers.date("30/12/2026", today: today) == .failure(.dateAfterToday))
        #expect(IntakeAnswers.date("31/02/2026", today: today) == .failure(.notADate))
        // An age gives the earlier possible year: read back as the lower possible age, it is the age typed.
        #expect(IntakeAnswers.birth("45 tuổi", today: today) == .success(.year(1980)))
        #expect(IntakeAnswers.age(bornIn: 1980, on: today) == 45)
        #expect(IntakeAnswers.birth("18", today: today) == .success(.year(2007)) && IntakeAnswers.age(bornIn: 2007, on: today) == 18)
        #expect(IntakeAnswers.birth("năm 78", today: today) == .failure(.notABirth), "a two-digit year is asked again, never read as an age")
        #expect(IntakeAnswers.birth("sinh năm 2005", today: today) == .success(.year(2005)))
        #expect(IntakeAnswers.birth("khoảng 1978", today: today) == .success(.year(1978)))
        #expect(IntakeAnswers.birth("45", today: today) == .success(.year(1980)))
        #expect(IntakeAnswers.birth("05/05/1990", today: today) == .success(.date(LocalDate(iso: "1990-05-05")!)))
        #expect(IntakeAnswers.birth("không rõ", today: today) == .success(.unknown))
        #expect(IntakeAnswers.birth("2030", today: today) == .failure(.dateAfterToday))
    }

    @Test func phonesAndTypedLines() {
        #expect(IntakeAnswers.phone("0912 345 678") == .success("0912345678"))
        #expect(IntakeAnswers.phone("+84 912-345-678") == .success("+84912345678"))
        #expect(IntakeAnswers.phone("0912 345 678 (chồng hay cầm)") == .failure(.notAPhone))
        #expect(IntakeAnswers.phone("123") == .failure(.notAPhone))
        #expect(IntakeAnswers.clean("Trần Thị \u{1B}[DThử\u{1B}[A") == "Trần Thị Thử")
        #expect(IntakeAnswers.clean(" a\u{7}b\u{1B}OPc ") == "abc")
    }

    /// Issue #14, Done when: every prompt and message of the intake in Vietnamese — the
    /// questions, the LAP screen, the list labels, the answer problems, the review and draft
    /// lines — holds no English code or field name.
    @Test func everyIntakeTextIsVietnamese() {
        func labels<V: CodedValue>(_ type: V.Type) -> [String] { V.allCases.map(\.labelKey) }
        let keys = Catalogue.entries.keys.filter { ["ask", "answer", "intake", "lapQ", "drafts", "errorDraft", "edit", "paper", "attention", "consentReleased",
                                                               "noCasesFound", "noOfficerReferrals", "timeline", "event", "explain",
                                                               "problemSearch", "errorCaseChanged", "sealed.", "header"].contains(where: $0.hasPrefix) }
            + labels(ReportingSource.self) + labels(Sex.self) + labels(EthnicityGroup.self) + labels(Relationship.self) + labels(Act.self)
            + labels(Injury.self) + labels(ContactChannel.self)
        #expect(keys.count > 100)
        var codes: [String] = []
        func collect<V: CodedValue>(_ type: V.Type) { codes += V.rawValues.filter { $0.contains("_") || $0.contains("-") } }
        collect(ReportingSource.self); collect(Relationship.self); collect(Act.self); collect(ContactChannel.self); collect(GBVType.self)
        let paths = ["survivor.", "perpetrator.", "incident.", "consent.", "wishes.", "risk.", "safecontact.", "carer.", "commune:", "source:"]
        let englishWords: Set<String> = ["yes", "no", "unknown", "choose", "commune", "source", "survivor", "perpetrator", "invalid", "required",
                                         "accepted", "draft", "cancel", "review", "number", "female", "male", "spouse", "slug", "code"]
        for key in keys {
            let text = Catalogue.text(key, .vi)
            let lower = text.lowercased()
            #expect(!codes.contains(where: lower.contains), "\(key): a code in «\(text)»")
            #expect(!paths.contains(where: lower.contains), "\(key): a field path in «\(text)»")
            let words = Set(lower.split(whereSeparator: { !$0.isLetter }).map(String.init))
            #expect(words.isDisjoint(with: englishWords), "\(key): English in «\(text)»: \(words.intersection(englishWords))")
            #expect(!text.contains("..") && !text.contains("?."), "\(key): double stop in «\(text)»")
        }
    }

    /// On the terminal intake an error names the question, never a JSON path, and never
    /// ends with two full stops.
    @Test func errorsNameTheQuestion() {
        let names = ["survivor.phone": "Điện thoại (không bắt buộc)", "incident.date": "Ngày xảy ra"]
        let missing = CoreError.missingField(path: "incident.date").message(.vi, naming: names)
        #expect(missing == "Trường «Ngày xảy ra» là bắt buộc.")
        let invalid = CoreError.invalidValue(path: "survivor.phone", reason: .phoneFormat).message(.vi, naming: names)
        #expect(invalid.hasPrefix("«Điện thoại (không bắt buộc)»: ") && !invalid.contains("survivor.") && !invalid.contains(".."), "\(invalid)")
        for reason in [ValueProblem.phoneFormat, .noActs, .afterReportDate, .searchCriterionMissing, .notATime] {
            for language in [Language.vi, .en] {
                let text = CoreError.invalidValue(path: "x", reason: reason).message(language)
                #expect(!text.contains("..") && !text.contains("?."), "\(text)")
            }
        }
    }
}
