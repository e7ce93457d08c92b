import AsyncHTTPClient
import Foundation
import HavenAPI
import HavenCore
import HavenRemote
import HavenServer
import HavenService
import HavenTestSupport
import NIOHTTP1
import Testing

@Suite("haven serve: the HTTP face over a real socket")
struct ServerTests {
    /// Intake by a remote client, the referral in the police's remote inbox, opened with the
    /// agency key on the client, acknowledged, accepted and closed; the audit chain records it
    /// all and verifies. The agency key is made on the client: only its public half is sent.
    @Test func referralEndToEnd() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let admin = try await server.client(store.adminToken)
        let keyPath = store.directory.path + "/police.key"
        _ = try await AgencyKeyMaker.make(client: admin, "police", outPath: keyPath)
        let officer = try await server.client(try await token(store, .fieldOfficer, communes: ["my-thoi", "binh-duc"]))
        var form = try Fixtures.form(Fixtures.intakeJSON(acts: ["weapon"]))
        form.consent.police = true
        let created = try await officer.createCase(form)
        let police = try #require(created.referrals.first { $0.agency == "police" })
        #expect(police.status == .pending)

        let worker = try await server.client(try await token(store, .caseworker, agency: "police"), language: .vi)
        #expect(worker.caller.role == .caseworker && worker.caller.agency == "police")
        let inbox = try await worker.listReferrals(agency: "police", status: nil, overdueOnly: false)
        #expect(inbox.map(\.id) == [police.id])
        // Opened here, with the key file: the server only ever sent the sealed packet.
        let keyFile = try Data(contentsOf: URL(fileURLWithPath: keyPath))
        let opened = try await ReferralOpener.show(client: worker, police.id, agencyKeyFile: keyFile)
        #expect(opened.packet.fields["survivor.name"] == "Nguyễn Thị Lan")
        #expect(try await worker.acknowledgeReferral(police.id).status == .acknowledged)
        #expect(try await worker.acceptReferral(police.id).status == .accepted)
        #expect(try await worker.closeReferral(police.id, outcome: .servicesProvided, actions: [.protectionOrder]).status == .closed)
        // The same referral again: refused with the service's own error and words, in Vietnamese.
        await #expect(throws: HavenError.self) { _ = try await worker.acceptReferral(police.id) }
        do {
            _ = try await worker.acceptReferral(police.id)
        } catch let error as HavenError {
            guard case .referralNotAllowed(let id, let status, _) = error else { Issue.record("\(error)"); return }
            #expect(id == police.id && status == .closed)
        }
        let verification = try await admin.verifyAudit()
        #expect(verification.intact)
        let actions = try await admin.auditEntries(caseID: nil, limit: 200).map(\.action)
        for action in ["agency.keygen", "case.create", "referral.show", "referral.ack", "referral.accept", "referral.close"] {
            #expect(actions.contains(action), "audited: \(action)")
        }
        // The private key never reached the store.
        let privateKey = try AgencyKeyFileText.privateKeyBase64(keyFile)
        #expect(ByteScanner.hits(of: [privateKey], in: [store.location.directory]).isEmpty)
    }

    /// Every signed-in route without a token, with a wrong token, and for every role with
    /// made-up ids and bodies: 401 without a valid token, and never a 500 — every refusal is
    /// a 4xx with `{"error", "message"}`.
    @Test func permissionMatrix() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store, settings: .init(gate: .init(limit: 10_000, window: 60)))
        defer { Task { await server.stop() } }
        var tokens: [String: String] = ["admin": store.adminToken]
        tokens["fieldOfficer"] = try await token(store, .fieldOfficer, communes: ["my-thoi"])
        tokens["caseworker"] = try await token(store, .caseworker, agency: "police")
        tokens["supervisor"] = try await token(store, .supervisor)
        let parameters = ["id": "C-ZZZZZZZZ", "agency": "police", "team": "T-ZZZZZZ", "year": "2026"]
        for route in Routes.signedIn {
            let path = route.path(parameters)
            let method = HTTPMethod(rawValue: route.method.rawValue)
            let anonymous = try await server.raw(method, path, body: Data("{}".utf8))
            #expect(anonymous.status == 401, "\(route) without a token: \(anonymous.status)")
            let wrong = try await server.raw(method, path, token: "not-a-token", body: Data("{}".utf8))
            #expect(wrong.status == 401, "\(route) with a wrong token: \(wrong.status)")
            for (role, token) in tokens.sorted(by: { $0.key < $1.key }) {
                let answer = try await server.raw(method, path, token: token, body: Data("{}".utf8))
                #expect(answer.status < 500, "\(route) as \(role): \(answer.status) \(String(decoding: answer.body, as: UTF8.self))")
                if answer.status >= 400 {
                    let error = try? WireJSON.decoder().decode(ErrorAnswer.self, from: answer.body)
                    #expect(error != nil && !(error?.message.isEmpty ?? true), "\(route) as \(role): an error answer")
                }
            }
        }
        // The table of who may do what, for every route that needs no record of its own (the
        // service decides; the table is checked against a real socket). Columns: admin,
        // supervisor, caseworker (police), field officer, mediator, data partner.
        let roles = ["admin", "supervisor", "caseworker", "fieldOfficer", "mediator", "dataPartner"]
        tokens["dataPartner"] = try await token(store, .dataPartner, agency: "un-women")
        let team = try await store.service.addTeam(commune: "my-thoi", name: "Tổ hòa giải Mỹ Thới", by: store.admin)
        tokens["mediator"] = try await token(store, .mediator, team: team.id)
        let year = "2026"
        let query = try WireJSON.encoder().encode(StatQuery(measure: .cases, by: [.gbvType], period: StatPeriod(year: 2026)))
        let table: [(Route, [String: String], String?, Data?, [Int])] = [
            (Routes.whoami, [:], nil, nil, [200, 200, 200, 200, 200, 200]),
            (Routes.policy, [:], nil, nil, [200, 200, 200, 200, 200, 200]),
            (Routes.now, [:], nil, nil, [200, 200, 200, 200, 200, 200]),
            (Routes.users, [:], nil, nil, [200, 403, 403, 403, 403, 403]),
            (Routes.fieldOfficerAccounts, [:], nil, nil, [200, 200, 403, 403, 403, 403]),
            (Routes.verifyAudit, [:], nil, nil, [200, 200, 403, 403, 403, 403]),
            (Routes.auditEntries, [:], "limit=5", nil, [200, 403, 403, 403, 403, 403]),
            (Routes.agencies, [:], nil, nil, [200, 200, 200, 200, 403, 403]),
            // An inbox is its agency's caseworkers' alone; the administrator manages, but does not read.
            (Routes.inbox, ["agency": "police"], nil, nil, [403, 403, 200, 403, 403, 403]),
            (Routes.inbox, ["agency": "health"], nil, nil, [403, 403, 403, 403, 403, 403]),
            (Routes.overdueReferrals, [:], nil, nil, [200, 200, 403, 403, 403, 403]),
            (Routes.officerReferrals, [:], nil, nil, [403, 403, 403, 200, 403, 403]),
            // Held referrals are the officer's to act on (the survivor's consent).
            (Routes.heldReferrals, [:], nil, nil, [403, 403, 403, 200, 403, 403]),
            (Routes.listCases, [:], nil, nil, [403, 403, 403, 200, 403, 403]),
            (Routes.drafts, [:], nil, nil, [403, 403, 403, 200, 403, 403]),
            (Routes.teams, [:], nil, nil, [200, 200, 403, 200, 200, 403]),
            (Routes.dueFollowUps, [:], nil, nil, [403, 403, 403, 200, 200, 403]),
            (Routes.mediationStats, [:], "year=2026", nil, [200, 200, 403, 403, 403, 403]),
            (Routes.statistics, [:], nil, query, [200, 200, 403, 403, 403, 403]),
            (Routes.annualReport, ["year": year], "format=md", nil, [200, 200, 403, 403, 403, 403]),
            // Per-case rows, even k-anonymous, only to a data-sharing partner's account.
            (Routes.incidentRecorder, ["year": year], nil, nil, [403, 403, 403, 403, 403, 200]),
            (Routes.statisticsExport, ["year": year], nil, nil, [200, 200, 403, 403, 403, 403]),
            (Routes.originIdentity, [:], nil, nil, [200, 403, 403, 403, 403, 403]),
        ]
        var mismatches: [String] = []
        for (route, parameters, query, body, expected) in table {
            for (role, status) in zip(roles, expected) {
                let path = route.path(parameters) + (query.map { "?" + $0 } ?? "")
                let answer = try await server.raw(HTTPMethod(rawValue: route.method.rawValue), path, token: tokens[role]!, body: body)
                if answer.status != status { mismatches.append("\(route) \(parameters) as \(role): \(answer.status), table says \(status)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func theBearerSchemeIsCaseInsensitiveAndNothingElseStandsForIt() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        for (scheme, status) in [("bEaReR ", 200), ("BEARER ", 200), ("Bearer  ", 200), ("Bearer", 401), ("Bearer_", 401), ("Basic ", 401),
                                 ("Bearer\t", 401), ("Béarer ", 401), ("", 401),
                                 ("Bearer \u{301}", 401)] {
            let answer = try await server.raw(.GET, Routes.whoami.path, headers: [("Authorization", scheme + store.adminToken)])
            #expect(answer.status == status, "scheme '\(scheme)'")
        }
    }

    /// The face's own limits and headers: too many failed sign-ins from one address → 429 with
    /// Retry-After for wrong tokens until the window passes; a body over the limit → 413;
    /// security headers and the request id on every answer; errors in the caller's language.
    @Test func limitsAndHeaders() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store, settings: .init(bodyLimit: 4096, gate: .init(limit: 3, window: 600)))
        defer { Task { await server.stop() } }
        let health = try await server.raw(.GET, "/healthz")
        #expect(health.status == 200)
        #expect(health.headers["Cache-Control"].first == "no-store" && health.headers["X-Content-Type-Options"].first == "nosniff")
        #expect(health.headers["Content-Security-Policy"].first?.contains("default-src 'none'") == true)
        #expect(health.headers["Strict-Transport-Security"].isEmpty, "HSTS only under TLS")
        #expect(try await server.raw(.GET, "/readyz").status == 200)
        let echoed = try await server.raw(.GET, "/healthz", headers: [("X-Request-Id", "abc-123")])
        #expect(echoed.headers["X-Request-Id"].first == "abc-123")
        let hostile = try await server.raw(.GET, "/healthz", headers: [("X-Request-Id", "a b<script>")])
        #expect(hostile.headers["X-Request-Id"].first?.count == 32, "a request id that is not a short token is replaced")

        // Each answer its own random id, past a refill of the reserve they are drawn from (256 ids).
        var fresh: [String] = []
        for _ in 0..<300 { fresh.append(try await server.raw(.GET, "/healthz").headers["X-Request-Id"].first ?? "") }
        #expect(Set(fresh).count == fresh.count && fresh.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })

        let big = try await server.raw(.POST, Routes.createCase.path, token: store.adminToken, body: Data(repeating: 0x20, count: 10_000))
        #expect(big.status == 413)
        // A GET's body is not read (its route takes none): it is answered, and the server goes on.
        let getWithBody = try await server.raw(.GET, Routes.whoami.path, token: store.adminToken, body: Data(repeating: 0x20, count: 10_000))
        #expect(getWithBody.status == 200)
        #expect(try await server.raw(.GET, Routes.whoami.path, token: store.adminToken).status == 200)
        let officer = try await token(store, .fieldOfficer, communes: ["my-thoi"])
        let vietnamese = try await server.raw(.GET, "/v1/cases/C-ZZZZZZZZ", token: officer, headers: [("Accept-Language", "vi-VN,vi;q=0.9")])
        let error = try WireJSON.decoder().decode(ErrorAnswer.self, from: vietnamese.body)
        #expect(vietnamese.status == 404 && error.error == "caseNotFound" && error.message.contains("Không"),
                "\(vietnamese.status) \(error)")
        let badBody = try await server.raw(.POST, Routes.statistics.path, token: store.adminToken, body: Data("[1,2".utf8))
        #expect(badBody.status == 400)

        for _ in 0..<3 { #expect(try await server.raw(.GET, Routes.whoami.path, token: "guess").status == 401) }
        let locked = try await server.raw(.GET, Routes.whoami.path, token: "guess")
        #expect(locked.status == 429)
        #expect(Int(locked.headers["Retry-After"].first ?? "") ?? 0 > 0)
        #expect(try await server.raw(.GET, Routes.whoami.path).status == 429, "no token while locked: 429")
        #expect(try await server.raw(.GET, Routes.whoami.path, token: store.adminToken).status == 200,
                "a right token still signs in (an office behind one address is not locked out)")
    }

    /// Plain HTTP only to this machine; HTTPS anywhere.
    @Test func remoteAddresses() throws {
        #expect(throws: HavenError.self) { try RemoteClient.check(URL(string: "http://10.0.0.5:8080")!) }
        #expect(throws: HavenError.self) { try RemoteClient.check(URL(string: "ftp://127.0.0.1")!) }
        for sneaky in ["http://127.0.0.1.evil.example:8080", "http://127.attacker.net", "http://localhost.evil.example",
                       "http://127.0.0.1@evil.example", "http://[::2]:8080", "http://127.0.0.256"] {
            #expect(throws: HavenError.self, "\(sneaky)") { try RemoteClient.check(URL(string: sneaky)!) }
        }
        try RemoteClient.check(URL(string: "http://127.0.0.2:8080")!)
        try RemoteClient.check(URL(string: "http://[::1]:8080")!)
        try RemoteClient.check(URL(string: "http://127.0.0.1:8080")!)
        try RemoteClient.check(URL(string: "https://haven.angiang.example:8443")!)
        #expect(RemoteClient.shown(URL(string: "https://u:secret@host:1/x?token=y")!) == "https://host:1/x")
    }
}

/// Reads the base64 private key out of an agency key file (to scan the store for it).
enum AgencyKeyFileText {
    static func privateKeyBase64(_ data: Data) throws -> String {
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return object?["privateKey"] as? String ?? object?["key"] as? String ?? ""
    }
}

@Suite("haven serve: hostile bodies from signed-in callers")
struct HostileBodyTests {
    /// Inputs that crashed the server before an outside review: a bundle whose time is 1e300, a
    /// statistics period with a huge quarter index, a table of every dimension. Each is now a
    /// 4xx, and the server keeps answering.
    @Test func neverCrash() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let supervisor = try await token(store, .supervisor)
        let admin = store.adminToken
        // A bundle naming a trusted origin (its key is public: it is in every bundle it sends),
        // its time made enormous: the time is read before the signature is checked.
        let caseworker = try await token(store, .caseworker, agency: "police")
        let origin = try await store.service.originIdentity(by: store.admin)
        _ = try await store.service.trustOrigin(origin.storeID, publicKey: origin.publicKey, fingerprint: origin.fingerprint, by: store.admin)
        var bundle: [String: Any] = ["format": "haven-referral-bundle", "version": 3, "origin": origin.storeID,
                                     "originKey": origin.publicKey.base64EncodedString(), "agency": "police",
                                     "createdAt": 1e300, "count": 0, "referrals": [[String: Any]](), "signature": Data().base64EncodedString()]
        var body = try JSONSerialization.data(withJSONObject: ["bundle": try JSONSerialization.data(withJSONObject: bundle).base64EncodedString(),
                                                              "opened": [[String: Any]]()])
        var answer = try await server.raw(.POST, Routes.importReferrals.path, token: caseworker, body: body)
        #expect((400..<500).contains(answer.status), "bundle at 1e300: \(answer.status)")
        bundle["createdAt"] = -1e300
        body = try JSONSerialization.data(withJSONObject: ["bundle": try JSONSerialization.data(withJSONObject: bundle).base64EncodedString(),
                                                          "opened": [[String: Any]]()])
        answer = try await server.raw(.POST, Routes.importReferrals.path, token: admin, body: body)
        #expect((400..<500).contains(answer.status))
        // Periods that skip the parser's checks.
        for period in [#"{"kind":"quarter","year":2026,"index":3074457345618258603}"#, #"{"kind":"month","year":2026,"index":13}"#,
                       #"{"kind":"year","year":99999999999,"index":0}"#, #"{"kind":"quarter","year":2026,"index":-4}"#] {
            let query = #"{"measure":"cases","by":["gbvType"],"period":\#(period),"filters":{},"coarsen":false}"#
            answer = try await server.raw(.POST, Routes.statistics.path, token: supervisor, body: Data(query.utf8))
            #expect(answer.status == 400, "period \(period): \(answer.status)")
        }
        // A table of every dimension: refused before any work.
        let every = StatDimension.allCases.filter { $0.measures.contains(.cases) }.map { "\"\($0.rawValue)\"" }.joined(separator: ",")
        let huge = #"{"measure":"cases","by":[\#(every)],"period":{"kind":"year","year":2026},"filters":{},"coarsen":false}"#
        answer = try await server.raw(.POST, Routes.statistics.path, token: supervisor, body: Data(huge.utf8))
        #expect(answer.status == 422, "every dimension: \(answer.status)")
        // Still serving.
        #expect(try await server.raw(.GET, "/healthz").status == 200)
        #expect(try await server.raw(.GET, Routes.whoami.path, token: supervisor).status == 200)
    }

    /// A server-side fault tells the caller only its request id, never a path or a storage error.
    @Test func serverFaultsAreNotDisclosed() async throws {
        let store = try await TestStore.make()
        let server = try await LiveServer.start(store)
        defer { Task { await server.stop() } }
        let officer = try await store.officer()
        let created = try await store.service.createCase(try Fixtures.form(), by: officer)
        // A sealed field edited outside Haven: the case is tampered with (a server-side finding).
        try store.tamper("UPDATE case_fields SET ciphertext = zeroblob(40) WHERE case_id = '\(created.id.rawValue)'")
        let officerToken = try await token(store, .fieldOfficer, communes: ["my-thoi", "binh-duc"])
        let answer = try await server.raw(.GET, Routes.showCase.path(["id": created.id.rawValue]), token: officerToken,
                                          headers: [("X-Request-Id", "probe-1")])
        #expect(answer.status == 500)
        let error = try WireJSON.decoder().decode(ErrorAnswer.self, from: answer.body)
        #expect(error.error == "internal" && error.haven == nil && error.message.contains("probe-1"), "\(error)")
    }
}
