import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardIngest
@testable import ScorecardModel
@testable import ScorecardPipeline

/// SPEC §2.1: timestamp and number forms.
@Suite struct ValueParserTests {
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
        #expect(Moment.parse(text) == expected)
    }

    @Test(arguments: ["", "2026-13-01", "2026-02-30", "2026-10-03 24:00", "2026-10-03 14:60", "03/10/2026", "yesterday",
                      "2026-10", "2026-10-03 14", "2026/10-03", "2026-10-03 14:05 PM", "1800-01-01"])
    func rejectsOtherTimestamps(text: String) {
        #expect(Moment.parse(text) == nil)
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
        let m = try #require(Moment.parse("2026-10-03T06:05:00Z"))
        #expect(clock.iso(m.epoch(in: clock)) == "2026-10-03T14:05:00+08:00")
        let local = try #require(Moment.parse("2026-10-03 00:00"))
        #expect(local.epoch(in: clock) == 1_790_985_600 - 8 * 3600)  // 2026-10-03T00:00Z minus 8 h
    }

    // MARK: What Excel and WPS make of exports (SPEC §2.1, §2.5)

    @Test(arguments: [
        ("46298", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("46298.5", Moment(date: oct3, secondsOfDay: 43_200, offset: nil)),
        ("46298.5868", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),  // 0.5868 d = 14:04:59.5 → 14:05:00
        ("46298.99999999", Moment(date: oct3.adding(days: 1), secondsOfDay: 0, offset: nil)),
        ("46298 14:05", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("10000", Moment(date: CivilDate(year: 1927, month: 5, day: 18), secondsOfDay: nil, offset: nil)),
        ("202610031405", Moment(date: oct3, secondsOfDay: 50_700, offset: nil)),
        ("20261003140507", Moment(date: oct3, secondsOfDay: 50_707, offset: nil)),
        ("2026.10.3", Moment(date: oct3, secondsOfDay: nil, offset: nil)),
        ("2026-10-03T14:05:07.123", Moment(date: oct3, secondsOfDay: 50_707, offset: nil)),
        ("2026-10-03T14:05:07.123+08:00", Moment(date: oct3, secondsOfDay: 50_707, offset: 28_800)),
    ])
    func parsesExcelForms(text: String, expected: Moment) {
        #expect(Moment.parse(text) == expected)
    }

    @Test(arguments: ["9999", "46298.", "46298.5x", "2026100314", "202610031460", "20261303140500", "462981", "46298 25:00"])
    func rejectsNearExcelForms(text: String) {
        #expect(Moment.parse(text) == nil)
    }

    @Test func yearLastDatesNeedADateOrder() {
        #expect(Moment.parse("10/3/2026") == nil)
        #expect(Moment.parse("10/3/2026", order: .mdy) == Moment(date: Self.oct3, secondsOfDay: nil, offset: nil))
        #expect(Moment.parse("3/10/2026 14:05", order: .dmy) == Moment(date: Self.oct3, secondsOfDay: 50_700, offset: nil))
        #expect(Moment.parse("25/10/2026", order: .mdy) == nil)  // no 25th month
        #expect(Moment.parse("2026/10/3", order: .dmy) == Moment(date: Self.oct3, secondsOfDay: nil, offset: nil))  // year first stays year first
        #expect(RejectReason.unparseableDate("10/3/2026").description.contains("set date_order: mdy or dmy"))
        #expect(!RejectReason.unparseableDate("yesterday").description.contains("date_order"))
    }

    @Test(arguments: [("1.5万", 15_000.0), ("2亿", 200_000_000), ("1.5万元", 15_000), ("¥3万", 30_000), ("１２万", 120_000), ("0.25万 元", 2_500)])
    func parsesChineseUnits(text: String, expected: Double) {
        #expect(ValueParser.number(text) == expected)
    }

    @Test(arguments: ["万", "1万2", "万1", "1.5万万"])
    func rejectsMisplacedUnits(text: String) {
        #expect(ValueParser.number(text) == nil)
    }

    @Test(arguments: [("6.20123E+17", true), ("2.50623e14", true), ("6E+17", true), ("1.5E-3", true), ("620123456789012345", false),
                      ("E+17", false), ("6.2E", false), ("XS-2026-1E5", false), ("12e", false), ("1.2.3E4", false)])
    func recognisesScientificIDs(text: String, scientific: Bool) {
        var bytes = Array(text.utf8)
        #expect(bytes.withUnsafeMutableBufferPointer { ValueParser.isScientific(UnsafeBufferPointer($0)) } == scientific)
    }

    @Test func placeholdersMatchWithoutCase() {
        let p = Placeholders(InputSpec.defaultMissing)
        for text in ["-", "--", "—", "－", "/", "N/A", "n/a", "NA", "#N/A", "NULL", "null", "Null"] {
            var b = Array(text.utf8)
            #expect(b.withUnsafeMutableBufferPointer { p.matches(UnsafeBufferPointer($0)) }, "\(text)")
        }
        for text in ["-1", "NAN", "N", "", "0", "none"] {
            var b = Array(text.utf8)
            #expect(!b.withUnsafeMutableBufferPointer { p.matches(UnsafeBufferPointer($0)) }, "\(text)")
        }
    }

    @Test(arguments: [
        ("2026-10-03 2:05 PM", 50_700), ("2026/10/3 2:05:07 pm", 50_707), ("2026-10-03 12:05 AM", 300), ("2026-10-03 12:05 PM", 43_500),
        ("2026/10/3 下午 2:05", 50_700), ("2026/10/3 上午 9:05:00", 32_700), ("2026年10月3日 下午2:05", 50_700), ("2026-10-03 AM 9:05", 32_700),
    ])
    func parsesTwelveHourClocks(text: String, seconds: Int) {
        #expect(Moment.parse(text) == Moment(date: Self.oct3, secondsOfDay: seconds, offset: nil))
    }

    @Test(arguments: ["2026-10-03 13:05 PM", "2026-10-03 0:05 AM", "2026-10-03 2:05 XM", "2026/10/3 下午", "2026/10/3 中午 2:05"])
    func rejectsBadTwelveHourClocks(text: String) {
        #expect(Moment.parse(text) == nil)
    }

    @Test(arguments: [
        ("2026-10-03", "14:05", "2026-10-03 14:05"), ("2026-10-03 00:00:00", "14:05:07", "2026-10-03 14:05:07"),
        ("2026-10-03T00:00", "9:30", "2026-10-03 9:30"), ("2026/10/3", "0.5868", "2026/10/3 14:05:00"), ("2026/10/3", ".5", "2026/10/3 12:00:00"),
        ("2026-10-03 08:00", "", "2026-10-03 08:00"), ("46298", "0.25", "46298 06:00:00"), ("46298.0", "14:05", "46298 14:05"), ("46298.5", "", "46298.5"),
    ])
    func joinsDateAndTimeCells(date: String, time: String, joined: String) {
        var d = Array(date.utf8), t = Array(time.utf8)
        var out = [UInt8](repeating: 0, count: Moment.joinedCapacity(date: d.count, time: t.count))
        let n = d.withUnsafeMutableBufferPointer { db in
            t.withUnsafeMutableBufferPointer { tb in
                out.withUnsafeMutableBufferPointer { Moment.joinDateAndTime(UnsafeBufferPointer(db), UnsafeBufferPointer(tb), into: $0) }
            }
        }
        #expect(String(decoding: out[0..<n], as: UTF8.self) == joined)
    }
}
