/// Parses the value forms real exports use (SPEC §2.1). Pure functions on text;
/// no zone knowledge here: a timestamp without an offset is returned as local time.
enum ValueParser {
    /// A parsed date or date-time. `secondsOfDay` is nil for a date-only value;
    /// `offset` (seconds east of UTC) is nil when the text names no zone.
    struct Moment: Equatable {
        var date: CivilDate
        var secondsOfDay: Int?
        var offset: Int?

        /// The instant; without an offset the time is local to `clock`'s zone.
        func epoch(in clock: ZoneClock) -> Int {
            if let offset { return date.daysSinceEpoch * 86_400 + (secondsOfDay ?? 0) - offset }
            return clock.epoch(date: date, secondsOfDay: secondsOfDay ?? 0)
        }
    }

    /// Maps full-width ASCII (`１２３４`, `：`, `，`) to ASCII and the ideographic space to a space.
    static func halfWidth(_ s: String) -> String {
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

    // MARK: Timestamps

    /// `2026-10-03 14:05`, `2026-10-03T14:05:00`, `2026-10-03T14:05:00+08:00`,
    /// `2026/10/3 14:05:07`, `2026年10月3日 14:05`, `2026.10.03`, `20261003`, and the
    /// date-only forms of each; full-width digits too.
    static func moment(_ text: String, order: DateOrder = .ymd) -> Moment? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { moment(bytes: UnsafeBufferPointer($0), order: order) }
    }

    /// Any form from UTF-8 bytes: non-ASCII text is folded to ASCII first.
    static func moment(bytes: UnsafeBufferPointer<UInt8>, order: DateOrder = .ymd, defaultYear: Int? = nil) -> Moment? {
        if !bytes.contains(where: { $0 >= 0x80 }) { return moment(ascii: bytes, order: order, defaultYear: defaultYear) }
        return folded(bytes) { moment(ascii: $0, order: order, defaultYear: defaultYear) }
    }

    /// `body` on a date field folded to ASCII (`2026年10月3日` → `2026-10-3`); nil when it does not fold.
    private static func folded<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            guard var n = fold(bytes, dates: true, into: out) else { return nil }
            while n > 0, out[n - 1] == 0x20 || out[n - 1] == 0x3A || out[n - 1] == 0x2D { n -= 1 }  // trailing space, ':' left by 分, '-' by 月
            return body(UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    /// A date written without a year (`11月18日`, `11/18`, `11-18 14:05`): one that reads once a
    /// year is given — what `default_year` is for (SPEC §2.7). 2000 is a leap year: 2月29日 reads too.
    static func isYearless(bytes: UnsafeBufferPointer<UInt8>, order: DateOrder) -> Bool {
        moment(bytes: bytes, order: order, defaultYear: 2000) != nil && moment(bytes: bytes, order: order) == nil
    }

    /// Folds the non-ASCII forms exports use to ASCII, byte by byte (no Foundation
    /// string work on the hot path): full-width ASCII (U+FF01–FF5E) and the
    /// ideographic space; with `dates`, 年 月 → `-`, 日 号 → space, 时 点 分 → `:`,
    /// 秒 dropped, 上午 下午 → ` AM ` ` PM `; otherwise ¥ ￥ 元 dropped. Writes into `out` (never longer than
    /// `b`) and returns the length; nil for any other non-ASCII character.
    static func fold(_ b: UnsafeBufferPointer<UInt8>, dates: Bool, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
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

    /// The ASCII forms, straight from a field's bytes (the ingest hot path), and what
    /// Excel and WPS make of dates (SPEC §2.1): serials (`46298`, `46298.5868`),
    /// compact `202610031405` / `20261003140507`, and with `order` mdy or dmy the
    /// slash dates with the year last (`10/3/2026`).
    /// - Parameter defaultYear: the year of dates written without one (`11/18`, month first
    ///   unless `order` is dmy); without it they are not read.
    static func moment(ascii b: UnsafeBufferPointer<UInt8>, order: DateOrder = .ymd, defaultYear: Int? = nil) -> Moment? {
        var i = 0
        let n = b.count
        func digits(min: Int, max: Int) -> Int? {
            var v = 0, k = 0
            while i < n, k < max, b[i] >= 0x30, b[i] <= 0x39 {
                v = v * 10 + Int(b[i] - 0x30); i += 1; k += 1
            }
            return k >= min ? v : nil
        }
        var run = 0
        while run < n, b[run] >= 0x30, b[run] <= 0x39 { run += 1 }
        let date: CivilDate
        if run == 5 {
            return excelSerial(b)
        } else if run == 12 || run == 14, run == n {
            // 202610031405, 20261003140507
            guard let y = digits(min: 4, max: 4), let m = digits(min: 2, max: 2), let d = digits(min: 2, max: 2),
                  let h = digits(min: 2, max: 2), h < 24, let mi = digits(min: 2, max: 2), mi < 60 else { return nil }
            let sec = run == 14 ? digits(min: 2, max: 2) ?? 60 : 0
            let compact = CivilDate(year: y, month: m, day: d)
            guard sec < 60, compact.isValid, (1900...2999).contains(y) else { return nil }
            return Moment(date: compact, secondsOfDay: h * 3600 + mi * 60 + sec, offset: nil)
        } else if run == 8, n == 8 || b[8] == 0x20 || b[8] == 0x54 {
            guard let y = digits(min: 4, max: 4), let m = digits(min: 2, max: 2), let d = digits(min: 2, max: 2) else { return nil }
            date = CivilDate(year: y, month: m, day: d)  // 20261003
        } else if run == 1 || run == 2 {
            guard let first = digits(min: 1, max: 2), i < n, b[i] == 0x2F || b[i] == 0x2D || b[i] == 0x2E else { return nil }
            let sep = b[i]; i += 1
            guard let second = digits(min: 1, max: 2) else { return nil }
            if i == n || b[i] == 0x20 || b[i] == 0x54 {
                // No year (`11月18日`, `11/18`): the pipeline's default_year, month first unless dmy (SPEC §2.7);
                // never with a point (`12.5` is a number, not 5 December).
                guard let y = defaultYear, sep != 0x2E else { return nil }
                date = order == .dmy ? CivilDate(year: y, month: second, day: first) : CivilDate(year: y, month: first, day: second)
            } else {
                // Year last: 10/3/2026 (mdy) or 3/10/2026 (dmy); not read under ymd.
                guard order != .ymd, b[i] == sep else { return nil }
                i += 1
                guard let y = digits(min: 4, max: 4) else { return nil }
                date = order == .mdy ? CivilDate(year: y, month: first, day: second) : CivilDate(year: y, month: second, day: first)
            }
        } else {
            guard let y = digits(min: 4, max: 4), i < n, b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E else { return nil }
            let sep = b[i]; i += 1
            guard let m = digits(min: 1, max: 2), i < n, b[i] == sep else { return nil }
            i += 1
            guard let d = digits(min: 1, max: 2) else { return nil }
            date = CivilDate(year: y, month: m, day: d)
        }
        guard date.isValid, (1900...2999).contains(date.year) else { return nil }
        if i == n { return Moment(date: date, secondsOfDay: nil, offset: nil) }
        guard b[i] == 0x54 || b[i] == 0x20 else { return nil }
        while i < n, b[i] == 0x20 || b[i] == 0x54 { i += 1 }
        // A 12-hour clock: `2:05 PM`, or 下午 2:05 (folded to `PM 2:05`).
        func meridiem() -> Bool? {
            guard i + 1 < n, b[i + 1] | 0x20 == 0x6D, b[i] | 0x20 == 0x61 || b[i] | 0x20 == 0x70 else { return nil }
            defer { i += 2; while i < n, b[i] == 0x20 { i += 1 } }
            return b[i] | 0x20 == 0x70
        }
        var pm = meridiem()
        guard var h = digits(min: 1, max: 2), h < 24, i < n, b[i] == 0x3A else { return nil }
        i += 1
        guard let mi = digits(min: 2, max: 2), mi < 60 else { return nil }
        var sec = 0
        if i < n, b[i] == 0x3A {
            i += 1
            guard let s2 = digits(min: 2, max: 2), s2 < 60 else { return nil }
            sec = s2
            if i < n, b[i] == 0x2E || b[i] == 0x2C {  // fractional seconds are dropped
                i += 1
                guard digits(min: 1, max: 9) != nil else { return nil }
            }
        }
        var offset: Int?
        while i < n, b[i] == 0x20 { i += 1 }
        if pm == nil { pm = meridiem() }
        if let pm {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (pm ? 12 : 0)
        }
        if i < n {
            if b[i] == 0x5A || b[i] == 0x7A {  // Z
                offset = 0; i += 1
            } else if b[i] == 0x2B || b[i] == 0x2D {
                let sign = b[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(min: 2, max: 2), oh <= 14 else { return nil }
                var om = 0
                if i < n, b[i] == 0x3A { i += 1 }
                if i < n { guard let m2 = digits(min: 2, max: 2), m2 < 60 else { return nil }; om = m2 }
                offset = sign * (oh * 3600 + om * 60)
            }
        }
        guard i == n else { return nil }
        return Moment(date: date, secondsOfDay: h * 3600 + mi * 60 + sec, offset: offset)
    }

    /// Excel's 1900 date system: serial 1 is 1900-01-01 and Excel counts a 29 February
    /// 1900 that never was, so from serial 61 on day 0 is 1899-12-30. Only 10000–99999
    /// (1927–2173) are taken as dates, with an optional fraction of a day or a time.
    private static func excelSerial(_ b: UnsafeBufferPointer<UInt8>) -> Moment? {
        var serial = 0
        for k in 0..<5 { serial = serial * 10 + Int(b[k] - 0x30) }
        guard serial >= 10_000 else { return nil }
        let day = CivilDate(year: 1899, month: 12, day: 30).adding(days: serial)
        if b.count == 5 { return Moment(date: day, secondsOfDay: nil, offset: nil) }
        if b[5] == 0x2E {
            var fraction = 0.0, scale = 0.1
            guard b.count > 6 else { return nil }
            for k in 6..<b.count {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                fraction += Double(b[k] - 0x30) * scale
                scale /= 10
            }
            let seconds = Int((fraction * 86_400).rounded())
            return seconds >= 86_400 ? Moment(date: day.adding(days: 1), secondsOfDay: 0, offset: nil)
                : Moment(date: day, secondsOfDay: seconds, offset: nil)
        }
        // A serial date and a time (`46298 14:05`, from two columns joined).
        guard b[5] == 0x20 else { return nil }
        var text = Array("2000-01-01".utf8) + Array(UnsafeBufferPointer(rebasing: b[5...]))
        guard let time = text.withUnsafeMutableBufferPointer({ moment(ascii: UnsafeBufferPointer($0)) }), time.secondsOfDay != nil else { return nil }
        return Moment(date: day, secondsOfDay: time.secondsOfDay, offset: time.offset)
    }

    /// A date cell and a time cell as one value (SPEC §2.5: `columns: {order_date: [日期, 时间]}`):
    /// the date's own time of day, if Excel wrote one (`2026-10-03 00:00:00`), gives way
    /// to the time cell, and a time that Excel wrote as a fraction of a day (`0.5868`)
    /// becomes `14:05:00`.
    static func joinDateAndTime(_ date: UnsafeBufferPointer<UInt8>, _ time: UnsafeBufferPointer<UInt8>,
                                into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var n = 0
        func put(_ b: UnsafeBufferPointer<UInt8>) { for c in b { out[n] = c; n += 1 } }
        if time.isEmpty { put(date); return n }
        // The date cell's own time: after a space or `T`, or an Excel serial's fraction (`46298.0`).
        let serial = date.count > 6 && date[5] == 0x2E && date[..<5].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let cut = date.firstIndex { $0 == 0x20 || $0 == 0x54 } ?? (serial ? 5 : date.count)
        put(UnsafeBufferPointer(rebasing: date[..<cut]))
        out[n] = 0x20; n += 1
        let fraction = time.first == 0x2E || (time.count > 1 && time[0] == 0x30 && time[1] == 0x2E)
        if fraction, time.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), let f = Double(String(decoding: time, as: UTF8.self)), f < 1 {
            let seconds = Int((f * 86_400).rounded())
            var text = Array(String(format: "%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60).utf8)
            text.withUnsafeMutableBufferPointer { put(UnsafeBufferPointer($0)) }
        } else {
            put(time)
        }
        return n
    }

    /// The most bytes `joinDateAndTime` writes for a date of `date` and a time of `time` bytes.
    static func joinedCapacity(date: Int, time: Int) -> Int { date + 1 + max(time, 8) }

    /// A text that is a slash date with the year last (`10/3/2026`): read only with
    /// `date_order` (the reject says so).
    static func looksYearLast(_ text: String) -> Bool { yearLastParts(text) != nil }

    /// The first two parts of a slash date with the year last (`10/3/2026` → 10, 3).
    static func yearLastParts(_ text: String) -> (first: Int, second: Int)? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first?.split(separator: "/") ?? []
        guard parts.count == 3, parts[0].count <= 2, parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let first = Int(parts[0]), let second = Int(parts[1]), Int(parts[2]) != nil else { return nil }
        return (first, second)
    }

    // MARK: Scores

    /// A score as surveys and review data write it: `5`, `5分`, `4星`, `4.0 points`,
    /// or stars `★★★★☆` (the filled ones count). nil for anything else.
    static func score(bytes b: UnsafeBufferPointer<UInt8>) -> Double? {
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
    static let satisfactionWords: [String: Int] = [
        "非常满意": 5, "很满意": 5, "满意": 4, "比较满意": 4, "较满意": 4, "一般": 3, "基本满意": 3,
        "不满意": 2, "较不满意": 2, "不太满意": 2, "非常不满意": 1, "很不满意": 1,
    ]

    // MARK: Numbers

    /// `1.5万`, `2亿元`: the factor of the unit at the end (1 when there is none) and the
    /// length of the text before it (anywhere else 万 and 亿 make the number unreadable).
    static func chineseUnit(_ b: UnsafeBufferPointer<UInt8>) -> (factor: Double, length: Int) {
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
    static func isScientific(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
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
    static func number(_ text: String) -> Double? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { number(bytes: UnsafeBufferPointer($0)) }
    }

    /// Any form from UTF-8 bytes: currency signs and units, `RMB`/`CNY`, spaces and
    /// full-width digits are folded away before the ASCII parse.
    /// Read exactly, then as a double: `1.23万` is 12 300, not 12 300.000000000002.
    static func number(bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        decimal(bytes: bytes)?.approximate
    }

    /// The same forms as `number(bytes:)`, exactly (money, SPEC §2.7): `1.23万` is 12 300 exactly.
    static func decimal(bytes: UnsafeBufferPointer<UInt8>) -> ExactAmount? {
        let (factor, length) = chineseUnit(bytes)
        guard length > 0, let d = foldedNumber(UnsafeBufferPointer(rebasing: bytes[0..<length]), decimal(ascii:)) else { return nil }
        return factor == 1 ? d : d.times(ExactAmount(units: Int128(factor), decimals: 0))
    }

    /// `parse` on the field folded to plain ASCII: full-width digits, currency signs and
    /// words (`¥`, `元`, `RMB`, `CNY`) and the spaces around the number gone.
    private static func foldedNumber<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ parse: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            guard var n = fold(bytes, dates: false, into: out) else { return nil }
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
    static func number(ascii b: UnsafeBufferPointer<UInt8>) -> Double? {
        decimal(ascii: b)?.approximate
    }

    /// The same forms as `number(ascii:)`, exactly (money, SPEC §2.7).
    static func decimal(ascii b: UnsafeBufferPointer<UInt8>) -> ExactAmount? {
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
