import Foundation
import HavenStore

/// Finds the policy folder: the one given, else `HAVEN_POLICY`, else `Policies/an-giang`
/// in the current folder, beside the source tree of the running binary, or installed
/// under `share/haven`.
public enum PolicyLocator {
    public static func locate(explicit: String?, environment: [String: String], executablePath: String) throws -> String {
        if let explicit { return StoreLocation.absolute(explicit) }
        if let fromEnvironment = environment["HAVEN_POLICY"], !fromEnvironment.isEmpty { return StoreLocation.absolute(fromEnvironment) }
        let executable = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            StoreLocation.absolute("Policies/an-giang"),
            // .build/<triple>/<configuration>/haven → the package root
            executable.appendingPathComponent("../../../Policies/an-giang").standardizedFileURL.path,
            executable.appendingPathComponent("../share/haven/policies/an-giang").standardizedFileURL.path,
        ]
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/regions.yaml") {
            return candidate
        }
        throw HavenError.fileUnreadable(path: "Policies/an-giang/regions.yaml (pass --policy DIR)")
    }

    /// The policy files of `directory`: every `*.yaml` at its top level, by name.
    public static func files(in directory: String) throws -> [String: String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw HavenError.fileUnreadable(path: directory)
        }
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") { files[name] = try read(name, in: directory) }
        return files
    }

    /// The policy tests of `directory`: every `tests/*.yaml`, by file name.
    public static func tests(in directory: String) throws -> [String: String] {
        let folder = directory + "/tests"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [:] }
        var files: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") { files["tests/" + name] = try read(name, in: folder) }
        return files
    }

    /// The text of `file` in the policy folder `directory`.
    public static func read(_ file: String, in directory: String) throws -> String {
        let path = directory + "/" + file
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw HavenError.fileUnreadable(path: path)
        }
        return text
    }
}
