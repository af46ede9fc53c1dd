import GRDB

/// Questions about the staged data that decide the run's period and as_of (SPEC §1, §3).
enum StagedFacts {
    /// Activity columns that define the default period (SPEC §1).
    static let activityColumns = [("orders", "order_date"), ("visits", "visit_start"), ("complaints", "received_at"), ("surveys", "surveyed_at")]

    /// Every event column: all date/time columns except `due_date`, a plan (SPEC §3).
    static var eventColumns: [(String, String)] {
        Entity.allCases.flatMap { e in
            e.columns.compactMap { c -> (String, String)? in
                switch c.kind {
                case .timestamp, .date: return c.isPlan ? nil : (e.rawValue, c.name)
                default: return nil
                }
            }
        }
    }

    /// The latest instant among `columns`, or nil when they are all empty. One query
    /// per table (an unindexed column is a scan; a table is scanned once).
    static func latest(_ columns: [(String, String)], in db: Database, clock: ZoneClock) throws -> Int? {
        var best: Int?
        var tables: [String] = []
        for (table, _) in columns where !tables.contains(table) { tables.append(table) }
        for table in tables {
            let names = columns.filter { $0.0 == table }.map(\.1)
            guard let row = try Row.fetchOne(db, sql: "SELECT \(names.map { "MAX(\($0))" }.joined(separator: ", ")) FROM \(table)") else { continue }
            for i in names.indices {
                guard let text: String = row[i], let m = ValueParser.moment(text) else { continue }
                // Date-only columns: the end of that day is the latest moment it stands for.
                let epoch = m.secondsOfDay == nil ? clock.epoch(date: m.date.adding(days: 1)) - 1 : m.epoch(in: clock)
                best = max(best ?? epoch, epoch)
            }
        }
        return best
    }
}
