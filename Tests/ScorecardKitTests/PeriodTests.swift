import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardModel
@testable import ScorecardReports

/// SPEC §1: periods as half-open local intervals.
@Suite struct PeriodTests {
    static let shanghai = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    @Test(arguments: [
        ("2026-W43", "2026-10-19", "2026-10-26"),
        ("2026-W01", "2025-12-29", "2026-01-05"),
        ("2026-W53", "2026-12-28", "2027-01-04"),
        ("2026-10", "2026-10-01", "2026-11-01"),
        ("2026-02-H2", "2026-02-16", "2026-03-01"),
        ("2024-02-H2", "2024-02-16", "2024-03-01"),
        ("2026-10-H1", "2026-10-01", "2026-10-16"),
        ("2026-Q4", "2026-10-01", "2027-01-01"),
        ("2026", "2026-01-01", "2027-01-01"),
    ])
    func parsesEveryForm(name: String, start: String, end: String) throws {
        let p = try Period(parsing: name)
        #expect(p.start.description == start)
        #expect(p.end.description == end)
        #expect(p.name == name)
    }

    @Test(arguments: ["2026-13", "2026-10-H3", "2026-Q5", "2025-W53", "26-10", "October", "2026-10-01"])
    func rejectsOtherNames(name: String) {
        #expect(throws: PeriodError.unparseable(name)) { _ = try Period(parsing: name) }
    }

    /// Issue 12, item 6: `--period 0000-01` wrote a folder `0-01`; before 1900 is a usage error.
    @Test(arguments: ["0000-01", "1899-12", "0001", "1800-Q1"])
    func rejectsPeriodsBefore1900(name: String) {
        #expect(throws: PeriodError.outsideYears(name)) { _ = try Period(parsing: name) }
    }

    /// Issue 25, item 14: `--period 9999-12` was accepted and as_of stored as year 0000.
    @Test(arguments: ["9999-12", "3000", "3000-01-H1", "9999-W01", "2999-12"])
    func rejectsPeriodsAfter2999(name: String) throws {
        if name == "2999-12" {
            #expect(try Period(parsing: name).end == CivilDate(year: 3000, month: 1, day: 1))
        } else {
            #expect(throws: PeriodError.outsideYears(name)) { _ = try Period(parsing: name) }
        }
    }

    @Test func previousPeriodOfTheSameKind() throws {
        #expect(try Period(parsing: "2026-10-H1").previous.name == "2026-09-H2")
        #expect(try Period(parsing: "2026-10-H2").previous.name == "2026-10-H1")
        #expect(try Period(parsing: "2026-01").previous.name == "2025-12")
        #expect(try Period(parsing: "2026-W01").previous.name == "2025-W52")
        #expect(try Period(parsing: "2026-Q1").previous.name == "2025-Q4")
    }

    @Test func boundariesAreMidnightInShanghai() throws {
        let p = try Period(parsing: "2026-10")
        let interval = p.interval(in: Self.shanghai)
        #expect(Self.shanghai.iso(interval.lowerBound) == "2026-10-01T00:00:00+08:00")
        #expect(Self.shanghai.iso(interval.upperBound) == "2026-11-01T00:00:00+08:00")
        // One second before midnight of 1 November is still October; midnight is not.
        let lastSecond = try #require(parseMoment("2026-10-31 23:59:59", timeZone: Self.shanghai.timeZone))
        let midnight = try #require(parseMoment("2026-11-01 00:00", timeZone: Self.shanghai.timeZone))
        #expect(interval.contains(Int(lastSecond.timeIntervalSince1970)))
        #expect(!interval.contains(Int(midnight.timeIntervalSince1970)))
        // The same instant in UTC is 16:00 on 31 October.
        #expect(Int(midnight.timeIntervalSince1970) == 1_793_462_400)
    }

    @Test func periodContainingADay() {
        let d = CivilDate(year: 2026, month: 10, day: 16)
        #expect(Period(kind: .halfMonth, containing: d).name == "2026-10-H2")
        #expect(Period(kind: .week, containing: d).name == "2026-W42")
        #expect(Period(kind: .quarter, containing: d).name == "2026-Q4")
    }
}

/// SPEC §4.1.1: periods read as a supervisor says them.
@Suite struct PeriodNameTests {
    @Test func periodsReadInTheReportLanguage() throws {
        let zh = Labels(language: .zhCN), en = Labels(language: .en)
        let cases: [(String, String, String)] = [
            ("2026-10", "2026年10月", "October 2026"), ("2026-10-H1", "2026年10月上半月", "1st half of October 2026"),
            ("2026-10-H2", "2026年10月下半月", "2nd half of October 2026"), ("2026-W43", "2026年第43周", "week 43 of 2026"),
            ("2026-Q4", "2026年第4季度", "Q4 2026"), ("2026", "2026年", "2026"),
        ]
        for (name, chinese, english) in cases {
            let p = try Period(parsing: name)
            #expect(zh.period(p) == chinese)
            #expect(en.period(p) == english)
        }
    }
}
