import Foundation
import HavenTestSupport
import Testing

@Suite("End to end: referrals", .serialized)
struct CLIReferralTests {
    /// Keys and a caseworker for an agency; returns the caseworker's token and key path.
    func agency(_ env: CLITestEnvironment, _ id: String, admin: String, _ extra: [String: String] = [:]) throws -> (token: String, key: String) {
        let key = env.directory.path + "/\(id).key"
        let keygen = try env.run(["agency", "keygen", id, "--out", key], token: admin, extra)
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let user = try env.run(["user", "add", "--name", "Cán bộ \(id)", "--role", "caseworker", "--agency", id, "--json"], token: admin, extra)
        return (try env.json(user.stdout)["token"] as? String ?? "", key)
    }

    /// intake → each agency's inbox → ack → accept or decline → close; the officer sees it all.
    @Test func inboxLifecycle() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let legalAid = try agency(env, "justice-legal-aid", admin: admin)
        let health = try agency(env, "health", admin: admin)
        let police = try agency(env, "police", admin: admin)

        let created = try env.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(), token: officer)
        #expect(created.status == 0, "\(created.stderr)")
        let intake = try env.json(created.stdout)
        let caseID = intake["id"] as? String ?? ""
        let referrals = intake["referrals"] as? [[String: Any]] ?? []
        func id(_ agency: String) -> String { referrals.first { $0["agency"] as? String == agency }?["id"] as? String ?? "" }
        #expect(referrals.first { $0["agency"] as? String == "police" }?["status"] as? String == "held")
        #expect(referrals.first { $0["agency"] as? String == "health" }?["status"] as? String == "pending")
        #expect(referrals.allSatisfy { ($0["rules"] as? [String])?.isEmpty == false })

        // Each agency sees only its own inbox.
        let inbox = try env.jsonArray(try env.run(["referral", "list", "--json"], token: legalAid.token).stdout)
        #expect(inbox.map { $0["id"] as? String } == [id("justice-legal-aid")])
        #expect(try env.run(["referral", "list", "--agency", "health"], token: legalAid.token).status == 77)
        // Legal aid opens, acknowledges, accepts, closes.
        let show = try env.run(["referral", "show", id("justice-legal-aid"), "--agency-key", legalAid.key], token: legalAid.token)
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains("Nguyễn Thị Lan"))
        #expect(show.stdout.contains("0912345678"), "legal aid receives the phone")
        #expect(try env.run(["referral", "ack", id("justice-legal-aid")], token: legalAid.token).status == 0)
        #expect(try env.run(["referral", "accept", id("justice-legal-aid")], token: legalAid.token).status == 0)
        let close = try env.run(["referral", "close", id("justice-legal-aid"), "--outcome", "services_provided", "--actions", "legal_advice,legal_representation"], token: legalAid.token)
        #expect(close.status == 0, "\(close.stderr)")
        #expect(try env.run(["referral", "close", id("justice-legal-aid"), "--outcome", "other", "--actions", "other"], token: legalAid.token).status == 65)
        // Health declines; the wrong key cannot open its packet.
        #expect(try env.run(["referral", "show", id("health"), "--agency-key", legalAid.key], token: health.token).status == 77)
        // Data minimisation: health receives name, birth year, phone and date, not the address or narrative.
        let healthPacket = try env.run(["referral", "show", id("health"), "--agency-key", health.key, "--json"], token: health.token)
        let fields = (try env.json(healthPacket.stdout)["fields"] as? [String: String]) ?? [:]
        #expect(Set(fields.keys) == ["survivor.name", "survivor.birthYear", "survivor.phone", "incident.date"])
        #expect(!healthPacket.stdout.contains("Tổ 5") && !healthPacket.stdout.contains("buổi tối"))
        #expect(try env.run(["referral", "decline", id("health"), "--reason", "survivor_unreachable"], token: health.token).status == 0)
        // The held police referral: consent, release, and the police can open it.
        #expect(try env.run(["referral", "release", id("police")], token: officer).status == 77)
        // Recording consent sends the held referral at once, and says so.
        let consent = try env.run(["case", "consent", caseID, "--police", "yes"], token: officer)
        #expect(consent.status == 0 && consent.stdout.contains(id("police")), "\(consent.stdout)")
        #expect(try env.run(["referral", "release", id("police")], token: officer).status == 65)
        #expect(try env.run(["referral", "show", id("police"), "--agency-key", police.key], token: police.token).status == 0)

        let detail = try env.json(try env.run(["case", "show", caseID, "--json"], token: officer).stdout)
        let statuses = Dictionary(uniqueKeysWithValues: (detail["referrals"] as? [[String: Any]] ?? []).map { ($0["agency"] as! String, $0["status"] as! String) })
        #expect(statuses == ["justice-legal-aid": "closed", "health": "declined", "police": "pending", "culture-dv": "pending",
                             "commune-committee": "pending", "child-protection": "pending"])
        #expect(try env.run(["audit", "verify"], token: admin).status == 0)
    }

    /// Overdue counts follow the clock (HAVEN_CLOCK fixes it): nothing at intake, the urgent
    /// police referral three hours later.
    @Test func overdueWithFixedClock() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)
        let t0 = ["HAVEN_CLOCK": "2026-11-25T10:00:00+07:00"]
        let supervisor = try env.user("supervisor", name: "Giám sát", admin: admin)
        let created = try env.run(["case", "new", "--from", "-"], input: Fixtures.intakeJSON(acts: ["strangulation"], reportedAt: "2026-11-25T09:00:00+07:00"), token: officer, t0)
        #expect(created.status == 0, "\(created.stderr)")
        let now = try env.jsonArray(try env.run(["referral", "overdue", "--json"], token: supervisor, t0).stdout)
        #expect(now.allSatisfy { $0["overdue"] as? Int == 0 })
        let later = try env.run(["referral", "overdue", "--json"], token: supervisor, ["HAVEN_CLOCK": "2026-11-25T13:00:00+07:00"])
        #expect(later.stderr.contains("HAVEN_CLOCK"))
        let counts = try env.jsonArray(later.stdout)
        #expect(counts.contains { $0["agency"] as? String == "police" && $0["priority"] as? String == "urgent" && $0["overdue"] as? Int == 1 })
        #expect(!later.stdout.contains("Nguyễn"))
        #expect(try env.run(["referral", "overdue"], token: officer).status == 77)
    }

    /// A bundle carried from one store to another: imported and opened there; a tampered
    /// one is refused with 65 and nothing is imported.
    @Test func bundleBetweenStores() throws {
        let province = try CLITestEnvironment()
        let admin = try province.initialise()
        let officer = try province.officer(admin: admin)
        let police = try agency(province, "police", admin: admin)
        let created = try province.run(["case", "new", "--from", "-", "--json"], input: Fixtures.intakeJSON(acts: ["weapon"]), token: officer)
        let referral = (try province.json(created.stdout)["referrals"] as? [[String: Any]])?.first { $0["agency"] as? String == "police" }?["id"] as? String
        let bundle = province.directory.path + "/police-bundle.json"
        let export = try province.run(["referral", "export", "--agency", "police", "--out", bundle], token: admin)
        #expect(export.status == 0, "\(export.stderr)")

        let office = try CLITestEnvironment()
        let officeAdmin = try office.initialise()
        // The office trusts the province's key only after its administrator pins it, with the
        // fingerprint the province's administrator reads out.
        let origin = try province.json(try province.run(["agency", "origin-key", "--json"], token: admin).stdout)
        let untrusted = try office.run(["referral", "import", bundle, "--agency-key", police.key], token: officeAdmin)
        #expect(untrusted.status == 65 && untrusted.stderr.contains("trust-origin"), "\(untrusted.stderr)")
        let trusted = try office.run(["agency", "trust-origin", origin["store"] as? String ?? "", "--key", origin["key"] as? String ?? "",
                                      "--fingerprint", origin["fingerprint"] as? String ?? ""], token: officeAdmin)
        #expect(trusted.status == 0, "\(trusted.stderr)")
        let caseworker = try office.json(try office.run(["user", "add", "--name", "Công an xã", "--role", "caseworker", "--agency", "police", "--json"], token: officeAdmin).stdout)["token"] as? String
        // Tampered: a signature byte changed.
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bundle))) as! [String: Any]
        var entries = json["referrals"] as! [[String: Any]]
        var signature = Data(base64Encoded: entries[0]["signature"] as! String)!
        signature[3] ^= 0x40
        entries[0]["signature"] = signature.base64EncodedString()
        json["referrals"] = entries
        let tamperedPath = office.directory.path + "/tampered.json"
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: tamperedPath))
        let refused = try office.run(["referral", "import", tamperedPath, "--agency-key", police.key], token: caseworker)
        #expect(refused.status == 65)
        #expect(refused.stderr.contains("nothing was imported"))
        #expect(try office.jsonArray(try office.run(["referral", "list", "--json"], token: caseworker).stdout).isEmpty)

        let imported = try office.run(["referral", "import", bundle, "--agency-key", police.key, "--json"], token: caseworker)
        #expect(imported.status == 0, "\(imported.stderr)")
        let inbox = try office.jsonArray(try office.run(["referral", "list", "--json"], token: caseworker).stdout)
        #expect(inbox.map { $0["id"] as? String } == [referral])
        let show = try office.run(["referral", "show", referral ?? "", "--agency-key", police.key], token: caseworker)
        #expect(show.status == 0 && show.stdout.contains("Nguyễn Thị Lan"))
    }
}
