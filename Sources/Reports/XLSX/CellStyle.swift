import CXLSXWriter

/// The cell formats the workbook uses (SPEC §4.1 number formats). A value type rather than
/// an enum so that a small sample's rate can carry its count in its number format
/// (`sampled(3)` shows `83.3%（3）` while the cell holds the number 0.833: issue 30 item 4).
package struct CellStyle: Hashable, Sendable {
    package let rawValue: Int

    private init(_ rawValue: Int) { self.rawValue = rawValue }

    package static let plain = CellStyle(0), center = CellStyle(1), right = CellStyle(2), header = CellStyle(3)
    package static let title = CellStyle(4), subtitle = CellStyle(5), bold = CellStyle(6)
    package static let money = CellStyle(7), rate = CellStyle(8), hours = CellStyle(9), decimal = CellStyle(10)
    package static let integer = CellStyle(11), score = CellStyle(12)
    package static let bad = CellStyle(13), warn = CellStyle(14), good = CellStyle(15)
    /// A count among other figures (the summary's values column): right-aligned like them.
    package static let count = CellStyle(16)
    /// A date (`2026-10-19`) and a time (`2026-10-19 17:07`): real Excel dates (issue 30 item 4).
    package static let date = CellStyle(17), dateTime = CellStyle(18)
    /// A signed change (`+8`, `-3`, `0`), as the Markdown writes it (issue 30 item 10).
    package static let change = CellStyle(19)
    /// A boxed, wrapped, top-aligned cell to write in by hand (the manager page's talk notes).
    package static let box = CellStyle(20)
    /// A header of a later table: bold, shaded, wrapped, centred like the main table's.
    package static let subheader = CellStyle(21)

    /// Wrapped text at the top of its (merged) cell: a paragraph, a greyed note, a bold one.
    package static let paragraph = CellStyle(22), paragraphNote = CellStyle(23), paragraphBold = CellStyle(24)

    /// The named styles; `sampled(n)` lie above them.
    package static let namedCount = 25
    private static let sampledBase = 1_000

    /// A rate from `n` cases (fewer than `min_sample`): the number with its count in the
    /// format, one way everywhere (SPEC §4.1.1 "small samples are marked, not flagged").
    package static func sampled(_ n: Int) -> CellStyle { CellStyle(sampledBase + max(0, n)) }

    /// The count of a `sampled(n)` style.
    package var sampleCount: Int? { rawValue >= Self.sampledBase ? rawValue - Self.sampledBase : nil }

    /// The style with the same look, so that no two formats are equal (see `XLSXWorkbook.format`).
    package var distinct: CellStyle { self == .hours ? .decimal : self }

    /// The number format; `countSuffix` writes a sample's count (`（3）` or ` (3)`).
    package func numberFormat(countSuffix: (Int) -> String = { " (\($0))" }) -> String? {
        if let n = sampleCount { return "0.0%\"\(countSuffix(n))\"" }
        switch self {
        case .money: return "#,##0.00"
        case .rate: return "0.0%"
        case .hours, .decimal: return "0.0"
        case .integer: return "0"
        case .count: return "#,##0"
        case .score: return "0.00"
        case .date: return "yyyy-mm-dd"
        case .dateTime: return "yyyy-mm-dd hh:mm"
        case .change: return "+0;-0;0"
        default: return nil
        }
    }

    package func apply(to f: UnsafeMutablePointer<lxw_format>, countSuffix: (Int) -> String = { " (\($0))" }) {
        if let n = numberFormat(countSuffix: countSuffix) { n.withCString { format_set_num_format(f, $0) } }
        if sampleCount != nil { format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue)) }
        switch self {
        case .header, .subheader:
            format_set_bold(f)
            format_set_bg_color(f, self == .header ? 0xDDEBF7 : 0xEDEDED)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            if self == .subheader { format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        case .title:
            format_set_bold(f)
            format_set_font_size(f, 16)
        case .subtitle:
            format_set_font_color(f, 0x595959)
        case .bold:
            format_set_bold(f)
        case .right:
            format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .center, .integer, .date, .dateTime, .change:
            // Ranks and counts centred: a right-aligned number next to a left-aligned
            // text column otherwise reads as one value ("3 M013").
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .paragraph, .paragraphNote, .paragraphBold:
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            if self == .paragraphNote { format_set_font_color(f, 0x595959) }
            if self == .paragraphBold { format_set_bold(f) }
        case .box:
            format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue))
            format_set_font_color(f, 0x595959)
        case .bad:
            format_set_bg_color(f, 0xFFC7CE)
            format_set_font_color(f, 0x9C0006)
        case .warn:
            format_set_bg_color(f, 0xFFEB9C)
            format_set_font_color(f, 0x9C5700)
        case .good:
            format_set_bg_color(f, 0xC6EFCE)
            format_set_font_color(f, 0x006100)
        default:
            break
        }
    }

    /// Display width of a number in this format, digits counted rather than formatted:
    /// `String(format:)` per cell, with counting characters and a dictionary of widths,
    /// was a quarter of the 100 000-customer workbook (2.2 s → 1.65 s without them).
    package func width(of n: Double) -> Int {
        let sign = n < 0 ? 1 : 0
        func digits(_ v: Double) -> Int {
            var whole = abs(v).rounded(.down), count = 1
            while whole >= 10 { whole /= 10; count += 1 }
            return count
        }
        if let count = sampleCount { return sign + digits(n * 100) + 3 + digits(Double(count)) + 4 }  // 50.0%（2）
        switch self {
        case .money: let d = digits(n); return sign + d + (d - 1) / 3 + 3  // 1,234.50
        case .rate: return sign + digits(n * 100) + 3                     // 73.5%
        case .integer: return sign + digits(n)
        case .count: let d = digits(n); return sign + d + (d - 1) / 3
        case .change: return 1 + digits(n)
        case .score: return sign + digits(n) + 3                          // 4.25
        case .date: return 10
        case .dateTime: return 16
        default: return sign + digits(n) + 2                              // 12.5
        }
    }
}
