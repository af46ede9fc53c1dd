import ScorecardModel
import ScorecardIngest

/// A batch of staged orders as the warehouse read them, decoded where the caller folds them
/// (the order ledger decodes on its own thread while the warehouse reads on: SPEC §6).
/// The columns: customer, manager, order date, amount, cost, due date, paid date, status.
public struct StoredOrders: Sendable {
    package static let width = 8
    package var batch: PackedBatch

    package init(_ batch: PackedBatch) { self.batch = batch }

    package var count: Int { batch.rows.count }

    /// Each order of the batch with a readable order date, times as instants in `clock`'s zone.
    public func forEach(clock: ZoneClock, _ body: (OrderRecord) -> Void) {
        func date(_ row: PackedBatch.Row, _ column: Int) -> CivilDate? {
            batch.withText(batch.cell(row: row, column: column)) { Moment.parse(ascii: $0)?.date } ?? nil
        }
        for row in batch.rows {
            let status = batch.withText(batch.cell(row: row, column: 7)) { s in (s.elementsEqual("completed".utf8), s.elementsEqual("open".utf8)) }
            guard let at = batch.withText(batch.cell(row: row, column: 2), { Moment.parse(ascii: $0)?.epoch(in: clock) }) ?? nil
            else { continue }
            body(OrderRecord(customerID: batch.string(batch.cell(row: row, column: 0)) ?? "",
                             managerID: batch.string(batch.cell(row: row, column: 1)) ?? "", at: at,
                             amount: batch.double(batch.cell(row: row, column: 3)) ?? 0,
                             cost: batch.double(batch.cell(row: row, column: 4)),
                             dueDate: date(row, 5), paidDate: date(row, 6),
                             completed: status?.0 ?? false, open: status?.1 ?? false))
        }
    }
}
