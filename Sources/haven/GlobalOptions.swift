import ArgumentParser
import Foundation
import HavenAPI
import HavenCore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(HelpText.pick("The store folder (env HAVEN_STORE; default ./haven-data).", "Thư mục kho dữ liệu (biến HAVEN_STORE; mặc định ./haven-data)."), valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(HelpText.pick("The key file (env HAVEN_KEY_FILE; default under ~/.config/haven/keys).", "Tệp khóa (biến HAVEN_KEY_FILE; mặc định trong ~/.config/haven/keys)."), valueName: "path"))
    var keyFile: String?

    @Flag(name: .long, help: HelpText.pick("Print machine-readable JSON on stdout.", "In JSON cho máy đọc ra đầu ra chuẩn."))
    var json = false

    @Option(name: .long, help: ArgumentHelp(HelpText.pick("Language of messages: vi or en (default from LANG).", "Ngôn ngữ thông báo: vi hoặc en (mặc định theo LANG)."), valueName: "vi|en"))
    var lang: String?

    /// A usage error (exit 64) in the user's language, for a command's `validate()`.
    func usage(_ key: MessageKey, _ arguments: [String: String], language: Language? = nil) -> ValidationError {
        let language = language ?? Language.resolve(flag: lang, environment: ProcessInfo.processInfo.environment) ?? .en
        return ValidationError(Catalogue.text(key, language, arguments))
    }

    /// A usage error (64) unless `year` is one statistics and reports support.
    func checkYear(_ year: Int, option: String = "--year") throws {
        guard StatPeriod.years.contains(year) else {
            throw usage(.usageYear, ["option": option, "from": "\(StatPeriod.years.lowerBound)", "to": "\(StatPeriod.years.upperBound)"])
        }
    }

    func validate() throws {
        if let lang, !["vi", "en"].contains(lang.lowercased()) {
            throw usage(.usageOneOf, ["option": "--lang", "values": "vi, en"],
                        language: Language.resolve(flag: nil, environment: ProcessInfo.processInfo.environment))
        }
    }
}
