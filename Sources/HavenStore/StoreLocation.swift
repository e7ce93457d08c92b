import Foundation

/// Where a store is, as `--store` or `HAVEN_STORE` names it: a folder (the embedded SQLite
/// store, the default), or a URL whose scheme names a server engine (`postgres://…`). The face
/// picks the engine from it (its engine factory); the service only passes it on.
public struct StoreLocation: Sendable, Equatable {
    /// The absolute folder, or the URL as given.
    public let name: String
    /// The URL's scheme, lower-cased (`postgres`); nil for a folder.
    public let scheme: String?

    private init(name: String, scheme: String?) { self.name = name; self.scheme = scheme }

    /// A folder store.
    public init(directory: String) {
        let expanded = (directory as NSString).expandingTildeInPath
        self.init(name: expanded.hasPrefix("/") ? (expanded as NSString).standardizingPath
                  : ((FileManager.default.currentDirectoryPath + "/" + expanded) as NSString).standardizingPath, scheme: nil)
    }

    /// A folder, or a URL (`scheme://…`).
    public init(parsing text: String) {
        if let range = text.range(of: "://"), !text[..<range.lowerBound].contains("/") {
            self.init(name: text, scheme: text[..<range.lowerBound].lowercased())
        } else {
            self.init(directory: text)
        }
    }

    /// The folder of a folder store (the URL, for a server store).
    public var directory: String { name }

    /// How messages show it: a URL with no password (in its user part or its query) — only its
    /// scheme, host, port and path; a URL that does not parse shows only its scheme.
    public var shown: String {
        guard let scheme else { return name }
        guard let components = URLComponents(string: name), let host = components.host else { return scheme + "://…" }
        var shown = URLComponents()
        shown.scheme = components.scheme
        shown.user = components.user
        shown.host = host
        shown.port = components.port
        shown.path = components.path
        return shown.string ?? scheme + "://…"
    }
}
