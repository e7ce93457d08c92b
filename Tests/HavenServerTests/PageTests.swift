import Foundation
import HavenAPI
import HavenCore
import HavenServer
import HavenService
import HavenTestSupport
import NIOHTTP1
import Testing

@Suite("Browser pages: the supervisors' dashboard and the agency inbox")
struct PageTests {
    static func form(_ fields: [String: String]) -> Data {
        Data(fields.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
            .joined(separator: "&").utf8)
    }
    static let formType = ("Content-Type", "application/x-www-form-urlencoded")

    /// Signs in through the login form; returns the session cookie (`name=value`).
    static func signIn(_ server: LiveServer, token: String, next: String) async throws -> String {
        let answer = try await server.raw(.POST, "/login", body: form(["token": token, "next": next]), headers: [formType])
        #expect(answer.status == 303 && answer.headers["Location"].first == next)
        let cookie = try #require(answer.headers["Set-Cookie"].first)
        // The cookie's attributes: script cannot read it, it travels only over HTTPS and only
        // from this site's own pages, and it expires.
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/", "Max-Age=1800"] {
            #expect(cookie.contains(attribute), "cookie has \(attribute): \(cookie)")
        }
        return String(cookie.prefix { $0 != ";" })
    }

    static func csrf(_ html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func dashboardForSupervisorsOnly() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let officer = try await store.officer()
        for name in ["Nguyễn Thị Lan", "Trần Thị Hai", "Lê Thị Ba"] {
            _ = try await store.service.createCase(try Fixtures.form(Fixtures.intakeJSON(survivorName: name)), by: officer)
        }
        // Not signed in: to the login page, never the figures.
        let anonymous = try await server.raw(.GET, "/dashboard")
        #expect(anonymous.status == 303 && anonymous.headers["Location"].first == "/login?next=/dashboard")
        let login = try await server.raw(.GET, "/login?next=/dashboard")
        #expect(login.status == 200 && String(decoding: login.body, as: UTF8.self).contains("type=\"password\""))
        // A wrong token: the login page again, 401, and no cookie.
        let wrong = try await server.raw(.POST, "/login", body: Self.form(["token": "nope", "next": "/dashboard"]), headers: [Self.formType])
        #expect(wrong.status == 401 && wrong.headers["Set-Cookie"].isEmpty)
        // An open redirect is not offered: `next` is one of the pages.
        let supervisorToken = try await token(store, .supervisor)
        let sneaky = try await server.raw(.POST, "/login", body: Self.form(["token": supervisorToken, "next": "https://evil.example/"]),
                                          headers: [Self.formType])
        #expect(sneaky.headers["Location"].first == "/dashboard")

        let cookie = try await Self.signIn(server, token: supervisorToken, next: "/dashboard")
        let page = try await server.raw(.GET, "/dashboard?lang=vi", headers: [("Cookie", cookie)])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200)
        #expect(html.contains("<svg") && html.contains("<table class=\"stats\""), "a chart and a table")
        #expect(html.contains("Bảng theo dõi"), "in Vietnamese")
        #expect(page.headers["Content-Security-Policy"].first?.contains("script-src") == false, "no script may run")
        #expect(page.headers["Content-Security-Policy"].first?.contains("default-src 'none'") == true)
        for name in ["Nguyễn Thị Lan", "Trần Thị Hai", "Lê Thị Ba", "0912345678"] { #expect(!html.contains(name), "no personal data: \(name)") }
        #expect(!html.contains("<script"), "works without JavaScript")
        let css = try await server.raw(.GET, "/static/haven.css")
        #expect(css.status == 200 && String(decoding: css.body, as: UTF8.self).contains("@media print"))
        // The annual report, as a download.
        let report = try await server.raw(.GET, "/dashboard/report/2026", headers: [("Cookie", cookie)])
        #expect(report.status == 200 && report.headers["Content-Disposition"].first?.contains("attachment") == true)
        // Every read was audited, as the CLI's are.
        let actions = try await store.service.auditEntries(limit: 100, by: store.admin).map(\.action)
        #expect(actions.contains("stats.query"))

        // A field officer signs in but may not see the statistics: the service refuses.
        let officerCookie = try await Self.signIn(server, token: try await token(store, .fieldOfficer, communes: ["my-thoi"]), next: "/dashboard")
        let refused = try await server.raw(.GET, "/dashboard", headers: [("Cookie", officerCookie)])
        #expect(refused.status == 403)
        // Signing out ends the session; a forged cookie is no session.
        let csrf = try #require(Self.csrf(html))
        let out = try await server.raw(.POST, "/logout", body: Self.form(["csrf": csrf]), headers: [Self.formType, ("Cookie", cookie)])
        #expect(out.status == 303 && out.headers["Set-Cookie"].first?.contains("Max-Age=0") == true)
        #expect(try await server.raw(.GET, "/dashboard", headers: [("Cookie", cookie)]).status == 303)
        #expect(try await server.raw(.GET, "/dashboard", headers: [("Cookie", "haven_session=" + String(repeating: "a", count: 64))]).status == 303)
    }

    @Test func inboxActionsNeedTheFormsToken() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let officer = try await store.officer()
        var intake = try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"]))
        intake.consent.police = true
        let created = try await store.service.createCase(intake, by: officer)
        let police = try #require(created.referrals.first { $0.agency == "police" })
        let worker = try await token(store, .caseworker, agency: "police")
        let cookie = try await Self.signIn(server, token: worker, next: "/inbox")
        let page = try await server.raw(.GET, "/inbox", headers: [("Cookie", cookie)])
        let html = String(decoding: page.body, as: UTF8.self)
        #expect(page.status == 200 && html.contains(police.id) && html.contains("/inbox/\(police.id)/acknowledge"))
        #expect(!html.contains("Nguyễn Thị Lan"), "the sealed details are not in the page")
        #expect(html.contains("referral show"), "the page says how to open a packet")
        let csrf = try #require(Self.csrf(html))
        let path = "/inbox/\(police.id)/acknowledge"
        // A cross-site form post: refused, by the token and by the Origin.
        let noToken = try await server.raw(.POST, path, body: Self.form([:]), headers: [Self.formType, ("Cookie", cookie)])
        #expect(noToken.status == 403)
        let otherSite = try await server.raw(.POST, path, body: Self.form(["csrf": csrf]),
                                             headers: [Self.formType, ("Cookie", cookie), ("Origin", "https://evil.example")])
        #expect(otherSite.status == 403)
        #expect(try await store.service.listReferrals(agency: "police", by: try await store.service.authenticate(token: worker))
            .first { $0.id == police.id }?.status == .pending, "nothing happened")
        // The page's own form.
        let done = try await server.raw(.POST, path, body: Self.form(["csrf": csrf]), headers: [Self.formType, ("Cookie", cookie)])
        #expect(done.status == 303 && done.headers["Location"].first == "/inbox")
        let caller = try await store.service.authenticate(token: worker)
        #expect(try await store.service.listReferrals(agency: "police", by: caller).first { $0.id == police.id }?.status == .acknowledged)
        // Revoking the user ends the session at once.
        _ = try await store.service.revokeUser(id: caller.id, by: store.admin)
        #expect(try await server.raw(.GET, "/inbox", headers: [("Cookie", cookie)]).status == 303)
    }
}

@Suite("Browser pages in a real browser (headless Chromium)")
struct BrowserTests {
    /// Debian's chromium (installed by `make test`) signs in through the login form, and the
    /// dashboard and the inbox are screenshot: not blank, the chart and a table there, no
    /// horizontal scrolling on a phone-sized screen, forms hidden in print; the session cookie
    /// is HttpOnly, Secure, SameSite=Strict and never visible to a script; a form posted from
    /// another site reaches the server without the session and changes nothing.
    @Test func dashboardAndInboxInChromium() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let officer = try await store.officer()
        for name in ["Nguyễn Thị Lan", "Trần Thị Hai", "Lê Thị Ba", "Phạm Thị Tư", "Võ Thị Năm", "Đỗ Thị Sáu"] {
            var form = try Fixtures.form(Fixtures.intakeJSON(survivorName: name, acts: ["weapon"]))
            form.consent.police = true
            form.consent.statistics = true
            _ = try await store.service.createCase(form, by: officer)
        }
        let workerToken = try await token(store, .caseworker, agency: "police")
        let worker = try await store.service.authenticate(token: workerToken)
        let referral = try #require(try await store.service.listReferrals(agency: "police", by: worker).first)
        let out = TemporaryDirectory("haven-browser")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        // `localhost`: the one plain-HTTP host where browsers keep a Secure cookie (as they would
        // over HTTPS in production).
        let base = server.base.absoluteString.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        process.arguments = ["python3", PackagePaths.root + "/scripts/browser_check.py", base,
                             try await token(store, .supervisor), workerToken, referral.id, out.path]
        let log = out.path + "/browser.json"
        FileManager.default.createFile(atPath: log, contents: nil)
        FileManager.default.createFile(atPath: out.path + "/browser.err", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: out.path + "/browser.err")
        try process.run()
        while process.isRunning { try await Task.sleep(for: .milliseconds(200)) }
        let errors = String(decoding: FileManager.default.contents(atPath: out.path + "/browser.err") ?? Data(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "browser check failed (install: bash scripts/install-deps.sh --test-tools): \(errors.suffix(2000))")
        let result = try JSONSerialization.jsonObject(with: FileManager.default.contents(atPath: log) ?? Data()) as? [String: Any] ?? [:]
        #expect(result["dashboardPath"] as? String == "/dashboard", "\(result)")
        let cookie = result["cookie"] as? [String: Any]
        #expect(cookie?["httpOnly"] as? Bool == true && cookie?["secure"] as? Bool == true && cookie?["sameSite"] as? String == "Strict",
                "cookie attributes: \(String(describing: cookie))")
        #expect(cookie?["session"] as? Bool == false, "the cookie expires")
        #expect(result["cookieVisibleToScript"] as? Bool == false)
        #expect(result["dashboardHasChart"] as? Bool == true)
        #expect((result["dashboardHasTable"] as? Int ?? 0) > 5)
        let blank = result["blankBytes"] as? Int ?? 0
        for shot in ["dashboardBytes", "phoneBytes", "inboxBytes"] {
            #expect((result[shot] as? Int ?? 0) > max(10_000, 3 * blank), "\(shot) is not blank: \(result[shot] ?? "none") bytes vs blank \(blank)")
        }
        #expect((result["phoneOverflow"] as? Int ?? 99) <= 0, "no horizontal scrolling on a phone: \(result["phoneOverflow"] ?? "")")
        #expect(result["printHidesForms"] as? Bool == true)
        #expect(result["inboxPath"] as? String == "/inbox" && result["inboxHasReferral"] as? Bool == true)
        #expect((result["inboxButtons"] as? Int ?? 0) >= 2)
        #expect(result["crossSiteLandedOn"] as? String == "/login", "a cross-site post carries no session: \(result["crossSiteLandedOn"] ?? "")")
        #expect(try await store.service.listReferrals(agency: "police", by: worker).first { $0.id == referral.id }?.status == .pending,
                "the cross-site post changed nothing")
    }
}
