import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardWarehouse

/// What a finished run reports back.
public struct RunSummary: Sendable {
    public var runID: Int64?
    public var period: Period?
    public var asOf: Int?
    public var load: LoadReport
    /// Folder the run's files were written to.
    public var outputFolder: String
    public var files: [String]
    public var stageSeconds: [(String, Double)]
    /// The period's metrics (nil for `validate`, failed and unchanged runs).
    public var results: PeriodResults?
    /// Set when nothing changed since that run and its reports were kept.
    public var unchangedSince: Int64?
    /// How the period was chosen when none was given (a later, sparse period passed over).
    public var defaultPeriod: DefaultPeriod?
}

public enum RunError: LocalizedError {
    /// A file's rejected share is above `max_reject_rate` (exit 3).
    case qualityBelowThreshold(RunSummary, maxRejectRate: Double)
    /// The data has no order, visit, complaint or survey, so there is no default period.
    case noActivity

    public var errorDescription: String? {
        switch self {
        case .qualityBelowThreshold(let summary, let rate):
            // Each file with its share and its top three reasons (SPEC §2.5), so the
            // cause shows without opening rejects.csv.
            let files = summary.load.filesOverRejectRate(rate).map { f in
                let share = f.allRejected ? "all \(f.rowsRead) rows rejected" : String(format: "%.1f%% rejected", f.rejectRate * 100)
                let reasons = summary.load.topRejectReasons(of: f.file).map { "\n    - \($0.reason)" }.joined()
                return "\n  \(f.file): \(share)\(reasons)"
            }
            // A file of which every row was rejected stops the run whatever the threshold.
            let overThreshold = summary.load.files.contains { $0.rejectRate > rate }
            let head = overThreshold ? "Data quality below the pipeline's threshold (max_reject_rate \(String(format: "%.1f%%", rate * 100))):"
                : "Every row of a file was rejected, so a report would miss it entirely:"
            return "\(head)\(files.joined())\nNothing was loaded and no report was written; see \(summary.outputFolder)/rejects.csv."
        case .noActivity:
            return "The data has no order, visit, complaint, survey, service request or visit plan, so there is no period to report. Pass --period."
        }
    }
}
