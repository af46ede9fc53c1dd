import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import ScorecardKit
@testable import ScorecardPipeline
@testable import ScorecardReports

/// Issue 30: reports a supervisor trusts, prints and forwards — numbers as numbers, print
/// scale and repeated headers, one definition text, a chat-sized Markdown, Chinese outputs.
@Suite struct PrintedReportTests {
    /// Every worksheet's string cells (by cell reference), the chart data sheet left out.
    static func stringCells(_ parts: [String: Data]) throws -> [(sheet: String, ref: String, text: String)] {
        let shared = try ReportTests.nodes(ReportTests.xml(parts["xl/sharedStrings.xml"]), "si").map(\.text)
        let names = try ReportTests.nodes(ReportTests.xml(parts["xl/workbook.xml"]), "sheet").compactMap { $0.attributes["name"] }
        var out: [(String, String, String)] = []
        for (i, name) in names.enumerated() where name != "图表数据" && name != "Chart data" {
            guard let data = parts["xl/worksheets/sheet\(i + 1).xml"] else { continue }
            for c in try ReportTests.nodes(ReportTests.xml(data), "c") where c.attributes["t"] == "s" {
                if let k = Int(c.text), k < shared.count { out.append((name, c.attributes["r"] ?? "", shared[k])) }
            }
        }
        return out
    }

    @Test func noTableCellHoldsANumberAPercentageOrADateAsText() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let number = /^[-+]?[\d,]+(\.\d+)?%?\s*([（(]\d+[）)])?$/
        let date = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/
        let cells = try Self.stringCells(parts)
        #expect(cells.count > 500)
        for cell in cells {
            let t = cell.text.trimmingCharacters(in: .whitespaces)
            #expect(t.wholeMatch(of: number) == nil, "\(cell.sheet)!\(cell.ref) holds the number '\(t)' as text")
            #expect(t.wholeMatch(of: date) == nil, "\(cell.sheet)!\(cell.ref) holds the date '\(t)' as text")
        }
        // Small samples: a number whose format shows the count; dates: real date formats.
        let formats = try ReportTests.nodes(ReportTests.xml(parts["xl/styles.xml"]), "numFmt").compactMap { $0.attributes["formatCode"] }
        #expect(formats.contains { $0.hasPrefix("0.0%\"（") }, "a small sample's count in its number format")
        #expect(formats.contains("yyyy-mm-dd hh:mm"))
        #expect(formats.contains("+0;-0;0"), "rank changes signed, as the Markdown writes them")
    }

    /// The summary and the ranking print readably: fit to one page wide with columns narrow
    /// enough for about 80 % on A4 landscape; every sheet with a table repeats its header.
    @Test func summaryAndRankingPrintLargeAndHeadersRepeat() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let workbook = try ReportTests.xml(parts["xl/workbook.xml"])
        let names = try ReportTests.nodes(workbook, "sheet").compactMap { $0.attributes["name"] }
        let titled = Set(try ReportTests.nodes(workbook, "definedName").filter { $0.attributes["name"] == "_xlnm.Print_Titles" }
            .compactMap { $0.attributes["localSheetId"].flatMap(Int.init) })
        for (i, name) in names.enumerated() {
            let sheet = try ReportTests.xml(parts["xl/worksheets/sheet\(i + 1).xml"])
            if let scale = try ReportTests.nodes(sheet, "pageSetup").first?.attributes["scale"].flatMap(Int.init) {
                #expect(scale >= 80, "\(name) prints at \(scale) %")
            }
            let widths = try ReportTests.nodes(sheet, "col").compactMap { $0.attributes["width"].flatMap(Double.init) }
            // LibreOffice fits about 111 width units on A4 landscape at 100 % with these margins (measured).
            if name == "概览" || name == "经理排名" { #expect(widths.reduce(0, +) <= 111 / 0.8, "\(name) is \(widths.reduce(0, +)) units wide") }
            if try !ReportTests.nodes(sheet, "autoFilter").isEmpty { #expect(titled.contains(i), "\(name) does not repeat its header row") }
        }
        #expect(names.contains("催缴清单") && names.contains("报修回访明细") && names.contains("趋势明细"))
    }

    /// One definition text for both reports: every scored or flagged measure, and the amounts' unit.
    @Test func everyMeasureIsDefinedInBothReportsWithItsUnit() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let shared = try ReportTests.nodes(ReportTests.xml(parts["xl/sharedStrings.xml"]), "si").map(\.text)
        for term in ["满意度（调整后）：", "销售额：", "报告及时率：", "按期回款率：", "投诉回访率：", "上门回访占比：", "排名用的投诉时效指标：", "元（CNY）"] {
            #expect(md.contains(term), "Markdown lacks \(term)")
            #expect(shared.contains { $0.contains(term) }, "workbook lacks \(term)")
        }
        // The same sentences in both: the Markdown's 口径 lines are the workbook's cells.
        let block = try #require(md.components(separatedBy: "**口径说明：**").dropFirst().first)
        let lines = block.split(separator: "\n").drop { $0.isEmpty }.prefix { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        #expect(lines.count >= 9)
        for line in lines { #expect(shared.contains(line), "workbook's 口径 differs: \(line.prefix(20))") }
    }

    /// A chat-sized Markdown (no table, ≤ 4 096 bytes), the full one's tables ≤ 8 columns,
    /// charts as linked files.
    @Test func markdownForMailAndChat() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let chat = try Data(contentsOf: URL(fileURLWithPath: tmp.file("out/2026-10/report-2026-10-chat.md")))
        #expect(chat.count <= 4_096 && chat.count > 1_000)
        let chatText = String(decoding: chat, as: UTF8.self)
        #expect(!chatText.split(separator: "\n").contains { $0.hasPrefix("|") }, "a table in the chat report")
        #expect(chatText.contains("A级客户未按期拜访"))
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(!md.contains("data:image"))
        for line in md.split(separator: "\n") where line.hasPrefix("|") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count - 1 <= 8, "a table wider than 8 columns: \(line.prefix(60))")
        }
        let links = md.matches(of: /!\[[^\]]*\]\((charts\/[a-z]+\.svg)\)/).map { String($0.1) }
        #expect(links.count == 4)
        for link in links { #expect(FileManager.default.fileExists(atPath: tmp.file("out/2026-10/\(link)"))) }
    }

    /// No English word or configuration key in the Chinese outputs (rejects.csv included);
    /// names of files, units and the proper names CSAT, NPS, P90 allowed.
    @Test func chineseOutputsHaveNoEnglish() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let folder = tmp.file("out/2026-10/")
        var texts: [(String, String)] = []
        for file in ["report-2026-10.md", "report-2026-10-chat.md", "data-quality.md"] {
            texts.append((file, try String(contentsOfFile: folder + file, encoding: .utf8)))
        }
        // rejects.csv: the header, column and reason fields (the file name and the raw line are the export's own).
        let rejects = try String(contentsOfFile: folder + "rejects.csv", encoding: .utf8)
        for line in rejects.split(separator: "\r\n") {
            let fields = line.split(separator: ",", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 5 else { continue }
            texts.append(("rejects.csv", fields[2] + " " + fields[3].replacing(/'[^']*'/, with: "")))
        }
        for (file, text) in texts {
            // Ids (CP000132) and the fixture's hostile customer name (=HYPERLINK(…)) are the exports' own data.
            let stripped = text.replacing(/[\w.-]+\.(csv|md|xlsx|svg)|charts\/|\]\([^)]*\)|'[^']*'|=HYPERLINK\([^)]*\)|<br>|\b[A-Z]+\d+\b/, with: " ")
                .replacing(/CSAT|NPS|P90|CNY|Excel|UTF-\d+\w*|GB18030|BOM/, with: " ")
            let words = stripped.split { !$0.isASCII || !$0.isLetter }.filter { $0.count > 1 }
            #expect(words.isEmpty, "English in \(file): \(Set(words.map { String($0) }).sorted())")
        }
    }

    /// On a first run 上期 says it never ran and no grade moves are counted against it.
    @Test func aPeriodNeverRunIsNotComparedWith() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(md.contains("上期（2026年9月，未运行）"))
        #expect(!md.contains("升级 0，降级 0"))
        #expect(md.contains("首次评级"))
    }
}
