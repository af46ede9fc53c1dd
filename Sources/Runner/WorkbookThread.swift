import Foundation
import ScorecardModel
import ScorecardReports

/// The period's workbook, written on a second thread (its big tables' cells prepared on a
/// third) while the run's thread writes the other reports, stores the results and writes the
/// teams' reports.
package final class WorkbookThread {
    private let work: BackgroundWork<(file: String, seconds: Double)>

    /// Starts writing `report`'s workbook into `folder`.
    package init(_ report: ReportData, into folder: String, hooks: RunHooks) {
        work = BackgroundWork { [failure = hooks.workbookFailure, layout = hooks.workbookLayout] in
            let start = Date()
            let file = Self.file(report)
            let path = (folder as NSString).appendingPathComponent(file)
            try WorkbookReport.write(report, to: path, layout: layout)
            try OutputFile.restrict(path)
            if let failure { throw failure }
            return (file, Date().timeIntervalSince(start))
        }
    }

    deinit { _ = work.wait() }

    /// The workbook's file name and the seconds it took, once it is written.
    package func finish() throws -> (file: String, seconds: Double) { try work.wait().get() }

    /// `scorecard-<period>[-<team>].xlsx`.
    package static func file(_ report: ReportData) -> String { "scorecard-\(report.period.name)\(report.fileSuffix).xlsx" }
}
