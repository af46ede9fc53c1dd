import Foundation
import ScorecardModel

/// Reads one export on a second thread while the caller stores rows: decoding,
/// CSV parsing, the row checks, the duplicate-key hashes and packing overlap with
/// SQLite's inserts (2 cores). Rows arrive in packed batches, in file order,
/// through a bounded `HandOff`, so memory stays bounded whatever the file's size.
package final class ParsedRowStream: @unchecked Sendable {
    private let batches = HandOff<PackedBatch>()
    /// Owned by the reading thread until it finishes (taken out while it reads); read after
    /// `next()` returned nil.
    private var accepted: AcceptedRows?

    /// Starts reading. `reader` belongs to the stream's thread until `next()` has
    /// returned nil; `accepted` is what the load's earlier files accepted.
    package init(reader: EntityFileReader, references: ReferenceCheck, accepted: AcceptedRows, width: Int, batchSize: Int = 2048) {
        self.accepted = accepted
        let box = Unchecked(reader)
        let thread = Thread { [self] in self.produce(box.value, references, width, batchSize) }
        thread.name = "scorecard-reader"
        thread.start()
    }

    deinit { batches.cancel() }

    /// The next batch, nil at the end of the file; rethrows the reader's error after the rows before it.
    package func next() throws -> PackedBatch? { try batches.next() }

    /// Seconds the reading thread waited for the store, and the store for the reader.
    package var waited: (reader: Double, store: Double) {
        let waited = batches.waited
        return (waited.producer, waited.consumer)
    }

    /// What the load accepted by the end of the file, once `next()` has returned nil (the
    /// hand-off's lock orders the reading thread's last write before this read).
    package var acceptedRows: AcceptedRows { accepted! }

    private func produce(_ reader: EntityFileReader, _ references: ReferenceCheck, _ width: Int, _ batchSize: Int) {
        // Used from a local, moved out (no copy of the key table): a class's stored property
        // is checked for exclusive access on every use, two million times here.
        var accepted = self.accepted.take()!
        var batch = PackedBatch(width: width, capacity: batchSize)
        do {
            while let outcome = try reader.next(into: &batch) {
                switch outcome {
                case .row:
                    if let rejected = references.check(&batch, reader: reader) {
                        batch.discardRow()
                        batch.rejects.append(rejected)
                    } else {
                        accepted.accept(lastRowOf: &batch)
                    }
                case .rejected(let rejected):
                    batch.rejects.append(rejected)
                case .notData:
                    break  // recorded by the reader, shown in the data-quality report
                }
                if batch.count >= batchSize {  // rejects of cut rows may come several at once
                    guard batches.push(batch) else { return }
                    batch = PackedBatch(width: width, capacity: batchSize)
                }
            }
            if batch.count > 0 { guard batches.push(batch) else { return } }
            self.accepted = accepted  // before finishing: the store reads it after the last batch
            batches.finish()
        } catch {
            if batch.count > 0 { guard batches.push(batch) else { return } }
            self.accepted = accepted
            batches.finish(error)
        }
    }
}

/// The referential checks of SPEC §2.3 against the master lists as they stand
/// when a file starts (managers and customers are loaded before the files that
/// refer to them), and the default manager of complaints and surveys (§2.2).
package struct ReferenceCheck: Sendable {
    package let entity: Entity
    private let managers: IDTable
    /// The customers known when the file starts, with their managers: shared with the load's
    /// master lists, not copied (none for the customers' own file, which adds to them).
    private let customers: CustomerOwners
    private let managerColumn: Int?
    private let customerColumn: Int?
    /// Derived lists (SPEC §2.7): every id a fact names is one — not checked.
    private let checkManagers: Bool
    private let checkCustomers: Bool

    /// - Parameter derived: the lists made from the facts (SPEC §2.7): their ids are not checked
    ///   (every id a fact names is one), and a missing manager is filled once they are made.
    package init(entity: Entity, managerIDs: Set<String>, customers: CustomerOwners, derived: Set<Entity> = []) {
        self.entity = entity
        let names = entity.columns.map(\.name)
        managerColumn = entity == .managers ? nil : names.firstIndex(of: "manager_id")
        customerColumn = entity == .customers ? nil : names.firstIndex(of: "customer_id")
        checkManagers = !derived.contains(.managers)
        checkCustomers = !derived.contains(.customers)
        managers = IDTable(managerColumn == nil ? [] : Array(managerIDs))
        self.customers = customerColumn == nil ? CustomerOwners() : customers
    }

    /// nil when the references of the batch's last row hold; fills a missing manager
    /// with the customer's.
    package func check(_ batch: inout PackedBatch, reader: EntityFileReader) -> RejectedRow? {
        // '' is a derived customer list's manager still to come (`DerivedMasterLists`).
        if checkManagers, let m = managerColumn, batch.withText(batch.lastRowCell(m), { !$0.isEmpty && managers.index(of: $0) == nil }) == true {
            return RejectedRow(file: reader.file, line: reader.line, column: "manager_id",
                               reason: .unknownManager(batch.string(batch.lastRowCell(m)) ?? ""), raw: reader.rawText)
        }
        if let c = customerColumn, let found = batch.withText(batch.lastRowCell(c), { customers.position(of: $0) }) {
            guard let owner = found else {
                if !checkCustomers { return nil }  // a derived customer: its manager is filled once the list is made
                return RejectedRow(file: reader.file, line: reader.line, column: "customer_id",
                                   reason: .unknownCustomer(batch.string(batch.lastRowCell(c)) ?? ""), raw: reader.rawText)
            }
            if let m = managerColumn, batch.lastRowCell(m) == .null { batch.setText(column: m, customers.manager(at: owner)) }
        }
        return nil
    }
}
