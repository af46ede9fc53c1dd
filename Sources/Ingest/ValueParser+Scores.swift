/// Scores of surveys and reviews (SPEC §2.1).
extension ValueParser {
    /// A score as surveys and review data write it: `5`, `5分`, `4星`, `4.0 points`,
    /// or stars `★★★★☆` (the filled ones count). nil for anything else.
    package static func score(bytes b: UnsafeBufferPointer<UInt8>) -> Double? {
        // ★ E2 98 85, ☆ E2 98 86
        if b.count >= 3, b.count % 3 == 0 {
            var filled = 0, stars = true
            for i in stride(from: 0, to: b.count, by: 3) {
                let star: Bool = b[i] == 0xE2 && b[i + 1] == 0x98
                if star && b[i + 2] == 0x85 { filled += 1 } else if !(star && b[i + 2] == 0x86) { stars = false; break }
            }
            if stars { return Double(filled) }
        }
        var end = b.count
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        let fen: Bool = end >= 3 && b[end - 3] == 0xE5 && b[end - 2] == 0x88 && b[end - 1] == 0x86
        let xing: Bool = end >= 3 && b[end - 3] == 0xE6 && b[end - 2] == 0x98 && b[end - 1] == 0x9F
        if fen || xing {
            end -= 3  // 分, 星
        } else {
            for unit in ["points", "point", "pts", "pt"] where end >= unit.utf8.count {
                let tail = UnsafeBufferPointer(rebasing: b[(end - unit.utf8.count)..<end])
                if tail.elementsEqual(unit.utf8, by: { ($0 | 0x20) == $1 }) { end -= unit.utf8.count; break }
            }
        }
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        guard end > 0 else { return nil }
        let digits = UnsafeBufferPointer(rebasing: b[0..<end])
        return digits.contains { $0 >= 0x80 } ? number(bytes: digits) : number(ascii: digits) ?? number(bytes: digits)
    }

    /// The five-point satisfaction words of Chinese surveys, for a 1–5 score column.
    package static let satisfactionWords: [String: Int] = [
        "非常满意": 5, "很满意": 5, "满意": 4, "比较满意": 4, "较满意": 4, "一般": 3, "基本满意": 3,
        "不满意": 2, "较不满意": 2, "不太满意": 2, "非常不满意": 1, "很不满意": 1,
    ]
}
