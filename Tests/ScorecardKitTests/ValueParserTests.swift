import Foundation
import Testing
@testable import ScorecardKit

/// SPEC §2.1: timestamp and number forms.
@Suite struct ValueParserTests {
    typealias Moment = ValueParser.Moment
    static let oct3 = CivilDate(year: 2026, month: 10, day: 3)

    @Test(arguments: [
        ("2026-10-03 14:05", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026-10-03T14:05:00", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026-10-03T14:05:00+08:00", Moment(date: oct3, secondsOfDay: 50_700, offset: 28_800)),
        ("2026-10-03T14:05:00+0800", Moment(date: oct3, secondsOfDay: 50_700, offset: 28_800)),
        ("2026-10-03T06:05:00Z", Moment(date: oct3, secondsOfDay: 21_900, offset: 0)),
        ("2026-10-03 14:05:00.250", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026/10/3 14:05:07", Moment(date: oct3, secondsOfDay: 50_707, offset: nil)),
        ("2026年10月3日 14:05", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026年10月3日14时05分", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026-10-03", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("2026/10/3", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("2026年10月3日", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("2026.10.03", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("20261003", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("２０２６－１０－０３　１４：０５", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("2026-10-03 9:05", Moment(date: oct3, secondsOfDay: 32_700, offset: nil)),
    ])
    func parsesTimestamps(text: String, expected: Moment) {
        #expect(ValueParser.moment(text) == expected)
    }

    @Test(arguments: ["", "2026-13-01", "2026-02-30", "2026-10-03 24:00", "2026-10-03 14:60", "03/10/2026", "yesterday",
                      "2026-10", "2026-10-03 14", "2026/10-03", "2026-10-03 14:05 PM", "1800-01-01"])
    func rejectsOtherTimestamps(text: String) {
        #expect(ValueParser.moment(text) == nil)
    }

    @Test(arguments: [
        ("1234.5", 1234.5), ("1,234.50", 1234.5), ("¥1,234.50", 1234.5), ("￥1234", 1234), ("1234.50元", 1234.5),
        ("１２３４", 1234), ("￥１，２３４．５０", 1234.5), ("¥ 1,234.50 元", 1234.5), ("-12", -12), ("(12.00)", -12),
        ("-¥120.00", -120), ("0", 0), ("0.01", 0.01), ("1,234,567.89", 1_234_567.89), ("RMB 88", 88),
        ("88 cny", 88), ("Rmb1,234.50", 1234.5), ("- RMB 12", -12), ("-￥ 7", -7),
    ])
    func parsesNumbers(text: String, expected: Double) {
        #expect(ValueParser.number(text) == expected)
    }

    @Test(arguments: ["", "abc", "12a", "1.2.3", "1,23", "12,34.5", "¥", "1 234", "--1", "1e5", "RMB", "12 RM", "2026年"])
    func rejectsOtherNumbers(text: String) {
        #expect(ValueParser.number(text) == nil)
    }

    @Test func timestampsAreStoredInThePipelineZone() throws {
        let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let m = try #require(ValueParser.moment("2026-10-03T06:05:00Z"))
        #expect(clock.iso(m.epoch(in: clock)) == "2026-10-03T14:05:00+08:00")
        let local = try #require(ValueParser.moment("2026-10-03 00:00"))
        #expect(local.epoch(in: clock) == 1_790_985_600 - 8 * 3600)  // 2026-10-03T00:00Z minus 8 h
    }
}
