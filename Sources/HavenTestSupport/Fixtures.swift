import Foundation
import HavenAPI
import HavenCore
import HavenCrypto
import HavenService
import HavenSQLite
import HavenStore

/// Builders for intake JSON and forms. All names and details are invented.
public enum Fixtures {
    /// The sample case of issue #2, with optional overrides of top-level members.
    public static func intakeJSON(commune: String = "my-thoi", survivorName: String = "Nguyễn Thị Lan",
                                  birthDate: String = "1994-03-02", acts: [String] = ["beating", "threats"],
                                  narrative: String = "Sự việc xảy ra tại nhà vào buổi tối.",
                                  reportedAt: String = "2026-11-20T09:30:00+07:00") -> String {
        let actsJSON = acts.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
        {"reportedAt": "\(reportedAt)", "source": "commune-police",
         "commune": "\(commune)",
         "survivor": {"name": "\(survivorName)", "sex": "female", "birthDate": "\(birthDate)",
           "phone": "0912345678", "address": "Tổ 5, khóm Đông Thạnh", "ethnicity": "kinh",
           "disability": false, "pregnant": false, "childUnder36Months": true},
         "perpetrator": {"name": "Trần Văn Bình", "sex": "male", "birthYear": 1990, "relationship": "spouse"},
         "incident": {"date": "2026-11-19", "acts": [\(actsJSON)], "injury": "minor",
           "childrenPresent": true, "narrative": "\(narrative)"},
         "risk": {"screen": "lap", "answers": [false, false, false, true, false, false, false, false, false, false, false]},
         "consent": {"referral": true, "police": false, "mediation": false, "statistics": true},
         "wishes": {"legalAid": true, "shelter": false, "medical": false}}
        """
    }

    /// The regions of the default policy.
    public static func regions() throws -> RegionCatalog {
        try RegionCatalog(yaml: PackagePaths.regionsYAML())
    }

    /// A parsed intake form.
    public static func form(_ json: String = intakeJSON()) throws -> IntakeForm {
        try IntakeForm(json: Array(json.utf8), regions: regions())
    }

    /// The instant used by fixed clocks in tests: 2026-11-25 10:00 +07:00.
    public static let now = Timestamp.parse("2026-11-25T10:00:00+07:00")!.instant
}

/// A real SQLite store in a temporary folder, with an administrator and helpers.
public struct TestStore: Sendable {
    /// The engine tests run on (the embedded one).
    public static let engine: any StoreEngine = SQLiteEngine()

    public let directory: TemporaryDirectory
    public let location: StoreLocation
    public let keyFile: String
    public let service: HavenService
    public let admin: Caller
    public let adminToken: String

    /// Creates a store. `passphrase` nil leaves the key file unprotected (fast).
    /// `disclosure` replaces the policy's disclosure.yaml; `editPolicy` may change any policy
    /// file; `random` feeds identifiers and record keys (seed it for a reproducible store).
    public static func make(passphrase: String? = nil, clock: any Clock = FixedClock(Fixtures.now),
                            random: any RandomSource = SystemRandom(), disclosure: String? = nil,
                            editPolicy: (inout [String: String]) -> Void = { _ in }) async throws -> TestStore {
        let directory = TemporaryDirectory("haven-store")
        let location = StoreLocation(directory: directory.path + "/store")
        let keyFile = directory.path + "/keys/test.key"
        var policyFiles = try PackagePaths.policyFiles()
        if let disclosure { policyFiles["disclosure.yaml"] = disclosure }
        editPolicy(&policyFiles)
        let created = try await StoreSetup.initialise(engine: SQLiteEngine(), 
            location: location, keyFile: keyFile, passphrase: passphrase, policyFiles: policyFiles,
            policyTests: [:], adminName: "Test Admin", environment: ["HOME": directory.path],
            clock: clock, random: random)
        return TestStore(directory: directory, location: location, keyFile: keyFile,
                         service: HavenService(context: created.context), admin: created.admin, adminToken: created.adminToken)
    }

    /// Adds a user and returns them signed in.
    public func user(_ role: Role, communes: [String] = [], agency: String? = nil, team: String? = nil,
                     name: String = "Test User") async throws -> Caller {
        let (_, token) = try await service.addUser(NewUser(name: name, role: role, agency: agency, communes: communes, team: team), by: admin)
        return try await service.authenticate(token: token)
    }

    /// A field officer of `communes`.
    public func officer(_ communes: [String] = ["my-thoi", "binh-duc"]) async throws -> Caller {
        try await user(.fieldOfficer, communes: communes, name: "Officer")
    }

    /// Runs raw SQL on the store file, for tests that tamper with it.
    public func tamper(_ sql: String) throws {
        try RawDatabase.execute(path: location.databasePath, sql: sql)
    }

    /// The same store opened again with another clock (deadlines, follow-ups).
    public func reopened(clock: any Clock) async throws -> HavenService {
        HavenService(context: try await StoreSetup.open(engine: SQLiteEngine(), location: location, keyFile: keyFile, environment: [:],
                                                        passphrase: { nil }, clock: clock, random: SystemRandom()))
    }
}

/// A seeded stand-in for the system's generator, for test stores whose identifiers and record
/// keys must be the same on every run (the disclosure attack tests, so a finding reproduces).
/// Test support only: production always passes `SystemRandom`. `@unchecked Sendable` is
/// sound because every use of the generator holds `lock`.
public final class SeededRandom: RandomSource, @unchecked Sendable {
    private var generator: SeededGenerator
    private let lock = NSLock()
    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }
    public func bytes(_ count: Int) -> [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}

/// A clock a test moves forward (imports dated month by month). `@unchecked Sendable` is
/// sound because every read and write of `instant` holds `lock`.
public final class SteppingClock: Clock, @unchecked Sendable {
    private var instant: Date
    private let lock = NSLock()
    public init(_ instant: Date) { self.instant = instant }
    public func now() -> Date { lock.lock(); defer { lock.unlock() }; return instant }
    /// Moves the clock to `instant`; never backwards.
    public func set(_ instant: Date) {
        lock.lock(); defer { lock.unlock() }
        precondition(instant >= self.instant, "a stepping clock only moves forward")
        self.instant = instant
    }
}

extension TestStore {
    /// disclosure.yaml with `method: suppress` (the rest as published).
    public static func suppressionDisclosure() throws -> String {
        try PackagePaths.policyFiles()["disclosure.yaml"]!.replacingOccurrences(of: "method: perturb", with: "method: suppress")
    }
}

extension StoreLocation {
    /// The SQLite file of a folder store (tests that read or change it outside Haven).
    public var databasePath: String { SQLiteEngine.databasePath(directory) }
}
