/// The period a run reports when none is given (SPEC §2.7, "The default period"): the
/// latest period of the pipeline's kind holding at least a tenth as many events as the
/// busiest period of the data, so that a handful of stray late rows (two visits dated a
/// year after the rest) does not decide it.
public struct DefaultPeriod: Sendable, Equatable {
    /// The period chosen.
    public var period: Period
    /// The latest later period passed over for holding too few events, with its count.
    public var passedOver: PassedOver?
    /// The events of the busiest period.
    public var busiest: Int

    public struct PassedOver: Sendable, Equatable {
        public var period: Period
        public var events: Int
    }

    /// Chooses from the events per local day; nil when there is none.
    public static func choose(_ eventsPerDay: [CivilDate: Int], kind: Period.Kind) -> DefaultPeriod? {
        var perPeriod: [Period: Int] = [:]
        for (day, count) in eventsPerDay where count > 0 { perPeriod[Period(kind: kind, containing: day), default: 0] += count }
        guard let busiest = perPeriod.values.max() else { return nil }
        let ordered = perPeriod.keys.sorted()
        // The latest period holding at least a tenth of the busiest one's events.
        guard let chosen = ordered.last(where: { perPeriod[$0]! * 10 >= busiest }) else { return nil }
        let later = ordered.last.flatMap { $0 > chosen ? $0 : nil }
        return DefaultPeriod(period: chosen, passedOver: later.map { PassedOver(period: $0, events: perPeriod[$0]!) }, busiest: busiest)
    }
}
