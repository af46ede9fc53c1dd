import Foundation
import Synchronization
import ScorecardMetrics
import ScorecardModel
import ScorecardReports

/// The report of every team with a supervisor (SPEC §4.4, `outputs.per_team`): in
/// `teams/<team>/` of the period's folder, `scorecard-<period>-<team>.xlsx` and
/// `report-<period>-<team>.md` (with its chat report and charts), each on the team's cut of
/// the results; written two at a time (a team's workbook is one core's work).
package enum TeamReports {
    /// The teams whose reports a run writes: those with a supervisor, in the tree's order.
    package static func teams(_ results: PeriodResults, perTeam: Bool) -> [String] {
        guard perTeam else { return [] }
        return results.tree.nodes.filter { !($0.supervisor ?? "").isEmpty }.map(\.id)
    }

    /// What the team reports left: the files written (relative to the period's folder) and each
    /// team's headline figures (stored for its next report's 上期).
    package struct Written: Sendable {
        package var files: [String] = []
        package var figures: [String: [Figure: Double]] = [:]
    }

    /// Writes each team's reports, each team cut once, two teams at a time. The largest cuts are
    /// not written beside each other: one thread takes the teams from the largest down, the other
    /// from the smallest up, until they meet (the bank-shaped set's two branches, half the
    /// organisation each, were written together: their cuts and workbooks 77 MB; issue 29).
    package static func write(_ report: ReportData, teams: [String], previous: [String: [Figure: Double]], previousAsOf: Int?,
                              options: RunOptions, into folder: String) throws -> Written {
        guard !teams.isEmpty else { return Written() }
        let queue = Mutex(bySize(teams, report.results.teams)[...])
        let write = { @Sendable (largestFirst: Bool) throws -> Written in
            var written = Written()
            while let id = queue.withLock({ largestFirst ? $0.popFirst() : $0.popLast() }) {
                let cut = report.cut(to: id, previous: previous[id] ?? [:], previousAsOf: previousAsOf)
                written.files += try writeTeam(cut, options: options, into: folder)
                written.figures[id] = cut.results.figures
                MemoryUse.releaseFree()  // the team's cut and workbook, not kept in the writing threads' arenas for the next team
            }
            return written
        }
        let second = BackgroundWork { try write(false) }
        let first = Result { try write(true) }
        let (a, b) = (try first.get(), try second.wait().get())
        // The files in the tree's order, whichever thread wrote them.
        let files = teams.flatMap { id in (a.files + b.files).filter { $0.hasPrefix("teams/" + ReportData.fileSafe(id) + "/") } }
        return Written(files: files, figures: a.figures.merging(b.figures) { x, _ in x })
    }

    /// The teams by their customers, most first (ties in the tree's order).
    static func bySize(_ teams: [String], _ summaries: [TeamSummary]) -> [String] {
        let customers = Dictionary(summaries.map { ($0.team, $0.customers) }, uniquingKeysWith: max)
        return teams.enumerated().sorted { (customers[$0.element] ?? 0, -$0.offset) > (customers[$1.element] ?? 0, -$1.offset) }.map(\.element)
    }

    /// One team's workbook and Markdown into `folder/teams/<team>/`.
    private static func writeTeam(_ report: ReportData, options: RunOptions, into folder: String) throws -> [String] {
        let relative = "teams/" + ReportData.fileSafe(report.results.team ?? "")
        let own = (folder as NSString).appendingPathComponent(relative)
        try OutputFolder.create(own)
        var files: [String] = []
        if options.config.outputs.workbook {
            files.append(try WorkbookThread.write(report, into: own, layout: options.hooks.workbookLayout,
                                                  sheetsWritten: {}).file)
        }
        if options.config.outputs.markdown {
            files += try MarkdownReport.write(report, charts: options.config.outputs.charts, into: own)
        }
        return files.map { relative + "/" + $0 }
    }
}
