/// Texts that exports write for "no value" (`-`, `N/A`, `#N/A`, `NULL`, …; SPEC §2.1,
/// the pipeline's `missing:`): empty in every column but free text. Compared
/// without regard to ASCII case; checked in place on the hot path.
struct Placeholders {
    private let words: [[UInt8]]
    private let longest: Int
    /// Lower-cased first bytes of the words: most values are ruled out by one look-up.
    private let firstBytes: [Bool]

    init(_ words: [String]) {
        self.words = words.map { Array($0.utf8).map(Self.lower) }
        longest = self.words.map(\.count).max() ?? 0
        var first = [Bool](repeating: false, count: 256)
        for w in self.words where !w.isEmpty { first[Int(w[0])] = true }
        firstBytes = first
    }

    @inline(__always)
    private static func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c | 0x20 : c }

    func matches(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !b.isEmpty, b.count <= longest, firstBytes[Int(Self.lower(b[0]))] else { return false }
        return words.contains { w in w.count == b.count && zip(w, b).allSatisfy { $0 == Self.lower($1) } }
    }

    func matches(_ csv: CSVReader, _ r: Range<Int>) -> Bool { csv.withBytes(r) { matches($0) } }
}
