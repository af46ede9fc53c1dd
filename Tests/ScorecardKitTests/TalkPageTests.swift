import Foundation
import Testing
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports

/// Issue 30 items 9 and 10: the manager page for the talk, 离职 marked everywhere and never
/// marked first or last for the talk, 数据质量 with 合计 and in Chinese, distinct trend colours,
/// 合计 rows in both reports.
@Suite struct TalkPageTests {
    /// The report fixture, September then October into one warehouse, with `departed` marked 离职.
    static func run(departed: Set<String> = []) throws -> (RunSummary, TempFolder) {
        let tmp = TempFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: ReportTests.input) {
            var text = try String(contentsOfFile: ReportTests.input + "/" + name, encoding: .utf8)
            if name == "managers.csv" {
                text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                    departed.contains(String(line.prefix { $0 != "," })) ? line.replacingOccurrences(of: ",active,", with: ",left,") : String(line)
                }.joined(separator: "\n")
            }
            tmp.write("input/" + name, text)
        }
        var summary: RunSummary?
        for period in ["2026-09", "2026-10"] {
            let options = RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "", inputFolder: tmp.file("input"),
                                     outputFolder: tmp.file("out"), period: try Period(parsing: period), now: testNow)
            summary = try PipelineRunner.run(options)
        }
        return (try #require(summary), tmp)
    }

    /// Cells of one sheet by reference: (text or number, is it a number).
    static func cells(_ parts: [String: Data], sheet: String) throws -> [String: (String, Bool)] {
        let shared = try ReportTests.nodes(ReportTests.xml(parts["xl/sharedStrings.xml"]), "si").map(\.text)
        let names = try ReportTests.nodes(ReportTests.xml(parts["xl/workbook.xml"]), "sheet").compactMap { $0.attributes["name"] }
        let i = try #require(names.firstIndex(of: sheet))
        var out: [String: (String, Bool)] = [:]
        for c in try ReportTests.nodes(ReportTests.xml(parts["xl/worksheets/sheet\(i + 1).xml"]), "c") {
            guard let r = c.attributes["r"], !c.text.isEmpty else { continue }
            out[r] = c.attributes["t"] == "s" ? (Int(c.text).map { shared[$0] } ?? "", false) : (c.text, true)
        }
        return out
    }

    static func split(_ ref: String) -> (String, Int) { (String(ref.prefix { $0.isLetter }), Int(ref.drop { $0.isLetter }) ?? 0) }

    @Test func managerPageHasTeamAverageLastPeriodAndRankAsNumbers() throws {
        let (summary, tmp) = try Self.run()
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let cells = try Self.cells(parts, sheet: "经理档案")
        let headers = cells.filter { $0.value.0 == "团队平均" }.map { Self.split($0.key) }
        #expect(headers.count == summary.results!.managers.count, "one measures table per manager")
        #expect(Set(headers.map(\.0)) == ["C"])
        #expect(cells["D\(headers[0].1)"]?.0 == "上期" && cells["E\(headers[0].1)"]?.0 == "本项名次")
        // The first measure row (销售额): value, team average, last period and rank are numbers.
        for (_, row) in headers {
            for col in ["B", "C", "D", "E", "F"] {
                let cell = try #require(cells["\(col)\(row + 1)"], "\(col)\(row + 1) is empty")
                #expect(cell.1 && Double(cell.0) != nil, "\(col)\(row + 1) holds '\(cell.0)' as text")
            }
            let rank = try #require(Double(cells["E\(row + 1)"]!.0)), of = try #require(Double(cells["F\(row + 1)"]!.0))
            #expect(rank >= 1 && rank <= of)
        }
        // The talk's box and the rows a supervisor asked for.
        let texts = Set(cells.values.filter { !$0.1 }.map(\.0))
        for label in ["谈话要点", "改进计划（事项、完成时间）", "回款率", "拜访计划执行率", "最近拜访", "需跟进的客户"] {
            #expect(texts.contains(label), "manager pages lack \(label)")
        }
        #expect(texts.contains { $0.hasPrefix("客户经理签字") })
        // Last visits as Excel dates (numbers in a date format), not text.
        let visitColumn = try #require(cells.first { $0.value.0 == "最近拜访" }).key.prefix { $0.isLetter }
        let customerRows = Set(cells.filter { $0.key.hasPrefix("A") && $0.value.0.hasPrefix("    ") }.map { Self.split($0.key).1 })
        let dates = cells.filter { $0.key.hasPrefix(visitColumn) && $0.value.1 && customerRows.contains(Self.split($0.key).1) }
        #expect(!dates.isEmpty)
        #expect(dates.allSatisfy { (Double($0.value.0) ?? 0) > 40_000 })
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(md.contains("| 考核指标 | 数值 | 团队平均 | 上期 | 本项名次 | 权重 | 得分 |"))
    }

    @Test func departedManagersAreMarkedEverywhereAndNeverFirstOrLastForTheTalk() throws {
        let (plain, _) = try Self.run()
        let ranked = plain.results!.managers
        let departed = [ranked.first!.managerID, ranked.last!.managerID]
        let (summary, tmp) = try Self.run(departed: Set(departed))
        let managers = summary.results!.managers
        // SPEC §3.5: still ranked, their ranks as ranked.
        #expect(managers.map(\.managerID) == ranked.map(\.managerID))
        let names = try Self.names(tmp, departed)
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        var sheetsNaming: Set<String> = []
        for cell in try PrintedReportTests.stringCells(parts) where names.contains(where: { cell.text.contains($0) }) {
            sheetsNaming.insert(cell.sheet)
            #expect(cell.text.contains("离职"), "\(cell.sheet)!\(cell.ref) names a departed manager unmarked: \(cell.text)")
            for name in names {
                for mark in ["第一名 ", "最后一名 ", "第一名：", "最后一名：", "第一名", "最后一名"] where !mark.hasSuffix("名") || cell.sheet == "经理档案" {
                    // A title marks at its end (… · 第一名); a bullet or label before the name.
                    let marked = mark.hasSuffix("名") ? cell.text.hasPrefix("排名") && cell.text.contains(name) && cell.text.hasSuffix(mark) : cell.text.contains(mark + name)
                    #expect(!marked, "\(cell.sheet)!\(cell.ref) marks departed \(name) for the talk: \(cell.text)")
                }
            }
        }
        #expect(sheetsNaming.isSuperset(of: ["经理排名", "趋势", "经理档案"]))
        // The ranking's marks: on active managers' rows only, both present.
        let ranking = try Self.cells(parts, sheet: "经理排名")
        let departedRows = Set(ranking.filter { c in names.contains { c.value.0.hasPrefix($0) } }.map { Self.split($0.key).1 })
        let markRows = ranking.filter { $0.value.0 == "第一名" || $0.value.0 == "最后一名" }.map { Self.split($0.key).1 }
        #expect(markRows.count == 2)
        #expect(departedRows.isDisjoint(with: markRows))
        // The Markdown: every line naming them marks them, none marks them first or last.
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        for line in md.split(separator: "\n") where names.contains(where: { line.contains($0) }) {
            if line.hasPrefix("|") { #expect(line.contains("离职"), "unmarked in: \(line.prefix(80))") }
            #expect(!line.contains("第一名 \(names[0])") && !line.contains("最后一名 \(names[1])"), "\(line.prefix(80))")
        }
        let active = managers.filter { !departed.contains($0.managerID) }
        #expect(md.contains("第一名 \(try Self.names(tmp, [active.first!.managerID])[0])"))
        // 口径说明 says so.
        #expect(md.contains("离职经理（姓名后注“（离职）”）本期有业务的照常参加排名"))
    }

    static func names(_ tmp: TempFolder, _ ids: [String]) throws -> [String] {
        let text = try String(contentsOfFile: tmp.file("input/managers.csv"), encoding: .utf8)
        return ids.map { id in text.split(separator: "\n").first { $0.hasPrefix(id + ",") }!.split(separator: ",")[1].description }
    }

    @Test func dataQualityHasATotalAndNoEnglish() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let quality = try Self.cells(parts, sheet: "数据质量")
        let total = try #require(quality.first { $0.value.0 == "合计" }, "数据质量 has no 合计 row")
        let row = Self.split(total.key).1
        for col in ["E", "F", "G"] { #expect(quality["\(col)\(row)"]?.1 == true, "合计's \(col) is not a number") }
        // The sheets' own text (not the exports': file names, raw lines, quoted values) is Chinese.
        let rejects = try Self.cells(parts, sheet: "剔除明细")
        let rawColumn = try #require(rejects.first { $0.value.0 == "原始内容" }).key.prefix { $0.isLetter }
        let own = (quality.values.map(\.0) + rejects.filter { !$0.key.hasPrefix(rawColumn) }.map(\.value.0))
        for text in own {
            let stripped = text.replacing(/[\w.-]+\.(csv|md|xlsx)|'[^']*'|UTF-\d+\w*|GB18030|BOM|\b[A-Z]+\d+\b/, with: " ")
            let words = stripped.split { !$0.isASCII || !$0.isLetter }.filter { $0.count > 1 }
            #expect(words.isEmpty, "English in 数据质量: \(text)")
        }
        // A raw line is shortened to its column, never wider.
        for (ref, cell) in rejects where ref.hasPrefix(rawColumn) { #expect(displayWidth(cell.0) <= WorkbookReport.rawShown) }
    }

    @Test func trendLinesHaveDistinctColours() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let chart = try #require(parts.filter { $0.key.hasPrefix("xl/charts/") }.map { String(decoding: $0.value, as: UTF8.self) }.first { $0.contains("<c:lineChart>") })
        let colours = chart.components(separatedBy: "<c:ser>").dropFirst().compactMap { $0.firstMatch(of: /srgbClr val="([0-9A-Fa-f]{6})"/).map { String($0.1) } }
        #expect(colours.count >= 2)
        #expect(Set(colours).count == colours.count, "trend colours repeat: \(colours)")
        let svg = try String(contentsOfFile: tmp.file("out/2026-10/charts/trend.svg"), encoding: .utf8)
        let legend = svg.matches(of: /width="14" height="4" fill="(#[0-9a-f]{6})"/).map { String($0.1) }
        #expect(legend.count >= 2 && Set(legend).count == legend.count, "the SVG trend's colours repeat: \(legend)")
        #expect(Set(ChartPalette.lines).count == ChartPalette.lines.count)
    }

    @Test func totalsInBothReports() throws {
        let tmp = TempFolder()
        _ = try ReportTests.run(tmp.file("out"))
        let md = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        let parts = try ReportTests.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        #expect(!md.contains("**全部**"))
        // Each section whose Markdown table has 合计 has it in its sheet too.
        for (section, sheet) in [("投诉时效", "投诉时效"), ("满意度", "满意度"), ("应收回款", "应收回款"), ("报修回访", "报修回访")] {
            let block = md.components(separatedBy: "\n## \(section)\n").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
            guard block.contains("| **合计** |") else { continue }
            #expect(try Self.cells(parts, sheet: sheet).values.contains { $0.0 == "合计" }, "\(sheet) lacks the Markdown's 合计")
        }
        #expect(md.contains("| **合计** |"))
        #expect(try Self.cells(parts, sheet: "数据质量").values.contains { $0.0 == "合计" })
        let dq = try String(contentsOfFile: tmp.file("out/2026-10/data-quality.md"), encoding: .utf8)
        #expect(dq.contains("| **合计** |"))
        // The complaints' managers table ends with 合计 in both.
        let complaints = try Self.cells(parts, sheet: "投诉时效")
        #expect(complaints.values.contains { $0.0 == "合计" })
    }
}
