/// Closest-match suggestions for mistyped codes, slugs and keys.
public enum Suggest {
    /// Up to `limit` candidates closest to `input`, best first.
    ///
    /// Compares diacritic-folded, lower-cased forms so that "Mỹ Thới" finds `my-thoi`;
    /// a candidate is kept when its edit distance is at most a third of its length (at
    /// least 2), or when one contains the other.
    public static func closest(to input: String, in candidates: [String], limit: Int = 3) -> [String] {
        let probe = TextFolding.slug(input)
        guard !probe.isEmpty else { return [] }
        let scored: [(String, Int)] = candidates.compactMap { candidate in
            let folded = TextFolding.slug(candidate)
            let distance = editDistance(probe, folded)
            let allowance = max(2, folded.count / 3)
            if distance <= allowance { return (candidate, distance) }
            if folded.contains(probe) || probe.contains(folded) { return (candidate, allowance + 1) }
            return nil
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.prefix(limit).map(\.0)
    }

    /// Levenshtein distance over Unicode scalars.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
