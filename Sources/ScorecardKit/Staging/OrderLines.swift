import Foundation

/// `lines: sum` (SPEC §2.7): the rows sharing an `order_id` in one load are the lines of one
/// order. Amount and cost are the lines' exact amounts summed, then converted by `fx` and
/// rounded once to the cent; `order_date` is the earliest line's; every other column the
/// first line's (in file order). A line naming another customer than the first is rejected.
///
/// The orders of the load are held until it ends (one entry per order, not per line): a
/// POS or PO export's lines are summed whichever files they are spread over.
struct OrderLines {
    enum Value {
        case null, text(String), real(Double), integer(Int)
    }

    struct Order {
        var file: String
        var line: Int
        var values: [Value]
        var amount: ExactAmount?
        var cost: ExactAmount?
        var earliest: Int
    }

    private let columns: [ColumnSpec]
    private let money: MoneyRule?
    private let clock: ZoneClock
    private let customer: Int, date: Int, amount: Int, cost: Int, currency: Int
    private var orders: [String: Int] = [:]
    private var entries: [Order] = []
    /// Lines rejected so far: file, line, reason.
    private(set) var rejected: [(file: String, line: Int, column: String, reason: RejectReason)] = []

    init(columns: [ColumnSpec], config: PipelineConfig, clock: ZoneClock) {
        self.columns = columns
        money = MoneyRule(columns: columns, currency: config.currency, fx: config.fx)
        self.clock = clock
        let index = { (name: String) in columns.firstIndex { $0.name == name }! }
        customer = index("customer_id"); date = index("order_date"); amount = index("amount"); cost = index("cost"); currency = index("currency")
    }

    /// Adds one line (money columns as exact decimal text, see `EntityFileReader`).
    mutating func add(_ row: PackedBatch.Row, of batch: PackedBatch, file: String) {
        func value(_ k: Int) -> Value {
            switch batch.cell(row: row, column: k) {
            case .null: return .null
            case .text: return .text(batch.string(batch.cell(row: row, column: k)) ?? "")
            case .real(let v): return .real(v)
            case .integer(let v): return .integer(v)
            }
        }
        func exact(_ k: Int) -> ExactAmount? {
            batch.withText(batch.cell(row: row, column: k)) { ValueParser.decimal(ascii: $0) } ?? nil
        }
        let id = batch.string(batch.cell(row: row, column: 0)) ?? ""
        let parsed: Int?? = batch.withText(batch.cell(row: row, column: date)) { ValueParser.moment(ascii: $0)?.epoch(in: clock) }
        let at = (parsed ?? nil) ?? Int.max
        guard let index = orders[id] else {
            orders[id] = entries.count
            entries.append(Order(file: file, line: row.line, values: (0..<columns.count).map(value), amount: exact(amount), cost: exact(cost),
                                 earliest: at))
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
        order.amount = Self.sum(order.amount, exact(amount))
        order.cost = Self.sum(order.cost, exact(cost))
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
    mutating func flush(into stager: any EntityStager) throws {
        var batch = PackedBatch(width: columns.count, capacity: 1024)
        var files: [String] = []
        func send() throws {
            try batch.bytes.withUnsafeBufferPointer { bytes in
                for (row, file) in zip(batch.rows, files) { try stager.stage(row, of: batch, bytes: bytes, file: file) }
            }
            batch = PackedBatch(width: columns.count, capacity: 1024)
            files = []
        }
        for order in entries {
            let code: String? = if case .text(let c) = order.values[currency] { c } else { nil }
            var cells: [Value] = order.values
            var failed = false
            for (k, total) in [(amount, order.amount), (cost, order.cost)] {
                guard let total else { continue }
                let converted: ExactAmount? = if let money { money.convert(total, currency: code) } else { total }
                guard let converted, let cents = converted.cents, cents <= MoneyRule.maximumCents else {
                    rejected.append((order.file, order.line, columns[k].name, .tooLarge(total.text)))
                    failed = true
                    break
                }
                cells[k] = .real(ExactAmount.double(cents: cents))
            }
            if failed { continue }
            batch.beginRow(line: order.line)
            for cell in cells {
                switch cell {
                case .null: batch.append(.null)
                case .text(let t): batch.appendText(t)
                case .real(let v): batch.append(.real(v))
                case .integer(let v): batch.append(.integer(v))
                }
            }
            files.append(order.file)
            if batch.rows.count == 1024 { try send() }
        }
        try send()
        entries = []
        orders = [:]
    }
}
