import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// What the report writers show: the period's results, the load, and the names
/// behind the ids. Writers never query the warehouse themselves.
package struct ReportData: Sendable {
    package struct Person: Sendable {
        package var name: String
        package var team: String?
        package var left = false
    }

    package var results: PeriodResults
    package var load: LoadReport
    package var managers: [String: Person]
    package var customers: CustomerDirectory
    package var config: PipelineConfig
    package var clock: ZoneClock
    /// The last periods' rankings (SPEC §4.1.1); just this period when none is stored.
    package var trend = ManagerTrend()
    /// The previous period's headline figures, as stored by its run (SPEC §4.1.1); empty when none.
    package var previous: [Figure: Double] = [:]
    /// When the previous period's figures were measured (its run's as_of); nil when it was never run.
    package var previousAsOf: Int?
    /// The last counting visit by as_of of the customers the manager pages list (issue 30 item 9).
    package var lastVisits: [String: Int] = [:]
    /// The team's name (else its id) in a team's report (SPEC §4.4); nil in the organisation's.
    package var teamName: String?
    /// A team's report whose previous period was run without team reports: no figures of its own to show.
    package var previousTeamNotKept = false
    /// The 客户分级 sheet's rows as the warehouse gives them back, when the results hold only the
    /// grades that moved (a run's reports, issue 29); nil: the results hold every grade.
    package var storedGrades: StoredGradeFile.Rows?

    package init(results: PeriodResults, load: LoadReport, managers: [String: Person], customers: CustomerDirectory, config: PipelineConfig, clock: ZoneClock, trend: ManagerTrend = ManagerTrend(), previous: [Figure: Double] = [:], previousAsOf: Int? = nil) {
        self.previousAsOf = previousAsOf
        self.results = results
        self.load = load
        self.managers = managers
        self.customers = customers
        self.config = config
        self.clock = clock
        self.trend = trend
        self.previous = previous
    }

    package var labels: Labels { Labels(language: config.language) }

    /// The previous period was run (its figures are stored): only then is a change against it shown (issue 30 item 3).
    package var previousWasRun: Bool { previousAsOf != nil || !previous.isEmpty }

    /// The previous period's as_of when it lies more than a day after that period's end: its
    /// balances were measured then, not at its close (issue 30 item 3).
    package var previousMeasuredLate: Int? {
        guard let asOf = previousAsOf else { return nil }
        let end = clock.epoch(date: period.previous.end)
        return asOf > end + 86_400 ? asOf : nil
    }
    package var period: Period { results.period }

    /// The name as every table and sentence shows it: marked （离职） when the manager has left
    /// (issue 30 item 10: in every sheet and the Markdown alike). SPEC §3.5 still ranks a departed
    /// manager with activity in the period; the mark says whoever takes over is not that person.
    package func managerName(_ id: String) -> String {
        managers[id]?.left == true ? "\(plainManagerName(id))\(labels(.leftMark))" : plainManagerName(id)
    }

    /// The name alone (the manager page's title says 已离职 in words).
    package func plainManagerName(_ id: String) -> String { managers[id]?.name ?? id }

    package func hasLeft(_ id: String) -> Bool { managers[id]?.left == true }

    /// A team's row title: its name (else its id), indented one full-width space a level below
    /// the top (SPEC §4.4); 未分组 for the managers of no team.
    package func teamTitle(_ t: TeamSummary) -> String {
        t.team.isEmpty ? labels(.noTeam) : String(repeating: "\u{3000}", count: t.depth) + (t.name ?? t.team)
    }

    /// A rate over `n` cases, with its count when a small sample (SPEC §4.1.1).
    package func rate(_ v: Double?, n: Int) -> String { Fmt.rate(v, n: n, minSample: config.minSample, language: config.language) }
    package func customerName(_ id: String) -> String { customers.name(of: id) ?? id }

    /// `2026-10-01 – 2026-10-31`: the period's days.
    package var periodDays: String { "\(period.start) – \(period.end.adding(days: -1))" }

    /// as_of as `2026-11-01 00:00`.
    package var asOfText: String { Fmt.time(results.asOf, clock) }

    /// The managers the trend chart draws, as positions in this period's ranking: everyone when
    /// ten or fewer, else the first and the last five (SPEC §4.1.1).
    package var trendChartPositions: [Int] {
        let n = results.managers.count
        return n <= 10 ? Array(0..<n) : Array(0..<5) + Array((n - 5)..<n)
    }

    // The three charts' series, shared by the workbook and the SVG charts.

    package var gradeSeries: [(String, Double?)] {
        let totals = results.gradeTotals
        return Grade.allCases.map { g in (g.rawValue, Optional(Double(totals[g]?.customers ?? 0))) }
    }

    package var scoreSeries: [(String, Double?)] { Self.capped(results.managers.map { (managerName($0.managerID), Optional($0.score)) }) }

    package var slaSeries: [(String, Double?)] {
        Self.capped(results.complaints.groups.filter { $0.grouping == .manager }
            .sorted { ($0.slaRate ?? -1, $1.key) > ($1.slaRate ?? -1, $0.key) }.map { g in
                // A small sample's count beside the name, as beside a rate (SPEC §4.1.1, issue 30 item 2).
                (managerName(g.key) + (g.complaints < config.minSample ? Fmt.countSuffix(g.complaints, config.language) : ""), g.slaRate)
            })
    }

    /// At most 30 bars: the first and last 15 when there are more (a chart of 500 managers is unreadable).
    package static func capped(_ rows: [(String, Double?)]) -> [(String, Double?)] {
        rows.count <= 30 ? rows : Array(rows.prefix(15)) + Array(rows.suffix(15))
    }
}

/// Number and time formats shared by the workbook and the Markdown report (SPEC §4.2:
/// "numbers formatted as in the workbook").
package enum Fmt {
    package static func money(_ v: Double?) -> String { v.map(MoneyText.grouped) ?? "–" }

    /// `18,028`: a count with digit groups.
    package static func count(_ n: Int) -> String {
        let digits = String(abs(n))
        var grouped = ""
        for (i, c) in digits.reversed().enumerated() { grouped = String(c) + (i > 0 && i % 3 == 0 ? "," : "") + grouped }
        return (n < 0 ? "-" : "") + grouped
    }

    package static func rate(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }

    /// A rate with its count when the count is below `minSample`: `50.0% (2)`, in Chinese
    /// `50.0%（2）` (SPEC §4.1.1). The one way a small sample shows, in the Markdown as in the
    /// workbook's number format (`CellStyle.sampled`) and the charts' labels (issue 30 item 2).
    package static func rate(_ v: Double?, n: Int, minSample: Int, language: PipelineConfig.Language = .en) -> String {
        guard let v, n < minSample else { return rate(v) }
        return rate(v) + countSuffix(n, language)
    }

    /// ` (2)` after an English rate, `（2）` after a Chinese one.
    package static func countSuffix(_ n: Int, _ language: PipelineConfig.Language) -> String {
        language == .en ? " (\(n))" : "（\(n)）"
    }
    package static func hours(_ v: Double?) -> String { v.map { String(format: "%.1f", $0) } ?? "–" }
    package static func decimal(_ v: Double?, _ digits: Int = 2) -> String { v.map { String(format: "%.\(digits)f", $0) } ?? "–" }

    package static func time(_ epoch: Int?, _ clock: ZoneClock) -> String {
        guard let epoch else { return "–" }
        let iso = clock.iso(epoch)
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5))
    }

    /// `+2`, `-1`, `–`.
    package static func change(_ v: Int?) -> String {
        guard let v else { return "–" }
        return v > 0 ? "+\(v)" : "\(v)"
    }
}
