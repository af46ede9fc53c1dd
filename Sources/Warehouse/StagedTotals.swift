import Foundation
import ScorecardModel

/// What a staged table holds, as far as the run's period and as_of need it (SPEC §1, §2.7, §3):
/// its rows, the greatest text of each event column, and its rows per local day of its own date.
public struct StagedTable: Codable, Equatable, Sendable {
    public var rows: Int
    /// Column name → greatest text, as SQL's `MAX` compares text (byte by byte).
    public var latest: [String: String]
    /// `yyyy-mm-dd` → rows; nil when not counted.
    public var days: [String: Int]?

    package init(rows: Int, latest: [String: String], days: [CivilDate: Int]? = nil) {
        self.rows = rows
        self.latest = latest
        self.days = days.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.description, $0.value) }) }
    }

    package var dayCounts: [CivilDate: Int]? {
        days.map { counted in
            Dictionary(counted.compactMap { key, rows in Moment.parse(key).map { ($0.date, rows) } }, uniquingKeysWith: +)
        }
    }

    /// The table after `added`'s rows were inserted beside these (none replaced).
    package func adding(_ added: StagedTable) -> StagedTable {
        var sum = self
        sum.rows += added.rows
        sum.latest.merge(added.latest) { a, b in a.utf8.lexicographicallyPrecedes(b.utf8) ? b : a }
        if let mine = days, let theirs = added.days { sum.days = mine.merging(theirs, uniquingKeysWith: +) } else { sum.days = nil }
        return sum
    }
}

/// What the fact tables hold after a successful run, kept in `runs.staged`. The next run that
/// only adds rows to a table (its row count grew by exactly the rows it loaded, so none was
/// replaced) adds its own rows' values to these instead of scanning the table again (SPEC §6,
/// "Incremental": the bank-shaped set's monthly run scanned 11 M rows for 4.4 s).
public struct StagedTotals: Codable, Equatable, Sendable {
    /// By entity name.
    public var tables: [String: StagedTable] = [:]

    package init() {}

    package subscript(_ entity: Entity) -> StagedTable? {
        get { tables[entity.rawValue] }
        set { tables[entity.rawValue] = newValue }
    }

    /// Only the fact tables are carried: the stager alone writes them, so a row count that grew by
    /// the load's rows means nothing was replaced. The master lists also gain derived rows (SPEC §2.7).
    package static func carried(_ entity: Entity) -> Bool { Entity.periodEvents.contains { $0.0 == entity } }
}

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
            if needDays, Entity.periodEvents.contains(where: { $0.0 == entity }) {
                let days = try table?.dayCounts ?? db.eventDays(entity)
                out.perDay.merge(days, uniquingKeysWith: +)
                if table != nil, table?.days == nil { table = StagedTable(rows: table!.rows, latest: table!.latest, days: days) }
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
              try db.rowCount(entity) == before.rows + added.rows else { return nil }
        return before.adding(added)
    }
}
