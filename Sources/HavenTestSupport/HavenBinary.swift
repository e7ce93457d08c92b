import Foundation

/// Runs the built `haven` binary, for end-to-end tests.
public struct HavenBinary: Sendable {
    public let path: String
    /// Environment for every run (HOME points into the test's folder).
    public var environment: [String: String]

    /// The binary beside the test bundle, else `.build/debug/haven`; `HAVEN_BIN` overrides.
    public static func locate() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["HAVEN_BIN"] { return explicit }
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("haven").path
        if FileManager.default.isExecutableFile(atPath: besideTests) { return besideTests }
        let bundleDir = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("haven").path
        if FileManager.default.isExecutableFile(atPath: bundleDir) { return bundleDir }
        return PackagePaths.root + "/.build/debug/haven"
    }

    /// A runner whose HOME (config, credentials, default key files) is `home`.
    public init(home: String, extra: [String: String] = [:]) {
        path = Self.locate()
        var env: [String: String] = ["HOME": home, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        // The test PostgreSQL server's password (scripts/with-postgres.sh), as an operator would set it.
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"] { env["PGPASSWORD"] = password }
        for (key, value) in extra { env[key] = value }
        environment = env
    }

    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs `haven` with `arguments`, feeding `input` on stdin.
    @discardableResult
    public func run(_ arguments: [String], input: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        var env = environment
        for (key, value) in extra { env[key] = value }
        process.environment = env
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { outData = outPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter()
        DispatchQueue.global().async { errData = errPipe.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
