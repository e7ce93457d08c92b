import ArgumentParser
import Foundation

/// `haven`: case handling for gender-based violence, from the command line.
@main
struct Haven: AsyncParsableCommand {
    /// Every file and folder Haven creates is its owner's alone from the first byte (0600,
    /// 0700): the process mask is set before any command runs, so no export, report, backup,
    /// key file or credentials file is ever briefly readable by others.
    static func main() async {
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }

    static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "haven",
        abstract: HelpText.pick("Case handling for gender-based violence: intake, encrypted records, audit.", "Quản lý vụ việc bạo lực trên cơ sở giới: tiếp nhận, hồ sơ mã hóa, nhật ký kiểm toán."),
        discussion: HelpText.pick("""
            Exit codes (sysexits): 0 ok, 64 usage, 65 bad input data, 66 not found, 69 service \
            unavailable, 70 internal error, 73 cannot create, 74 I/O error, 75 try again, 77 permission denied.
            """, """
            Mã thoát (sysexits): 0 thành công, 64 sai cú pháp lệnh, 65 dữ liệu nhập sai, 66 không tìm thấy, 69 dịch vụ \
            không sẵn sàng, 70 lỗi nội bộ, 73 không tạo được, 74 lỗi đọc/ghi, 75 thử lại sau, 77 không có quyền.
            """),
        subcommands: [Init.self, Login.self, Logout.self, User.self, Case.self, Route.self, ReferralCommand.self, AgencyCommand.self,
                      PolicyCommand.self, MediationCommand.self, StatsCommand.self, ReportCommand.self, ExportCommand.self, Audit.self, Backup.self, StoreCommand.self, Keys.self, Serve.self, Synth.self]) }
}
