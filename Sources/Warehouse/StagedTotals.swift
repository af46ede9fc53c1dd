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
        self.days = nil
        dayCounts = days
    }

    /// `days` by date.
    package var dayCounts: [CivilDate: Int]? {
        get {
            days.map { counted in
                Dictionary(counted.compactMap { key, rows in Moment.parse(key).map { ($0.date, rows) } }, uniquingKeysWith: +)
            }
        }
        set { days = newValue.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.description, $0.value) }) } }
    }

    /// The table after `added`'s rows were inserted beside these (none replaced); nil when an event
    /// column's two latest texts are of one day with different UTC offsets (a daylight-saving
    /// change): in the repeated hour the greater text can be the earlier instant, which SQLite's `MAX`
    /// (bytes) and PostgreSQL's (instants) settle differently, so the table is scanned instead.
    package func adding(_ added: StagedTable) -> StagedTable? {
        for (column, text) in added.latest {
            if let mine = latest[column], Self.offsetsDiffer(onOneDay: mine, text) { return nil }
        }
        var sum = self
        sum.rows += added.rows
        sum.latest.merge(added.latest) { a, b in a.utf8.lexicographicallyPrecedes(b.utf8) ? b : a }
        if let mine = days, let theirs = added.days { sum.days = mine.merging(theirs, uniquingKeysWith: +) } else { sum.days = nil }
        return sum
    }
}

extension StagedTable {
    /// `2026-10-25T02:15:00+01:00` and `2026-10-25T02:30:00+02:00`: the same local day, the offset
    /// (what follows the seconds) not the same. Dates without a time never differ so.
    static func offsetsDiffer(onOneDay a: String, _ b: String) -> Bool {
        let a = Array(a.utf8), b = Array(b.utf8)
        guard a.count > 19, b.count > 19 else { return false }
        return a[..<10] == b[..<10] && a[19...] != b[19...]
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
    package static func carried(_ entity: Entity) -> Bool { entity.periodEventColumn != nil }
}
