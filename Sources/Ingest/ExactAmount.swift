/// An amount as the export wrote it, exactly: `units` × 10^-`decimals` (`decimals` may be
/// negative for a factor like 1e20) (SPEC §2.7, "Money is
/// exact"). `scale` and `fx` multiply it exactly, and it is rounded once, half away from zero,
/// to the cent, as Excel's ROUND does: 194.45 USD × 7.10 = 1 380.595 → 1 380.60, where binary
/// floating point gave 1 380.59; 1.005 → 1.01.
package struct ExactAmount: Equatable {
    package var units: Int128
    package var decimals: Int

    package init(units: Int128, decimals: Int) {
        self.units = units
        self.decimals = decimals
    }

    /// A pipeline's factor (`scale: {amount: 10000}`, `fx: {USD: 7.10}`) by its shortest
    /// decimal spelling (`7.1`, not the binary double's 7.0999999999999996447…).
    package init?(_ factor: Double) {
        guard factor.isFinite else { return nil }
        let text = "\(factor)"  // the shortest spelling that reads back as the same double
        let parts = text.lowercased().split(separator: "e", maxSplits: 1).map(String.init)
        var mantissa = parts[0]
        guard let parsed = mantissa.withUTF8({ ValueParser.decimal(ascii: $0) }) else { return nil }
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        self.init(units: parsed.units, decimals: parsed.decimals - exponent)
    }

    package var isNegative: Bool { units < 0 }

    /// Reads `text` back (`-12.345`): any number of digits `Int128` holds, unlike an export's
    /// numbers (`ValueParser.decimal`), which stop at 17.
    package init?(text: UnsafeBufferPointer<UInt8>) {
        var i = 0, units: Int128 = 0, decimals = 0, point = false, digits = 0
        let negative = text.first == 0x2D
        if negative { i = 1 }
        while i < text.count {
            let c = text[i]
            i += 1
            if c == 0x2E, !point { point = true; continue }
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (times10, o1) = units.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.addingReportingOverflow(Int128(c - 0x30))
            guard !o1, !o2 else { return nil }
            units = next
            digits += 1
            if point { decimals += 1 }
        }
        guard digits > 0 else { return nil }
        self.init(units: negative ? -units : units, decimals: decimals)
    }

    /// The nearest double (an export's numbers have at most 17 digits; a 亿 makes more).
    package var approximate: Double {
        let value = Int64(exactly: units).map(Double.init) ?? Double(units)
        var power = 1.0
        for _ in 0..<abs(decimals) { power *= 10 }
        return decimals >= 0 ? value / power : value * power
    }

    /// The exact sum, nil when it leaves Int128.
    package func plus(_ other: ExactAmount) -> ExactAmount? {
        let places = max(decimals, other.decimals)
        guard let a = scaled(to: places), let b = other.scaled(to: places) else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : ExactAmount(units: sum, decimals: places)
    }

    /// `units` for `places` decimals (≥ `decimals`).
    private func scaled(to places: Int) -> Int128? {
        var value = units
        for _ in 0..<max(places - decimals, 0) {
            let (v, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = v
        }
        return value
    }

    /// The decimal text (`-12.345`, `1200`): how a line's exact amount waits to be summed.
    package var text: String {
        guard decimals > 0 else { return scaled(to: 0).map { "\($0)" } ?? "\(units)" }
        let digits = String(units.magnitude)
        let padded = String(repeating: "0", count: max(decimals + 1 - digits.count, 0)) + digits
        return (units < 0 ? "-" : "") + padded.dropLast(decimals) + "." + padded.suffix(decimals)
    }

    /// The exact product, nil when it leaves Int128 (never for real amounts and rates).
    package func times(_ other: ExactAmount) -> ExactAmount? {
        let (product, overflow) = units.multipliedReportingOverflow(by: other.units)
        guard !overflow else { return nil }
        return ExactAmount(units: product, decimals: decimals + other.decimals)
    }

    /// Rounded once to whole cents, half away from zero; nil when too large to tell.
    package var cents: Int64? {
        // The usual amount (`1234.5`, `88.00`, `12`): whole cents without a division.
        if decimals >= 0 && decimals <= 2, let small = Int64(exactly: units), abs(small) < 1 << 55 {
            return decimals == 2 ? small : decimals == 1 ? small &* 10 : small &* 100
        }
        var value = units
        var places = decimals
        while places < 2 {
            let (v, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            value = v
            places += 1
        }
        guard places > 2 else { return Int64(exactly: value) }
        var divisor: Int128 = 1
        for _ in 0..<(places - 2) {
            let (d, overflow) = divisor.multipliedReportingOverflow(by: 10)
            guard !overflow else { return 0 }  // more than 38 places: below a cent
            divisor = d
        }
        let (quotient, remainder) = value.quotientAndRemainder(dividingBy: divisor)
        let away: Int128 = remainder.magnitude * 2 >= divisor.magnitude ? (value < 0 ? -1 : 1) : 0
        return Int64(exactly: quotient + away)
    }

    /// The value in units of the pipeline's currency, as the warehouse stores it (the nearest
    /// double to the cents, exact to the cent below `MoneyRule.maximum`).
    package static func double(cents: Int64) -> Double { Double(cents) / 100 }
}
