import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardWarehouse

extension PipelineRunner {
    /// Data quality, then the period and as_of (SPEC §1, §3). Quality comes first: a file
    /// whose rows were all rejected may leave no activity to take a period from, and its
    /// rejects are the news.
    ///
    /// - Throws: `RunError.qualityBelowThreshold`, `RunError.noActivity`.
    package static func settlePeriod(_ db: any WarehouseSession, runID: Int64, load: LoadReport, options: RunOptions, clock: ZoneClock,
                             timer: StageTimer) throws -> (RunSummary, MetricContext) {
        let t = Date()
        // The latest events are read only when the period or as_of is not given; the events per
        // day only when the period is not.
        let events = try StagedEvents.read(db, load: load, clock: clock, latest: options.period == nil || options.asOf == nil,
                                           perDay: options.period == nil)
        let latest = events.latest
        var load = load
        load.stagedAfter = events.totals
        // The default period by the events per period (SPEC §2.7), noted as an instant in it for
        // an unchanged rerun; not looked for when the period is given.
        let chosen = options.period == nil ? DefaultPeriod.choose(events.perDay, kind: options.config.periodKind) : nil
        if let chosen {
            try db.noteLatestActivity(clock.iso(clock.epoch(date: chosen.period.start)), runID: runID)
        }
        if !load.filesOverRejectRate(options.config.maxRejectRate).isEmpty {
            let period = options.period ?? chosen?.period
            let folder = (options.outputFolder as NSString).appendingPathComponent(period?.name ?? "no-period")
            let summary = RunSummary(runID: runID, period: period, asOf: nil, load: load, outputFolder: folder,
                                     files: [], stageSeconds: timer.stages)
            throw RunError.qualityBelowThreshold(summary, maxRejectRate: options.config.maxRejectRate)
        }
        guard let period = options.period ?? chosen?.period else { throw RunError.noActivity }
        let asOf = try settleAsOf(latest, period: period, given: options.asOf, clock: clock)
        timer.finished("period and as_of", Date().timeIntervalSince(t))
        var summary = RunSummary(runID: runID, period: period, asOf: asOf, load: load,
                                 outputFolder: (options.outputFolder as NSString).appendingPathComponent(period.name),
                                 files: [], stageSeconds: timer.stages)
        summary.defaultPeriod = chosen
        var ctx = MetricContext(period: period, asOf: asOf, config: options.config)
        // The exports whose KPIs and lists are left out when missing; no KPI comes from the teams export.
        for entity in load.filelessEntities where entity != .teams {
            if try db.isEmpty(entity) { ctx.absent.insert(entity) }
        }
        return (summary, ctx)
    }

    /// The latest period of `kind` holding at least a tenth of the busiest period's events (SPEC §2.7).
    /// - Throws: `RunError.noActivity` when the data has no event at all.
    package static func defaultPeriod(_ db: any WarehouseSession, kind: Period.Kind) throws -> DefaultPeriod {
        let days = try Entity.periodEvents.reduce(into: [CivilDate: Int]()) { $0.merge(try db.eventDays($1.0), uniquingKeysWith: +) }
        guard let chosen = DefaultPeriod.choose(days, kind: kind) else { throw RunError.noActivity }
        return chosen
    }

    /// `--as-of`, else the latest event in the data but never before the period end (SPEC §3).
    /// - Throws: `UsageError.asOfBeforePeriodEnd`: before the end, visits, surveys and sales
    ///   after as_of would count while coverage did not (issue 25).
    package static func settleAsOf(_ latest: LatestEvents, period: Period, given: Date?, clock: ZoneClock) throws -> Int {
        let end = clock.epoch(date: period.end)
        if let given {
            let at = Int(given.timeIntervalSince1970)
            try requireAsOf(at, notBefore: period, clock: clock)
            return at
        }
        return max(latest.any ?? end, end)
    }

    /// - Throws: `UsageError.asOfBeforePeriodEnd` when `at` is before `period`'s end.
    package static func requireAsOf(_ at: Int, notBefore period: Period, clock: ZoneClock) throws {
        let end = clock.epoch(date: period.end)
        guard at >= end else { throw UsageError.asOfBeforePeriodEnd(asOf: clock.iso(at), period: period.name, end: clock.iso(end)) }
    }
}
