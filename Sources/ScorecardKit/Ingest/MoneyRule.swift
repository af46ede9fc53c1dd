/// Orders in another currency (SPEC §2.5): converted into the pipeline's currency by
/// its `fx` rate, amount and cost alike, or rejected when there is no rate.
/// A class: applied to every order, a struct's arrays would be retained per row.
final class MoneyRule {
    private let currencyColumn: Int
    private let moneyColumns: [Int]
    private let currency: [UInt8]
    private let rates: [(code: [UInt8], rate: Double)]
    private let expected: String

    /// nil for an entity without a currency column.
    init?(columns: [ColumnSpec], currency: String, fx: [String: Double]) {
        guard let c = columns.firstIndex(where: { if case .currency = $0.kind { return true } else { return false } }) else { return nil }
        currencyColumn = c
        moneyColumns = columns.indices.filter { if case .money = columns[$0].kind { return true } else { return false } }
        self.currency = Array(currency.utf8)
        rates = fx.sorted { $0.key < $1.key }.map { (Array($0.key.utf8), $0.value) }
        expected = currency
    }

    /// Amounts are kept to the cent.
    static func cents(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    /// The largest amount an order may hold (10^15, a thousand trillion): above it a
    /// value is a unit or column mistake, and the metrics' cent arithmetic stays exact.
    static let maximum = 1e15

    /// Converts the money cells of the batch's last row; the column and reason when
    /// its currency has no rate.
    func apply(to batch: inout PackedBatch) -> (String, RejectReason)? {
        enum Conversion { case none, rate(Double), noRate }
        let cell = batch.lastRowCell(currencyColumn)
        // An empty currency is the pipeline's.
        let conversion = batch.withText(cell) { code -> Conversion in
            if code.elementsEqual(currency) { return .none }
            return rates.first { $0.code.elementsEqual(code) }.map { .rate($0.rate) } ?? .noRate
        } ?? .none
        let rate: Double
        switch conversion {
        case .none: return nil
        case .noRate: return ("currency", .foreignCurrency(batch.string(cell) ?? "", expected: expected))
        case .rate(let r): rate = r
        }
        for k in moneyColumns {
            guard let v = batch.double(batch.lastRowCell(k)) else { continue }
            let converted = Self.cents(v * rate)
            if converted > Self.maximum { return ("amount", .tooLarge(String(converted))) }
            batch.setCell(column: k, .real(converted))
        }
        return nil
    }
}
