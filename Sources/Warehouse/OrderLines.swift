import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// `lines: sum` (SPEC §2.7): the rows sharing an `order_id` in one load are the lines of one
/// order. Amount and cost are the lines' exact amounts summed, then converted by `fx` and
/// rounded once to the cent; `order_date` is the earliest line's; every other column the
/// first line's (in file order). A line naming another customer than the first is rejected.
///
/// The orders of the load are held until it ends (one entry per order, not per line): a
/// POS or PO export's lines are summed whichever files they are spread over.
package struct OrderLines {
    package struct Order {
        package var file: String
        package var line: Int
        package var values: [StoredValue]
        package var amount: ExactAmount?
        package var cost: ExactAmount?
        package var earliest: Int
        /// Every line after the first (file index in `files`, line): rejected with the order.
        package var more: [(file: Int32, line: Int32)] = []
        /// A line's amount that could not be summed exactly: the order is rejected.
        package var unsummable = false
    }

    private let columns: [ColumnSpec]
    private let money: MoneyRule?
    private let clock: ZoneClock
    private let customer: Int, date: Int, amount: Int, cost: Int, currency: Int
    private var orders: [String: Int] = [:]
    /// The load's files, for `Order.more`.
    private var files: [String] = []

    private mutating func fileIndex(_ file: String) -> Int32 {
        if files.last == file { return Int32(files.count - 1) }
        if let i = files.firstIndex(of: file) { return Int32(i) }
        files.append(file)
        return Int32(files.count - 1)
    }
    private var entries: [Order] = []
    /// Lines rejected so far: file, line, reason.
    package private(set) var rejected: [(file: String, line: Int, column: String, reason: RejectReason)] = []

    package init(columns: [ColumnSpec], config: PipelineConfig, clock: ZoneClock) {
        self.columns = columns
        money = MoneyRule(columns: columns, currency: config.currency, fx: config.fx)
        self.clock = clock
        let index = { (name: String) in columns.firstIndex { $0.name == name }! }
        customer = index("customer_id"); date = index("order_date"); amount = index("amount"); cost = index("cost"); currency = index("currency")
    }

    /// Adds one line (money columns as exact decimal text, see `EntityFileReader`).
    package mutating func add(_ row: PackedBatch.Row, of batch: PackedBatch, file: String) {
        func value(_ k: Int) -> StoredValue {
            switch batch.cell(row: row, column: k) {
            case .null: return .null
            case .text: return .text(batch.string(batch.cell(row: row, column: k)) ?? "")
            case .real(let v): return .real(v)
            case .integer(let v): return .integer(Int64(v))
            }
        }
        var unreadable = false
        func exact(_ k: Int) -> ExactAmount? {
            let read: ExactAmount?? = batch.withText(batch.cell(row: row, column: k)) { ExactAmount(text: $0) }
            if case .some(.none) = read { unreadable = true }
            return read ?? nil
        }
        let id = batch.string(batch.cell(row: row, column: 0)) ?? ""
        let parsed: Int?? = batch.withText(batch.cell(row: row, column: date)) { Moment.parse(ascii: $0)?.epoch(in: clock) }
        let at = (parsed ?? nil) ?? Int.max
        guard let index = orders[id] else {
            orders[id] = entries.count
            var order = Order(file: file, line: row.line, values: (0..<columns.count).map(value), amount: exact(amount), cost: exact(cost),
                              earliest: at)
            order.unsummable = unreadable
            entries.append(order)
            return
        }
        var order = entries[index]
        let lineCustomer = batch.string(batch.cell(row: row, column: customer)) ?? ""
        guard case .text(let first) = order.values[customer], first == lineCustomer else {
            if case .text(let first) = order.values[customer] {
                rejected.append((file, row.line, "customer_id", .lineOfOtherCustomer(order: id, customer: lineCustomer, first: first)))
            }
            return
        }
        let (lineAmount, lineCost) = (exact(amount), exact(cost))
        order.unsummable = order.unsummable || unreadable
            || (order.amount != nil && lineAmount != nil && order.amount!.plus(lineAmount!) == nil)
            || (order.cost != nil && lineCost != nil && order.cost!.plus(lineCost!) == nil)
        order.amount = Self.sum(order.amount, lineAmount)
        order.cost = Self.sum(order.cost, lineCost)
        order.more.append((fileIndex(file), Int32(clamping: row.line)))
        if at < order.earliest {
            order.earliest = at
            order.values[date] = value(date)
        }
        entries[index] = order
    }

    private static func sum(_ a: ExactAmount?, _ b: ExactAmount?) -> ExactAmount? {
        guard let a else { return b }
        guard let b else { return a }
        return a.plus(b)
    }

    /// Stages every order, its money converted and rounded once; the orders that cannot be
    /// (no rate, above the maximum) are rejected on their first line.
    package mutating func flush(into stager: any EntityStager) throws {
        var batch = PackedBatch(width: columns.count, capacity: 1024)
        var rowFiles: [String] = []
        func send() throws {
            try batch.bytes.withUnsafeBufferPointer { bytes in
                for (row, file) in zip(batch.rows, rowFiles) { try stager.stage(row, of: batch, bytes: bytes, file: file) }
            }
            batch = PackedBatch(width: columns.count, capacity: 1024)
            rowFiles = []
        }
        for order in entries {
            let code: String? = if case .text(let c) = order.values[currency] { c } else { nil }
            var cells = order.values
            var failed = false
            for (k, total) in [(amount, order.amount), (cost, order.cost)] {
                guard let total, !order.unsummable else {
                    if order.unsummable { failed = true; break }
                    continue
                }
                let converted: ExactAmount? = if let money { money.convert(total, currency: code) } else { total }
                guard let converted, let cents = converted.cents, cents <= MoneyRule.maximumCents else {
                    failed = true
                    break
                }
                cells[k] = .real(ExactAmount.double(cents: cents))
            }
            if failed {
                // Every line of the order is rejected with it (SPEC §2.3: rows read = loaded + rejected).
                let reason = RejectReason.tooLarge(order.amount?.text ?? order.cost?.text ?? "")
                rejected.append((order.file, order.line, columns[amount].name, reason))
                for extra in order.more { rejected.append((files[Int(extra.file)], Int(extra.line), columns[amount].name, reason)) }
                continue
            }
            batch.beginRow(line: order.line)
            for cell in cells {
                switch cell {
                case .null: batch.append(.null)
                case .text(let t): batch.appendText(t)
                case .real(let v): batch.append(.real(v))
                case .integer(let v): batch.append(.integer(Int(v)))
                }
            }
            rowFiles.append(order.file)
            if batch.rows.count == 1024 { try send() }
        }
        try send()
        entries = []
        orders = [:]
        files = []
    }
}
