import Foundation

/// Small horizontal bar charts for the Markdown report (SPEC §4.2 `charts/*.svg`).
/// Hand-written SVG: a few dozen lines of text, no library in the machine's
/// package list draws charts, and the output must be byte-stable.
enum SVGChart {
    static func bars(title: String, _ items: [(label: String, value: Double?)], format: (Double) -> String, maxValue: Double? = nil) -> String {
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

    static func escape(_ s: String) -> String {
        MarkupSafety.xml(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
