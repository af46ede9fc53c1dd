import Foundation

/// The chat-sized report beside the full one (issue 30 item 7): WeCom and DingTalk robots take
/// about 4 KB of Markdown and render no tables, so it holds what changed and needs action and
/// the key figures as lines, no table and no image, at most `chatLimit` bytes.
extension MarkdownReport {
    /// The most bytes the chat report holds (a WeCom robot's Markdown message: 4 096).
    package static let chatLimit = 4_096

    package static func chatFile(_ d: ReportData) -> String { "report-\(d.period.name)\(d.fileSuffix)-chat.md" }

    package static func chat(_ d: ReportData) -> String {
        let L = d.labels
        let en = L.language == .en
        let colon = en ? ": " : "："
        let head = "# \(d.title)\n\n\(L(.period))\(colon)\(d.periodDays) · \(L(.asOf))\(colon)\(d.asOfText)\n"
        let (report, book) = ("report-\(d.period.name)\(d.fileSuffix).md", "scorecard-\(d.period.name)\(d.fileSuffix).xlsx")
        let foot = "\n" + (en ? "Full report: \(report) and \(book) (charts in charts/)."
                                : "完整报告见 \(report) 与 \(book)，图表见 charts/ 文件夹。") + "\n"
        var lines = ["", "**\(L(.whatChanged))**", ""] + changes(d).map { "- " + $0 }
        lines += ["", "**\(L(.keyTable))**", ""]
        for item in Headline.items(d) {
            var extra: [String] = []
            if !item.previousText.isEmpty { extra.append("\(L(.previousValue)) \(item.previousText)") }
            if !item.targetText.isEmpty { extra.append("\(L(.target)) \(item.targetText)") }
            let tail = extra.isEmpty ? "" : (en ? " (" + extra.joined(separator: "; ") + ")" : "（" + extra.joined(separator: "；") + "）")
            lines.append("- \(item.label)\(colon)\(item.text)\(tail)\(item.missed ? " ⚠" : "")")
        }
        // Lines are kept in order while they fit; a cut says how to see the rest.
        let cut = "- " + (en ? "… more in the full report." : "……其余见完整报告。")
        var out = head
        for (i, line) in lines.enumerated() {
            let text = finish(en ? line : L.sentence(line), images: []) + "\n"
            let room = chatLimit - foot.utf8.count - (i + 1 < lines.count ? cut.utf8.count + 1 : 0)
            if out.utf8.count + text.utf8.count > room {
                out += cut + "\n"
                break
            }
            out += text
        }
        return out + foot
    }
}
