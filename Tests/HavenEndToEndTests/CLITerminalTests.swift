import Foundation
import HavenTestSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("End to end: intake on a terminal", .serialized)
struct CLITerminalTests {
    /// On a terminal, `case new` asks question by question, re-asks a wrong answer (a
    /// mistyped commune, an unknown act), and logs the case; Ctrl-D cancels and saves nothing.
    @Test func questionByQuestion() throws {
        let env = try CLITestEnvironment()
        let officer = try env.officer(admin: try env.initialise())
        let answers = [
            "my-thoy", "my-thoi",            // commune: a typo is re-asked
            "2",                              // source: commune-police
            "Nguyễn Thị Thử Nghiệm",          // survivor's name
            "female", "1990-05-05", "", "",   // sex, birth date, no phone, no address
            "kinh", "no", "no", "no",         // ethnicity, disability, pregnant, child under 36 months
            "no", "",                         // cannot defend themself; financial hardship unknown (Enter)
            "", "male", "", "spouse", "no",   // perpetrator: no name, sex, no birth year, relationship, not separated
            "2026-11-20", "beatng", "beating,threats", "minor", "no", "",  // date, acts (a typo re-asked), injury, children, narrative
        ] + Array(repeating: "no", count: 11)      // risk screen
          + ["yes", "no", "no", "yes", "no", "no", "no"]  // consent ×4, wishes ×3
          + ["không rõ", "sms", "sau 18 giờ", ""]  // prosecution unknown; safe contact: channel, times, no safe person
        let (status, stdout, prompts) = try runOnTerminal(env, ["case", "new", "--json"], input: answers, token: officer)
        #expect(status == 0, "\(prompts.suffix(600))")
        let intake = try env.json(stdout)
        #expect(intake["gbvType"] as? String == "physical_assault")
        #expect(prompts.contains("my-thoi"), "the typo's suggestion is shown")
        #expect(prompts.contains("beating"))
        let list = try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout)
        #expect(list.count == 1)

        // Ctrl-D part-way: cancelled, nothing saved, exit 65.
        let (cancelled, _, _) = try runOnTerminal(env, ["case", "new"], input: ["my-thoi", "2"], token: officer, endWithEOF: true)
        #expect(cancelled == 65)
        #expect(try env.jsonArray(try env.run(["case", "list", "--json"], token: officer).stdout).count == 1)
    }

    /// Runs `haven` with a pseudo-terminal as standard input; returns status, stdout, stderr.
    func runOnTerminal(_ env: CLITestEnvironment, _ arguments: [String], input: [String], token: String,
                       endWithEOF: Bool = false) throws -> (Int32, String, String) {
        // A pseudo-terminal pair, the Linux way: /dev/ptmx, unlock (TIOCSPTLCK), number (TIOCGPTN).
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        #expect(master >= 0)
        defer { close(master) }
        var unlock: Int32 = 0
        _ = ioctl(master, 0x4004_5431, &unlock)
        var number: UInt32 = 0
        _ = ioctl(master, 0x8004_5430, &number)
        let slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
        #expect(slave >= 0)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: env.haven.path)
        process.arguments = arguments
        var environment = env.haven.environment
        environment["HAVEN_STORE"] = env.store
        environment["HAVEN_TOKEN"] = token
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle(fileDescriptor: slave, closeOnDealloc: true)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain the terminal's echo so it never fills.
        let drain = Thread { var buffer = [UInt8](repeating: 0, count: 4096); while read(master, &buffer, buffer.count) > 0 {} }
        drain.start()
        for line in input {
            let bytes = Array((line + "\n").utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            usleep(20_000)
        }
        if endWithEOF { var eof: UInt8 = 4; _ = write(master, &eof, 1) }
        let group = DispatchGroup()
        nonisolated(unsafe) var stdout = Data(), stderr = Data()
        group.enter(); DispatchQueue.global().async { stdout = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.enter(); DispatchQueue.global().async { stderr = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        group.wait()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}
