import Foundation

/// Dates and times (SPEC §2.1, §2.5, §2.7).
extension Moment {
    /// `2026-10-03 14:05`, `2026-10-03T14:05:00`, `2026-10-03T14:05:00+08:00`,
    /// `2026/10/3 14:05:07`, `2026年10月3日 14:05`, `2026.10.03`, `20261003`, and the
    /// date-only forms of each; full-width digits too.
    package static func parse(_ text: String, order: DateOrder = .ymd) -> Moment? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { parse(bytes: UnsafeBufferPointer($0), order: order) }
    }

    /// Any form from UTF-8 bytes: non-ASCII text is folded to ASCII first.
    package static func parse(bytes: UnsafeBufferPointer<UInt8>, order: DateOrder = .ymd, defaultYear: Int? = nil) -> Moment? {
        if !bytes.contains(where: { $0 >= 0x80 }) { return parse(ascii: bytes, order: order, defaultYear: defaultYear) }
        return folded(bytes) { parse(ascii: $0, order: order, defaultYear: defaultYear) }
    }

    /// `body` on a date field folded to ASCII (`2026年10月3日` → `2026-10-3`); nil when it does not fold.
    private static func folded<T>(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { out in
            guard var n = TextFolding.fold(bytes, dates: true, into: out) else { return nil }
            while n > 0, out[n - 1] == 0x20 || out[n - 1] == 0x3A || out[n - 1] == 0x2D { n -= 1 }  // trailing space, ':' left by 分, '-' by 月
            return body(UnsafeBufferPointer(rebasing: out[0..<n]))
        }
    }

    /// A date written without a year (`11月18日`, `11/18`, `11-18 14:05`): one that reads once a
    /// year is given — what `default_year` is for (SPEC §2.7). 2000 is a leap year: 2月29日 reads too.
    package static func isYearless(bytes: UnsafeBufferPointer<UInt8>, order: DateOrder) -> Bool {
        parse(bytes: bytes, order: order, defaultYear: 2000) != nil && parse(bytes: bytes, order: order) == nil
    }

    /// The ASCII forms, straight from a field's bytes (the ingest hot path), and what
    /// Excel and WPS make of dates (SPEC §2.1): serials (`46298`, `46298.5868`),
    /// compact `202610031405` / `20261003140507`, and with `order` mdy or dmy the
    /// slash dates with the year last (`10/3/2026`).
    /// - Parameter defaultYear: the year of dates written without one (`11/18`, month first
    ///   unless `order` is dmy); without it they are not read.
    package static func parse(ascii b: UnsafeBufferPointer<UInt8>, order: DateOrder = .ymd, defaultYear: Int? = nil) -> Moment? {
        var run = 0
        while run < b.count, b[run] >= 0x30, b[run] <= 0x39 { run += 1 }
        if run == 5 { return excelSerial(b) }
        var c = Cursor(b)
        if run == 12 || run == 14, run == b.count { return compactMoment(&c, withSeconds: run == 14) }
        guard let date = date(&c, run: run, order: order, defaultYear: defaultYear), date.isValid, (1900...2999).contains(date.year) else {
            return nil
        }
        if c.atEnd { return Moment(date: date, secondsOfDay: nil, offset: nil) }
        guard c.byte == 0x54 || c.byte == 0x20 else { return nil }
        while !c.atEnd, c.byte == 0x20 || c.byte == 0x54 { c.i += 1 }
        guard let time = timeOfDay(&c) else { return nil }
        return Moment(date: date, secondsOfDay: time.seconds, offset: time.offset)
    }

    /// A position in a field's ASCII bytes, read forward by `parse(ascii:)` and its parts.
    private struct Cursor {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        @inline(__always) init(_ b: UnsafeBufferPointer<UInt8>) { self.b = b }

        @inline(__always) var atEnd: Bool { i >= b.count }

        /// The byte at the cursor; not at the end.
        @inline(__always) var byte: UInt8 { b[i] }

        /// The number of `min` to `max` digits at the cursor, moved past them; nil for fewer.
        @inline(__always) mutating func digits(min: Int, max: Int) -> Int? {
            var v = 0, k = 0
            while i < b.count, k < max, b[i] >= 0x30, b[i] <= 0x39 {
                v = v * 10 + Int(b[i] - 0x30); i += 1; k += 1
            }
            return k >= min ? v : nil
        }

        @inline(__always) mutating func skipSpaces() { while i < b.count, b[i] == 0x20 { i += 1 } }
    }

    /// `202610031405`, `20261003140507`: the whole field, date and time without separators.
    @inline(__always)
    private static func compactMoment(_ c: inout Cursor, withSeconds: Bool) -> Moment? {
        guard let y = c.digits(min: 4, max: 4), let m = c.digits(min: 2, max: 2), let d = c.digits(min: 2, max: 2),
              let h = c.digits(min: 2, max: 2), h < 24, let mi = c.digits(min: 2, max: 2), mi < 60 else { return nil }
        let sec = withSeconds ? c.digits(min: 2, max: 2) ?? 60 : 0
        let compact = CivilDate(year: y, month: m, day: d)
        guard sec < 60, compact.isValid, (1900...2999).contains(y) else { return nil }
        return Moment(date: compact, secondsOfDay: h * 3600 + mi * 60 + sec, offset: nil)
    }

    /// The date at the start of a field whose leading digits run `run` long: `20261003`, a
    /// day and month (with the year last, or none), or `2026-10-03` (`/`, `.` too).
    @inline(__always)
    private static func date(_ c: inout Cursor, run: Int, order: DateOrder, defaultYear: Int?) -> CivilDate? {
        if run == 8, c.b.count == 8 || c.b[8] == 0x20 || c.b[8] == 0x54 {
            guard let y = c.digits(min: 4, max: 4), let m = c.digits(min: 2, max: 2), let d = c.digits(min: 2, max: 2) else { return nil }
            return CivilDate(year: y, month: m, day: d)  // 20261003
        }
        if run == 1 || run == 2 { return dayAndMonth(&c, order: order, defaultYear: defaultYear) }
        guard let y = c.digits(min: 4, max: 4), !c.atEnd, c.byte == 0x2D || c.byte == 0x2F || c.byte == 0x2E else { return nil }
        let sep = c.byte; c.i += 1
        guard let m = c.digits(min: 1, max: 2), !c.atEnd, c.byte == sep else { return nil }
        c.i += 1
        guard let d = c.digits(min: 1, max: 2) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }

    /// A date starting with a day or a month: `11/18` (no year) or `10/3/2026` (the year last).
    @inline(__always)
    private static func dayAndMonth(_ c: inout Cursor, order: DateOrder, defaultYear: Int?) -> CivilDate? {
        guard let first = c.digits(min: 1, max: 2), !c.atEnd, c.byte == 0x2F || c.byte == 0x2D || c.byte == 0x2E else { return nil }
        let sep = c.byte; c.i += 1
        guard let second = c.digits(min: 1, max: 2) else { return nil }
        if c.atEnd || c.byte == 0x20 || c.byte == 0x54 {
            // No year (`11月18日`, `11/18`): the pipeline's default_year, month first unless dmy (SPEC §2.7);
            // never with a point (`12.5` is a number, not 5 December).
            guard let y = defaultYear, sep != 0x2E else { return nil }
            return order == .dmy ? CivilDate(year: y, month: second, day: first) : CivilDate(year: y, month: first, day: second)
        }
        // Year last: 10/3/2026 (mdy) or 3/10/2026 (dmy); not read under ymd.
        guard order != .ymd, c.byte == sep else { return nil }
        c.i += 1
        guard let y = c.digits(min: 4, max: 4) else { return nil }
        return order == .mdy ? CivilDate(year: y, month: first, day: second) : CivilDate(year: y, month: second, day: first)
    }

    /// The time after a date, to the end of the field: `14:05`, `14:05:07`, `14:05:07.123`, on a
    /// 12-hour clock `2:05 PM` or `PM 2:05`, then perhaps a zone. Its seconds of the day, and
    /// the zone's offset when one is named.
    @inline(__always)
    private static func timeOfDay(_ c: inout Cursor) -> (seconds: Int, offset: Int?)? {
        // A 12-hour clock: `2:05 PM`, or 下午 2:05 (folded to `PM 2:05`).
        var pm = meridiem(&c)
        guard var h = c.digits(min: 1, max: 2), h < 24, !c.atEnd, c.byte == 0x3A else { return nil }
        c.i += 1
        guard let mi = c.digits(min: 2, max: 2), mi < 60 else { return nil }
        var sec = 0
        if !c.atEnd, c.byte == 0x3A {
            c.i += 1
            guard let s2 = c.digits(min: 2, max: 2), s2 < 60 else { return nil }
            sec = s2
            if !c.atEnd, c.byte == 0x2E || c.byte == 0x2C {  // fractional seconds are dropped
                c.i += 1
                guard c.digits(min: 1, max: 9) != nil else { return nil }
            }
        }
        c.skipSpaces()
        if pm == nil { pm = meridiem(&c) }
        if let pm {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + (pm ? 12 : 0)
        }
        guard let offset = zoneOffset(&c), c.atEnd else { return nil }
        return (h * 3600 + mi * 60 + sec, offset)
    }

    /// `AM` or `PM` (any case) at the cursor, moved past it and the spaces after: true for PM;
    /// nil when there is none.
    @inline(__always)
    private static func meridiem(_ c: inout Cursor) -> Bool? {
        let b = c.b, i = c.i
        guard i + 1 < b.count, b[i + 1] | 0x20 == 0x6D, b[i] | 0x20 == 0x61 || b[i] | 0x20 == 0x70 else { return nil }
        c.i += 2
        c.skipSpaces()
        return b[i] | 0x20 == 0x70
    }

    /// The zone at the cursor: `Z`, `+08:00`, `+0800`, `+08`, `-05:00` as seconds east of UTC;
    /// `.some(nil)` when none is named; nil when one starts but does not read.
    @inline(__always)
    private static func zoneOffset(_ c: inout Cursor) -> Int?? {
        guard !c.atEnd else { return .some(nil) }
        if c.byte == 0x5A || c.byte == 0x7A {  // Z
            c.i += 1
            return 0
        }
        guard c.byte == 0x2B || c.byte == 0x2D else { return .some(nil) }
        let sign = c.byte == 0x2D ? -1 : 1
        c.i += 1
        guard let oh = c.digits(min: 2, max: 2), oh <= 14 else { return nil }
        var om = 0
        if !c.atEnd, c.byte == 0x3A { c.i += 1 }
        if !c.atEnd { guard let m2 = c.digits(min: 2, max: 2), m2 < 60 else { return nil }; om = m2 }
        return sign * (oh * 3600 + om * 60)
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
        guard let time = text.withUnsafeMutableBufferPointer({ parse(ascii: UnsafeBufferPointer($0)) }), time.secondsOfDay != nil else { return nil }
        return Moment(date: day, secondsOfDay: time.secondsOfDay, offset: time.offset)
    }

    /// A date cell and a time cell as one value (SPEC §2.5: `columns: {order_date: [日期, 时间]}`):
    /// the date's own time of day, if Excel wrote one (`2026-10-03 00:00:00`), gives way
    /// to the time cell, and a time that Excel wrote as a fraction of a day (`0.5868`)
    /// becomes `14:05:00`.
    package static func joinDateAndTime(_ date: UnsafeBufferPointer<UInt8>, _ time: UnsafeBufferPointer<UInt8>,
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
    package static func joinedCapacity(date: Int, time: Int) -> Int { date + 1 + max(time, 8) }

    /// A text that is a slash date with the year last (`10/3/2026`): read only with
    /// `date_order` (the reject says so).
    package static func looksYearLast(_ text: String) -> Bool { yearLastParts(text) != nil }

    /// The first two parts of a slash date with the year last (`10/3/2026` → 10, 3).
    package static func yearLastParts(_ text: String) -> (first: Int, second: Int)? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" }).first?.split(separator: "/") ?? []
        guard parts.count == 3, parts[0].count <= 2, parts[2].count == 4, parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
              let first = Int(parts[0]), let second = Int(parts[1]), Int(parts[2]) != nil else { return nil }
        return (first, second)
    }
}
