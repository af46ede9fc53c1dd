import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardPipeline

/// SPEC §3.6: working hours only, with holidays and China's adjusted working weekends.
@Suite struct WorkCalendarTests {
    static func calendar(holidays: [String] = [], extra: [String] = []) -> WorkCalendar {
        var s = CalendarSettings()
        s.kind = .business
        s.holidays = Set(holidays.map(M.d))
        s.workdaysExtra = Set(extra.map(M.d))
        return WorkCalendar(s, clock: M.clock)
    }

    @Test func calendarHoursAreWallClock() {
        let c = WorkCalendar(CalendarSettings(), clock: M.clock)
        #expect(c.hours(from: M.t("2026-10-09 17:00"), to: M.t("2026-10-12 09:00")) == 64)
    }

    @Test func overAWeekendOnlyWorkingTimeCounts() {
        // Friday 2026-10-09 17:00 → Monday 10:30: 0.5 h Friday + 2 h Monday.
        #expect(Self.calendar().hours(from: M.t("2026-10-09 17:00"), to: M.t("2026-10-12 10:30")) == 2.5)
    }

    @Test func aHolidayDoesNotCount() {
        // Wednesday 2026-10-07 is a holiday: Tue 16:30 → Thu 09:30 = 1 h + 1 h.
        let c = Self.calendar(holidays: ["2026-10-07"])
        #expect(c.hours(from: M.t("2026-10-06 16:30"), to: M.t("2026-10-08 09:30")) == 2)
    }

    @Test func anAdjustedWorkingSaturdayCounts() {
        // Saturday 2026-10-10 is worked: Fri 17:00 → Mon 08:30 = 0.5 h + 9 h.
        let c = Self.calendar(extra: ["2026-10-10"])
        #expect(c.hours(from: M.t("2026-10-09 17:00"), to: M.t("2026-10-12 08:30")) == 9.5)
    }

    @Test func outsideWorkingHoursWithinADayIsZero() {
        #expect(Self.calendar().hours(from: M.t("2026-10-12 18:00"), to: M.t("2026-10-12 23:00")) == 0)
        #expect(Self.calendar().hours(from: M.t("2026-10-12 07:00"), to: M.t("2026-10-12 09:00")) == 0.5)
    }
}
