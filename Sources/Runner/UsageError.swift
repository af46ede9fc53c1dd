import Foundation

/// What was asked cannot be run as asked: the command line or the pipeline must change
/// (SPEC §1: exit 2). Found by the runner, before anything is written where it can be.
public enum UsageError: LocalizedError, Equatable {
    /// The warehouse lies in a folder the run replaces or removes (`OUT/2026-10/`, `OUT/validate/`…).
    case warehouseInsideReports(warehouse: String, folder: String)
    /// `--as-of` before the end of the period it evaluates (SPEC §3: as_of is never before the period end).
    case asOfBeforePeriodEnd(asOf: String, period: String, end: String)

    public var errorDescription: String? {
        switch self {
        case .warehouseInsideReports(let warehouse, let folder):
            return "The warehouse \(warehouse) is inside \(folder)/, a folder scorecard replaces or removes when it writes "
                + "reports: the warehouse would be deleted. Keep it directly in the output folder (the default) or outside it."
        case .asOfBeforePeriodEnd(let asOf, let period, let end):
            return "--as-of \(asOf) is before the end of \(period) (\(end)): a period is evaluated at or after its end. "
                + "Leave --as-of out, or give \(end) or later."
        }
    }
}
