import Foundation
import HavenAPI
import HavenCore
import HavenCrypto

/// Loading, checking and testing policies: the same code for `haven init`, `policy check`,
/// `policy test` and `policy activate`.
public enum PolicyLoader {
    /// Parses and validates policy files; the hash covers every file.
    public static func load(_ files: [String: String]) throws -> Policy {
        do { return try Policy(files: files, hash: PolicyHash.compute(files)) } catch { throw HavenError.from(error) }
    }

    /// One policy test's outcome.
    public struct TestResult: Sendable, Equatable {
        public let file: String
        public let line: Int
        public let name: String
        /// Empty when the test passed; otherwise one line per difference.
        public let differences: [String]
        public var passed: Bool { differences.isEmpty }
    }

    /// Runs every test file against `policy`.
    public static func runTests(_ tests: [String: String], policy: Policy) throws -> [TestResult] {
        var results: [TestResult] = []
        for (file, text) in tests.sorted(by: { $0.key < $1.key }) {
            let cases: [PolicyTestCase]
            do {
                cases = try PolicyTestCase.parse(text, file: file, regions: policy.regions, agencies: policy.agencies)
            } catch {
                throw HavenError.from(error)
            }
            for test in cases {
                results.append(TestResult(file: file, line: test.line, name: test.name, differences: test.check(policy)))
            }
        }
        return results
    }
}
