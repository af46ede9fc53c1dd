import Foundation
import ScorecardModel
import ScorecardReports

/// The period's workbook, written on a second thread (its big tables' cells prepared on a
/// third) while the run's thread writes the other reports, then stores the results once the
/// workbook's sheets are written: zipping them is one core's work, and storing beside the
/// sheets only slowed both (issue 10: bank-sized set, store 21 s beside the sheets).
package final class WorkbookThread {
    private let sheetsWritten = Signal()
    private let work: BackgroundWork<(file: String, seconds: Double)>

    /// Starts writing `report`'s workbook into `folder`.
    package init(_ report: ReportData, into folder: String, hooks: RunHooks) {
        let sheetsWritten = sheetsWritten
        work = BackgroundWork { [failure = hooks.workbookFailure, layout = hooks.workbookLayout] in
            defer { sheetsWritten.raise() }  // a failed workbook too: the run's thread must not wait for it
            let written = try Self.write(report, into: folder, layout: layout, sheetsWritten: sheetsWritten.raise)
            if let failure { throw failure }
            return written
        }
    }

    deinit { _ = work.wait() }

    /// Returns once the sheets are written (or the workbook failed).
    package func waitForSheets() { sheetsWritten.wait() }

    /// The workbook's file name and the seconds it took, once it is written.
    package func finish() throws -> (file: String, seconds: Double) { try work.wait().get() }

    /// Writes the period's workbook; returns its file name and the seconds it took.
    package static func write(_ report: ReportData, into folder: String, layout: WorkbookReport.Layout,
                      sheetsWritten: () -> Void) throws -> (file: String, seconds: Double) {
        let start = Date()
        let file = "scorecard-\(report.period.name)\(report.fileSuffix).xlsx"
        let path = (folder as NSString).appendingPathComponent(file)
        try WorkbookReport.write(report, to: path, layout: layout, sheetsWritten: sheetsWritten)
        try OutputFile.restrict(path)
        return (file, Date().timeIntervalSince(start))
    }
}
