/// Questions about the staged data that decide the run's period and as_of (SPEC §1, §3).
enum StagedFacts {
    /// The latest instant of each event column (`Entity.eventColumns`), or nil when it is
    /// empty: one query per table (an unindexed column is a scan; a table is scanned once),
    /// but for the tables whose latest values the load saw (`known`, see `LoadReport.latestEvents`).
    static func latestEvents(in session: any WarehouseSession, clock: ZoneClock,
                             known: [Entity: [String: String]] = [:]) throws -> LatestEvents {
        var latest: [String: Int] = [:]
        func note(_ entity: Entity, _ name: String, _ text: String?) {
            // A date-only value stands for the start of its day (SPEC §3): the export
            // proves only that the day had begun.
            guard let text, let m = ValueParser.moment(text) else { return }
            latest["\(entity.rawValue).\(name)"] = m.epoch(in: clock)
        }
        for entity in Entity.allCases {
            let names = entity.eventColumns.map { entity.columns[$0].name }
            if names.isEmpty { continue }
            if let texts = known[entity] {
                for name in names { note(entity, name, texts[name]) }
                continue
            }
            try session.forEachRow("SELECT \(names.map { "MAX(\($0))" }.joined(separator: ", ")) FROM \(entity.rawValue)") { row in
                for (i, name) in names.enumerated() { note(entity, name, row.string(i)) }
            }
        }
        return LatestEvents(byColumn: latest)
    }

    /// The events that decide the default period (SPEC §2.7): orders, visits, complaints,
    /// surveys, service requests and visit plans, by their own date.
    static let periodEvents: [(Entity, String)] = [(.orders, "order_date"), (.visits, "visit_start"), (.complaints, "received_at"),
                                                   (.surveys, "surveyed_at"), (.serviceRequests, "reported_at"), (.visitPlans, "planned_date")]

    /// Events per local day in the pipeline's zone (times are stored in it: their text's date
    /// is the local day), for `DefaultPeriod`: one grouped scan per table, but for the tables
    /// whose rows the load counted (`known`, see `LoadReport.eventDays`; 2 M orders: 1.4 s).
    static func eventsPerDay(in session: any WarehouseSession, known: [Entity: [CivilDate: Int]] = [:]) throws -> [CivilDate: Int] {
        var days: [CivilDate: Int] = [:]
        for (entity, column) in periodEvents {
            if let counted = known[entity] {
                days.merge(counted, uniquingKeysWith: +)
                continue
            }
            // PostgreSQL keeps times as timestamptz: its date in the session's zone (the pipeline's).
            let day = session.dialect == .postgres ? "to_char(\(column), 'YYYY-MM-DD')" : "substr(\(column), 1, 10)"
            try session.forEachRow("SELECT \(day), COUNT(*) FROM \(entity.rawValue) WHERE \(column) IS NOT NULL GROUP BY 1") { row in
                guard let text = row.string(0), let date = ValueParser.moment(text)?.date else { return }
                days[date, default: 0] += row.int(1) ?? 0
            }
        }
        return days
    }

    /// The entity's staged table holds no row.
    static func isEmpty(_ entity: Entity, in session: any WarehouseSession) throws -> Bool {
        try !session.exists("SELECT 1 FROM \(entity.rawValue) LIMIT 1")
    }

    struct LatestEvents {
        let byColumn: [String: Int]

        /// The latest event of any kind: the default as_of (SPEC §3).
        var any: Int? { byColumn.values.max() }
    }
}
