/// Errors of the crypto layer. None carries key material or plaintext.
public enum HavenCryptoError: Error, Equatable, Sendable {
    /// A ciphertext failed authentication: changed, truncated, or opened with the wrong case,
    /// field or key. `context` names the field or object, never its value.
    case authenticationFailed(context: String)
    /// The passphrase does not open the key file.
    case wrongPassphrase
    /// The key file is protected and no passphrase was given.
    case passphraseRequired
    /// The key file is not a Haven key file or is damaged.
    case malformedKeyFile(reason: String)
    /// A ciphertext names a master-key version the keyring does not hold.
    case unknownKeyVersion(Int)
    /// A signature did not verify.
    case badSignature(context: String)
}
