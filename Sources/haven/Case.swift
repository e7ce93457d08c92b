import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService

/// `haven case`: log, list, read and work cases.
struct Case: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.pick("Log, list, read and work cases.", "Ghi nhận, liệt kê, đọc và xử lý vụ việc."),
        subcommands: [New.self, Drafts.self, Import.self, List.self, Find.self, Show.self, Edit.self, Print.self, Note.self, Consent.self, Close.self]) }
}

/// Parses yes/no (or có/không) for consent flags.
struct YesNo: ExpressibleByArgument {
    let value: Bool
    init?(argument: String) {
        switch TextFolding.fold(argument) {
        case "yes", "y", "true", "co": value = true
        case "no", "n", "false", "khong": value = false
        default: return nil
        }
    }
}

extension Case {
    struct New: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Log a new case: asks question by question on a terminal, or reads intake JSON.", "Ghi nhận vụ việc mới: hỏi từng câu trên màn hình dòng lệnh, hoặc đọc phiếu JSON."),
            discussion: HelpText.pick("On a terminal each answer is checked as it is typed (Vietnamese or English words, dates as 30/11/2026, an age instead of a birth year), kept in an encrypted draft, and reviewed before saving.",
                                      "Trên màn hình dòng lệnh, mỗi câu trả lời được kiểm tra ngay khi gõ (từ tiếng Việt hoặc tiếng Anh, ngày dạng 30/11/2026, tuổi thay cho năm sinh), giữ trong bản nháp đã mã hóa và được xem lại trước khi lưu.")) }
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(HelpText.pick("Read one case as intake JSON from a file, or - for standard input.", "Đọc một vụ việc dạng JSON từ tệp, hoặc - để đọc từ đầu vào chuẩn."), valueName: "file"))
        var from: String?
        @Option(help: ArgumentHelp(HelpText.pick("Go on with an interrupted intake (its draft id, D-…).", "Tiếp tục phiếu đang dở (mã bản nháp, D-…)."), valueName: "draft"))
        var resume: String?

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let form: IntakeForm
                var draft: String?
                if let from {
                    let data = try cli.readInput(from)
                    guard !data.isEmpty else { throw HavenError.invalidInput(.invalidValue(path: from, reason: .emptyInput)) }
                    form = try IntakeForm(json: data, regions: (try await client.policy().regions))
                } else {
                    var answers: [String: String] = [:]
                    if let resume {
                        // An unknown or foreign draft is refused before anything else.
                        answers = try await client.resumeDraft(id: resume)
                    }
                    guard Terminal.stdinIsTTY else { throw HavenError.invalidInput(.invalidValue(path: "--from", reason: .noTerminal)) }
                    if let resume {
                        Terminal.error(cli.text(.intakeDraftResumed, ["id": resume, "count": "\(answers.count)"]))
                    } else {
                        Terminal.error(cli.text(.askIntro))
                    }
                    let prompter = try await Prompter.forOfficer(client, cli: cli,
                                                                 saveDraft: { answers, id in try await client.saveDraft(id: id, answers: answers) })
                    switch try await prompter.run(answers: answers, draft: resume) {
                    case .save(let asked, _, let id):
                        form = asked; draft = id
                    case .stopped(let id):
                        if let id {
                            let expires = (try await client.now()).addingTimeInterval(HavenService.draftLifetime)
                            Terminal.error(cli.text(.intakeDraftKept, ["id": id, "expires": try await client.policy().regions.localTime(expires, cli.language)]))
                        } else {
                            Terminal.error(cli.text(.askCancelled))
                        }
                        throw ExitCode(65)
                    case .discarded(let id):
                        if let id { try await client.discardDraft(id: id) }
                        Terminal.error(cli.text(.intakeDiscarded))
                        throw ExitCode(65)
                    }
                }
                let result = try await client.createCase(form)
                // Saved: the answers leave the screen (a shared PC), the summary below stays.
                if from == nil { Terminal.clearScreen() }
                // Saved: the draft has served its purpose.
                // (A draft already gone — expired, or saved from another terminal — changes nothing.)
                if let draft { try? await client.discardDraft(id: draft) }
                if cli.options.json { return try cli.printJSON(result) }
                print(cli.text(.caseCreated, ["id": result.id.rawValue, "type": result.gbvType.label(cli.language)]))
                let policy = try await client.policy()
                for r in result.referrals {
                    print("  → \(cli.agencyName(r.agency, in: policy)): \(r.priority.label(cli.language))\(r.mandatory ? ", \(cli.text(.mandatoryLabel))" : ""), \(r.status.label(cli.language)) (\(r.id))")
                }
                for warning in result.warnings { Terminal.error(warning.message) }
            }
        }
    }

    /// `haven case drafts`: the officer's interrupted intakes.
    struct Drafts: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("List your interrupted intakes (drafts), to go on with 'case new --resume'.", "Liệt kê các phiếu đang dở (bản nháp) để tiếp tục bằng 'case new --resume'.")) }
        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let drafts = try await client.drafts()
                if cli.options.json {
                    return try cli.printJSON(drafts)
                }
                if drafts.isEmpty { return print(cli.text(.draftsNone)) }
                let policy = try await client.policy()
                for d in drafts {
                    print(cli.text(.draftsLine, ["id": d.id, "created": policy.regions.localTime(d.createdAt, cli.language),
                                                 "updated": policy.regions.localTime(d.updatedAt, cli.language), "count": "\(d.answered)",
                                                 "expires": policy.regions.localTime(d.expiresAt, cli.language)]))
                }
            }
        }
    }

    struct Import: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Import cases from intake JSON Lines; bad lines are reported, good ones kept.", "Nhập nhiều vụ việc từ tệp JSON Lines; dòng lỗi được báo, dòng đúng được giữ.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("A .jsonl file (one case per line), or - for standard input.", valueName: "file"))
        var file: String
        @Flag(help: "All or nothing: one bad line rejects the whole file.")
        var atomic = false

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let data = try cli.readInput(file)
                let result = try await client.importCases(jsonLines: data, source: file == "-" ? "stdin" : file, atomic: atomic, progress: { Terminal.progress($0, $1) })
                if cli.options.json {
                    try cli.printJSON(result)
                } else {
                    for line in result.rejected {
                        Terminal.error(cli.text(.importLineError, ["line": "\(line.line)", "message": line.error]))
                    }
                    print(cli.text(.importSummary, ["imported": "\(result.imported)", "rejected": "\(result.rejected.count)"]))
                    if !result.skipped.isEmpty {
                        print(cli.text(.importSkipped, ["count": "\(result.skipped.count)",
                                                        "lines": result.skipped.prefix(10).map { "\($0.line) → \($0.caseID)" }.joined(separator: ", ")
                                                            + (result.skipped.count > 10 ? ", …" : "")]))
                    }
                }
                // Some lines were refused: the data had errors even though the rest was kept.
                if !result.rejected.isEmpty { throw ExitCode(65) }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: HelpText.pick("List the cases you may see (coded fields only).", "Liệt kê các vụ việc bạn được xem (chỉ thông tin đã mã hóa).")) }
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.pick("open or closed.", "open (đang mở) hoặc closed (đã đóng).")) var status: CaseStatus?
        @Option(help: HelpText.pick("A commune slug.", "Mã xã, phường.")) var commune: String?
        @Option(help: ArgumentHelp(HelpText.pick("Reported on or after this date.", "Tiếp nhận từ ngày này trở đi."), valueName: "YYYY-MM-DD")) var since: String?
        @Option(help: HelpText.pick("At most this many cases.", "Tối đa bấy nhiêu vụ việc.")) var limit: Int?

        func validate() throws {
            if let since, LocalDate(iso: since) == nil { throw global.usage(.usageDate, ["option": "--since"]) }
            if let limit, limit < 1 { throw global.usage(.usagePositive, ["option": "--limit"]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let cases = try await client.listCases(status: status, commune: commune, since: since.flatMap(LocalDate.init(iso:)),
                                                        limit: limit)
                if cli.options.json { return try cli.printJSON(cases) }
                guard !cases.isEmpty else { return print(cli.text(.noCases)) }
                Case.printSummaries(cases, cli)
            }
        }
    }

    struct Find: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Find your communes' cases by the survivor's name, phone or year of birth (the search is audited).", "Tìm vụ việc ở xã của bạn theo họ tên, số điện thoại hoặc năm sinh của người bị bạo lực (việc tìm được ghi nhật ký)."),
            discussion: HelpText.pick("Nothing is decrypted to search: Haven compares keyed hashes. With no option on a terminal, Haven asks for the name, phone or year, so it stays out of the shell history of a shared PC.",
                                      "Không giải mã gì để tìm: Haven so sánh các giá trị băm có khóa. Không nhập tùy chọn nào thì Haven sẽ hỏi họ tên, số điện thoại hoặc năm sinh, để không lưu lại trong lịch sử lệnh của máy dùng chung.")) }
        @OptionGroup var global: GlobalOptions
        @Option(help: HelpText.pick("The survivor's full name (accents and case do not matter).", "Họ tên đầy đủ (có dấu hay không dấu đều được).")) var name: String?
        @Option(help: HelpText.pick("The survivor's phone number.", "Số điện thoại.")) var phone: String?
        @Option(help: ArgumentHelp(HelpText.pick("The survivor's year of birth.", "Năm sinh."), valueName: "YYYY")) var born: String?

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                var search = CaseSearch(name: name, phone: phone, birthYear: born)
                if name == nil, phone == nil, born == nil, Terminal.stdinIsTTY {
                    LineReader.catchInterrupts()
                    guard case .line(let typed) = LineReader().read(cli.text(.askFind)),
                          !typed.trimmingCharacters(in: .whitespaces).isEmpty else { throw ExitCode(65) }
                    search = CaseSearch.guess(typed)
                }
                let cases = try await client.findCases(search)
                if cli.options.json { return try cli.printJSON(cases) }
                guard !cases.isEmpty else { return print(cli.text(.noCasesFound)) }
                Case.printSummaries(cases, cli)
            }
        }
    }

    /// The referrals that recorded consent sent, each with its agency and deadline.
    static func printReleased(_ released: [ReferralSummary], policy: Policy, _ cli: CLI) {
        for referral in released {
            print("  → " + cli.text(.consentReleased, ["id": referral.id, "agency": cli.agencyName(referral.agency, in: policy),
                                                      "due": referral.dueBy.map { policy.regions.localTime($0, cli.language) } ?? ""]))
        }
    }

    /// The case table of `case list` and `case find`.
    static func printSummaries(_ cases: [CaseSummary], _ cli: CLI) {
        let l = cli.language
        print(Table.render(
            header: [cli.text(.headerID), cli.text(.headerReported), cli.text(.headerIncident), cli.text(.headerCommune),
                     cli.text(.headerType), cli.text(.headerSex), cli.text(.headerAgeGroup), cli.text(.fieldRisk), cli.text(.headerStatus)],
            rows: cases.map { [$0.id.rawValue, LocalTime.date($0.reportDate), $0.incidentMonth.map(LocalTime.month) ?? "?",
                               $0.communeName, $0.gbvType.label(l),
                               $0.survivorSex.label(l), $0.survivorAgeGroup.label(l), $0.risk.label(l), $0.status.label(l)] }))
    }

    struct Show: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: HelpText.pick("Show a case with its sealed fields (the read is audited).", "Xem vụ việc cùng thông tin đã mã hóa (việc xem được ghi nhật ký).")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let detail = try await client.showCase(id)
                if cli.options.json { return try cli.printJSON(detail) }
                print(CaseText.text(detail, policy: try await client.policy(), cli: cli))
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Correct a case after intake: its answers on the review screen, each change audited, the case re-routed.", "Sửa vụ việc sau khi ghi nhận: các câu trả lời hiện để sửa, mỗi thay đổi được ghi nhật ký, vụ việc được chuyển gửi lại."),
            discussion: HelpText.pick("The case's answers are shown numbered, as at the end of an intake; type a number to change one, Enter to save. Referrals are added or raised, never withdrawn. With --from, reads the corrected case as intake JSON.",
                                      "Các câu trả lời của vụ việc được đánh số như khi xem lại cuối phiếu; gõ số để sửa, Enter để lưu. Chuyển gửi chỉ được thêm hoặc nâng mức, không rút lại. Với --from, đọc vụ việc đã sửa dạng JSON.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String
        @Option(help: ArgumentHelp(HelpText.pick("Read the corrected case as intake JSON from a file, or - for standard input.", "Đọc vụ việc đã sửa dạng JSON từ tệp, hoặc - để đọc từ đầu vào chuẩn."), valueName: "file"))
        var from: String?
        @Option(help: HelpText.pick("With --from: the case's version from 'case show --json' (a newer change is never overwritten).",
                                    "Cùng --from: phiên bản của vụ việc lấy từ 'case show --json' (không ghi đè thay đổi mới hơn)."))
        var version: String?

        func validate() throws {
            if from != nil && version == nil { throw global.usage(.usageEditVersion, [:]) }
        }

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let form: IntakeForm
                var expected: [String: String]?
                var prompter = try await Prompter.forOfficer(client, cli: cli, saveDraft: { _, _ in "" })
                let policy = try await client.policy()
                prompter.editing = true
                if let from {
                    let data = try cli.readInput(from)
                    guard !data.isEmpty else { throw HavenError.invalidInput(.invalidValue(path: from, reason: .emptyInput)) }
                    form = try IntakeForm(json: data, regions: policy.regions)
                } else {
                    // Refused (not yours, closed, unknown) before anything is shown.
                    let current = try await client.caseAnswers(id)
                    let answers = current.answers
                    prompter.reportDate = current.reportDate
                    guard Terminal.stdinIsTTY else { throw HavenError.invalidInput(.invalidValue(path: "--from", reason: .noTerminal)) }
                    expected = answers
                    Terminal.error(cli.text(.editIntro, ["id": CaseID(parsing: id)?.rawValue ?? id]))
                    switch try await prompter.run(answers: answers) {
                    case .save(let corrected, _, _): form = corrected
                    case .stopped: Terminal.error(cli.text(.editStopped)); throw ExitCode(65)
                    case .discarded: Terminal.error(cli.text(.editDiscarded)); throw ExitCode(65)
                    }
                }
                let result = try await client.editCase(id, form: form, expected: expected, version: version)
                if from == nil { Terminal.clearScreen() }
                if cli.options.json {
                    return try cli.printJSON(result)
                }
                guard !result.changed.isEmpty else { return print(cli.text(.editNothing, ["id": result.id.rawValue])) }
                let prompts = Dictionary(prompter.questions.map { ($0.id, $0.prompt) }, uniquingKeysWith: { a, _ in a })
                let names = result.changed.map { id in
                    (prompts[id] ?? id).trimmingCharacters(in: CharacterSet(charactersIn: " ?:"))
                }
                print(cli.text(.editSaved, ["id": result.id.rawValue, "fields": names.joined(separator: "; ")]))
                if let route = result.route, !(route.added.isEmpty && route.raised.isEmpty) {
                    Route.printChanges(route, policy: policy, cli: cli)
                }
                Case.printReleased(result.released, policy: policy, cli)
                for mediation in result.mediationsStopped { print("  ⚠ " + cli.text(.editMediationStopped, ["id": mediation])) }
                if !result.agenciesHoldingEarlierDetails.isEmpty {
                    let names = result.agenciesHoldingEarlierDetails.map { cli.agencyName($0, in: policy) }
                    print("  ⚠ " + cli.text(.editTellAgencies, ["agencies": names.joined(separator: "; ")]))
                }
            }
        }
    }

    struct Print: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            commandName: "print",
            abstract: HelpText.pick("Write a printable case summary and the consent form to sign (HTML for the browser's print).", "Ghi tệp tóm tắt vụ việc và phiếu đồng ý để ký (HTML, in từ trình duyệt)."),
            discussion: HelpText.pick("The file holds the survivor's personal data: it is written readable by you alone (0600), and the printing is audited.",
                                      "Tệp chứa thông tin cá nhân của người bị bạo lực: chỉ bạn đọc được (0600), và việc in được ghi nhật ký.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String
        @Option(help: HelpText.pick("The HTML file to write (refused if it exists, unless --force).", "Tệp HTML sẽ ghi (không ghi đè tệp có sẵn, trừ khi có --force).")) var out: String
        @Flag(help: HelpText.pick("Replace an existing file.", "Ghi đè tệp có sẵn.")) var force = false

        func run() async throws {
            try await CLI.run(global) { cli in
                let path = try cli.outputPath(out, force: force)
                let client = try await cli.client()
                let detail = try await client.printCase(id)
                let html = Paper.caseSummary(detail, policy: try await client.policy(), language: cli.language,
                                             printedAt: try await client.now(), printedBy: client.caller.name)
                try cli.writePage(html, to: path, shown: out, force: force, subject: detail.id.rawValue)
            }
        }
    }

    struct Note: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: HelpText.pick("Add a note to a case (stored encrypted).", "Thêm ghi chú vào vụ việc (được mã hóa).")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String
        @Option(help: HelpText.pick("The note. Without it, on a terminal, Haven asks for the note (kept out of the shell history; end with an empty line).", "Nội dung ghi chú. Nếu bỏ trống, Haven sẽ hỏi trên màn hình (không lưu vào lịch sử lệnh; kết thúc bằng một dòng trống)."))
        var text: String?

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                var note = text
                if note == nil {
                    guard Terminal.stdinIsTTY else { throw HavenError.invalidInput(.invalidValue(path: "--text", reason: .noteLength)) }
                    LineReader.catchInterrupts()
                    Terminal.error(cli.text(.askNote))
                    var lines: [String] = []
                    reading: while true {
                        switch LineReader().read("") {
                        case .line(let line) where line.isEmpty: break reading
                        case .line(let line): lines.append(line)
                        case .end: break reading
                        case .interrupt: throw ExitCode(65)
                        }
                    }
                    note = lines.joined(separator: "\n")
                }
                let added = try await client.addNote(id, text: note ?? "")
                if cli.options.json { return try cli.printJSON(added) }
                print(cli.text(.noteAdded, ["id": added.id.rawValue]))
            }
        }
    }

    struct Consent: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(
            abstract: HelpText.pick("Record or withdraw the survivor's consent; the held referrals it covers are sent at once.", "Ghi nhận hoặc rút lại sự đồng ý; các chuyển gửi đang chờ sự đồng ý đó được gửi ngay.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String
        @Option(help: HelpText.pick("Referral to services: yes or no.", "Chuyển gửi đến các dịch vụ: yes hoặc no.")) var referral: YesNo?
        @Option(help: HelpText.pick("Referral to the police: yes or no.", "Chuyển gửi đến công an: yes hoặc no.")) var police: YesNo?
        @Option(help: HelpText.pick("Grassroots mediation: yes or no.", "Hòa giải ở cơ sở: yes hoặc no.")) var mediation: YesNo?
        @Option(help: HelpText.pick("Anonymised statistics: yes or no.", "Thống kê ẩn danh: yes hoặc no.")) var statistics: YesNo?

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let recorded = try await client.recordConsent(id, referral: referral?.value, police: police?.value,
                                                              mediation: mediation?.value, statistics: statistics?.value)
                if cli.options.json { return try cli.printJSON(recorded) }
                print(cli.text(.consentRecorded, ["id": recorded.id.rawValue]))
                Case.printReleased(recorded.released, policy: try await client.policy(), cli)
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: HelpText.pick("Close a case with an outcome.", "Đóng vụ việc với kết quả.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: HelpText.pick("The case id (C-…).", "Mã vụ việc (C-…).")) var id: String
        @Option(help: ArgumentHelp(HelpText.pick("The outcome.", "Kết quả."), valueName: CaseOutcome.rawValues.joined(separator: "|"))) var outcome: CaseOutcome

        func run() async throws {
            try await CLI.run(global) { cli in
                let client = try await cli.client()
                let closed = try await client.closeCase(id, outcome: outcome)
                if cli.options.json { return try cli.printJSON(closed) }
                print(cli.text(.caseClosedDone, ["id": closed.id.rawValue, "outcome": closed.outcome.label(cli.language)]))
            }
        }
    }
}
