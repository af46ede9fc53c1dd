import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardReports

/// The report of every team with a supervisor (SPEC §4.4, `outputs.per_team`): in
/// `teams/<team>/` of the period's folder, `scorecard-<period>-<team>.xlsx` and
/// `report-<period>-<team>.md` (with its chat report and charts), each on the team's cut of
/// the results; written one at a time.
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

    /// Writes each team's reports, one team at a time, each team cut once, beside the
    /// organisation's workbook: a big team's workbook (streamed, its rows in temporary files) is
    /// zipped on a second thread while the next team's sheets are written, once its cut is gone.
    /// Two teams at once held both their cuts and workbooks (the bank-shaped set's two branches,
    /// half the organisation each: 77 MB more than one; issue 29).
    package static func write(_ report: ReportData, teams: [String], previous: [String: [Figure: Double]], previousAsOf: Int?,
                              options: RunOptions, into folder: String) throws -> Written {
        var written = Written()
        var zipping: BackgroundWork<Void>?
        defer { _ = zipping?.wait() }
        for id in teams {
            var cut = report.cut(to: id, previous: previous[id] ?? [:], previousAsOf: previousAsOf)
            // The team's 客户分级 rows: its managers' customers' of the organisation's, as many as their tallies count.
            cut.storedGrades = report.storedGrades?.only(TeamCut.members(of: id, in: report.results), count: cut.results.grades.tally.customers)
            // What making the cut freed (its filters' and summaries' copies) given back before the
            // sheets are written: left in the arenas, it stayed resident beside them (a branch of half
            // the bank-shaped set's customers: 20 MiB more resident for 5 MB more heap; with this,
            // 148 → 139 MiB once cut, issue 29).
            MemoryUse.releaseFree()
            StageTimer.trace("team \(id): its cut")
            let relative = "teams/" + ReportData.fileSafe(id)
            let own = (folder as NSString).appendingPathComponent(relative)
            try OutputFolder.create(own)
            var files: [String] = []
            if options.config.outputs.workbook {
                let file = WorkbookThread.file(cut)
                let path = (own as NSString).appendingPathComponent(file)
                let book = try WorkbookReport.writeSheets(cut, to: path, layout: options.hooks.workbookLayout)
                let zip = Unchecked { try book.close(); try OutputFile.restrict(path) }
                if book.streaming {  // its rows are in temporary files: zipped beside the next team
                    try zipping?.wait().get()  // one zip at a time
                    zipping = BackgroundWork { try zip.value() }
                } else {  // its cells are in memory until it is zipped: zipped now (today's set: 193 → 229 MiB beside the next team)
                    try zip.value()
                }
                files.append(file)
                StageTimer.trace("team \(id): its workbook's sheets")
            }
            if options.config.outputs.markdown {
                files += try MarkdownReport.write(cut, charts: options.config.outputs.charts, into: own)
            }
            StageTimer.trace("team \(id): its Markdown")
            written.files += files.map { relative + "/" + $0 }
            written.figures[id] = cut.results.figures
            MemoryUse.releaseFree()  // the team's cut, not kept in the arena for the next team
        }
        try zipping?.wait().get()
        zipping = nil
        return written
    }
}
