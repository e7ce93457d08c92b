import HavenAPI
import HavenCore

/// Every line the CLI prints for a person goes through here: control and bidirectional
/// characters in data (a name, a note) are shown visibly, never acted on by the terminal.
/// `CLI.printJSON` uses `Swift.print` and keeps the exact text (JSON escapes controls itself).
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(TerminalText.neutralised(items.map { "\($0)" }.joined(separator: separator)), terminator: terminator)
}
