/// Folding the non-ASCII forms exports write digits, dates and amounts in (SPEC §2.1) to ASCII:
/// the dates' parser (`Moment.parse`) and the numbers' (`ValueParser`) both read folded text.
package enum TextFolding {
    /// Maps full-width ASCII (`１２３４`, `：`, `，`) to ASCII and the ideographic space to a space.
    package static func halfWidth(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if (0xFF01...0xFF5E).contains(u.value) {
                out.append(Unicode.Scalar(u.value - 0xFEE0)!)
            } else if u.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// Folds the non-ASCII forms exports use to ASCII, byte by byte (no Foundation
    /// string work on the hot path): full-width ASCII (U+FF01–FF5E) and the
    /// ideographic space; with `dates`, 年 月 → `-`, 日 号 → space, 时 点 分 → `:`,
    /// 秒 dropped, 上午 下午 → ` AM ` ` PM `; otherwise ¥ ￥ 元 dropped. Writes into `out` (never longer than
    /// `b`) and returns the length; nil for any other non-ASCII character.
    package static func fold(_ b: UnsafeBufferPointer<UInt8>, dates: Bool, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var n = 0
        func put(_ c: UInt8) { out[n] = c; n += 1 }
        var i = 0
        while i < b.count {
            let c = b[i]
            if c < 0x80 { put(c); i += 1; continue }
            if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA5 || b[i + 1] == 0xA0 {  // ¥, no-break space
                if b[i + 1] == 0xA0 { put(0x20) } else if dates { return nil }
                i += 2; continue
            }
            guard i + 2 < b.count else { return nil }
            let code = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
            i += 3
            switch code {
            case 0xFF01...0xFF5E: put(UInt8(code - 0xFEE0))
            case 0x3000: put(0x20)
            case 0xFFE5, 0x5143: if dates { return nil }  // ￥ 元
            case 0x5E74, 0x6708: if dates { put(0x2D) } else { return nil }  // 年 月
            case 0x65E5, 0x53F7: if dates { put(0x20) } else { return nil }  // 日 号
            case 0x65F6, 0x70B9, 0x5206: if dates { put(0x3A) } else { return nil }  // 时 点 分
            case 0x79D2: if !dates { return nil }  // 秒
            case 0x4E0A, 0x4E0B:  // 上午, 下午: AM, PM
                guard dates, i + 2 < b.count, b[i] == 0xE5, b[i + 1] == 0x8D, b[i + 2] == 0x88 else { return nil }
                i += 3
                put(0x20); put(code == 0x4E0A ? 0x41 : 0x50); put(0x4D); put(0x20)
            default: return nil
            }
        }
        return n
    }
}
