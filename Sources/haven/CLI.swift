import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenService
import HavenStore
import HavenRemote
import HavenPostgres
import HavenSQLite
import Logging

/// What every command shares: options, environment, language, and the one place where
/// errors become messages on stderr and sysexits codes.
struct CLI {
    let options: GlobalOptions
    let environment: [String: String]
    let language: Language

    init(_ options: GlobalOptions) {
        self.options = options
        environment = ProcessInfo.processInfo.environment
        language = Language.resolve(flag: options.lang, environment: environment) ?? .en
    }

    var location: StoreLocation {
        get throws { StoreLocation(parsing: options.store ?? environment["HAVEN_STORE"] ?? "haven-data") }
    }

    /// The engine factory: the store's location picks the engine. A folder is the embedded
    /// SQLite store; `postgres://user@host:port/db` a PostgreSQL database (its password from
    /// PGPASSWORD or a `passfile=`, never the URL; HAVEN_POSTGRES_POOL connections, default 4).
    func engine(for location: StoreLocation) throws -> any StoreEngine {
        guard let scheme = location.scheme else { return SQLiteEngine() }
        if CLI.serverSchemes.contains(scheme) { throw HavenError.localOnly }
        if CLI.postgresSchemes.contains(scheme) {
            let pool = environment["HAVEN_POSTGRES_POOL"].flatMap(Int.init).map { min(max($0, 1), 64) } ?? 4
            return PostgresEngine(environment: environment, poolSize: pool, logger: logger)
        }
        throw HavenError.storeEngineUnavailable(scheme: scheme)
    }

    static let postgresSchemes: Set<String> = ["postgres", "postgresql"]

    /// Schemes of a `haven serve` address (`--store https://host:port`).
    static let serverSchemes: Set<String> = ["http", "https"]

    /// The server a `--store` URL names, checked (HTTPS, or HTTP to this machine only).
    func serverURL() throws -> URL? {
        let location = try location
        guard let scheme = location.scheme, CLI.serverSchemes.contains(scheme) else { return nil }
        guard let url = URL(string: location.name) else { throw HavenError.serverAddressRefused(url: location.shown) }
        try RemoteClient.check(url)
        return url
    }

    /// Where a server's token is saved in the credentials file.
    static func credentialKey(_ url: URL) -> String { "server:" + RemoteClient.shown(url) }

    var keyFile: String? { options.keyFile ?? environment["HAVEN_KEY_FILE"] }

    /// Runs `body`, printing any error in the user's language and exiting with its code.
    static func run(_ options: GlobalOptions, _ body: (CLI) async throws -> Void) async throws {
        let cli = CLI(options)
        do {
            try await body(cli)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            let haven = HavenError.from(error).renamingFields(CLI.flag(for:))
            Terminal.error([haven.message(cli.language), CLI.hint(for: haven, cli.language)].compactMap { $0 }.joined(separator: " "))
            throw ExitCode(Self.exitCode(for: haven))
        }
    }

    /// The option that carries a request field the service names in an error ("birthYear" is
    /// typed as --born); nil for paths inside intake JSON, which stay as they are.
    static func flag(for field: String) -> String? {
        if field.hasPrefix("where.") { return "--where " + field.dropFirst(6) }
        return ["text": "--text", "name": "--name", "phone": "--phone", "birthYear": "--born", "by": "--by", "method": "--method",
                "where": "--where", "conflicted": "--conflict", "date": "--date", "note": "--note", "agreement": "--agreement",
                "agencyKey": "--agency-key", "year": "--year", "limit": "--limit"][field]
    }

    /// sysexits codes (DESIGN.md §7).
    static func exitCode(for error: HavenError) -> Int32 {
        switch error {
        case .noCommunes, .agencyRequired, .partnerRequired, .teamRequired: 64 // EX_USAGE
        case .invalidInput, .importRejected, .tampered, .caseClosed, .auditBroken, .keyFileCorrupt, .policyTestsFailed,
             .referralNotAllowed, .packetUnreadable, .bundleRejected, .mediationRefused, .teamNotQualified,
             .mediationNotAllowed, .mediationAlreadyOpen, .keysInUse, .lastAdministrator, .settingTampered, .caseTampered,
             .draftUnreadable: 65 // EX_DATAERR
        case .noStore, .caseNotFound, .userNotFound, .keyFileMissing, .fileUnreadable, .agencyUnknown, .referralNotFound,
             .teamNotFound, .mediationNotFound, .draftNotFound: 66 // EX_NOINPUT
        case .storeBusy, .agencyHasNoKey, .storeEngineUnavailable, .keysBusy, .backupByEngine, .serverUnreachable, .storeMoved, .storeMoveUnfinished, .storeBeingMoved,
             .serverRefused: 69 // EX_UNAVAILABLE
        case .serverAddressRefused, .localOnly: 64 // EX_USAGE
        case .migrationRefused: 65 // EX_DATAERR
        case .listenFailed: 69 // EX_UNAVAILABLE
        case .internal, .disclosureAuditFailed: 70 // EX_SOFTWARE
        case .storeExists, .keyFileExists, .outputExists, .outputIsDirectory, .outputProtected, .agencyKeyExists: 73 // EX_CANTCREAT
        case .storeIO, .fileWrite: 74 // EX_IOERR
        case .keyFileOutdated, .caseChangedMeanwhile, .policyChangedMeanwhile: 75 // EX_TEMPFAIL
        case .wrongPassphrase, .passphraseRequired, .notSignedIn, .invalidToken, .forbidden, .wrongKeyFile,
             .wrongAgencyKey, .consentMissing: 77 // EX_NOPERM
        }
    }

    /// A fixed clock from `HAVEN_CLOCK`, for drills and tests of deadlines. Only a store made
    /// with `haven init --allow-fixed-clock` honours it; a warning says so on every command.
    var fixedClock: (any Clock)? {
        guard let fixed = environment["HAVEN_CLOCK"] else { return nil }
        guard let parsed = Timestamp.parse(fixed) else {
            Terminal.error(Catalogue.text(.clockInvalid, language))
            return nil
        }
        return FixedClock(parsed.instant)
    }

    /// Operational log on stderr, at the level of `HAVEN_LOG` (trace … critical; default
    /// warning). It carries ids, counts and reasons, never personal data.
    var logger: Logger {
        var logger = Logger(label: "haven") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = environment["HAVEN_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }

    /// Opens the store (`--store`, or `at` another location) with its key file (asking for the
    /// passphrase on a terminal).
    func service(at other: StoreLocation? = nil) async throws -> HavenService {
        let environment = environment
        let language = language
        var refused = false
        let requested = fixedClock
        let location = try other ?? location
        let context = try await StoreSetup.open(engine: try engine(for: location),
            location: location, keyFile: keyFile, environment: environment,
            passphrase: {
                if let phrase = environment["HAVEN_PASSPHRASE"] { return phrase }
                if let phrase = CLI.systemdCredential("haven-passphrase", environment) { return phrase }
                return Terminal.readSecret(Catalogue.text(.promptPassphrase, language))
            },
            clock: SystemClock(), random: SystemRandom(), logger: logger, fixedClock: requested, fixedClockRefused: &refused)
        if refused {
            Terminal.error(Catalogue.text(.clockIgnored, language))
        } else if let fixed = environment["HAVEN_CLOCK"], requested != nil {
            Terminal.error(Catalogue.text(.clockFixed, language, ["time": fixed]))
        }
        return HavenService(context: context)
    }

    /// Opens the store and signs in with HAVEN_TOKEN or the saved credentials: every command
    /// on a store runs through the client it returns.
    func client() async throws -> any HavenClient {
        if let url = try serverURL() {
            let token = environment["HAVEN_TOKEN"] ?? CLI.systemdCredential("haven-token", environment)
                ?? Credentials(environment: environment).token(storeID: CLI.credentialKey(url))
            guard let token, !token.isEmpty else { throw HavenError.notSignedIn }
            return try await RemoteClient.signIn(url, token: token, language: language)
        }
        return try await localClient()
    }

    /// The client over the store on this machine, for what must stay local (the key file, a
    /// backup) and needs the service itself.
    func localClient(_ opened: HavenService? = nil) async throws -> LocalClient {
        let service: HavenService
        if let opened { service = opened } else { service = try await self.service() }
        return try await LocalClient.signIn(service, token: try token(for: service), language: language)
    }

    /// The token for a store on this machine: HAVEN_TOKEN, systemd's credential, or the saved one.
    func token(for service: HavenService) throws -> String {
        let token = environment["HAVEN_TOKEN"] ?? CLI.systemdCredential("haven-token", environment)
            ?? Credentials(environment: environment).token(storeID: service.context.storeID)
        guard let token, !token.isEmpty else { throw HavenError.notSignedIn }
        return token
    }

    /// A secret handed over by systemd (`LoadCredential=NAME:…`): read from
    /// `$CREDENTIALS_DIRECTORY/NAME`, which only this service can read, rather than from an
    /// `Environment=` line that `systemctl show` reveals to every user.
    static func systemdCredential(_ name: String, _ environment: [String: String]) -> String? {
        guard let directory = environment["CREDENTIALS_DIRECTORY"],
              let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// Reads a file, or standard input for `-`.
    func readInput(_ path: String) throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else { throw HavenError.fileUnreadable(path: path) }
        return data
    }

    /// The absolute path of an output file, refused before any work when it may not be
    /// written: inside the store's folder or the key folder, or the key file (even with `--force`), a
    /// folder, or an existing file without `--force`.
    func outputPath(_ given: String, force: Bool) throws -> String {
        // Not standardized: that would resolve a symbolic link at the last component, and the
        // link (never its target) is what gets replaced.
        let expanded = (given as NSString).expandingTildeInPath
        let path = expanded.hasPrefix("/") ? expanded : FileManager.default.currentDirectoryPath + "/" + expanded
        let resolved = ((path as NSString).deletingLastPathComponent as NSString).resolvingSymlinksInPath + "/"
            + (path as NSString).lastPathComponent
        var folders: [String] = []
        if let location = try? self.location, location.scheme == nil { folders.append(location.directory) }
        folders.append(StoreLocation.configDirectory(environment: environment))
        for folder in folders {
            let real = (folder as NSString).resolvingSymlinksInPath
            if resolved == real || resolved.hasPrefix(real + "/") || path.hasPrefix(folder + "/") {
                throw HavenError.outputProtected(path: given)
            }
        }
        if let keyFile, [StoreLocation.absolute(keyFile), (StoreLocation.absolute(keyFile) as NSString).resolvingSymlinksInPath].contains(resolved) {
            throw HavenError.outputProtected(path: given)
        }
        try OutputFile.check(path, force: force)
        return path
    }

    /// Writes a printable page (0600, never over a file unless `force`) and says where, or
    /// prints the file's name and what it is about under `--json`.
    func writePage(_ html: String, to path: String, shown: String, force: Bool, subject: String) throws {
        try OutputFile.write(Data(html.utf8), to: path, force: force)
        if options.json { return try printJSON(FileWritten(file: shown, subject: subject)) }
        Swift.print(text(.paperWritten, ["file": shown]))
    }

    /// An agency's name from the policy, in the user's language (its id when unknown).
    func agencyName(_ id: String, in policy: Policy) -> String {
        policy.agency(id)?.name.text(language) ?? id
    }

    func text(_ key: MessageKey, _ arguments: [String: String] = [:]) -> String {
        Catalogue.text(key, language, arguments)
    }

    /// Prints `value` as JSON on stdout.
    func printJSON(_ value: some Encodable) throws {
        Swift.print(String(decoding: try WireJSON.encoder().encode(value), as: UTF8.self))
    }
}
