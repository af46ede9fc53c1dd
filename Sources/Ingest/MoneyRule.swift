import ScorecardModel

/// Orders in another currency (SPEC §2.5): converted into the pipeline's currency by
/// its `fx` rate, amount and cost alike, or rejected when there is no rate.
/// A class: applied to every order, a struct's arrays would be retained per row.
package final class MoneyRule {
    private let currencyColumn: Int
    private let moneyColumns: [Int]
    private let currency: [UInt8]
    private let rates: [(code: [UInt8], rate: Double, exact: ExactAmount?)]
    private let expected: String

    /// nil for an entity without a currency column.
    package init?(columns: [ColumnSpec], currency: String, fx: [String: Double]) {
        guard let c = columns.firstIndex(where: { if case .currency = $0.kind { return true } else { return false } }) else { return nil }
        currencyColumn = c
        moneyColumns = columns.indices.filter { if case .money = columns[$0].kind { return true } else { return false } }
        self.currency = Array(currency.utf8)
        rates = fx.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value, ExactAmount($0.value)) }
        expected = currency
    }

    /// `amount` in `currency` (the export's code, nil or the pipeline's: as it is) in the
    /// pipeline's currency, exactly; nil when there is no rate.
    package func convert(_ amount: ExactAmount, currency: String?) -> ExactAmount? {
        guard let currency, !currency.isEmpty, currency != expected else { return amount }
        guard let rate = rates.first(where: { $0.code.elementsEqual(currency.utf8) })?.exact else { return nil }
        return amount.times(rate)
    }

    /// The largest amount an order may hold, 10^13 (ten trillion, 十万亿): above it a value is a
    /// unit or column mistake. Below it every amount is exact to the cent in each backend:
    /// PostgreSQL's numeric(18,2), and SQLite's REAL (a double holds whole cents exactly up to
    /// 2^53 ≈ 9.007 × 10^15 cents; issue 25: amounts between ~9 × 10^13 and the old maximum of
    /// 10^15 lost their cents there).
    package static let maximum = 1e13
    package static let maximumCents = Int64(maximum) * 100

    /// Converts the money cells of the batch's last row; the column and reason when
    /// its currency has no rate.
    /// - Parameters:
    ///   - exact: the row's amounts as read and scaled, before rounding (by column).
    ///   - convert: false for line items (`lines: sum`): the currency is checked here, the
    ///     order's summed amount converted once its lines are in (`convert(_:currency:)`).
    package func apply(to batch: inout PackedBatch, exact: [ExactAmount?], convert: Bool = true) -> (String, RejectReason)? {
        enum Conversion { case none, rate(Double, ExactAmount?), noRate }
        let cell = batch.lastRowCell(currencyColumn)
        // An empty currency is the pipeline's.
        let conversion = batch.withText(cell) { code -> Conversion in
            if code.elementsEqual(currency) { return .none }
            return rates.first { $0.code.elementsEqual(code) }.map { .rate($0.rate, $0.exact) } ?? .noRate
        } ?? .none
        let shown: Double, rate: ExactAmount?
        switch conversion {
        case .none: return nil
        case .noRate: return ("currency", .foreignCurrency(batch.string(cell) ?? "", expected: expected))
        case .rate(let r, let exact): (shown, rate) = (r, exact)
        }
        guard convert else { return nil }
        for k in moneyColumns {
            // A cell read this row (`exact` keeps the last value read in each column).
            guard let read = batch.double(batch.lastRowCell(k)), let amount = exact[k] else { continue }
            // The exact amount times the exact rate, rounded once (SPEC §2.7).
            guard let rate, let converted = amount.times(rate), let cents = converted.cents, cents <= Self.maximumCents else {
                return ("amount", .tooLarge("\(read) × \(shown)"))
            }
            batch.setCell(column: k, .real(ExactAmount.double(cents: cents)))
        }
        return nil
    }
}
