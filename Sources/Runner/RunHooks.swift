import ScorecardReports

/// What tests set on a run to see its failure paths and big-workbook behaviour on small data.
package struct RunHooks: Sendable {
    /// A fault at a stage boundary (what a kill there leaves must be the old warehouse and
    /// reports, or the new ones).
    package var failureAt: (stage: RunStage, error: any Error & Sendable)?
    /// Thrown on the workbook's thread once the workbook is written (the main thread stores
    /// the results meanwhile): a failure on the second thread.
    package var workbookFailure: (any Error & Sendable)?
    /// Fewer rows per sheet and a lower streaming threshold.
    package var workbookLayout = WorkbookReport.Layout()
}

/// The boundaries between a run's stages, where a test can inject a fault.
package enum RunStage: CaseIterable, Sendable {
    /// …`written`: the reports are in the temporary folder, the transaction not yet committed.
    case loaded, settled, computed, written, committed
}

extension RunOptions {
    package func fault(at stage: RunStage) throws {
        if let injected = hooks.failureAt, injected.stage == stage { throw injected.error }
    }
}
