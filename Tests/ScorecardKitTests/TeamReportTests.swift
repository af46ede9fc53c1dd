import Foundation
import Testing
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardReports
@testable import ScorecardSQLite

/// SPEC §4.4, `outputs.per_team`: a folder per team with a supervisor, the same sheets and report
/// cut to the team's subtree, nothing of another team in them, every "all" figure the team's own.
@Suite(.serialized) struct TeamReportTests {
    /// The sample (input/, three levels: 分行 → 华东支行, 江南支行 → 一组 … 四组) run for September
    /// and October with `per_team: true`.
    static func run() throws -> (TempFolder, SQLiteWarehouse, RunSummary) {
        let tmp = TempFolder()
        let location = WarehouseLocation.sqlite(path: tmp.file("out/warehouse.sqlite"))
        // The shipped pipeline: per_team on, and ledger rules, so that the ledger's lines are scanned too.
        let config = try PipelineLoader.load(path: CommandLineTests.monthly).config
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-09", config: config))
        let summary = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-10",
                                                                                 config: config))
        return (tmp, try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite")), summary)
    }

    /// A streamed team workbook is zipped on a second thread while the next team's sheets are
    /// written: with every workbook streamed, each team's workbook holds the same texts as when
    /// none is (shared strings or inline, the cells' texts are the same).
    @Test func streamedTeamWorkbooksZippedBesideTheNextHoldTheSameTexts() throws {
        let config = try PipelineLoader.load(path: CommandLineTests.monthly).config
        func teamTexts(streaming: Bool) throws -> [String: Set<String>] {
            let tmp = TempFolder()
            var options = try WarehouseContractTests.options(tmp, .sqlite(path: tmp.file("out/warehouse.sqlite")), input: MetricsRunTests.sample,
                                                             period: "2026-10", config: config)
            if streaming { options.hooks.workbookLayout = WorkbookReport.Layout(streamingFromRows: 0) }
            let summary = try PipelineRunner.run(options)
            var out: [String: Set<String>] = [:]
            for file in summary.files where file.hasPrefix("teams/") && file.hasSuffix(".xlsx") {
                let path = (summary.outputFolder as NSString).appendingPathComponent(file)
                var texts = Set<String>()
                for (_, data) in try ReportTests.parts(path) {
                    let xml = String(decoding: data, as: UTF8.self)
                    for match in xml.matches(of: /<t(?: [^>]*)?>([^<]*)<\/t>/) { texts.insert(String(match.1)) }
                }
                out[file] = texts
            }
            return out
        }
        let streamed = try teamTexts(streaming: true), kept = try teamTexts(streaming: false)
        #expect(!kept.isEmpty)
        #expect(streamed.keys.sorted() == kept.keys.sorted())
        for (file, texts) in kept {
            #expect(texts.count > 100, "\(file)")
            #expect(streamed[file] == texts, "\(file)")
        }
    }

    /// Every string of every file of a team's folder (the workbook's XML parts, charts included,
    /// entities decoded; the Markdown; the SVG charts), by file.
    static func texts(in folder: String) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for file in try FileManager.default.subpathsOfDirectory(atPath: folder).sorted() {
            let path = (folder as NSString).appendingPathComponent(file)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            if file.hasSuffix(".xlsx") {
                for (part, data) in try ReportTests.parts(path) {
                    let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "&lt;", with: "<")
                        .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
                        .replacingOccurrences(of: "&apos;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
                    out.append(("\(file):\(part)", text))
                }
            } else {
                out.append((file, try String(contentsOfFile: path, encoding: .utf8)))
            }
        }
        return out
    }

    /// Which of `needles` occur in `text`: an ASCII id as a whole token (M001 is not found inside
    /// M0012), any other (a Chinese name) anywhere.
    static func found(_ needles: Set<String>, in text: String) -> [String] {
        var tokens: Set<String> = [], token: [UInt8] = []
        for b in text.utf8 {
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F { token.append(b); continue }
            if !token.isEmpty { tokens.insert(String(decoding: token, as: UTF8.self)); token = [] }
        }
        if !token.isEmpty { tokens.insert(String(decoding: token, as: UTF8.self)) }
        let bytes = Data(text.utf8)
        return needles.filter { needle in
            needle.allSatisfy(\.isASCII) ? tokens.contains(needle) : bytes.range(of: Data(needle.utf8)) != nil
        }.sorted()
    }

    @Test func eachSupervisedTeamGetsItsFilesHoldingNothingOfAnotherTeam() throws {
        let (tmp, db, _) = try Self.run()
        let teams = try db.rows("SELECT team, COALESCE(name, ''), COALESCE(parent, ''), COALESCE(supervisor, '') FROM teams ORDER BY team")
            .map { (id: $0[0]!, name: $0[1]!, parent: $0[2]!, supervisor: $0[3]!) }
        let managers = try db.rows("SELECT manager_id, COALESCE(name, ''), COALESCE(team, '') FROM managers").map { (id: $0[0]!, name: $0[1]!, team: $0[2]!) }
        let customers = try db.rows("SELECT customer_id, COALESCE(name, ''), manager_id FROM customers").map { (id: $0[0]!, name: $0[1]!, manager: $0[2]!) }
        let id = { (reference: String) in teams.first { $0.id == reference }?.id ?? teams.first { $0.name == reference }?.id ?? reference }
        func ancestors(_ t: String) -> Set<String> {
            var out: Set<String> = [], at = teams.first { $0.id == t }?.parent ?? ""
            while !at.isEmpty, out.insert(id(at)).inserted { at = teams.first { $0.id == id(at) }?.parent ?? "" }
            return out
        }
        let folder = tmp.file("out/2026-10/teams")
        let written = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(written == teams.filter { !$0.supervisor.isEmpty }.map(\.id).sorted())
        #expect(written.count == 5)   // 四组 and 分行 have no supervisor

        for team in written {
            let below = Set(teams.map(\.id).filter { $0 == team || ancestors($0).contains(team) })
            let above = ancestors(team)
            let members = Set(managers.filter { below.contains(id($0.team)) }.map(\.id))
            #expect(!members.isEmpty)
            var allowed = Set(teams.filter { below.contains($0.id) || above.contains($0.id) }.flatMap { [$0.id, $0.name] })
            allowed.formUnion(managers.filter { members.contains($0.id) }.map(\.name))
            allowed.formUnion(customers.filter { members.contains($0.manager) }.map(\.name))
            var forbidden = Set(teams.filter { !below.contains($0.id) && !above.contains($0.id) }.flatMap { [$0.id, $0.name] })
            forbidden.formUnion(managers.filter { !members.contains($0.id) }.flatMap { [$0.id, $0.name] })
            forbidden.formUnion(customers.filter { !members.contains($0.manager) }.flatMap { [$0.id, $0.name] })
            forbidden = forbidden.subtracting(allowed).filter { !$0.isEmpty }

            let own = (folder as NSString).appendingPathComponent(team)
            for file in ["scorecard-2026-10-\(team).xlsx", "report-2026-10-\(team).md", "report-2026-10-\(team)-chat.md"] {
                let path = (own as NSString).appendingPathComponent(file)
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o640, "\(team)/\(file)")
            }
            let texts = try Self.texts(in: own)
            #expect(texts.contains { $0.0.hasSuffix("xl/sharedStrings.xml") } && texts.contains { $0.0.contains("charts/chart") })
            for (file, text) in texts {
                let leaked = Self.found(forbidden, in: text)
                #expect(leaked.isEmpty, "\(team)/\(file) names another team's \(leaked.prefix(5))")
            }
            // Its own managers are there: the cut is not empty.
            let report = try #require(texts.first { $0.0 == "report-2026-10-\(team).md" }?.1)
            #expect(managers.filter { members.contains($0.id) && !$0.name.isEmpty }.contains { report.contains($0.name) })
            #expect(report.contains("组内名次"))
        }
        // The scan finds what it looks for: the organisation's own report names every team.
        let org = try String(contentsOfFile: tmp.file("out/2026-10/report-2026-10.md"), encoding: .utf8)
        #expect(Self.found(Set(teams.map(\.name).filter { !$0.isEmpty }), in: org).count == teams.filter { !$0.name.isEmpty }.count)
    }

    /// Each team's stored figures against sums of its managers' stored rows (SPEC §4.4: every rate
    /// from the level's own counts), and the top team's cut equal to the organisation's figures.
    @Test func aTeamsFiguresAreSumsOfItsOwnRows() throws {
        let (_, db, summary) = try Self.run()
        let results = try #require(summary.results)
        let below = """
            WITH RECURSIVE up(team, manager_id) AS (
              SELECT team, manager_id FROM managers WHERE team IS NOT NULL
              UNION SELECT t.parent, up.manager_id FROM up JOIN teams t ON t.team = up.team WHERE t.parent IS NOT NULL)
            """
        let stored = try db.rows("SELECT metric, value FROM period_metrics WHERE period = '2026-10' AND metric LIKE 'team:%'")
        var checked = 0
        for team in ["华东支行", "江南支行", "一组", "二组", "三组"] {
        let p = "x.period = '2026-10' AND x.manager_id IN (SELECT manager_id FROM up WHERE up.team = '\(team)')"
        let checks: [(Figure, String)] = [
            (.complaints, "SELECT COUNT(*) FROM complaint_sla x WHERE \(p)"),
            (.slaRate, """
                SELECT SUM((x.first_response_status = 'met') + (x.resolution_status = 'met') + COALESCE(x.escalation_status = 'met', 0)) * 1.0
                     / SUM((x.first_response_status != 'pending') + (x.resolution_status != 'pending') + COALESCE(x.escalation_status != 'pending', 0))
                FROM complaint_sla x WHERE \(p)
                """),
            (.responses, "SELECT SUM(x.responses) FROM satisfaction_summary x WHERE \(p)"),
            (.meanOverall, "SELECT SUM(x.mean_overall * x.scored) / SUM(x.scored) FROM (SELECT period, manager_id, mean_overall, "
                + "(SELECT COUNT(*) FROM surveys s WHERE s.manager_id = y.manager_id AND s.overall IS NOT NULL "
                + "AND s.surveyed_at >= '2026-10-01' AND s.surveyed_at < '2026-11-01') AS scored FROM satisfaction_summary y) x WHERE \(p)"),
            (.outstanding, "SELECT SUM(x.outstanding) FROM receivables x WHERE \(p)"),
            (.overdue, "SELECT SUM(x.overdue) FROM receivables x WHERE \(p)"),
            (.collectionRate, "SELECT SUM(x.collection_rate * x.amount_due) / SUM(x.amount_due) FROM receivables x WHERE \(p) AND x.amount_due > 0"),
            (.visits, "SELECT SUM(x.visits) FROM visit_summary x WHERE \(p)"),
            (.customersA, "SELECT COUNT(*) FROM customer_grades g JOIN customers x ON x.customer_id = g.customer_id "
                + "WHERE g.period = '2026-10' AND g.grade = 'A' AND x.manager_id IN (SELECT manager_id FROM up WHERE up.team = '\(team)')"),
        ]
            for (figure, sql) in checks {
                let expected = try db.rows(below + sql).first?.first?.flatMap(Double.init)
                let value = stored.first { $0[0] == Figure.teamMetric(team, figure) }?[1].flatMap(Double.init)
                #expect(expected != nil && value != nil, "\(team) \(figure): \(String(describing: value)) vs \(String(describing: expected))")
                if let expected, let value {
                    #expect(abs(value - expected) <= 1e-6 * max(1, abs(expected)), "\(team) \(figure): \(value) vs \(expected)")
                    checked += 1
                }
            }
        }
        #expect(checked == 45)
        // 分行 holds every manager with a team: its cut is the organisation but for the managers of no team.
        let teamless = Set(results.managers.map(\.managerID)).subtracting(results.managerTeams.keys)
        if teamless.isEmpty {
            #expect(TeamCut.results(results, team: "分行").figures == results.figures)
        }
    }

    /// Folder and file names: unsafe characters as `_`, and ids that needed it kept apart by a hash.
    @Test func teamFolderNamesAreSafeAndDistinct() {
        let ids = ["A/1", "A:1", "A_1", "A*1", "一组", "..", "a\nb"]
        let names = ids.map(ReportData.fileSafe)
        #expect(Set(names).count == ids.count, "\(names)")
        #expect(ReportData.fileSafe("一组") == "一组" && ReportData.fileSafe("A_1") == "A_1")
        #expect(names.allSatisfy { !$0.contains("/") && !$0.contains(":") && !$0.contains("\n") && $0 != ".." && $0 != "." })
    }

    /// The rank within the team: competition ranks on the organisation's rank (ties stay tied).
    @Test func teamRanksFollowTheOrganisationsRanks() {
        func score(_ id: String, _ rank: Int) -> ManagerScore {
            ManagerScore(managerID: id, sales: 0, attainment: nil, coverageRate: nil, slaRate: nil, adjustedSLARate: nil,
                         adjustedSatisfaction: nil, collectionRate: nil, newCustomers: 0, serviceCompliance: nil, planExecutionRate: nil,
                         score: 0, rank: rank, previousRank: nil, isFirst: false, isLast: false)
        }
        let ranked = TeamCut.ranked([score("a", 2), score("b", 5), score("c", 5), score("d", 9)])
        #expect(ranked.map(\.teamRank) == [1, 2, 2, 4])
        #expect(ranked.map(\.rank) == [2, 5, 5, 9])
    }
}
