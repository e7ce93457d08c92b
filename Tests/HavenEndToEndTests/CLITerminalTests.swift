import Foundation
import HavenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("End to end: intake on a terminal", .serialized)
struct CLITerminalTests {
    /// On a terminal, `case new` asks question by question, re-asks a wrong answer (a
    /// mistyped commune, an unknown act), reviews, and logs the case; Ctrl-D stops and saves no
    /// case.
    @Test func questionByQuestion() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let answers = [
            "my-thoy", "my-thoi",            // commune (the officer has two): a typo is re-asked
            "2",                              // source: commune-police
            "Nguyễn Thị Thử Nghiệm",          // survivor's name
            "female", "1990-05-05", "", "", "", // sex, birth date, no identity number, no phone, no address
            "kinh", "no", "no", "no",         // ethnicity, disability, pregnant, child under 36 months
            "no", "",                         // cannot defend themself; financial hardship unknown (Enter)
            "", "male", "", "spouse", "no",   // perpetrator: no name, sex, no birth year, relationship, not separated
            "2026-11-20", "beatng", "beating,threats", "minor", "no", "",  // date, acts (a typo re-asked), injury, children, narrative
        ] + Array(repeating: "no", count: 11)      // risk screen
          + ["yes", "no", "no", "yes", "no", "no", "no"]  // consent ×4, wishes ×3
          + ["không rõ", "sms", "sau 18 giờ", ""]  // prosecution unknown; safe contact: channel, times, no safe person
          + ["", "", ""]                            // no reporter named
          + [""]                                    // the review: Enter saves
        let (status, stdout, prompts) = try runOnTerminal(env, ["case", "new", "--json"], input: answers, token: officer)
        #expect(status == 0, "\(prompts.suffix(600))")
        let intake = try env.json(stdout)
        #expect(intake["gbvType"] as? String == "physical_assault")
        #expect(prompts.contains("Mỹ Thới"), "the typo's suggestion is shown by name")
        #expect(prompts.contains("beating"))
        let list = try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout)
        #expect(list.count == 1)

        // Ctrl-D part-way: stopped, no case saved, exit 65; the answers so far are a draft.
        let (cancelled, _, stopped) = try runOnTerminal(env, ["case", "new"], input: ["my-thoi", "2"], token: officer, endWithEOF: true)
        #expect(cancelled == 65)
        #expect(stopped.contains("--resume D-"), "\(stopped.suffix(300))")
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).count == 1)
    }

    /// Issue #14, Done when: a whole intake in Vietnamese with the mistakes of the usability
    /// review — a commune misspelt and one outside the officer's own, Vietnamese list words
    /// (`hoi phu nu`, `nu`, `chong`, `nhe`), yes/no words (`ko`, `chưa`, `rồi`, `đồng ý`,
    /// `không biết`), dates as `28/11` and one after today, an age instead of a birth year, a
    /// phone with a note, an arrow key typed into the name, a two-line narrative — then a
    /// wrong answer corrected on the review screen, and the case saved.
    @Test func vietnameseIntakeWithMistakes() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let answers = [
            "my thoy", "Long Xuyên", "Mỹ Thới",            // commune: a typo, another officer's commune, then right
            "hoi phu nu",                                    // source: Hội Phụ nữ
            "Trần Thị \u{1B}[DThử",                          // name, with an arrow key pressed in it
            "nu", "45 tuoi", "",                              // sex, an age, no identity number
            "0912 345 678 (chồng hay cầm)", "0912 345 678",   // a phone with a note is refused, then the number
            "ấp Mỹ Phước", "Kinh", "ko", "chưa", "không",     // address, ethnicity, disability, pregnant, child < 36 months
            "không", "không biết",                            // cannot defend; financial hardship unknown
            "", "nam", "khoảng 1978", "chong", "chưa",        // perpetrator: no name, sex, birth year, husband, not separated
            "30/12/2026", "28/11",                            // incident date: after today, then 28/11 (this year)
            "danh nhau", "đánh đập, đe dọa",                 // acts: not in the list, then two
            "nhe", "có",                                      // injury minor (never "none"), children present
            "Chồng đánh sau khi uống rượu.", "Hàng xóm can ngăn.", "",  // a two-line narrative
        ] + Array(repeating: "không", count: 10) + ["không rõ"]           // risk screen (a partner): one unknown
          + ["đồng ý", "ko", "ko", "có", "rồi", "không", "không", "chưa biết"]  // consent ×4, wishes ×3, prosecution unknown
          + ["tin nhan", "sau 18 giờ", ""]                                     // safe contact
          + ["Lê Văn Hàng Xóm", "0901 234 567", "hàng xóm"]                    // who reported it (sealed)
          + ["5", "khoảng 1979", ""]                      // review: correct the birth (answer 5), then save
        let (status, stdout, prompts) = try runOnTerminal(env, ["case", "new", "--lang", "vi", "--json"], input: answers, token: officer)
        #expect(status == 0, "\(prompts.suffix(3000))")
        let intake = try env.json(stdout)
        #expect(intake["gbvType"] as? String == "physical_assault")
        let id = try #require(intake["id"] as? String)
        for expected in ["không thuộc địa bàn", "→ Hội Phụ nữ", "→ nữ", "→ năm 1980", "số điện thoại gồm 8 đến 15 chữ số", "ở sau hôm nay",
                         "→ 28/11/2026", "không có trong danh sách", "→ nhẹ", "→ vợ/chồng", "Xem lại trước khi lưu", "năm 1979"] {
            #expect(prompts.contains(expected), "missing: \(expected)")
        }
        #expect(!prompts.contains("→ không có"), "nhe (nhẹ, minor) is never read as none")
        let shown = try env.run(["case", "show", id, "--json"], token: officer)
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("Trần Thị Thử") && !shown.stdout.contains("\u{1B}") && !shown.stdout.contains("[D"), "no escape code in the name")
        #expect(shown.stdout.contains("1979") && shown.stdout.contains("0912345678"))
        #expect(shown.stdout.contains("Lê Văn Hàng Xóm") && shown.stdout.contains("0901234567"), "the reporter, sealed with the case")
        #expect(shown.stdout.contains("Chồng đánh sau khi uống rượu.\\nHàng xóm can ngăn."), "the narrative keeps both lines")
        #expect(shown.stdout.contains("minor"), "\(shown.stdout.prefix(800))")
        // No English code or field name on a Vietnamese screen.
        let offending = CLITerminalTests.englishCodes(in: prompts)
        #expect(offending.isEmpty, "English codes or field names in the Vietnamese intake: \(offending)")
        // The draft it was kept in is gone once the case is saved.
        #expect(try env.run(["case", "drafts", "--lang", "vi"], token: officer).stdout.contains("Không có bản nháp"))
    }

    /// Issue #14: Ctrl-C asks before stopping; the answers so far stay in an encrypted draft
    /// that `case drafts` lists and `case new --resume` continues — from the next question,
    /// through the review, to a saved case. Another officer cannot open it.
    @Test func draftInterruptedAndResumed() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let first = ["2", "ubnd", "Lê Thị Nháp", "nữ", "1990"]
        let (stopped, _, stopScreen) = try runOnTerminal(env, ["case", "new", "--lang", "vi"], input: first + ["có"], token: officer,
                                                          interruptAfter: first.count)
        #expect(stopped == 65, "\(stopScreen.suffix(600))")
        #expect(stopScreen.contains("Dừng phiếu này?"), "Ctrl-C asks first")
        let draft = try #require(stopScreen.range(of: #"D-[0-9A-Z]{8}"#, options: .regularExpression).map { String(stopScreen[$0]) })
        // Sealed: the name typed is nowhere in the store file.
        let raw = try Data(contentsOf: URL(fileURLWithPath: env.store + "/haven.sqlite"))
        #expect(raw.range(of: Data("Lê Thị Nháp".utf8)) == nil)
        let listed = try env.run(["case", "drafts", "--lang", "vi"], token: officer)
        #expect(listed.status == 0 && listed.stdout.contains(draft) && listed.stdout.contains("5 câu trả lời"), "\(listed.stdout)")
        // Another officer: not found (66), and nothing of it shown.
        let other = try env.run(["user", "add", "--name", "Cán bộ Khác", "--role", "field-officer", "--commune", "my-thoi", "--json"], token: admin)
        let otherToken = try env.json(other.stdout)["token"] as? String ?? ""
        #expect(try env.run(["case", "new", "--resume", draft], token: otherToken).status == 66)
        // Handed to the other officer by editing its row outside Haven: it does not open (65), and nothing leaks.
        let database = env.store + "/haven.sqlite"
        let owner = try #require(try RawDatabase.string(path: database, sql: "SELECT owner FROM drafts WHERE id = '\(draft)'"))
        let otherID = try #require((try env.json(other.stdout)["user"] as? [String: Any])?["id"] as? String)
        try RawDatabase.execute(path: database, sql: "UPDATE drafts SET owner = '\(otherID)' WHERE id = '\(draft)'")
        let stolen = try env.run(["case", "new", "--resume", draft, "--lang", "vi"], token: otherToken)
        #expect(stolen.status == 65 && stolen.stderr.contains("Không mở được bản nháp") && !stolen.stderr.contains("Nháp"), "\(stolen.stderr)")
        try RawDatabase.execute(path: database, sql: "UPDATE drafts SET owner = '\(owner)' WHERE id = '\(draft)'")
        // That officer has one commune: it is not asked, and it is the case's commune.
        let oneCommune = ["1", "", "nữ", "30", "", "", "", "kinh", "không", "không", "không", "không", "", "", "nam", "", "người lạ",
                          "hôm qua", "1", "nhẹ", "không", "", "không", "không", "không", "không",  // … a stranger: the danger screen
                          "có", "không", "không", "có", "không", "không", "không", "", "", "", "", "", "", "", ""]
        let (saved, savedJSON, savedScreen) = try runOnTerminal(env, ["case", "new", "--lang", "vi", "--json"], input: oneCommune, token: otherToken)
        #expect(saved == 0, "\(savedScreen.suffix(1500))")
        #expect(savedScreen.contains("Phường Mỹ Thới (địa bàn duy nhất của bạn)"))
        let savedID = try #require(try env.json(savedJSON)["id"] as? String)
        #expect(try env.run(["case", "show", savedID, "--json"], token: otherToken).stdout.contains("my-thoi"))
        let rest = ["", "", "", "kinh", "không", "không", "không", "không", "", "", "nam", "", "con trai",  // … a son: no partner screen
                    "hôm qua", "1", "nhẹ", "không", ""]
            + ["có", "không", "không rõ", "rồi"]   // the danger screen: a yes makes it high danger
            + ["có", "không", "không", "có", "không", "không", "không", "", "", "", ""]
            + ["", "", ""]   // carer questions do not apply (an adult); no reporter named
            + ["", "", ""]   // review: Enter saves
        let (status, stdout, screen) = try runOnTerminal(env, ["case", "new", "--resume", draft, "--lang", "vi", "--json"], input: rest, token: officer)
        #expect(status == 0, "\(screen.suffix(1200))")
        #expect(screen.contains("Bản nháp \(draft): đã có 5 câu trả lời"))
        #expect(screen.contains("dành cho bạo lực do vợ/chồng") && screen.contains("Bạo lực có đang nặng hơn"),
                "for violence by a son: not the partner screen but the short danger screen, and it says so")
        let sonCase = try #require(try env.json(stdout)["id"] as? String)
        let sonFacts = try env.json(try env.run(["case", "show", sonCase, "--json"], token: officer).stdout)["facts"] as? [String: Any]
        #expect(sonFacts?["risk"] as? String == "high", "a yes on the danger screen is high danger")
        #expect(try env.run(["case", "drafts", "--lang", "vi"], token: officer).stdout.contains("Không có bản nháp"))
        #expect(try env.run(["case", "new", "--resume", draft], token: officer).status == 66, "a saved draft is gone")
    }

    /// Issue #14, items 5, 6 and 8 on a terminal: a case corrected through its numbered
    /// answers, found again by the phone the survivor gives (typed at a prompt, not on the
    /// command line), a note typed at a prompt, and the officer's referrals in Vietnamese.
    @Test func correctFindNoteAndFollow() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(acts: ["beating"]), token: officer)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(try env.json(created.stdout)["id"] as? String)

        // Enter at once: nothing changed, nothing saved.
        let (unchanged, unchangedOut, review) = try runOnTerminal(env, ["case", "edit", id, "--lang", "vi"], input: [""], token: officer)
        #expect(unchanged == 0 && unchangedOut.contains("giữ nguyên"), "\(review.suffix(800))")
        #expect(review.contains("Các câu trả lời của vụ việc") && review.contains("Nguyễn Thị Lan"))
        let offending = CLITerminalTests.englishCodes(in: review)
        #expect(offending.isEmpty, "English codes or field names on the correction screen: \(offending)")
        // The phone's number on the review screen.
        let phoneLine = try #require(review.split(separator: "\n").first { $0.contains("Điện thoại") })
        let number = try #require(phoneLine.split(separator: ".").first.map { $0.trimmingCharacters(in: .whitespaces) })
        let (edited, editedOut, editScreen) = try runOnTerminal(env, ["case", "edit", id, "--lang", "vi"],
                                                                input: [number, "0987 654 321", ""], token: officer)
        #expect(edited == 0, "\(editScreen.suffix(800))")
        #expect(editedOut.contains("Đã sửa vụ việc \(id): Điện thoại"), "\(editedOut)")

        // Found by the new number typed at the prompt; the old one finds nothing.
        let (found, foundOut, findScreen) = try runOnTerminal(env, ["case", "find", "--lang", "vi"], input: ["0987 654 321"], token: officer)
        #expect(found == 0 && foundOut.contains(id) && foundOut.contains("Phường Mỹ Thới"), "\(findScreen)")
        #expect(findScreen.contains("Họ tên, số điện thoại hoặc năm sinh"))
        #expect(try env.run(["case", "find", "--phone", "0912345678", "--lang", "vi"], token: officer).stdout.contains("Không có vụ việc nào"))
        #expect(try env.run(["case", "find", "--lang", "vi"], token: officer).status == 65, "no criterion without a terminal")

        // A note typed at a prompt, two lines, ended by an empty line.
        let (noted, _, noteScreen) = try runOnTerminal(env, ["case", "note", id, "--lang", "vi"],
                                                       input: ["Gọi lại sau 18 giờ.", "Chị ấy an toàn.", ""], token: officer)
        #expect(noted == 0, "\(noteScreen)")
        #expect(try env.run(["case", "show", id, "--json"], token: officer).stdout.contains("Gọi lại sau 18 giờ.\\nChị ấy an toàn."))

        // The officer's referrals, by agency name, with what to do about each.
        let referrals = try env.run(["referral", "list", "--lang", "vi"], token: officer)
        #expect(referrals.status == 0, "\(referrals.stderr)")
        #expect(referrals.stdout.contains("chờ sự đồng ý") && referrals.stdout.contains(id), "\(referrals.stdout)")
        #expect(CLITerminalTests.englishCodes(in: referrals.stdout).isEmpty, "\(referrals.stdout)")
        // Consent recorded: the held police referral is sent, and the screen says so.
        let consent = try env.run(["case", "consent", id, "--police", "yes", "--lang", "vi"], token: officer)
        #expect(consent.status == 0 && consent.stdout.contains("đã gửi chuyển gửi"), "\(consent.stdout)")

        // The case read back in Vietnamese: history lines in words, agencies and officers by name.
        let shown = try env.run(["case", "show", id, "--lang", "vi"], token: officer)
        #expect(shown.status == 0 && shown.stdout.contains("đã sửa — Điện thoại") && shown.stdout.contains("(Cán bộ Thử)"), "\(shown.stdout)")
        #expect(shown.stdout.contains("đã gửi sau khi có sự đồng ý"), "\(shown.stdout)")
        #expect(CLITerminalTests.englishCodes(in: shown.stdout).isEmpty, "\(CLITerminalTests.englishCodes(in: shown.stdout)): \(shown.stdout)")
        // policy explain in Vietnamese: rules by their description, fields by name (rule ids in brackets aside).
        let explained = try env.run(["policy", "explain", "--case", id, "--lang", "vi"], token: officer)
        #expect(explained.status == 0 && explained.stdout.contains("nhận: Họ tên người bị bạo lực"), "\(explained.stdout)")
        let withoutIDs = explained.stdout.replacingOccurrences(of: #"\[[^\]]*\]"#, with: "", options: .regularExpression)
        #expect(CLITerminalTests.englishCodes(in: withoutIDs).isEmpty, "\(CLITerminalTests.englishCodes(in: withoutIDs)): \(explained.stdout)")

        // Paper: a case summary and a referral slip, written 0600, never over an existing file.
        let page = env.directory.path + "/case.html"
        let printed = try env.run(["case", "print", id, "--out", page, "--lang", "vi"], token: officer)
        #expect(printed.status == 0, "\(printed.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: page)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains("Phiếu đồng ý"))
        #expect(try env.run(["case", "print", id, "--out", page], token: officer).status == 73)
        // Never over the store or its key file, even with --force.
        let overStore = try env.run(["case", "print", id, "--out", env.store + "/haven.sqlite", "--force"], token: officer)
        #expect(overStore.status == 73, "\(overStore.stderr)")
        #expect(try env.run(["case", "list", "--json"], token: officer).status == 0, "the store is intact")
        let detail = try env.json(try env.run(["case", "show", id, "--json"], token: officer).stdout)
        let health = try #require((detail["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "health" }?["id"] as? String)
        let slip = try env.run(["referral", "slip", health, "--out", env.directory.path + "/slip.html", "--lang", "vi"], token: officer)
        #expect(slip.status == 0, "\(slip.stderr)")
    }

    /// After an outside review: a correction reads ages as the case did (on its report date
    /// when the incident date is unknown), so a child's carer is not dropped because the
    /// survivor has turned 18 since; a correction from a file must name the version it
    /// corrects, and a newer change is never overwritten.
    @Test func correctionKeepsWhatItDoesNotTouch() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let json = Fixtures.intakeJSON(birthDate: "2007-06-01", reportedAt: "2025-12-10T09:00:00+07:00")
            .replacingOccurrences(of: "\"birthDate\": \"2007-06-01\"", with: "\"birthYear\": 2007")
            .replacingOccurrences(of: "\"date\": \"2026-11-19\", ", with: "")
            .replacingOccurrences(of: "\"reportedAt\"", with: "\"carer\": {\"name\": \"Trần Thị Mẹ\", \"phone\": \"0911111111\", \"relationship\": \"mẹ\"}, \"reportedAt\"")
        let created = try env.run(["case", "new", "--from", "-", "--json"], input: json, token: officer)
        #expect(created.status == 0, "\(created.stderr)")
        let id = try #require(try env.json(created.stdout)["id"] as? String)
        let (status, stdout, screen) = try runOnTerminal(env, ["case", "edit", id, "--lang", "vi"], input: [""], token: officer)
        #expect(status == 0 && stdout.contains("giữ nguyên"), "\(stdout) \(screen.suffix(600))")
        #expect(try env.run(["case", "show", id, "--json"], token: officer).stdout.contains("Trần Thị Mẹ"))

        // From a file: --version is required (64), a stale one is refused (75), the current one works.
        let corrected = json.replacingOccurrences(of: "0912345678", with: "0987654321")
        #expect(try env.run(["case", "edit", id, "--from", "-"], input: corrected, token: officer).status == 64)
        let version = try #require(try env.json(try env.run(["case", "show", id, "--json"], token: officer).stdout)["version"] as? String)
        #expect(try env.run(["case", "note", id, "--text", "Đã gọi lại."], token: officer).status == 0)
        #expect(try env.run(["case", "consent", id, "--statistics", "no"], token: officer).status == 0)
        let stale = try env.run(["case", "edit", id, "--from", "-", "--version", version, "--lang", "vi"], input: corrected, token: officer)
        #expect(stale.status == 75 && stale.stderr.contains("người khác thay đổi"), "\(stale.stderr)")
        let current = try #require(try env.json(try env.run(["case", "show", id, "--json"], token: officer).stdout)["version"] as? String)
        let fresh = try env.run(["case", "edit", id, "--from", "-", "--version", current, "--json"], input: corrected, token: officer)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect((try env.json(fresh.stdout)["changed"] as? [String])?.contains("survivor.phone") == true)
    }

    /// Codes and field names that must not appear on a Vietnamese screen: every coded value
    /// with a hyphen or underscore (`physical_assault`, `commune-police`), JSON paths
    /// (`survivor.phone`), and English words of the intake's own vocabulary.
    static func englishCodes(in screen: String) -> [String] {
        var found: [String] = []
        let folded = screen.lowercased()
        let codes = ["physical_assault", "sexual_assault", "commune-police", "commune-committee", "womens-union", "village-head",
                     "former_spouse", "intimate_partner", "former_partner", "in_law", "other_family", "threats_to_kill", "in_person",
                     "safe_person", "no_contact", "culture-dv", "justice-legal-aid", "non_gbv"]
        for code in codes where folded.contains(code) { found.append(code) }
        for path in ["survivor.", "perpetrator.", "incident.", "consent.", "wishes.", "risk.", "safecontact.", "carer."] where folded.contains(path) {
            found.append(path)
        }
        let words = Set(folded.split(whereSeparator: { !$0.isLetter }).map(String.init))
        for word in ["yes", "no", "unknown", "choose", "commune", "source", "survivor", "perpetrator", "invalid", "required", "accepted",
                     "draft", "cancel", "review", "type", "number", "female", "male", "spouse", "beating", "threats", "minor"] where words.contains(word) {
            found.append(word)
        }
        return found
    }

    /// Runs `haven` with a pseudo-terminal as standard input; returns status, stdout, stderr.
    func runOnTerminal(_ env: CLITestEnvironment, _ arguments: [String], input: [String], token: String,
                       endWithEOF: Bool = false, interruptAfter: Int? = nil) throws -> (Int32, String, String) {
        // A pseudo-terminal pair, the Linux way: /dev/ptmx, unlock (TIOCSPTLCK), number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        #expect(master >= 0)
        defer { close(master) }
        var unlock: Int32 = 0
        _ = ioctl(master, 0x4004_5431, &unlock)
        var number: UInt32 = 0
        _ = ioctl(master, 0x8004_5430, &number)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        #expect(slave >= 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: env.haven.path)
        process.arguments = arguments
        var environment = env.haven.environment
        environment["HAVEN_STORE"] = env.store
        environment["HAVEN_TOKEN"] = token
        // Today is 2 December 2026 for every intake here (dates like 28/11 are this year's).
        environment["HAVEN_CLOCK"] = "2026-12-02T09:00:00+07:00"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain the terminal's echo so it never fills.
        let drain = Thread { var buffer = [UInt8](repeating: 0, count: 4096); while read(master, &buffer, buffer.count) > 0 {} }
        drain.start()
        for (index, line) in input.enumerated() {
            if index == interruptAfter {
                // Ctrl-C, once the answers so far are read.
                usleep(800_000)
                process.interrupt()
                usleep(300_000)
            }
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            usleep(20_000)
        }
        // Ctrl-D after the last answer: an intake that asks more than the test answers stops
        // (and the test sees its screen) instead of waiting for ever.
        _ = endWithEOF
        usleep(200_000)
        var eof: UInt8 = 4; _ = write(master, &eof, 1)
        let group = DispatchGroup()
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        group.enter(); DispatchQueue.global().async { stdout = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { stderr = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
