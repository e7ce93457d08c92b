import Foundation

/// Looks for text in files as bytes, in the encodings a leak could take.
public enum ByteScanner {
    /// Every byte form of `text` worth scanning for: UTF-8 in NFC and NFD, UTF-16 LE and BE
    /// in NFC and NFD.
    public static func forms(of text: String) -> [(label: String, bytes: [UInt8])] {
        var result: [(String, [UInt8])] = []
        for (normal, form) in [("NFC", text.precomposedStringWithCanonicalMapping), ("NFD", text.decomposedStringWithCanonicalMapping)] {
            result.append(("UTF-8 \(normal)", Array(form.utf8)))
            let units = Array(form.utf16)
            result.append(("UTF-16LE \(normal)", units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }))
            result.append(("UTF-16BE \(normal)", units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }))
        }
        return result
    }

    /// Files under `paths` (files or folders, recursively) that contain any form of any of
    /// `needles`, as "file: form of needle".
    public static func hits(of needles: [String], in paths: [String]) -> [String] {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                let enumerator = FileManager.default.enumerator(atPath: path)
                while let item = enumerator?.nextObject() as? String { files.append(path + "/" + item) }
            } else {
                files.append(path)
            }
        }
        var found: [String] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let bytes = [UInt8](data)
            for needle in needles {
                for form in forms(of: needle) where contains(bytes, form.bytes) {
                    found.append("\(file): \(form.label) of a needle")
                }
            }
        }
        return found
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first && Array(haystack[i..<i + needle.count]) == needle { return true }
            i += 1
        }
        return false
    }
}
