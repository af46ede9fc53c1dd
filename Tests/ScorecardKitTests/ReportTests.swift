import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import PostgresURI
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
import ScorecardWarehouse
@testable import ScorecardSQLite

/// SPEC §4, §4.1, §4.2: the workbook and the Markdown report.
@Suite struct ReportTests {
    static let input = Fixtures.path("report")

    static func run(_ output: String, language: PipelineConfig.Language = .zhCN, failure: (any Error & Sendable)? = nil,
                    workbookFailure: (any Error & Sendable)? = nil) throws -> RunSummary {
        var config = PipelineConfig()
        config.language = language
        // The ledger's sheet, lines and totals (SPEC §3.11): no rules by default.
        config.ledger.rules = [LedgerRule(event: .lateSubmission, points: -1, amount: -50), LedgerRule(event: .missingSubmission, points: -2, cap: 2),
                               LedgerRule(event: .complaintBreached, points: -1, cap: 3), LedgerRule(event: .rankFirst, points: 3, amount: 200),
                               LedgerRule(event: .targetTier, points: 2, tier: .stretch)]
        var options = RunOptions(pipelinePath: "monthly.yml", config: config, pipelineText: "", inputFolder: input, outputFolder: output,
                                 period: try Period(parsing: "2026-10"), now: testNow)
        options.hooks.failureAt = failure.map { (.written, $0) }
        options.hooks.workbookFailure = workbookFailure
        return try PipelineRunner.run(options)
    }

    /// The workbook's parts by path.
    static func parts(_ path: String) throws -> [String: Data] {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var out: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            out[entry.path] = data
        }
        return out
    }

    static func xml(_ data: Data?) throws -> XMLElements { XMLElements(try #require(data)) }

    static func nodes(_ doc: XMLElements, _ localName: String) throws -> [XMLElements.Element] { doc.all(localName) }

    @Test func workbookHasTheTenSheetsFrozenFilteredFormattedAndCharted() throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"))
        let parts = try Self.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let workbook = try Self.xml(parts["xl/workbook.xml"])
        let sheets = try Self.nodes(workbook, "sheet").compactMap { $0.attributes["name"] }
        #expect(sheets == ["概览", "经理排名", "小组汇总", "趋势", "趋势明细", "客户分级", "投诉时效", "满意度", "拜访", "应收回款", "催缴清单",
                           "客户开发", "报修回访", "报修回访明细", "上交情况", "上交明细", "奖惩台账", "奖惩明细", "目标达成", "经理档案", "数据质量", "剔除明细", "图表数据"])
        // Print titles (the header row repeated) on every sheet with a table (issue 30 item 1): the
        // long lists have sheets of their own, so a repeated header never stands over another long table.
        let printTitles = try Self.nodes(workbook, "definedName").filter { $0.attributes["name"] == "_xlnm.Print_Titles" }
        let titled = Set(printTitles.compactMap { $0.attributes["localSheetId"].flatMap(Int.init).map { $0 + 1 } })
        #expect(titled.isSuperset(of: [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21]))
        for i in 1...21 where i != 20 {  // the manager pages: a page per manager, no table
            let sheet = try Self.xml(parts["xl/worksheets/sheet\(i).xml"])
            let pane = try Self.nodes(sheet, "pane").first
            // The summary is a page, not a list: no frozen header (it cut through the charts), no filter.
            #expect((pane?.attributes["state"] == "frozen") == (i != 1), "sheet \(i): frozen header")
            #expect(try Self.nodes(sheet, "autoFilter").isEmpty == (i == 1), "sheet \(i): autofilter")
            let setup = try Self.nodes(sheet, "pageSetup").first
            #expect(setup?.attributes["orientation"] == "landscape")
            // Fit to width, as many pages tall as it takes (the summary too: at one page it printed at 41 %).
            #expect(setup?.attributes["fitToHeight"] == "0")
            #expect(try !Self.nodes(sheet, "oddFooter").isEmpty, "sheet \(i) has no page footer")
            #expect(try Self.nodes(sheet, "f").isEmpty, "sheet \(i) has a formula")
        }
        // Conditional formats for missed targets: rank marks, downgrades, SLA breaches, CSAT, coverage, reject share.
        for i in 2...21 where ![4, 5, 17, 18, 20].contains(i) {  // the trend, the ledger and the manager pages have no target to miss
            #expect(try !Self.nodes(Self.xml(parts["xl/worksheets/sheet\(i).xml"]), "conditionalFormatting").isEmpty, "sheet \(i)")
        }
        let complaints = try Self.xml(parts["xl/worksheets/sheet7.xml"])
        let rules = try Self.nodes(complaints, "formula").map(\.text)
        #expect(rules.contains("\"超时\""))
        // Number formats: money, rates, hours.
        let styles = try Self.xml(parts["xl/styles.xml"])
        let formats = try Self.nodes(styles, "numFmt").compactMap { $0.attributes["formatCode"] }
        #expect(Set(["#,##0.00", "0.0%", "0.0"]).isSubset(of: Set(formats)))
        // Three native charts on the summary sheet, the overdue buckets stacked on the receivables sheet.
        #expect(parts.keys.filter { $0.hasPrefix("xl/charts/chart") }.count == 5)
        let summaryRels = String(decoding: try #require(parts["xl/worksheets/_rels/sheet1.xml.rels"]), as: UTF8.self)
        #expect(summaryRels.contains("drawing"))
        let receivablesRels = String(decoding: try #require(parts["xl/worksheets/_rels/sheet10.xml.rels"]), as: UTF8.self)
        #expect(receivablesRels.contains("drawing"))
        let stacked = try Self.xml(parts.first { $0.key.hasPrefix("xl/charts/chart") && String(decoding: $0.value, as: UTF8.self).contains("stacked") }?.value)
        #expect(try Self.nodes(stacked, "ser").count == 4, "one series per overdue bucket")
        // Excel tables for the later tables of a sheet.
        #expect(parts.keys.contains { $0.hasPrefix("xl/tables/table") })
    }

    @Test func formulaLookingTextStaysAString() throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"))
        let parts = try Self.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let shared = try Self.nodes(Self.xml(parts["xl/sharedStrings.xml"]), "t").map(\.text)
        let index = try #require(shared.firstIndex(of: "=HYPERLINK(\"http://example.com\",\"点我\")"))
        let customers = try Self.xml(parts["xl/worksheets/sheet6.xml"])
        let cells = try Self.nodes(customers, "c").filter { $0.text == String(index) }
        #expect(!cells.isEmpty)
        #expect(cells.allSatisfy { $0.attributes["t"] == "s" })
        #expect(try Self.nodes(customers, "f").isEmpty)
    }

    @Test func sameInputsGiveTheSameBytes() throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("a"))
        _ = try Self.run(tmp.file("b"))
        for file in ["scorecard-2026-10.xlsx", "report-2026-10.md", "charts/grades.svg", "charts/scores.svg", "charts/sla.svg",
                     "rejects.csv", "data-quality.md"] {
            let a = FileManager.default.contents(atPath: tmp.file("a/2026-10/\(file)"))
            #expect(a != nil && a == FileManager.default.contents(atPath: tmp.file("b/2026-10/\(file)")), "\(file) differs")
        }
    }

    @Test func reportFilesAreOwnerAndGroupOnly() throws {
        let tmp = TempFolder()
        let summary = try Self.run(tmp.file("out"))
        #expect(summary.files.contains("scorecard-2026-10.xlsx"))
        for file in summary.files {
            let mode = try FileManager.default.attributesOfItem(atPath: tmp.file("out/2026-10/\(file)"))[.posixPermissions] as? Int
            #expect(mode == 0o640, "\(file)")
        }
    }

    struct InjectedFailure: Error {}

    /// Runs once, then again with `failingRun`, which must throw `InjectedFailure`: the
    /// reports and the results are those of the first run, no temporary folder is
    /// left, and the failed attempt is recorded.
    static func expectFailureKeepsTheEarlierRun(_ failingRun: (String) throws -> Void) throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"))
        let before = try FileManager.default.contentsOfDirectory(atPath: tmp.file("out/2026-10")).sorted()
        let workbook = FileManager.default.contents(atPath: tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let results = try MetricsRunTests.dumpResults(warehouse)
        #expect(throws: InjectedFailure.self) { try failingRun(tmp.file("out")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("out/2026-10")).sorted() == before)
        #expect(FileManager.default.contents(atPath: tmp.file("out/2026-10/scorecard-2026-10.xlsx")) == workbook)
        #expect(try MetricsRunTests.dumpResults(warehouse) == results)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.file("out")).filter { $0.hasPrefix(".") }.isEmpty)
        #expect(try warehouse.rows("SELECT status FROM runs ORDER BY run_id") == [["succeeded"], ["failed"]])
    }

    @Test func aRunFailingAfterComputingLeavesThePreviousReportsAndWarehouse() throws {
        try Self.expectFailureKeepsTheEarlierRun { _ = try Self.run($0, language: .en, failure: InjectedFailure()) }
    }

    /// The workbook is written on a second thread (SPEC §6): its failure fails the run
    /// the same way.
    @Test func aWorkbookFailingOnItsThreadLeavesThePreviousReportsAndWarehouse() throws {
        try Self.expectFailureKeepsTheEarlierRun { _ = try Self.run($0, language: .en, workbookFailure: InjectedFailure()) }
    }

    @Test(arguments: [PipelineConfig.Language.zhCN, .en])
    func markdownMatchesItsSnapshot(language: PipelineConfig.Language) throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"), language: language)
        let text = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        let name = "report-\(language.rawValue).md"
        let snapshot = Bundle.module.bundleURL.appendingPathComponent("Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["UPDATE_SNAPSHOTS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
            try text.write(to: source, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        #expect(text == expected)
    }

    @Test func markdownEscapesPipesAndNewlinesInCells() {
        let table = MarkdownReport.table(["a", "b"], [["甲|乙 商行\n(二店)", "x"]])
        #expect(table == "| a | b |\n|---|---|\n| 甲\\|乙 商行<br>(二店) | x |\n")
    }

    @Test func everyLabelHasBothLanguages() {
        for label in Label.allCases {
            #expect(!label.en.isEmpty && !label.zh.isEmpty)
        }
    }
}

/// Every element of an XML document by local name, with attributes and text (a SAX pass).
final class XMLElements: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.parse()
    }

    func all(_ localName: String) -> [Element] { elements.filter { $0.name == localName } }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: String(name.split(separator: ":").last ?? ""), attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        for i in open { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }
}

extension ReportTests {
    /// Issue 12, item 4: names and comments from exports cannot inject markup into the
    /// Markdown report, and a control character in a manager's name leaves every XML
    /// part of the workbook and every SVG chart well-formed.
    @Test func exportTextCannotInjectMarkupOrBreakXML() throws {
        let tmp = TempFolder()
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.input) {
            tmp.copy("report/\(file)", as: "in/\(file)")
        }
        let managers = try String(contentsOfFile: tmp.file("in/managers.csv"), encoding: .utf8)
            .replacingOccurrences(of: "韦波波", with: "<script>alert(1)</script>韦\u{0B}波")
            .replacingOccurrences(of: "龙雪", with: "[龙雪](javascript:alert(1)) ![](http://x/t.png)")
        tmp.write("in/managers.csv", managers)
        var options = RunOptions(pipelinePath: "monthly.yml", config: PipelineConfig(), pipelineText: "", inputFolder: tmp.file("in"),
                                 outputFolder: tmp.file("out"), period: try Period(parsing: "2026-10"), now: testNow)
        options.progress = nil
        let summary = try PipelineRunner.run(options)
        let markdown = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(!markdown.contains("<script>") && markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!markdown.contains("[龙雪](javascript") && markdown.contains("\\[龙雪\\](javascript:alert(1)) !\\[\\](http://x/t.png)"))
        for (name, data) in try Self.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx")) where name.hasSuffix(".xml") {
            let parser = XMLParser(data: data)
            #expect(parser.parse(), "\(name) is not well-formed")
        }
        for chart in summary.files where chart.hasSuffix(".svg") {
            let parser = XMLParser(data: try Data(contentsOf: URL(fileURLWithPath: tmp.file("out/2026-10/\(chart)"))))
            #expect(parser.parse(), "\(chart) is not well-formed")
        }
    }
}

/// SPEC §4.1.1: a rate from fewer than `min_sample` cases shows its count; Markdown number columns are right-aligned.
@Suite struct SmallSampleTests {
    @Test func smallSamplesShowTheirCount() {
        #expect(Fmt.rate(0.5, n: 2, minSample: 5) == "50.0% (2)")
        #expect(Fmt.rate(0.5, n: 5, minSample: 5) == "50.0%")
        #expect(Fmt.rate(nil, n: 0, minSample: 5) == "–")
        #expect(PipelineConfig().minSample == 5)
    }

    @Test func numberColumnsAreRightAligned() {
        let table = MarkdownReport.table(["name", "rate", "amount"], [["甲", "50.0% (2)", "1,234.50"], ["乙", "–", "-3"]])
        #expect(table.split(separator: "\n")[1] == "|---|---:|---:|")
        #expect(!MarkdownReport.isNumberColumn(["–", "–"]))
        let zh = Labels(language: .zhCN)
        #expect(zh.sentence("**逾期应收**: 1,234.50 (其中 逾期91天以上 46.00; 上期 1,000.00, +234.50 ⚠)")
                == "**逾期应收**：1,234.50（其中 逾期91天以上 46.00；上期 1,000.00，+234.50 ⚠）")
        #expect(zh.sentence("重大投诉未上报: CP1 (=HYPERLINK(\"http://x\",\"点我\"), Smith, John)")
                == "重大投诉未上报：CP1（=HYPERLINK(\"http://x\",\"点我\")，Smith, John）")
        #expect(Labels(language: .en).sentence("a: b (c)") == "a: b (c)")
        #expect([0, 18, 999, 1_000, 18_028, 123_456, 1_234_567, -4_500].map(Fmt.count) == ["0", "18", "999", "1,000", "18,028", "123,456", "1,234,567", "-4,500"])
        for yes in ["0", "-3", "+12", "1,234.50", "73.5%", "50.0% (2)", "-40.0", "100.0% (1)", "50.0%（2）"] { #expect(MarkdownReport.isNumber(yes), "\(yes)") }
        for no in ["", "-", "1.", ".5", "a1", "7 / 11 / 42", "50.0% ()", "12 (x)", "１２", "2026-10-01", "龙雪 (72.5)"] {
            #expect(!MarkdownReport.isNumber(no), "\(no)")
        }
    }
}

extension ReportTests {
    /// SPEC §4.1.1: every label of the Chinese workbook is Chinese — the header row of every
    /// sheet's main table and every later table's headers. Proper names stay (CSAT, NPS, P90,
    /// the grades A/B/C, Excel); numbers and punctuation are not words.
    @Test func theChineseWorkbookHasNoEnglishLabels() throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"))
        let parts = try Self.parts(tmp.file("out/2026-10/scorecard-2026-10.xlsx"))
        let shared = try Self.nodes(Self.xml(parts["xl/sharedStrings.xml"]), "si").map(\.text)
        var labels: [String] = []
        for (path, data) in parts where path.hasPrefix("xl/worksheets/sheet") {
            let sheet = try Self.xml(data)
            // Row 1: the main table's header (or a sheet's title).
            for c in try Self.nodes(sheet, "c") where c.attributes["r"]?.filter(\.isNumber) == "1" && c.attributes["t"] == "s" {
                if let i = Int(c.text), i < shared.count { labels.append(shared[i]) }
            }
        }
        for (path, data) in parts where path.hasPrefix("xl/tables/table") {
            labels += try Self.nodes(Self.xml(data), "tableColumn").compactMap { $0.attributes["name"] }
        }
        #expect(labels.count > 50)
        // File names are the run's own (剔除明细's note points to rejects.csv), as in PrintedReportTests.
        let allowed = ["CSAT", "NPS", "P90", "Excel", "rejects.csv"]
        for label in labels {
            var rest = label
            for word in allowed { rest = rest.replacingOccurrences(of: word, with: "") }
            // A lone grade letter (A级, A) is a name, not English.
            let words = rest.split { !$0.isASCII || !$0.isLetter }.filter { $0.count > 1 }
            #expect(words.isEmpty, "English in the label '\(label)'")
        }
    }
}

extension ReportTests {
    /// SPEC §4.1.1: data-quality.md speaks the report's language too — headers, entities,
    /// delimiters, reject kinds and the notes under the table.
    @Test func theChineseDataQualityFileIsChinese() throws {
        let tmp = TempFolder()
        _ = try Self.run(tmp.file("out"))
        let text = try String(contentsOfFile: tmp.file("out/2026-10/data-quality.md"), encoding: .utf8)
        #expect(text.hasPrefix("# 数据质量\n"))
        #expect(text.contains("| 数据 | 文件 |"))
        #expect(text.contains("| **合计** |"))
        // What is left once file names, encodings and the pipeline's own keys are taken out is Chinese.
        let stripped = text.replacing(/[\w.-]+\.(csv|tsv|txt)/, with: "").replacing(/utf-8|utf-16\w*|gb18030|gbk|max_reject_rate|skip/.ignoresCase(), with: "")
        let words = stripped.split { !$0.isASCII || !$0.isLetter }.filter { $0.count > 1 }
        #expect(words.isEmpty, "English in data-quality.md: \(words.prefix(5))")
        let english = try String(contentsOfFile: (try Self.run(tmp.file("en"), language: .en)).outputFolder + "/data-quality.md", encoding: .utf8)
        #expect(english.hasPrefix("# Data quality\n") && english.contains("| Entity | File |"))
    }
}

extension ReportTests {
    /// SPEC §4.1.1: the headline figures beside the previous period's, as its run stored them;
    /// an empty column when the previous period was never run.
    @Test func headlineFiguresStandBesideThePreviousPeriods() throws {
        let tmp = TempFolder()
        func run(_ period: String) throws -> RunSummary { try runReportFixture(period, into: tmp.file("out")) }
        func headline(_ period: String) throws -> [String: [String]] {
            let text = try String(contentsOfFile: tmp.file("out/\(period)/report-\(period).md"), encoding: .utf8)
            let section = text.components(separatedBy: "## Key figures").dropFirst().first ?? text
            var rows: [String: [String]] = [:]
            for line in section.split(separator: "\n").prefix(40) where line.hasPrefix("| ") {
                let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
                rows[cells[0]] = Array(cells.dropFirst())
            }
            return rows
        }
        let october = try run("2026-10")
        let alone = try headline("2026-10")
        #expect(alone["Complaints"]?[1] == "", "September never ran: nothing beside October's figures")
        let september = try run("2026-09")
        _ = try run("2026-10")
        let rows = try headline("2026-10")
        let sep = try #require(september.results).figures, oct = try #require(october.results).figures
        #expect(rows["Complaints"] == [String(Int(oct[.complaints] ?? -1)), String(Int(sep[.complaints] ?? -1)), ""])
        #expect(rows["Visits"]?[1] == String(Int(sep[.visits] ?? -1)))
        #expect(rows["Overdue"]?[1] == Fmt.money(sep[.overdue]))
        #expect(rows["Visit coverage"]?[1] == Fmt.rate(sep[.coverageRate]))
        // One figure a row, each a number in the workbook (issue 30 item 4).
        #expect(rows["Customers, grade A"]?[1] == String(Int(sep[.customersA] ?? -1)))
        #expect(rows["Customers, grade C"]?[1] == Fmt.count(Int(sep[.customersC] ?? -1)))
    }
}

extension ReportTests {
    /// SPEC §4.1.1, §4.2: the Markdown has a section for the teams, the trend and the first and
    /// last managers' briefs, and its charts travel inside the file (a mail client shows them).
    @Test func markdownExplainsTheRankingAndLinksItsCharts() throws {
        let tmp = TempFolder()
        let summary = try Self.run(tmp.file("out"))
        let results = try #require(summary.results)
        let text = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        for section in ["## 小组汇总", "## 趋势", "## 经理档案"] { #expect(text.contains("\n\(section)\n"), "missing \(section)") }
        let first = try #require(results.managers.first), last = try #require(results.managers.last)
        #expect(text.contains("### 排名 \(first.rank) · "), "the first manager's brief")
        #expect(text.contains("### 排名 \(last.rank) · "), "the last manager's brief")
        #expect(text.components(separatedBy: "\n### 排名 ").count - 1 == results.managers.filter { $0.isFirst || $0.isLast }.count)
        // Charts as files beside the report, linked (issue 30 item 7), not base64 inside it.
        #expect(text.matches(of: /!\[[^\]]*\]\(charts\/[a-z]+\.svg\)/).count == 4)
        #expect(!text.contains("data:image"))
        #expect(FileManager.default.fileExists(atPath: tmp.file("out/2026-10/charts/trend.svg")))
    }

    /// The packed directory finds every customer it was given, by its own id only, through its growth.
    @Test func theCustomerDirectoryFindsEveryCustomerItHolds() throws {
        var directory = CustomerDirectory()
        let count = 5_000
        for i in 0..<count {
            try directory.add(id: "C\(i)", name: "客户\(i)号", region: i % 3 == 0 ? "remote" : (i % 3 == 1 ? nil : "城区"))
        }
        try directory.add(id: "C7", name: "another", region: "rural")  // a repeated id replaces nothing
        try directory.compact()
        for i in 0..<count {
            #expect(directory.name(of: "C\(i)") == "客户\(i)号")
            #expect(directory.region(of: "C\(i)") == (i % 3 == 0 ? "remote" : (i % 3 == 1 ? nil : "城区")))
        }
        #expect(directory.name(of: "C7") == "客户7号")
        #expect(directory.name(of: "C\(count)") == nil)
        #expect(directory.name(of: "C1 ") == nil && directory.name(of: "") == nil)
        #expect(CustomerDirectory().name(of: "C1") == nil)
    }

    /// The directory keeps the names the warehouse gives in id order in a file, and finds them all,
    /// with those that came out of that order (kept in memory), a repeated id replacing nothing.
    @Test(arguments: [0, 1_234, 39_999])
    func theDirectoryFindsEveryCustomerInOrderOrNot(outOfOrderAt: Int) throws {
        let count = 40_000  // with these names 2.4 MB: flushed to the file more than once
        let ids = (0..<count).map { String(format: "C%05d", $0) }
        var directory = CustomerDirectory()
        // All in order when `outOfOrderAt` is 0; else that name swapped with the next, or the last first.
        var arrival = Array(ids.indices)
        if outOfOrderAt > 0 { if outOfOrderAt + 1 < count { arrival.swapAt(outOfOrderAt, outOfOrderAt + 1) } else { arrival.insert(arrival.removeLast(), at: 0) } }
        for i in arrival { try directory.add(id: ids[i], name: "客户\(i)号的名字长长的一串", region: i % 2 == 0 ? "rural" : nil) }
        try directory.add(id: ids[7], name: "another", region: "remote")  // a repeated id replaces nothing
        try directory.add(id: ids[arrival.last!], name: "another", region: "remote")
        try directory.compact()
        for i in 0..<count {
            #expect(directory.name(of: ids[i]) == "客户\(i)号的名字长长的一串", "\(ids[i])")
            #expect(directory.region(of: ids[i]) == (i % 2 == 0 ? "rural" : nil))
        }
        #expect(directory.name(of: "C") == nil && directory.name(of: "C99999") == nil && directory.name(of: "C00001 ") == nil)
        #expect(directory.name(of: "") == nil && directory.name(of: "B") == nil)
    }

    /// A run reads its 客户分级 sheets back from the warehouse, the results keeping only the grades
    /// that moved (issue 29): the organisation's and a team's sheet have the cells the held grades
    /// give, in Chinese and in English, and so has the run's own workbook.
    @Test func theCustomersSheetReadBackHasTheCellsTheHeldGradesGive() throws {
        let (summary, tmp) = try TalkPageTests.run()  // September, then October: grades moved
        let period = try #require(summary.period), asOf = try #require(summary.asOf)
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        func cells(_ path: String, _ config: PipelineConfig) throws -> [String: String] {
            try TalkPageTests.cells(ReportTests.parts(path), sheet: Labels(language: config.language)(.sheetCustomers)).mapValues { "\($0.0) \($0.1)" }
        }
        for language in [PipelineConfig.Language.zhCN, .en] {
            var config = PipelineConfig()
            config.language = language
            let files = try warehouse.dryRun { db -> [(held: String, stored: String)] in
                // Every input read at once and every grade held: the metrics as the tests run them.
                let ctx = MetricContext(period: period, asOf: asOf, config: config)
                var inputs = try MetricInputs.readGrading(db, ctx)
                try MetricInputs.readVisits(db, ctx, into: &inputs)
                try MetricInputs.readLatestCountingVisits(db, ctx, into: &inputs)
                try MetricInputs.readComplaints(db, ctx, into: &inputs)
                try MetricInputs.readActivity(db, ctx, surveys: nil, into: &inputs)
                try MetricInputs.readWrittenWork(db, ctx, into: &inputs)
                let results = PeriodMetrics.compute(inputs, ctx)
                let directory = try ReportData.directory(db)
                let held = ReportData(results: results, load: summary.load, managers: directory.managers, customers: directory.customers,
                                      config: config, clock: ZoneClock(timeZone: config.timeZone),
                                      trend: try ManagerTrend.read(db, current: period, results: results.managers))
                var stored = held
                stored.results.grades = held.results.grades.keepingMoves()
                stored.storedGrades = try StoredGradeFile.read(db, period: period.name, expected: results.grades.tally.customers).rows
                let team = try #require(results.tree.nodes.first { !TeamCut.members(of: $0.id, in: results).isEmpty }?.id)
                var storedCut = stored.cut(to: team, previous: [:], previousAsOf: nil)
                storedCut.storedGrades = stored.storedGrades?.only(TeamCut.members(of: team, in: results), count: storedCut.results.grades.tally.customers)
                var out: [(String, String)] = []
                for (name, h, s) in [("org", held, stored), ("team", held.cut(to: team, previous: [:], previousAsOf: nil), storedCut)] {
                    let paths = (tmp.file("\(name)-held-\(language).xlsx"), tmp.file("\(name)-stored-\(language).xlsx"))
                    try WorkbookReport.write(h, to: paths.0)
                    try WorkbookReport.write(s, to: paths.1)
                    out.append(paths)
                }
                return out
            }
            for (held, stored) in files {
                let expected = try cells(held, config)
                #expect(expected.count > 100, "\(held)")
                #expect(try cells(stored, config) == expected, "\(stored)")
            }
            let (team, org) = (try cells(files[1].held, config), try cells(files[0].held, config))
            #expect(files[1].held.contains("team") && team.count < org.count)
            if language == .zhCN {  // the run's own workbook, in the run's language
                let run = try cells(tmp.file("out/2026-10/scorecard-2026-10.xlsx"), config)
                #expect(run == org)
            }
        }
    }
}
