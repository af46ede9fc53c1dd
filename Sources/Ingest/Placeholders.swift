/// Texts that exports write for "no value" (`-`, `N/A`, `#N/A`, `NULL`, …; SPEC §2.1,
/// the pipeline's `missing:`): empty in every column but free text. Compared
/// without regard to ASCII case; checked in place on the hot path.
/// A final class with plain fields for the first test: asked for every field read,
/// a struct's arrays would be retained and released each time.
package final class Placeholders {
    private let words: [[UInt8]]
    private let longest: Int
    /// Lower-cased first bytes of the words as a 256-bit set: most values are ruled
    /// out by one look-up.
    private let firstBytes: (UInt64, UInt64, UInt64, UInt64)

    package init(_ words: [String]) {
        self.words = words.map { Array($0.utf8).map(Self.lower) }
        longest = self.words.map(\.count).max() ?? 0
        var first: [UInt64] = [0, 0, 0, 0]
        for w in self.words where !w.isEmpty { first[Int(w[0]) >> 6] |= 1 << UInt64(w[0] & 63) }
        firstBytes = (first[0], first[1], first[2], first[3])
    }

    @inline(__always)
    private static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    @inline(__always)
    private func mayStart(_ c: UInt8) -> Bool {
        let word: UInt64
        switch c >> 6 {
        case 0: word = firstBytes.0
        case 1: word = firstBytes.1
        case 2: word = firstBytes.2
        default: word = firstBytes.3
        }
        return word & (1 << UInt64(c & 63)) != 0
    }

    package func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty, b.count <= longest, mayStart(Self.lower(b[0])) else { return false }
        return words.contains { w in w.count == b.count && zip(w, b).allSatisfy { $0 == Self.lower($1) } }
    }
}
