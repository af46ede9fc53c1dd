import Foundation

/// Money as the reports write it: `1,234,567.89`, `-12.30` — two decimals, digit groups of three
/// (SPEC §4.1: `#,##0.00`), rounded to the cent.
package enum MoneyText {
    package static func grouped(_ v: Double) -> String {
        let cents = Int64((abs(v) * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 { grouped = "," + whole.suffix(3) + grouped; whole.removeLast(3) }
        return (v < 0 ? "-" : "") + whole + grouped + "." + String(format: "%02lld", cents % 100)
    }
}
