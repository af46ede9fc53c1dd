import Foundation

/// A calendar date without a zone (proleptic Gregorian).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= Self.daysInMonth(year: year, month: month)
    }

    /// Monday = 1 … Sunday = 7 (ISO 8601).
    public var isoWeekday: Int {
        let w = (daysSinceEpoch + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public func adding(days: Int) -> CivilDate { CivilDate(daysSinceEpoch: daysSinceEpoch + days) }

    /// Adds calendar months, clamping the day to the target month's length.
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let y = index >= 0 ? index / 12 : (index - 11) / 12
        let m = index - y * 12 + 1
        return CivilDate(year: y, month: m, day: min(day, Self.daysInMonth(year: y, month: m)))
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Length of `description` (years 0–9999).
    package static let textLength = 10

    /// `2026-10-03`
    public var description: String {
        guard (0...9999).contains(year) else {
            var s = ""
            appendPadded(&s, year, 4); s.append("-")
            appendPadded(&s, month, 2); s.append("-")
            appendPadded(&s, day, 2)
            return s
        }
        return String(unsafeUninitializedCapacity: Self.textLength) { buffer in
            write(into: buffer)
            return Self.textLength
        }
    }

    /// Writes `description` into the first `textLength` bytes of `buffer`.
    package func write(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        writeDigits(year, 4, into: buffer, at: 0); buffer[4] = 0x2D
        writeDigits(month, 2, into: buffer, at: 5); buffer[7] = 0x2D
        writeDigits(day, 2, into: buffer, at: 8)
    }
}

@inline(__always)
package func appendPadded(_ s: inout String, _ value: Int, _ width: Int) {
    let digits = String(value)
    if digits.utf8.count < width { s.append(String(repeating: "0", count: width - digits.utf8.count)) }
    s.append(digits)
}

/// Converts between instants (seconds since the Unix epoch) and local wall-clock
/// time in the pipeline's time zone (SPEC §1: periods and times without a zone
/// are in the pipeline's zone, default Asia/Shanghai).
///
/// The zone's offset changes are read from Foundation once (1900–2100) into a
/// sorted table, so converting millions of timestamps is a binary search with no
/// locking; the type is immutable and safe to share.
public final class ZoneClock: Sendable {
    public let timeZone: TimeZone
    /// Instants where the offset changes, and the offset from each on.
    private let transitions: [Int]
    private let offsets: [Int]

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var transitions = [Int.min]
        var offsets = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: -2_208_988_800))]  // 1900
        var date = Date(timeIntervalSince1970: -2_208_988_800)
        let limit = Date(timeIntervalSince1970: 4_102_444_800)  // 2100
        while let next = timeZone.nextDaylightSavingTimeTransition(after: date), next < limit {
            let offset = timeZone.secondsFromGMT(for: next)
            if offset != offsets.last {
                transitions.append(Int(next.timeIntervalSince1970))
                offsets.append(offset)
            }
            date = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// Seconds east of UTC at the instant `epoch`.
    public func offset(atEpoch epoch: Int) -> Int {
        // Almost every time is after the zone's last change (Shanghai: 1991).
        if epoch >= transitions[transitions.count - 1] { return offsets[offsets.count - 1] }
        var lo = 0, hi = transitions.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if transitions[mid] <= epoch { lo = mid } else { hi = mid - 1 }
        }
        return offsets[lo]
    }

    /// The instant of a local wall-clock time (seconds since local midnight of 1970-01-01).
    public func epoch(fromLocal local: Int) -> Int {
        // Guess with the offset at the naive instant, then correct once (DST edges).
        let first = offset(atEpoch: local)
        let second = offset(atEpoch: local - first)
        return local - second
    }

    public func epoch(date: CivilDate, secondsOfDay: Int = 0) -> Int {
        epoch(fromLocal: date.daysSinceEpoch * 86_400 + secondsOfDay)
    }

    /// Local wall-clock seconds (since 1970-01-01 00:00 local) of an instant.
    public func local(fromEpoch epoch: Int) -> Int { epoch + offset(atEpoch: epoch) }

    public func localDate(ofEpoch epoch: Int) -> CivilDate {
        let local = local(fromEpoch: epoch)
        return CivilDate(daysSinceEpoch: local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
    }

    /// Length of `iso(_:)`'s text.
    public static let isoLength = 25

    /// ISO-8601 text in this zone, e.g. `2026-10-03T14:05:00+08:00` (SPEC §4.3).
    /// `iso` of a moment, to the second.
    public func iso(_ date: Date) -> String { iso(Int(date.timeIntervalSince1970)) }

    public func iso(_ epoch: Int) -> String {
        String(unsafeUninitializedCapacity: Self.isoLength) { buffer in
            writeISO(epoch, into: buffer)
            return Self.isoLength
        }
    }

    /// Writes `iso(epoch)` into the first `isoLength` bytes of `buffer`.
    package func writeISO(_ epoch: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        let off = offset(atEpoch: epoch)
        let local = epoch + off
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        Self.writeISO(CivilDate(daysSinceEpoch: days), secondsOfDay: local - days * 86_400, offset: off, into: buffer)
    }

    /// Writes a local wall-clock time with its offset, e.g. `2026-10-03T14:05:00+08:00`.
    package static func writeISO(_ date: CivilDate, secondsOfDay secs: Int, offset off: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        date.write(into: buffer)
        buffer[10] = 0x54
        writeDigits(secs / 3600, 2, into: buffer, at: 11); buffer[13] = 0x3A
        writeDigits((secs % 3600) / 60, 2, into: buffer, at: 14); buffer[16] = 0x3A
        writeDigits(secs % 60, 2, into: buffer, at: 17)
        let a = abs(off)
        buffer[19] = off < 0 ? 0x2D : 0x2B
        writeDigits(a / 3600, 2, into: buffer, at: 20); buffer[22] = 0x3A
        writeDigits((a % 3600) / 60, 2, into: buffer, at: 23)
    }
}

/// Writes `value` as `width` decimal digits, zero-padded, at `buffer[i...]`.
@inline(__always)
package func writeDigits(_ value: Int, _ width: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
    var v = value
    for k in stride(from: width - 1, through: 0, by: -1) {
        buffer[i + k] = UInt8(0x30 + v % 10)
        v /= 10
    }
}

/// Parses a date/time the way exports are parsed (`2026-11-01 00:00`, `2026/11/1`, …);
/// without a zone it is in `timeZone`. For `--as-of`.
public func parseMoment(_ text: String, timeZone: TimeZone) -> Date? {
    guard let m = Moment.parse(text) else { return nil }
    return Date(timeIntervalSince1970: TimeInterval(m.epoch(in: ZoneClock(timeZone: timeZone))))
}
