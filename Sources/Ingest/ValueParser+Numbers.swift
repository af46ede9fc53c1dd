import ScorecardModel

/// Numbers and amounts (SPEC §2.1, §2.7).
extension ValueParser {
    /// `1.5万`, `2亿元`: the factor of the unit at the end (1 when there is none) and the
    /// length of the text before it (anywhere else 万 and 亿 make the number unreadable).
    package static func chineseUnit(_ b: UnsafeBufferPointer<UInt8>) -> (factor: Double, length: Int) {
        var end = b.count
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        if end >= 3, b[end - 3] == 0xE5, b[end - 2] == 0x85, b[end - 1] == 0x83 { end -= 3 }  // 元
        while end > 0, b[end - 1] == 0x20 { end -= 1 }
        guard end >= 3, b[end - 3] == 0xE4 else { return (1, b.count) }
        if b[end - 2] == 0xB8, b[end - 1] == 0x87 { return (10_000, end - 3) }  // 万
        if b[end - 2] == 0xBA, b[end - 1] == 0xBF { return (100_000_000, end - 3) }  // 亿
        return (1, b.count)
    }

    /// An id that Excel turned into a number: `6.20123E+17`, `2.50623e14` (SPEC §2.5).
    package static func isScientific(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard n >= 3, isDigit(b[0]) else { return false }
        while i < n, isDigit(b[i]) { i += 1 }
        if i < n, b[i] == 0x2E {
            i += 1
            guard i < n, isDigit(b[i]) else { return false }
            while i < n, isDigit(b[i]) { i += 1 }
        }
        guard i < n, b[i] | 0x20 == 0x65 else { return false }  // e, E
        i += 1
        if i < n, b[i] == 0x2B || b[i] == 0x2D { i += 1 }
        guard i < n else { return false }
        while i < n, isDigit(b[i]) { i += 1 }
        return i == n
    }

    /// `1234.5`, `1,234.50`, `¥1,234.50`, `￥1234`, `1234.50元`, `１２３４`, `-12`, `(12.00)`.
    /// Returns nil for anything else (including an empty text).
    package static func number(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { number(bytes: UnsafeBufferPointer($0)) }
    }

    /// Any form from UTF-8 bytes: currency signs and units, `RMB`/`CNY`, spaces and
    /// full-width digits are folded away before the ASCII parse.
    /// Read exactly, then as a double: `1.23万` is 12 300, not 12 300.000000000002.
    package static func number(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        decimal(bytes: bytes)?.approximate
    }

    /// The same forms as `number(bytes:)`, exactly (money, SPEC §2.7): `1.23万` is 12 300 exactly.
    package static func decimal(bytes: UnsafeBufferPointer<UInt8>) -> ExactAmount? {
        let (factor, length) = chineseUnit(bytes)
        guard length > 0, let d = foldedNumber(UnsafeBufferPointer(rebasing: bytes[0..<length]), decimal(ascii:)) else { return nil }
        return factor == 1 ? d : d.times(ExactAmount(units: Int128(factor), decimals: 0))
    }

    /// `parse` on the field folded to plain ASCII: full-width digits, currency signs and
    /// words (`¥`, `元`, `RMB`, `CNY`) and the spaces around the number gone.
    private static func foldedNumber<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            guard var n = TextFolding.fold(bytes, dates: false, into: out) else { return nil }
            // The ASCII currency words go (any case); spaces only around the number (`1 234` stays ambiguous).
            var i = 0
            while i + 3 <= n {
                let word = (out[i] | 0x20, out[i + 1] | 0x20, out[i + 2] | 0x20)
                if word == (0x72, 0x6D, 0x62) || word == (0x63, 0x6E, 0x79) {  // rmb, cny
                    for k in i..<(n - 3) { out[k] = out[k + 3] }
                    n -= 3
                } else {
                    i += 1
                }
            }
            var lo = 0
            while lo < n, out[lo] == 0x20 || out[lo] == 0x09 { lo += 1 }
            while n > lo, out[n - 1] == 0x20 || out[n - 1] == 0x09 { n -= 1 }
            // A sign before a dropped currency sign (`-¥120`) may now be followed by a space.
            if lo < n, out[lo] == 0x2D {
                var k = lo + 1
                while k < n, out[k] == 0x20 || out[k] == 0x09 { k += 1 }
                if k > lo + 1 { out[k - 1] = 0x2D; lo = k - 1 }
            }
            return parse(UnsafeBufferPointer(rebasing: out[lo..<n]))
        }
    }

    /// Plain ASCII numbers with optional sign, thousands separators and parentheses
    /// for negatives, straight from a field's bytes (the ingest hot path).
    package static func number(ascii b: UnsafeBufferPointer<UInt8>) -> Double? {
        decimal(ascii: b)?.approximate
    }

    /// The same forms as `number(ascii:)`, exactly (money, SPEC §2.7).
    package static func decimal(ascii b: UnsafeBufferPointer<UInt8>) -> ExactAmount? {
        var lo = 0, hi = b.count
        var negative = false
        if hi - lo >= 2, b[lo] == 0x28, b[hi - 1] == 0x29 { negative = true; lo += 1; hi -= 1 }  // (12.00)
        if lo < hi, b[lo] == 0x2D { negative.toggle(); lo += 1 } else if lo < hi, b[lo] == 0x2B { lo += 1 }
        var mantissa: Int64 = 0
        var scale = 0
        var seenDigit = false, seenPoint = false
        var digitsSinceComma = -1
        var i = lo
        while i < hi {
            let c = b[i]
            i += 1
            switch c {
            case 0x30...0x39:
                guard mantissa < 10_000_000_000_000_000 else { return nil }
                mantissa = mantissa * 10 + Int64(c - 0x30)
                seenDigit = true
                if seenPoint { scale += 1 } else if digitsSinceComma >= 0 { digitsSinceComma += 1 }
            case 0x2C:  // thousands separator: only between groups of three before the point
                guard seenDigit, !seenPoint, digitsSinceComma == -1 || digitsSinceComma == 3 else { return nil }
                digitsSinceComma = 0
            case 0x2E:
                guard !seenPoint, digitsSinceComma == -1 || digitsSinceComma == 3 else { return nil }
                seenPoint = true
            default:
                return nil
            }
        }
        guard seenDigit, digitsSinceComma == -1 || digitsSinceComma == 3 || seenPoint else { return nil }
        return ExactAmount(units: Int128(negative ? -mantissa : mantissa), decimals: scale)
    }
}
