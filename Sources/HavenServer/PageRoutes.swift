import Foundation
import HavenAPI
import HavenCore
import HavenService
import Hummingbird
import HTTPTypes
import NIOCore

/// The browser pages: `/login`, `/logout`, `/dashboard` (supervisors: anonymised statistics,
/// overdue referrals, mediation, the annual report) and `/inbox` (caseworkers: the coded list
/// with acknowledge, accept and decline). Every figure and every action goes through the same
/// client and use cases as the API; the pages only arrange them. Forms carry the session's CSRF
/// token, and a post whose Origin is another site is refused.
enum PageRoutes {
    static let pageCSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static func language(_ request: Request) -> Language {
        if let lang = request.uri.queryParameters.get("lang"), let language = Language(rawValue: lang) { return language }
        return HavenHTTP.language(request)
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = pageCSP
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.location] = location
        return Response(status: .seeOther, headers: headers)
    }

    static func message(_ heading: MessageKey, _ text: String, language: Language, status: HTTPResponse.Status, csrf: String?,
                        link: String? = nil) -> Response {
        html(Pages.render("message", ["heading": Catalogue.text(heading, language), "text": text, "link": link as Any,
                                      "linkText": Catalogue.text(.pageBack, language)],
                          title: Catalogue.text(heading, language), language: language, csrf: csrf), status: status)
    }

    static func cookie(_ id: String, maxAge: Int) -> String {
        "\(Sessions.cookie)=\(id); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=\(maxAge)"
    }

    /// Whether a post came from this site: its Origin (when the browser sends one) names the
    /// host it was sent to.
    static func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "https://\(host)" || origin == "http://\(host)"
    }

    static func register(on router: Router<ServerContext>, service: HavenService, gate: Gate, sessions: Sessions, bodyLimit: Int) {
        router.get("/static/haven.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: Pages.stylesheet)))
        }

        @Sendable func loginPage(_ language: Language, next: String, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
            let context: [String: Any] = [
                "heading": Catalogue.text(.pageSignInHeading, language), "tokenLabel": Catalogue.text(.pageTokenLabel, language),
                "signIn": Catalogue.text(.pageSignIn, language), "note": Catalogue.text(.pageSignInNote, language),
                "next": next, "error": error as Any,
            ]
            return html(Pages.render("login", context, title: Catalogue.text(.pageSignInHeading, language), language: language, csrf: nil), status: status)
        }
        @Sendable func safeNext(_ text: String?) -> String { ["/dashboard", "/inbox"].contains(text ?? "") ? text! : "/dashboard" }

        router.get("/login") { request, _ in
            loginPage(language(request), next: safeNext(request.uri.queryParameters.get("next")))
        }
        router.post("/login") { request, context -> Response in
            let language = language(request)
            guard sameOrigin(request) else { return message(.pageRefusedHeading, Catalogue.text(.pageExpired, language), language: language, status: .forbidden, csrf: nil) }
            let form = FormData.parse(String(buffer: try await request.body.collect(upTo: 16 << 10)))
            let next = safeNext(form["next"])
            let token = (form["token"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            do {
                _ = try await gate.client(authorization: "Bearer " + token, address: context.peer, language: language)
            } catch let refusal as FaceError {
                return loginPage(language, next: next, error: Catalogue.text(refusal.message, language, refusal.arguments), status: refusal.status)
            } catch {
                return loginPage(language, next: next, error: Catalogue.text(.pageSignInFailed, language), status: .unauthorized)
            }
            let (id, _) = await sessions.open(token: token)
            return redirect(next, headers: [.setCookie: cookie(id, maxAge: Int(sessions.idle))])
        }
        router.post("/logout") { request, _ -> Response in
            let id = FormData.cookie(request.headers[.cookie], Sessions.cookie)
            let form = FormData.parse(String(buffer: try await request.body.collect(upTo: 16 << 10)))
            if let session = await sessions.session(id), sameOrigin(request), Sessions.same(form["csrf"] ?? "", session.csrf) {
                await sessions.close(id)
            }
            return redirect("/login", headers: [.setCookie: cookie("", maxAge: 0)])
        }

        /// The signed-in client of a page request, or the response to send instead.
        @Sendable func signedIn(_ request: Request, _ context: ServerContext, path: String) async -> (LocalClient, Sessions.Session)? {
            let language = language(request)
            guard let session = await sessions.session(FormData.cookie(request.headers[.cookie], Sessions.cookie)),
                  let client = try? await gate.client(authorization: "Bearer " + session.token, address: context.peer, language: language) else {
                return nil
            }
            return (client, session)
        }

        @Sendable func refused(_ error: any Error, _ language: Language, csrf: String?) -> Response {
            let haven = HavenError.from(error)
            return message(.pageRefusedHeading, haven.message(language), language: language, status: WireError.status(for: haven), csrf: csrf)
        }

        router.get("/dashboard") { request, context -> Response in
            let language = language(request)
            guard let (client, session) = await signedIn(request, context, path: "/dashboard") else { return redirect("/login?next=/dashboard") }
            do {
                let policy = try await client.policy()
                let today = policy.regions.localDate(try await client.now())
                let year = request.uri.queryParameters.get("year", as: Int.self).flatMap { StatPeriod.years.contains($0) ? $0 : nil } ?? today.year
                let query = StatQuery(measure: .cases, by: [.gbvType, .survivorSex], period: StatPeriod(year: year))
                let (result, overdue, mediation) = try await client.batch { c in
                    (try await c.statistics(query), try await c.overdueReferrals(), try await c.mediationStats(year: year, by: .total))
                }
                return html(Pages.render("dashboard", dashboardContext(result, overdue, mediation, policy: policy, year: year, language: language),
                                         title: Catalogue.text(.pageDashboardHeading, language, ["year": "\(year)"]), language: language,
                                         csrf: session.csrf))
            } catch {
                return refused(error, language, csrf: session.csrf)
            }
        }
        router.get("/dashboard/report/{year}") { request, context -> Response in
            let language = language(request)
            guard let (client, session) = await signedIn(request, context, path: "/dashboard") else { return redirect("/login?next=/dashboard") }
            guard let year = context.parameters.get("year", as: Int.self) else {
                return message(.pageRefusedHeading, Catalogue.text(.httpNotFound, language), language: language, status: .notFound, csrf: session.csrf)
            }
            do {
                let report = try await client.annualReport(year: year, format: .html)
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8",
                                                       .contentDisposition: "attachment; filename=\"haven-annual-report-\(year).html\"",
                                                       .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"],
                                body: .init(byteBuffer: ByteBuffer(string: report.text)))
            } catch {
                return refused(error, language, csrf: session.csrf)
            }
        }

        router.get("/inbox") { request, context -> Response in
            let language = language(request)
            guard let (client, session) = await signedIn(request, context, path: "/inbox") else { return redirect("/login?next=/inbox") }
            do {
                let policy = try await client.policy()
                let agency = client.caller.agency ?? ""
                let referrals = try await client.listReferrals(agency: agency, status: nil, overdueOnly: false)
                    .filter { [.pending, .acknowledged, .accepted].contains($0.status) }
                return html(Pages.render("inbox", inboxContext(referrals, policy: policy, agency: agency, csrf: session.csrf, language: language),
                                         title: Catalogue.text(.pageInboxHeading, language, ["agency": agency]), language: language,
                                         csrf: session.csrf))
            } catch {
                return refused(error, language, csrf: session.csrf)
            }
        }
        router.post("/inbox/{id}/{action}") { request, context -> Response in
            let language = language(request)
            guard let (client, session) = await signedIn(request, context, path: "/inbox") else { return redirect("/login?next=/inbox") }
            let form = FormData.parse(String(buffer: try await request.body.collect(upTo: 16 << 10)))
            guard sameOrigin(request), Sessions.same(form["csrf"] ?? "", session.csrf) else {
                return message(.pageRefusedHeading, Catalogue.text(.pageExpired, language), language: language, status: .forbidden,
                               csrf: session.csrf, link: "/inbox")
            }
            let id = context.parameters.get("id") ?? ""
            do {
                switch context.parameters.get("action") {
                case "acknowledge": _ = try await client.acknowledgeReferral(id)
                case "accept": _ = try await client.acceptReferral(id)
                case "decline":
                    guard let reason = DeclineReason(rawValue: form["reason"] ?? "") else {
                        throw HavenError.invalidInput(.missingField(path: "reason"))
                    }
                    _ = try await client.declineReferral(id, reason: reason)
                default:
                    return message(.pageRefusedHeading, Catalogue.text(.httpNotFound, language), language: language, status: .notFound,
                                   csrf: session.csrf, link: "/inbox")
                }
            } catch {
                return refused(error, language, csrf: session.csrf)
            }
            return redirect("/inbox")
        }
    }

    // MARK: Page contexts

    static func dashboardContext(_ result: StatResult, _ overdue: [OverdueCount], _ mediation: [MediationStatsRow], policy: Policy,
                                 year: Int, language l: Language) -> [String: Any] {
        func shown(_ cell: StatCell?) -> String { cell?.count.map(String.init) ?? "x" }
        let sexes = Sex.allCases
        let types = GBVType.allCases
        let rows: [[String: Any]] = types.map { type in
            ["label": type.label(l),
             "cells": sexes.map { shown(result.cell([.gbvType: type.rawValue, .survivorSex: $0.rawValue])) }
                + [shown(result.cell([.gbvType: type.rawValue, .survivorSex: ContingencyTable.all]))]]
        } + [["label": Catalogue.text(.pageTotal, l),
              "cells": sexes.map { shown(result.cell([.gbvType: ContingencyTable.all, .survivorSex: $0.rawValue])) } + [shown(result.cell([:]))]]]
        let totals = types.map { type in (type.label(l), result.cell([.gbvType: type.rawValue, .survivorSex: ContingencyTable.all])?.count) }
        let largest = max(1, totals.compactMap(\.1).max() ?? 1)
        let bars: [[String: Any]] = totals.enumerated().map { index, item in
            let width = Int(Double(item.1 ?? 0) / Double(largest) * 340)
            return ["label": item.0, "value": item.1.map(String.init) ?? "x", "y": 6 + index * 26, "textY": 20 + index * 26,
                    "width": width, "valueX": 246 + width]
        }
        let overdueRows: [[String: Any]] = overdue.filter { $0.overdue > 0 }.map {
            ["agency": policy.agency($0.agency)?.name.text(l) ?? $0.agency, "priority": $0.priority.label(l), "overdue": $0.overdue, "pending": $0.pending]
        }
        let total = mediation.first
        func cell(_ c: Cell?) -> String { c.map { $0.count.map(String.init) ?? "x" } ?? "0" }
        let mediationRows: [[String: Any]] = [
            ["label": Catalogue.text(.pageMediationOpened, l), "value": cell(total?.opened)],
            ["label": Catalogue.text(.pageMediationAgreements, l), "value": cell(total?.agreements)],
            ["label": Catalogue.text(.pageMediationRate, l), "value": total?.agreementRate.map { String(format: "%.0f %%", $0 * 100) } ?? "–"],
            ["label": Catalogue.text(.pageMediationRecur6, l), "value": cell(total?.recurrenceWithin6Months)],
            ["label": Catalogue.text(.pageMediationRecur12, l), "value": cell(total?.recurrenceWithin12Months)],
        ]
        return [
            "heading": Catalogue.text(.pageDashboardHeading, l, ["year": "\(year)"]), "anonymised": Catalogue.text(.pageAnonymised, l),
            "casesHeading": Catalogue.text(.pageCasesHeading, l), "typeHeading": Catalogue.text(.pageTypeHeading, l),
            "sexes": sexes.map { $0.label(l) } + [Catalogue.text(.pageTotal, l)], "rows": rows, "bars": bars,
            "chartHeight": 12 + types.count * 26,
            "method": Catalogue.text(.pageMethodNote, l, ["method": result.method.rawValue, "k": "\(result.k)"]),
            "overdueHeading": Catalogue.text(.pageOverdueHeading, l), "overdue": overdueRows, "hasOverdue": !overdueRows.isEmpty,
            "overdueEmpty": overdueRows.isEmpty ? Catalogue.text(.pageOverdueEmpty, l) : "",
            "agencyHeading": Catalogue.text(.pageAgency, l), "priorityHeading": Catalogue.text(.pagePriority, l),
            "overdueColumn": Catalogue.text(.pageOverdue, l), "pendingColumn": Catalogue.text(.pagePending, l),
            "mediationHeading": Catalogue.text(.pageMediationHeading, l), "mediation": mediationRows,
            "reportHeading": Catalogue.text(.pageReportHeading, l), "reportLink": Catalogue.text(.pageReportLink, l, ["year": "\(year)"]),
            "year": year,
        ]
    }

    static func inboxContext(_ referrals: [ReferralSummary], policy: Policy, agency: String, csrf: String, language l: Language) -> [String: Any] {
        let reasons: [[String: Any]] = DeclineReason.allCases.map { ["value": $0.rawValue, "label": $0.label(l)] }
        let rows: [[String: Any]] = referrals.map { r in
            var actions: [[String: Any]] = []
            func action(_ name: String, _ label: MessageKey, withReasons: Bool = false) {
                actions.append(["referral": r.id, "action": name, "label": Catalogue.text(label, l), "csrf": csrf,
                                "reasons": withReasons ? reasons : [], "hasReasons": withReasons, "reasonLabel": Catalogue.text(.pageReason, l)])
            }
            if r.status == .pending { action("acknowledge", .pageAcknowledge) }
            if r.status == .acknowledged { action("accept", .pageAccept) }
            if r.status == .pending || r.status == .acknowledged { action("decline", .pageDecline, withReasons: true) }
            return ["id": r.id, "priority": r.priority.label(l) + (r.mandatory ? " ⚑" : ""), "status": r.status.label(l),
                    "due": r.dueBy.map { policy.regions.localTime($0, l) } ?? "–", "overdue": r.overdue,
                    "overdueMark": Catalogue.text(.pageOverdueMark, l),
                    "commune": policy.regions.commune(r.commune)?.name ?? r.commune, "actions": actions]
        }
        return [
            "heading": Catalogue.text(.pageInboxHeading, l, ["agency": policy.agency(agency)?.name.text(l) ?? agency]),
            "sealedNote": Catalogue.text(.pageSealedNote, l), "referrals": rows, "hasReferrals": !rows.isEmpty,
            "empty": rows.isEmpty ? Catalogue.text(.pageInboxEmpty, l) : "",
            "idHeading": Catalogue.text(.pageID, l), "priorityHeading": Catalogue.text(.pagePriority, l),
            "statusHeading": Catalogue.text(.pageStatus, l), "dueHeading": Catalogue.text(.pageDue, l),
            "communeHeading": Catalogue.text(.pageCommune, l),
        ]
    }
}
