import Foundation

/// Small horizontal bar charts for the Markdown report (SPEC §4.2 `charts/*.svg`).
/// Hand-written SVG: a few dozen lines of text, no library in the machine's
/// package list draws charts, and the output must be byte-stable.
package enum SVGChart {
    package static func bars(title: String, _ items: [(label: String, value: Double?)], format: (Double) -> String, maxValue: Double? = nil) -> String {
        let rowHeight = 24, top = 40, labelWidth = 170, barWidth = 380, width = 640
        let height = top + max(items.count, 1) * rowHeight + 16
        let peak = maxValue ?? max(items.compactMap(\.value).max() ?? 1, 1e-9)
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica, Arial, sans-serif" font-size="13">
            <rect width="\(width)" height="\(height)" fill="#ffffff"/>
            <text x="12" y="24" font-size="16" font-weight="bold" fill="#1f2937">\(escape(title))</text>

            """
        for (i, item) in items.enumerated() {
            let y = top + i * rowHeight
            let w = item.value.map { Int((max(0, $0) / peak * Double(barWidth)).rounded()) } ?? 0
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 16)\" text-anchor=\"end\" fill=\"#374151\">\(escape(item.label))</text>\n"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 4)\" width=\"\(w)\" height=\"\(rowHeight - 8)\" fill=\"#2f6db5\"/>\n"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 16)\" fill=\"#111827\">\(escape(item.value.map(format) ?? "–"))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// A line chart of a few series over the periods (the trend's first and last managers):
    /// y from 0 to `maxValue`, one colour per series, a legend on the right; a gap where a
    /// series has no value.
    package static func lines(title: String, periods: [String], _ series: [(label: String, values: [Double?])], maxValue: Double) -> String {
        let colours = ChartPalette.lines.map(ChartPalette.hex)
        let width = 640, height = 320, left = 48, top = 40, plotWidth = 400, plotHeight = 220
        func x(_ i: Int) -> Int { left + (periods.count > 1 ? i * plotWidth / (periods.count - 1) : plotWidth / 2) }
        func y(_ v: Double) -> Int { top + plotHeight - Int((max(0, min(v, maxValue)) / maxValue * Double(plotHeight)).rounded()) }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="Noto Sans CJK SC, Microsoft YaHei, PingFang SC, Helvetica, Arial, sans-serif" font-size="12">
            <rect width="\(width)" height="\(height)" fill="#ffffff"/>
            <text x="12" y="24" font-size="16" font-weight="bold" fill="#1f2937">\(escape(title))</text>

            """
        for step in 0...4 {
            let v = maxValue * Double(step) / 4
            svg += "<line x1=\"\(left)\" y1=\"\(y(v))\" x2=\"\(left + plotWidth)\" y2=\"\(y(v))\" stroke=\"#e5e7eb\"/>\n"
            svg += "<text x=\"\(left - 6)\" y=\"\(y(v) + 4)\" text-anchor=\"end\" fill=\"#6b7280\">\(Int(v))</text>\n"
        }
        for (i, p) in periods.enumerated() {
            svg += "<text x=\"\(x(i))\" y=\"\(top + plotHeight + 18)\" text-anchor=\"middle\" fill=\"#374151\">\(escape(p))</text>\n"
        }
        for (s, line) in series.enumerated() {
            let colour = colours[s % colours.count]
            // Runs of consecutive values are one polyline each; a lone value is a dot.
            var run: [(Int, Double)] = []
            func flush() {
                if run.count > 1 {
                    svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\" points=\"\(run.map { "\(x($0.0)),\(y($0.1))" }.joined(separator: " "))\"/>\n"
                }
                for (i, v) in run { svg += "<circle cx=\"\(x(i))\" cy=\"\(y(v))\" r=\"3\" fill=\"\(colour)\"/>\n" }
                run = []
            }
            for (i, v) in line.values.enumerated() {
                if let v { run.append((i, v)) } else { flush() }
            }
            flush()
            let ly = top + 8 + s * 20
            svg += "<rect x=\"\(left + plotWidth + 24)\" y=\"\(ly - 8)\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>\n"
            svg += "<text x=\"\(left + plotWidth + 44)\" y=\"\(ly)\" fill=\"#111827\">\(escape(line.label))</text>\n"
        }
        return svg + "</svg>\n"
    }

    package static func escape(_ s: String) -> String {
        MarkupSafety.xml(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
