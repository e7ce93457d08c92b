import ArgumentParser

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store folder (env HAVEN_STORE; default ./haven-data).", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("The key file (env HAVEN_KEY_FILE; default under ~/.config/haven/keys).", valueName: "path"))
    var keyFile: String?

    @Flag(name: .long, help: "Print machine-readable JSON on stdout.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Language of messages: vi or en (default from LANG).", valueName: "vi|en"))
    var lang: String?

    func validate() throws {
        if let lang, !["vi", "en"].contains(lang.lowercased()) {
            throw ValidationError("--lang takes vi or en.")
        }
    }
}
