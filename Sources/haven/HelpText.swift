import Foundation
import HavenAPI
import HavenCore

/// `--help` in the officer's language. argument-parser reads help texts when it builds the
/// help screen, so the language is decided from the command line (`--lang vi`) or the
/// environment (HAVEN_LANG, LANG) before parsing, the way messages decide it after.
enum HelpText {
    static let language: Language = {
        let arguments = CommandLine.arguments
        var flag: String?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { flag = arguments[index + 1] }
            if argument.hasPrefix("--lang=") { flag = String(argument.dropFirst(7)) }
        }
        return Language.resolve(flag: flag, environment: ProcessInfo.processInfo.environment) ?? .en
    }()

    /// `en` or `vi`, as the help screen's language is.
    static func pick(_ en: String, _ vi: String) -> String { language == .vi ? vi : en }
}

import ArgumentParser

extension HelpText {
    /// The same, where argument-parser takes an `ArgumentHelp`.
    static func pick(_ en: String, _ vi: String) -> ArgumentHelp { ArgumentHelp(pick(en, vi) as String) }
}
