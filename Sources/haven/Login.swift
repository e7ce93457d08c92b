import ArgumentParser
import Foundation
import HavenAPI
import HavenCore
import HavenRemote
import HavenService

/// `haven login`: saves a token for this store in the credentials file (0600).
struct Login: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.pick("Save your token for this store (read from standard input or asked for).", "Lưu mã đăng nhập cho kho dữ liệu này (đọc từ đầu vào chuẩn hoặc được hỏi).")) }

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CLI.run(global) { cli in
            let token: String?
            if Terminal.stdinIsTTY {
                token = Terminal.readSecret(cli.text(.askToken) + ": ")
            } else {
                token = readLine(strippingNewline: true)
            }
            guard let token, !token.isEmpty else { throw HavenError.notSignedIn }
            let actor: Caller
            if let url = try cli.serverURL() {
                actor = try await RemoteClient.signIn(url, token: token, language: cli.language).caller
                try Credentials(environment: cli.environment).save(token: token, storeID: CLI.credentialKey(url))
            } else {
                let service = try await cli.service()
                actor = try await service.authenticate(token: token)
                try Credentials(environment: cli.environment).save(token: token, storeID: service.context.storeID)
            }
            if cli.options.json {
                try cli.printJSON(SignedIn(actor))
            } else {
                print(cli.text(.loginDone, ["name": actor.name, "role": actor.role.label(cli.language)]))
            }
        }
    }
}

/// `haven logout`: forgets the token saved for this store (a shared PC after an intake).
struct Logout: AsyncParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(
        abstract: HelpText.pick("Forget the token saved for this store on this computer (for shared PCs).", "Xóa mã đăng nhập đã lưu trên máy này (cho máy tính dùng chung).")) }

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await CLI.run(global) { cli in
            let removed: Bool
            if let url = try cli.serverURL() {
                removed = try Credentials(environment: cli.environment).remove(storeID: CLI.credentialKey(url))
            } else {
                let service = try await cli.service()
                removed = try Credentials(environment: cli.environment).remove(storeID: service.context.storeID)
            }
            print(cli.text(removed ? .logoutDone : .logoutNothing))
        }
    }
}
