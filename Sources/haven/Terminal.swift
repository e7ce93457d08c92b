import Foundation
import HavenAPI
import HavenCore

/// Terminal input and output: stderr messages, secret prompts, progress.
enum Terminal {
    static var stdinIsTTY: Bool { isatty(STDIN_FILENO) == 1 }
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Writes a line to standard error, control characters shown visibly (see ``TerminalText``).
    static func error(_ message: String) {
        FileHandle.standardError.write(Data((TerminalText.neutralised(message) + "\n").utf8))
    }

    /// Asks for a secret on the controlling terminal with echo off; nil without a terminal.
    static func readSecret(_ prompt: String) -> String? {
        let fd = open("/dev/tty", O_RDWR)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var original = termios()
        guard tcgetattr(fd, &original) == 0 else { return nil }
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        _ = prompt.withCString { write(fd, $0, strlen($0)) }
        tcsetattr(fd, TCSAFLUSH, &silent)
        defer {
            tcsetattr(fd, TCSAFLUSH, &original)
            _ = write(fd, "\n", 1)
        }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Clears the terminal and its scroll-back after an intake on a shared PC, so the next
    /// user of the screen does not scroll up to the survivor's answers. Only on a terminal.
    static func clearScreen() {
        guard stderrIsTTY, stdinIsTTY else { return }
        FileHandle.standardError.write(Data("\u{1B}[H\u{1B}[2J\u{1B}[3J".utf8))
    }

    /// A one-line progress bar on standard error (only drawn on a terminal).
    static func progress(_ done: Int, _ total: Int) {
        guard stderrIsTTY, total > 0 else { return }
        let width = 30
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(done)/\(total)\(done == total ? "\n" : "")".utf8))
    }
}
