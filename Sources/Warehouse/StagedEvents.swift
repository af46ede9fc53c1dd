import ScorecardModel

/// The staged tables' latest events and events per day, each table's read from what the load
/// knows of it when it can, else scanned (SPEC §1, §3, §2.7); with the totals for `runs.staged`.
package struct StagedEvents {
    package var latest = LatestEvents(byColumn: [:])
    package var perDay: [CivilDate: Int] = [:]
    package var totals = StagedTotals()

    /// - Parameters:
    ///   - latest: whether the latest events are needed (not when the period and as_of are given).
    ///   - perDay: whether the events per day are needed (not when the period is given).
    package static func read(_ db: any WarehouseSession, load: LoadReport, clock: ZoneClock,
                             latest needLatest: Bool, perDay needDays: Bool) throws -> StagedEvents {
        var out = StagedEvents()
        guard needLatest || needDays else { return out }
        var latest: [String: Int] = [:]
        for entity in Entity.allCases where !entity.eventColumns.isEmpty {
            var table = try known(entity, db: db, load: load)
            if needLatest {
                if table == nil { table = try db.stagedLatest(entity) }
                for (column, text) in table?.latest ?? [:] {
                    // A date-only value stands for the start of its day (SPEC §3): the export
                    // proves only that the day had begun.
                    if let m = Moment.parse(text) { latest["\(entity.rawValue).\(column)"] = m.epoch(in: clock) }
                }
            }
            if needDays, entity.periodEventColumn != nil {
                let days = try table?.dayCounts ?? db.eventDays(entity)
                out.perDay.merge(days, uniquingKeysWith: +)
                if table?.days == nil { table?.dayCounts = days }
            }
            if StagedTotals.carried(entity), let table { out.totals[entity] = table }
        }
        out.latest = LatestEvents(byColumn: latest)
        return out
    }

    /// What the load knows of `entity`'s table without a scan: its own rows when the table holds
    /// only them, or the last run's totals plus its rows when it only added rows.
    private static func known(_ entity: Entity, db: any WarehouseSession, load: LoadReport) throws -> StagedTable? {
        if let own = load.ownEvents[entity] { return own }
        guard StagedTotals.carried(entity), let added = load.addedEvents[entity], let before = load.stagedBefore?[entity],
              let sum = before.adding(added), try db.rowCount(entity) == sum.rows else { return nil }
        return sum
    }
}
