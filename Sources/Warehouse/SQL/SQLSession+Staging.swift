import ScorecardModel
import ScorecardWarehouse

/// What the load asks of the staged tables (SPEC §2.3, §2.7), and what they say about the
/// run's period and as_of (SPEC §1, §3).
extension SQLSession {
    /// The rows an export staged, not a derivation (their `source_file` is not the marker, a parameter).
    static var exported: String { "source_file IS NULL OR source_file <> ?" }

    package func masterLists(derivedCustomers: Bool) throws -> MasterLists {
        var managers = Set<String>()
        try forEachRow("SELECT manager_id FROM managers") { managers.insert($0.text(0)) }
        var lists = MasterLists(managerIDs: managers)
        // Row by row: 1.1 M customers as an array of rows peaked at ~0.3 GB on the way (issue 10).
        let exported = derivedCustomers ? " WHERE \(Self.exported)" : ""
        try forEachRow("SELECT customer_id, manager_id FROM customers\(exported)", derivedCustomers ? [DerivedMasterLists.marker] : []) {
            lists.customers.set($0.text(0), manager: $0.text(1))
        }
        return lists
    }

    package func isEmpty(_ entity: Entity) throws -> Bool {
        try !exists("SELECT 1 FROM \(entity.rawValue) LIMIT 1")
    }

    package func forEachExportedCustomer(_ body: (_ id: String, _ managerID: String) -> Void) throws {
        try forEachRow("SELECT customer_id, manager_id FROM customers WHERE \(Self.exported)", [DerivedMasterLists.marker]) {
            body($0.text(0), $0.text(1))
        }
    }

    package func exportedManagerIDs() throws -> Set<String> {
        var ids = Set<String>()
        try forEachRow("SELECT manager_id FROM managers WHERE \(Self.exported)", [DerivedMasterLists.marker]) {
            ids.insert($0.text(0))
        }
        return ids
    }

    package func assignManager(_ managerID: String, toCustomer customerID: String) throws {
        try execute("UPDATE customers SET manager_id = ? WHERE customer_id = ?", [managerID, customerID])
    }

    package func fillFactManagersFromCustomers() throws {
        for (entity, _) in Entity.periodEvents {
            try execute("""
                UPDATE \(entity.rawValue) SET manager_id = (SELECT c.manager_id FROM customers c WHERE c.customer_id = \(entity.rawValue).customer_id)
                WHERE manager_id IS NULL OR manager_id = ''
                """)
        }
    }

    package func managerIDsOfCustomers() throws -> Set<String> {
        var ids = Set<String>()
        try forEachRow("SELECT DISTINCT manager_id FROM customers") { ids.insert($0.text(0)) }
        return ids
    }

    package func forEachFactParty(clock: ZoneClock, _ body: (FactParty) -> Void) throws {
        for (entity, date) in Entity.periodEvents {
            try forEachRow("""
                SELECT customer_id, customer_name, manager_id, manager_name, team, \(date), source_file, source_line FROM \(entity.rawValue)
                """) { r in
                let at = r.string(5).flatMap { Moment.parse($0)?.epoch(in: clock) } ?? Int.min
                body(FactParty(customerID: r.text(0), customerName: r.string(1), managerID: r.string(2), managerName: r.string(3),
                               team: r.string(4), at: at, file: r.string(6) ?? "", line: r.int(7) ?? 0))
            }
        }
    }

    /// One scan: the rows and the greatest text of each event column that has a value.
    package func stagedLatest(_ entity: Entity) throws -> StagedTable {
        let names = entity.eventColumns.map { entity.columns[$0].name }
        var table = StagedTable(rows: 0, latest: [:])
        try forEachRow("SELECT COUNT(*)\(names.map { ", MAX(\($0))" }.joined()) FROM \(entity.rawValue)") { row in
            table.rows = row.int(0) ?? 0
            for (i, name) in names.enumerated() { if let text = row.string(i + 1) { table.latest[name] = text } }
        }
        return table
    }

    package func rowCount(_ entity: Entity) throws -> Int {
        var rows = 0
        try forEachRow("SELECT COUNT(*) FROM \(entity.rawValue)") { rows = $0.int(0) ?? 0 }
        return rows
    }

    /// Events per local day in the pipeline's zone (times are stored in it: their text's date
    /// is the local day): one grouped scan of the entity's own date (`Entity.periodEvents`).
    package func eventDays(_ entity: Entity) throws -> [CivilDate: Int] {
        guard let column = entity.periodEventColumn else { return [:] }
        var days: [CivilDate: Int] = [:]
        // PostgreSQL keeps times as timestamptz: its date in the session's zone (the pipeline's).
        let day = dialect == .postgres ? "to_char(\(column), 'YYYY-MM-DD')" : "substr(\(column), 1, 10)"
        try forEachRow("SELECT \(day), COUNT(*) FROM \(entity.rawValue) WHERE \(column) IS NOT NULL GROUP BY 1") { row in
            guard let text = row.string(0), let date = Moment.parse(text)?.date else { return }
            days[date, default: 0] += row.int(1) ?? 0
        }
        return days
    }
}
