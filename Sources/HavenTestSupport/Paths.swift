import Foundation
import HavenAPI
import HavenCore
import HavenService

/// Locations in the package, for tests.
public enum PackagePaths {
    /// The package root (the folder holding Package.swift).
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The default policy folder.
    public static var policy: String { root + "/Policies/an-giang" }

    /// The default policy's files (not its tests).
    public static func policyFiles() throws -> [String: String] {
        try PolicyLocator.files(in: policy)
    }

    /// The default policy's tests.
    public static func policyTests() throws -> [String: String] {
        try PolicyLocator.tests(in: policy)
    }

    /// The default policy, parsed.
    public static func loadPolicy() throws -> Policy {
        try PolicyLoader.load(policyFiles())
    }

    /// The regions file's text.
    public static func regionsYAML() throws -> String {
        try String(contentsOfFile: policy + "/regions.yaml", encoding: .utf8)
    }
}

/// A temporary folder removed when the value is released.
public final class TemporaryDirectory: Sendable {
    public let path: String

    public init(_ label: String = "haven-test") {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString.prefix(8))")
        do {
            try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        } catch {
            preconditionFailure("cannot create a temporary folder for a test: \(error)")
        }
        path = base.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}
