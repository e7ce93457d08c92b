import Foundation
import HavenCore

/// An agency as listed.
public struct AgencySummary: Sendable, Equatable, Codable {
    public let id: String
    public let name: LocalizedText
    public let kind: String
    public let consent: ConsentKind
    public let receives: [String]
    public let hasKey: Bool
    public let keyFingerprint: String?

    public init(id: String, name: LocalizedText, kind: String, consent: ConsentKind, receives: [String], hasKey: Bool,
                keyFingerprint: String?) {
        self.id = id; self.name = name; self.kind = kind; self.consent = consent; self.receives = receives
        self.hasKey = hasKey; self.keyFingerprint = keyFingerprint
    }
}

/// What making an agency key did.
public struct AgencyKeyResult: Sendable, Equatable, Codable {
    public let sealed: Int
    public let fingerprint: String
    /// The fingerprint of the key it replaced, when it replaced one.
    public let replaced: String?

    public init(sealed: Int, fingerprint: String, replaced: String?) {
        self.sealed = sealed; self.fingerprint = fingerprint; self.replaced = replaced
    }
}

/// A replacement of the agency's key, shown in its inbox so a caseworker notices a key
/// they did not ask for.
public struct AgencyKeyNotice: Sendable, Equatable, Codable {
    public let at: Date
    public let oldFingerprint: String
    public let newFingerprint: String

    public init(at: Date, oldFingerprint: String, newFingerprint: String) {
        self.at = at; self.oldFingerprint = oldFingerprint; self.newFingerprint = newFingerprint
    }
}
