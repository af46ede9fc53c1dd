import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

extension PipelineRunner {
    /// What the load stage found: nothing changed since the reports in place, or the load.
    package enum LoadOutcome {
        case unchanged(RunSummary)
        case loaded(LoadReport)
    }

    /// Loads the exports; on a rerun reads only the files that changed (SPEC §2.4), and
    /// when nothing changed for the same period and as_of, records the run as unchanged.
    package static func loadStage(_ db: any WarehouseSession, runID: Int64, options: RunOptions, clock: ZoneClock,
                          timer: StageTimer) throws -> LoadOutcome {
        var t = Date()
        var loader = Loader(config: options.config, inputFolder: options.inputFolder, now: options.now, progress: options.progress)
        loader.runID = runID
        var stagedBefore: StagedTotals?
        // The warehouse holds what the last successful run staged: only that run's
        // inputs, with the same pipeline, can stand for files not read again.
        if let last = try db.latestLoad(pipelineHash: nil, period: nil), last.pipelineHash == options.pipelineHash {
            let fingerprints = try InputFingerprint.scan(loader)
            timer.finished("fingerprint", Date().timeIntervalSince(t))
            // Same inputs as the last load: the warehouse is as that run left it, so the
            // default period it chose still stands (no table scan; `latest_activity` holds an
            // instant in it).
            func period() throws -> Period {
                if let given = options.period { return given }
                if let text = last.latestActivity, let at = Moment.parse(text) {
                    return Period(kind: options.config.periodKind, containing: clock.localDate(ofEpoch: at.epoch(in: clock)))
                }
                return try defaultPeriod(db, kind: options.config.periodKind).period
            }
            if last.sameInputs(fingerprints), case let period = try period(),
               let same = try db.latestLoad(pipelineHash: options.pipelineHash, period: period.name),
               same.sameInputs(fingerprints), options.asOf.map(clock.iso) ?? same.asOf == same.asOf,
               try !same.earlierPeriodStoredSince(db, period: period),
               let unchanged = try unchangedSummary(same, runID: runID, period: period, options: options, clock: clock, db: db, stages: timer.stages) {
                return .unchanged(unchanged)
            }
            loader.plan = ReusePlan(previous: last, now: fingerprints)
            // The fact tables as that run left them, for this load's rows to be added to.
            stagedBefore = last.staged
            t = Date()
        }
        var load = try loader.load(into: db)
        load.stagedBefore = stagedBefore
        try db.loaded()
        try requireEveryEntity(load, options: options)
        timer.finished("ingest", Date().timeIntervalSince(t))
        return .loaded(load)
    }

    /// A required entity with no file would give a report that is wrong without a word
    /// (no orders: everyone C, zero sales): the run stops, naming the pattern and the
    /// folder, unless the pipeline marks the entity `optional` (issue 12).
    package static func requireEveryEntity(_ load: LoadReport, options: RunOptions) throws {
        if let missing = missingExport(load, options: options) { throw missing }
    }

    /// The first required entity without a file, as the error `run` stops with: `validate`
    /// prints its table, then exits with it too (issue 25: it said all was well, exit 0).
    public static func missingExport(_ load: LoadReport, options: RunOptions) -> IngestError? {
        guard let entity = load.missingEntities.first else { return nil }
        return IngestError.noFiles(entity: entity.rawValue, pattern: options.config.input(entity).files.joined(separator: ", "),
                                   folder: options.inputFolder)
    }

    /// Nothing changed since `previous` (same pipeline, inputs, period and as_of) and its
    /// reports are still in place: they are current, so the run records itself and stops.
    package static func unchangedSummary(_ previous: PreviousLoad, runID: Int64, period: Period, options: RunOptions, clock: ZoneClock,
                                 db: any WarehouseSession, stages: [(String, Double)]) throws -> RunSummary? {
        let folder = (options.outputFolder as NSString).appendingPathComponent(period.name)
        guard let outputs = RunManifest.keptReports(in: folder, runID: previous.runID) else { return nil }
        var load = LoadReport()
        load.files = previous.files
        load.rejects = previous.rejects
        load.reusedFiles = previous.files.map(\.file)
        let asOf = previous.asOf.flatMap { Moment.parse($0)?.epoch(in: clock) }
        let summary = RunSummary(runID: runID, period: period, asOf: asOf, load: load, outputFolder: folder, files: outputs,
                                 stageSeconds: stages, unchangedSince: previous.runID)
        try db.recordRejects(load.rejects, runID: runID)
        try db.finishRun(runID, record(summary, status: "unchanged", message: "inputs and pipeline unchanged since run \(previous.runID); reports kept",
                                       clock: clock))
        return summary
    }
}
