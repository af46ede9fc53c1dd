import ScorecardModel
import ScorecardPipeline

/// Durations in calendar hours, or in working hours when the pipeline sets
/// `calendar: business` (SPEC §3.6): only the working day (default 08:30–17:30)
/// of working days counts. A working day is a listed weekday that is not a
/// holiday, or a date in `workdays_extra` (China's adjusted working weekends).
package struct WorkCalendar: Sendable {
    package let settings: CalendarSettings
    package let clock: ZoneClock

    package init(_ settings: CalendarSettings, clock: ZoneClock) {
        self.settings = settings
        self.clock = clock
    }

    package func isWorkingDay(_ d: CivilDate) -> Bool {
        if settings.workdaysExtra.contains(d) { return true }
        if settings.holidays.contains(d) { return false }
        return settings.weekdays.contains(d.isoWeekday)
    }

    /// Hours from `start` to `end` (instants); negative spans count as 0.
    package func hours(from start: Int, to end: Int) -> Double {
        guard end > start else { return 0 }
        if settings.kind == .calendar { return Double(end - start) / 3600 }
        var seconds = 0
        var day = clock.localDate(ofEpoch: start)
        let last = clock.localDate(ofEpoch: end)
        while day <= last {
            if isWorkingDay(day) {
                let open = clock.epoch(date: day, secondsOfDay: settings.workdayStart * 60)
                let close = clock.epoch(date: day, secondsOfDay: settings.workdayEnd * 60)
                let overlap = min(close, end) - max(open, start)
                if overlap > 0 { seconds += overlap }
            }
            day = day.adding(days: 1)
        }
        return Double(seconds) / 3600
    }
}
