/// The one time type: a date or date-time as an export or the warehouse writes it. `secondsOfDay`
/// is nil for a date-only value; `offset` (seconds east of UTC) is nil when the text names no zone.
/// Parsed once where the text is read (`Moment.parse`, every form real exports use, SPEC §2.1),
/// turned into an instant once (`epoch(in:)`) and formatted once (`ZoneClock.iso`).
package struct Moment: Equatable, Sendable {
    package var date: CivilDate
    package var secondsOfDay: Int?
    package var offset: Int?

    /// The instant; without an offset the time is local to `clock`'s zone.
    package func epoch(in clock: ZoneClock) -> Int {
        if let offset { return date.daysSinceEpoch * 86_400 + (secondsOfDay ?? 0) - offset }
        return clock.epoch(date: date, secondsOfDay: secondsOfDay ?? 0)
    }
}
