import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// Master lists made from the facts (SPEC §2.7, "Master lists derived"): most shops have no
/// manager list and many exports no customer list. A customer is named by its latest fact's
/// `customer_name` (else the latest fact that has one, else its id) and assigned to the manager
/// of its latest fact that names one, else to `inputs.customers.constants.manager_id`; a manager
/// is named and teamed by its latest fact that has them. "Latest" is the fact's own date; on a
/// tie, the later row. An exported list's rows win: only the ids it lacks are added, staged like
/// exported rows (a later real export replaces them).
package enum DerivedMasterLists {
    /// The `source_file` of derived rows.
    package static let marker = "(derived from the facts)"

    /// Where a fact stands among a customer's or manager's facts: its date, then its place.
    package struct Place: Comparable {
        package var at: Int
        package var file: String
        package var line: Int
        package static func < (a: Place, b: Place) -> Bool { (a.at, a.file, a.line) < (b.at, b.file, b.line) }
    }

    /// The latest value of one field among the facts that have it.
    package struct Latest {
        package var place: Place?
        package var value: String?

        package mutating func offer(_ value: String?, at place: Place) {
            guard let value, !value.isEmpty, self.place.map({ $0 < place }) ?? true else { return }
            self.place = place
            self.value = value
        }
    }

    package struct Customer {
        package var name = Latest()
        package var manager = Latest()
    }

    package struct Manager {
        package var name = Latest()
        package var team = Latest()
    }

    /// Derives `lists` into the session's staged tables; how many ids each gained and holds.
    package static func derive(_ lists: Set<Entity>, config: PipelineConfig, runID: Int64, into session: any WarehouseSession) throws
        -> [(entity: Entity, added: Int, total: Int)] {
        let clock = ZoneClock(timeZone: config.timeZone)
        var customers: [String: Customer] = [:]
        var managers: [String: Manager] = [:]
        try session.forEachFactParty(clock: clock) { fact in
            let place = Place(at: fact.at, file: fact.file, line: fact.line)
            customers[fact.customerID, default: Customer()].name.offer(fact.customerName, at: place)
            customers[fact.customerID, default: Customer()].manager.offer(fact.managerID, at: place)
            if let managerID = fact.managerID, !managerID.isEmpty {
                managers[managerID, default: Manager()].name.offer(fact.managerName, at: place)
                managers[managerID, default: Manager()].team.offer(fact.team, at: place)
            }
        }
        var out: [(entity: Entity, added: Int, total: Int)] = []
        if lists.contains(.customers) {
            // Exported rows stay; rows derived by an earlier run are derived again (a later fact may
            // rename a customer or move it to another manager: as a fresh load of the folder would).
            var existing = Set<String>()
            var withoutManager: [String] = []
            try session.forEachExportedCustomer { id, manager in
                existing.insert(id)
                if manager.isEmpty { withoutManager.append(id) }
            }
            let fallback = config.input(.customers).constants["manager_id"]
            // An exported customer without a manager takes the derived one.
            for id in withoutManager.sorted() {
                guard let manager = customers[id]?.manager.value ?? fallback else { throw DerivationError.noManager(customer: id) }
                try session.assignManager(manager, toCustomer: id)
            }
            var rows: [[String?]] = []
            for id in customers.keys.sorted() where !existing.contains(id) {
                let c = customers[id]!
                guard let manager = c.manager.value ?? fallback else { throw DerivationError.noManager(customer: id) }
                rows.append([id, c.name.value ?? id, manager, Region.defaultValue, nil, nil])
            }
            try stage(rows, of: .customers, runID: runID, into: session)
            out.append((.customers, rows.count, existing.count + rows.count))
        }
        // The facts without a manager take their customer's (SPEC §2.2), now that it is known.
        try session.fillFactManagersFromCustomers()
        if lists.contains(.managers) {
            let existing = try session.exportedManagerIDs()
            let ids = Set(managers.keys).union(try session.managerIDsOfCustomers())
            var rows: [[String?]] = []
            for id in ids.sorted() where !existing.contains(id) && !id.isEmpty {
                let m = managers[id] ?? Manager()
                rows.append([id, m.name.value ?? id, m.team.value, ManagerStatus.defaultValue, nil, Territory.defaultValue])
            }
            try stage(rows, of: .managers, runID: runID, into: session)
            out.append((.managers, rows.count, existing.count + rows.count))
        }
        return out.sorted { $0.entity == .managers && $1.entity == .customers }
    }

    /// Stages derived rows (the entity's columns in order) like an export's.
    package static func stage(_ rows: [[String?]], of entity: Entity, runID: Int64, into session: any WarehouseSession) throws {
        guard !rows.isEmpty else { return }
        let stager = try session.stager(for: entity, runID: runID, dimensions: [], bulk: false)
        var batch = PackedBatch(width: entity.columns.count, capacity: rows.count)
        for (i, row) in rows.enumerated() {
            batch.beginRow(line: i + 1)
            for value in row { if let value { batch.appendText(value) } else { batch.append(.null) } }
        }
        try batch.bytes.withUnsafeBufferPointer { bytes in
            for row in batch.rows { try stager.stage(row, of: batch, bytes: bytes, file: marker) }
        }
        _ = try stager.finish()
    }
}

/// A master list that cannot be derived as the data stands.
public enum DerivationError: LocalizedError, Equatable {
    case noManager(customer: String)

    public var errorDescription: String? {
        switch self {
        case .noManager(let customer):
            return "Customer \(customer) is named by facts but none of them names a manager, so the derived customer list cannot assign it. "
                + "Give every customer's manager under inputs.customers.constants.manager_id in the pipeline (a shop with one owner: the owner), "
                + "or map a manager column in the facts."
        }
    }
}
