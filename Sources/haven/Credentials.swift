import Foundation
import HavenService
import HavenStore

/// The CLI's credentials file: one token per store id, mode 0600 (`haven login`). The
/// service never sees it; a face that signs in another way (the server's sessions) has its own.
struct Credentials: Sendable {
    let path: String

    init(environment: [String: String]) {
        path = StoreLocation.configDirectory(environment: environment) + "/credentials.json"
    }

    /// The saved token for `storeID`, if any.
    func token(storeID: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
              let tokens = try? JSONDecoder().decode([String: String].self, from: data) else { return nil }
        return tokens[storeID]
    }

    /// Saves `token` for `storeID`, keeping the others.
    func save(token: String, storeID: String) throws {
        var tokens: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: path),
           let existing = try? JSONDecoder().decode([String: String].self, from: data) {
            tokens = existing
        }
        tokens[storeID] = token
        try write(tokens)
    }

    /// Forgets the token saved for `storeID`; true when there was one.
    func remove(storeID: String) throws -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              var tokens = try? JSONDecoder().decode([String: String].self, from: data),
              tokens.removeValue(forKey: storeID) != nil else { return false }
        try write(tokens)
        return true
    }

    func write(_ tokens: [String: String]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try PrivateFile.write(try encoder.encode(tokens), to: path, exclusive: false)
    }
}
