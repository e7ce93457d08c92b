import Foundation

/// Where a store, its key file and the user's credentials live.
///
/// A store is a folder holding `haven.sqlite` (and its WAL). The key file is kept apart,
/// by default under the user's config folder (`$XDG_CONFIG_HOME/haven`, else
/// `~/.config/haven`) as `keys/<store id>.key`.
public struct StoreLocation: Sendable {
    public let directory: String
    public var databasePath: String { directory + "/haven.sqlite" }

    public init(directory: String) {
        self.directory = StoreLocation.absolute(directory)
    }

    /// The location named by `--store` or `HAVEN_STORE`: a folder. A URL (`postgres://…`)
    /// names an engine this build does not have yet.
    public init(parsing text: String) throws {
        if let range = text.range(of: "://") {
            throw HavenError.storeEngineUnavailable(scheme: String(text[..<range.lowerBound]))
        }
        self.init(directory: text)
    }

    /// The user's Haven config folder.
    public static func configDirectory(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/haven" }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return home + "/.config/haven"
    }

    /// The default key file of the store with `storeID`.
    public static func defaultKeyFile(storeID: String, environment: [String: String]) -> String {
        configDirectory(environment: environment) + "/keys/\(storeID).key"
    }

    /// `path` made absolute against the current directory, with `~` expanded.
    public static func absolute(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return (expanded as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath + "/" + expanded) as NSString).standardizingPath
    }
}

/// Writes a file readable by its owner only (0600), atomically, creating folders (0700).
enum PrivateFile {
    static func write(_ data: Data, to path: String, exclusive: Bool) throws {
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        if exclusive {
            let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
            guard fd >= 0 else {
                if errno == EEXIST { throw HavenError.keyFileExists(path: path) }
                throw HavenError.storeIO(detail: "\(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            try data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    guard n > 0 else { throw HavenError.storeIO(detail: "\(path): \(String(cString: strerror(errno)))") }
                    offset += n
                }
            }
            guard fsync(fd) == 0 else { throw HavenError.storeIO(detail: "\(path): fsync failed") }
        } else {
            let temporary = path + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
                throw HavenError.storeIO(detail: "cannot write \(temporary)")
            }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw HavenError.storeIO(detail: "\(path): \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// The credentials file: one token per store id, mode 0600.
public struct Credentials: Sendable {
    public let path: String

    public init(environment: [String: String]) {
        path = StoreLocation.configDirectory(environment: environment) + "/credentials.json"
    }

    /// The saved token for `storeID`, if any.
    public func token(storeID: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let tokens = try? JSONDecoder().decode([String: String].self, from: data) else { return nil }
        return tokens[storeID]
    }

    /// Saves `token` for `storeID`, keeping the others.
    public func save(token: String, storeID: String) throws {
        var tokens: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: path),
           let existing = try? JSONDecoder().decode([String: String].self, from: data) {
            tokens = existing
        }
        tokens[storeID] = token
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.write(try encoder.encode(tokens), to: path, exclusive: false)
    }
}
