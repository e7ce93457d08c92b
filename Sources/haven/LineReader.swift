import Foundation
import HavenAPI
import HavenCore
#if canImport(Glibc)
import Glibc
#endif

/// Set by the SIGINT handler while an intake runs; read and cleared by ``LineReader``.
nonisolated(unsafe) private var interrupted: sig_atomic_t = 0

/// Reads the officer's lines from the terminal, byte by byte: escape sequences (arrow keys)
/// and control characters never reach an answer, and Ctrl-C is reported instead of killing
/// the process, so the intake can ask before stopping.
struct LineReader {
    enum Input: Equatable { case line(String), end, interrupt }

    /// Catches SIGINT without restarting reads, so a read in progress returns at once.
    static func catchInterrupts() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in interrupted = 1 }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
    }

    /// Writes `prompt` to standard error and reads one line.
    func read(_ prompt: String) -> Input {
        if !prompt.isEmpty { FileHandle.standardError.write(Data("\(TerminalText.neutralised(prompt)): ".utf8)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while true {
            if interrupted != 0 { interrupted = 0; return .interrupt }
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n == 1 {
                if byte == UInt8(ascii: "\n") { break }
                bytes.append(byte)
                continue
            }
            if n < 0 && errno == EINTR { continue }
            if bytes.isEmpty { return .end }
            break
        }
        return .line(IntakeAnswers.clean(String(decoding: bytes, as: UTF8.self)))
    }
}
