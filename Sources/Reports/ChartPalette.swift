/// The colours of a chart's lines: ten clearly different hues, one per series in a fixed order
/// (issue 30 item 10: the trend's lines were told apart by shade only). The workbook's native
/// chart and the Markdown's SVG use the same ones.
package enum ChartPalette {
    /// Blue, orange, green, red, purple, brown, pink, grey, olive, cyan (the category-10 set).
    package static let lines: [UInt32] = [0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF]

    /// Series `i`'s colour.
    package static func line(_ i: Int) -> UInt32 { lines[i % lines.count] }

    /// `#1f77b4`.
    package static func hex(_ colour: UInt32) -> String {
        let digits = String(colour, radix: 16)
        return "#" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }
}
