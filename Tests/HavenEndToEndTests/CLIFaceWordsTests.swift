import Foundation
import HavenTestSupport
import Testing

/// Issue #11, item 6: the service names fields and says what went wrong; the CLI says it in its
/// own words — the option to fix, the command to run — in the officer's language.
@Suite("End to end: the CLI words the service's errors")
struct CLIFaceWordsTests {
    @Test func fieldsBecomeOptionsAndErrorsSayWhichCommandHelps() throws {
        let env = try CLITestEnvironment()
        let admin = try env.initialise()
        let officer = try env.officer(admin: admin)

        // The service refuses field "phone"; the officer reads the option.
        let phone = try env.run(["case", "find", "--phone", "12"], token: officer)
        #expect(phone.status == 65)
        #expect(phone.stderr.contains("--phone"), "\(phone.stderr)")
        let year = try env.run(["case", "find", "--born", "19x0", "--lang", "vi"], token: officer)
        #expect(year.status == 65)
        #expect(year.stderr.contains("--born") && !year.stderr.contains("birthYear"), "\(year.stderr)")

        // What went wrong (the service), then what to do (the CLI), in either language.
        let missing = try env.run(["case", "show", "C-0000000000"], token: officer)
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("C-0000000000") && missing.stderr.contains("haven case list"), "\(missing.stderr)")
        let vi = try env.run(["case", "show", "C-0000000000", "--lang", "vi"], token: officer)
        #expect(vi.stderr.contains("Không có vụ việc") && vi.stderr.contains("haven case list"), "\(vi.stderr)")

        // A field officer without a commune: the service says "commune", the CLI adds the option.
        let user = try env.run(["user", "add", "--name", "Cán bộ B", "--role", "field-officer"], token: admin)
        #expect(user.status == 64)
        #expect(user.stderr.contains("--commune"), "\(user.stderr)")
    }
}
