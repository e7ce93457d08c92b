import Foundation
import HavenStore

/// Where a store's key file and the user's Haven settings live (the store itself:
/// ``StoreLocation`` in HavenStore). The key file is kept apart from the store, by default under
/// the user's config folder (`$XDG_CONFIG_HOME/haven`, else `~/.config/haven`) as
/// `keys/<store id>.key`.
extension StoreLocation {
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
public enum PrivateFile {
    public static func write(_ data: Data, to path: String, exclusive: Bool) throws {
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
            try OutputFile.replace(path, with: data)
        }
    }
}

/// Files a command writes for its user (reports, exports, bundles): never over the store, a
/// key file or a folder; over an existing file or symlink only when asked (`force`); created
/// 0600 from the start in a temporary file beside the target, then renamed into place, so a
/// crash leaves the old file or the new one, never half of one, and nobody else ever reads it.
public enum OutputFile {
    /// Refuses a path that may not be written: a folder always; an existing file or symbolic
    /// link unless `force`. Call it before any work, so nothing is computed (or charged) in vain.
    public static func check(_ path: String, force: Bool) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw HavenError.outputIsDirectory(path: path) }
        if !force { throw HavenError.outputExists(path: path) }
    }

    /// Writes `data` to `path` after ``check(_:force:)``, creating its folder (0700) if missing.
    public static func write(_ data: Data, to path: String, force: Bool) throws {
        try check(path, force: force)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw HavenError.fileWrite(path: path, reason: "cannot create the folder \(folder)")
            }
        }
        try replace(path, with: data)
    }

    /// Temporary file (O_EXCL, O_NOFOLLOW, 0600), fsync, rename over `path`. A symbolic link at
    /// `path` is replaced itself; its target is never written.
    static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw HavenError.fileWrite(path: path, reason: String(cString: strerror(errno))) }
        var failed = false
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n <= 0 { failed = true; break }
                offset += n
            }
        }
        if fsync(fd) != 0 { failed = true }
        close(fd)
        guard !failed, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw HavenError.fileWrite(path: path, reason: reason)
        }
    }
}
