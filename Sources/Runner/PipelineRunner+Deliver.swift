import Foundation
import ScorecardDelivery
import ScorecardModel
import ScorecardReports
import ScorecardWarehouse

/// `scorecard deliver` and `deliver.after_run` (SPEC §4.5): the period's reports as the run left
/// them in `output/<period>/`, sent by `Delivery`; only the `deliveries` table is written.
extension PipelineRunner {
    /// What `deliver` is asked beyond the run's options.
    public struct DeliverRequest: Sendable {
        public var dryRun = false
        public var resend = false
        /// The environment (SMTP password, robot secrets).
        public var environment = ProcessInfo.processInfo.environment

        public init(dryRun: Bool = false, resend: Bool = false) {
            self.dryRun = dryRun
            self.resend = resend
        }
    }

    /// Delivers `options.period`'s reports (default: the period of the latest successful run).
    /// - Throws: `DeliveryError.noPeriod` / `.missingReports` when there is nothing to deliver;
    ///   failures of single recipients are in the outcome (exit 4), recorded for the next `deliver`.
    public static func deliver(_ options: RunOptions, _ request: DeliverRequest) throws -> (period: Period, outcome: Delivery.Outcome) {
        let (warehouse, locks) = try openLocked(options)
        defer { withExtendedLifetime(locks) {} }
        var period = options.period
        if period == nil, let name = try warehouse.transaction({ try $0.latestLoad(pipelineHash: nil, period: nil) })?.period {
            period = try Period(parsing: name)
        }
        guard let period else { throw DeliveryError.noPeriod }
        let folder = (options.outputFolder as NSString).appendingPathComponent(period.name)
        guard let runID = RunManifest.runID(in: folder) else { throw DeliveryError.missingReports(period: period.name, folder: folder) }
        var delivery = Delivery(config: options.config, period: period, folder: folder, inputFolder: options.inputFolder, runID: runID)
        delivery.resend = request.resend
        delivery.dryRun = request.dryRun
        delivery.environment = request.environment
        let previous = try warehouse.transaction { try $0.latestDeliveries(period: period.name) }
        let outcome = try delivery.run(previous: previous) { record in
            try warehouse.transaction { try $0.recordDelivery(record) }
        }
        return (period, outcome)
    }
}
