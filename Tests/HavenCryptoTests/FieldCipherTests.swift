import Crypto
import Foundation
import HavenCrypto
import Testing

@Suite("Sealed fields open only where they were sealed")
struct FieldCipherTests {
    let key = FieldCipher.newDataKey()
    let plaintext = Data("Nguyễn Thị Lan".utf8)

    func sealed() throws -> Data { try FieldCipher.seal(plaintext, caseID: "C-AAAAAAAA", field: "survivor.name", key: key) }

    @Test func roundTrip() throws {
        #expect(try FieldCipher.open(sealed(), caseID: "C-AAAAAAAA", field: "survivor.name", key: key) == plaintext)
    }

    /// Each seal uses a fresh nonce: the same value never gives the same ciphertext.
    @Test func freshNonces() throws {
        #expect(try sealed() != sealed())
    }

    /// Flipping any single bit anywhere makes the field fail to open.
    @Test func tamperFails() throws {
        let original = try sealed()
        for index in original.indices {
            var changed = original
            changed[index] ^= 0x01
            #expect(throws: HavenCryptoError.authenticationFailed(context: "survivor.name")) {
                try FieldCipher.open(changed, caseID: "C-AAAAAAAA", field: "survivor.name", key: key)
            }
        }
        #expect(throws: HavenCryptoError.self) {
            try FieldCipher.open(original.dropLast(), caseID: "C-AAAAAAAA", field: "survivor.name", key: key)
        }
    }

    @Test func wrongFieldFails() throws {
        #expect(throws: HavenCryptoError.self) { try FieldCipher.open(sealed(), caseID: "C-AAAAAAAA", field: "perpetrator.name", key: key) }
    }

    @Test func wrongCaseFails() throws {
        #expect(throws: HavenCryptoError.self) { try FieldCipher.open(sealed(), caseID: "C-BBBBBBBB", field: "survivor.name", key: key) }
    }

    @Test func wrongKeyFails() throws {
        #expect(throws: HavenCryptoError.self) {
            try FieldCipher.open(sealed(), caseID: "C-AAAAAAAA", field: "survivor.name", key: FieldCipher.newDataKey())
        }
    }

    /// A data key wrapped for one case does not unwrap for another, nor under another keyring.
    @Test func dataKeyWrapping() throws {
        var keyring = Keyring.generate()
        let wrapped = try FieldCipher.wrap(key, caseID: "C-AAAAAAAA", keyring: keyring)
        let unwrapped = try FieldCipher.unwrap(wrapped.wrapped, caseID: "C-AAAAAAAA", version: wrapped.version, keyring: keyring)
        #expect(unwrapped == key)
        #expect(throws: HavenCryptoError.self) { try FieldCipher.unwrap(wrapped.wrapped, caseID: "C-BBBBBBBB", version: wrapped.version, keyring: keyring) }
        #expect(throws: HavenCryptoError.self) { try FieldCipher.unwrap(wrapped.wrapped, caseID: "C-AAAAAAAA", version: wrapped.version, keyring: .generate()) }
        // After a rotation the old version still unwraps; new wraps use the new version.
        keyring.rotate()
        #expect(keyring.currentVersion == 2)
        #expect(try FieldCipher.unwrap(wrapped.wrapped, caseID: "C-AAAAAAAA", version: 1, keyring: keyring) == key)
        #expect(try FieldCipher.wrap(key, caseID: "C-AAAAAAAA", keyring: keyring).version == 2)
    }
}

@Suite("The key file")
struct KeyFileTests {
    /// A protected key file opens with its passphrase only.
    @Test func passphrase() throws {
        let keyring = Keyring.generate()
        let data = try KeyFile.encode(keyring, passphrase: "đúng mật khẩu", logN: 10)
        #expect(try KeyFile.isProtected(data))
        let opened = try KeyFile.decode(data, passphrase: { "đúng mật khẩu" })
        #expect(opened.id == keyring.id && opened.checkValue == keyring.checkValue)
        #expect(opened.currentMasterKey == keyring.currentMasterKey)
        #expect(throws: HavenCryptoError.wrongPassphrase) { try KeyFile.decode(data, passphrase: { "sai" }) }
        #expect(throws: HavenCryptoError.passphraseRequired) { try KeyFile.decode(data, passphrase: { nil }) }
    }

    /// No key material appears in a protected file.
    @Test func protectedFileHidesKeys() throws {
        let keyring = Keyring.generate()
        let data = try KeyFile.encode(keyring, passphrase: "p", logN: 10)
        let raw = keyring.currentMasterKey.withUnsafeBytes { Data($0).base64EncodedString() }
        #expect(!String(decoding: data, as: UTF8.self).contains(raw))
    }

    @Test func unprotectedAndCorrupt() throws {
        let keyring = Keyring.generate()
        let data = try KeyFile.encode(keyring, passphrase: nil)
        #expect(try !KeyFile.isProtected(data))
        #expect(try KeyFile.decode(data, passphrase: { Issue.record("must not ask"); return nil }).id == keyring.id)
        #expect(throws: HavenCryptoError.self) { try KeyFile.decode(Data("{}".utf8), passphrase: { nil }) }
        #expect(throws: HavenCryptoError.self) { try KeyFile.decode(Data("not json".utf8), passphrase: { nil }) }
    }
}

@Suite("Blind index and audit hashing")
struct BlindIndexTests {
    let key = SymmetricKey(size: .bits256)

    /// Spellings that fold to the same name and year match; others do not.
    @Test func matching() {
        let a = BlindIndex.survivor(name: "Nguyễn Thị Lan", birthYear: 1994, key: key)
        #expect(a != nil)
        #expect(BlindIndex.survivor(name: "NGUYEN THI  LAN", birthYear: 1994, key: key) == a)
        #expect(BlindIndex.survivor(name: "Nguyễn Thị Lan".decomposedStringWithCanonicalMapping, birthYear: 1994, key: key) == a)
        #expect(BlindIndex.survivor(name: "Nguyễn Thị Lan", birthYear: 1995, key: key) != a)
        #expect(BlindIndex.survivor(name: "Nguyễn Thị Lan", birthYear: 1994, key: SymmetricKey(size: .bits256)) != a)
        #expect(BlindIndex.survivor(name: nil, birthYear: 1994, key: key) == nil)
        #expect(BlindIndex.survivor(name: "Lan", birthYear: nil, key: key) == nil)
    }

    /// The hash depends on the previous hash and on every field, and field boundaries count.
    @Test func chainHash() throws {
        let h = AuditChain.hash(previous: AuditChain.genesis, fields: ["1", "a", "b"])
        #expect(h.count == 32)
        #expect(AuditChain.hash(previous: AuditChain.genesis, fields: ["1", "a", "b"]) == h)
        #expect(AuditChain.hash(previous: h, fields: ["1", "a", "b"]) != h)
        #expect(AuditChain.hash(previous: AuditChain.genesis, fields: ["1", "ab", ""]) != h)
        let keyring = Keyring.generate()
        let signature = try AuditChain.sign(sequence: 5, hash: h, keyring: keyring)
        #expect(AuditChain.verify(signature: signature, sequence: 5, hash: h, key: keyring.auditVerifyingKey))
        #expect(!AuditChain.verify(signature: signature, sequence: 6, hash: h, key: keyring.auditVerifyingKey))
        #expect(!AuditChain.verify(signature: signature, sequence: 5, hash: h, key: Keyring.generate().auditVerifyingKey))
    }

    @Test func tokens() {
        let token = Token.generate()
        #expect(token.hasPrefix("hvn_") && token.count == 47)
        #expect(Token.generate() != token)
        #expect(Token.hash(token) == Token.hash(token) && Token.hash(token) != token)
        // The stored form is SHA-256 in lower-case hex: stores written before keep signing in.
        #expect(Token.hash("hvn_abc") == "218fafc69a5ea61d70927fd802e51e54e16b1cd5ca52b6a20603434ee897f7b9")
        #expect(Token.hash("hvn_é") == Data(SHA256.hash(data: Data("hvn_é".utf8))).hexString)
    }
}
