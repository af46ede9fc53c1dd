import Crypto
import Foundation

/// What a `run` or `validate` is asked to do.
public struct RunOptions: Sendable {
    public var pipelinePath: String
    public var config: PipelineConfig
    /// The pipeline file's text (its SHA-256 is the run's pipeline hash).
    public var pipelineText: String
    public var inputFolder: String
    public var outputFolder: String
    public var period: Period?
    public var asOf: Date?
    /// The moment of the run (event times after it are rejected).
    public var now: Date
    /// Called with (stage, rows so far) during ingest, and with (stage, -1) when a
    /// stage without a row count starts (metrics, writing).
    public var progress: (@Sendable (String, Int) -> Void)?
    /// Tests only: a fault at a stage boundary (what a kill there leaves must be the
    /// old warehouse and reports, or the new ones).
    var injectedFailureAt: (stage: RunStage, error: any Error & Sendable)?
    /// Tests only: thrown on the workbook's thread once the workbook is written (the main
    /// thread stores the results meanwhile) — a failure on the second thread.
    var injectedWorkbookFailure: (any Error & Sendable)?
    /// Tests only: fewer rows per sheet and a lower streaming threshold, to see big-workbook
    /// behaviour on small data.
    var workbookLayout = WorkbookReport.Layout()
    /// Where each finished stage is noted as the run goes (`--verbose` on a failed run).
    public var stageLog: StageLog?

    public init(pipelinePath: String, config: PipelineConfig, pipelineText: String, inputFolder: String,
                outputFolder: String, period: Period? = nil, asOf: Date? = nil, now: Date = Date(),
                progress: (@Sendable (String, Int) -> Void)? = nil) {
        self.pipelinePath = pipelinePath
        self.config = config
        self.pipelineText = pipelineText
        self.inputFolder = inputFolder
        self.outputFolder = outputFolder
        self.period = period
        self.asOf = asOf
        self.now = now
        self.progress = progress
    }

    /// `--warehouse`, over the pipeline's `warehouse:` (SPEC §9).
    public var warehouseOverride: WarehouseLocation?

    public var warehousePath: String { (outputFolder as NSString).appendingPathComponent("warehouse.sqlite") }

    /// Where the run's warehouse is: `--warehouse`, the pipeline's `warehouse:`, else the
    /// SQLite file in the output folder.
    public var warehouse: WarehouseLocation {
        warehouseOverride ?? config.warehouse ?? .sqlite(path: warehousePath)
    }
    /// SHA-256 of the pipeline file and the report language (which `--lang` can override).
    /// With the version of the ingest rules: files staged by an older build are read
    /// again, not reused with the rejects and as_of of rules that have changed; and of
    /// the metrics: reports of an older build are computed again, not kept as current.
    public var pipelineHash: String {
        sha256Hex(Data((pipelineText + "\n# language: \(config.language.rawValue)\n# ingest rules: \(IngestRules.version)"
                        + "\n# metrics: \(PeriodMetrics.version)").utf8))
    }
}

/// The boundaries between a run's stages, where a test can inject a fault.
enum RunStage: CaseIterable, Sendable {
    /// …`written`: the reports are in the temporary folder, the transaction not yet committed.
    case loaded, settled, computed, written, committed
}

extension RunOptions {
    func fault(at stage: RunStage) throws {
        if let injected = injectedFailureAt, injected.stage == stage { throw injected.error }
    }
}

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

/// Runs the stages in order: the only place that knows that order.
public enum PipelineRunner {
    /// `scorecard run`: load in one transaction, settle the period and as_of, write
    /// the period's files to a temporary folder and move them into place only
    /// when the transaction commits (SPEC §2.4, §4).
    public static func run(_ options: RunOptions) throws -> RunSummary {
        let started = Date()
        let clock = ZoneClock(timeZone: options.config.timeZone)
        if let period = options.period, let asOf = options.asOf {  // refused before anything is opened
            try requireAsOf(Int(asOf.timeIntervalSince1970), notBefore: period, clock: clock)
        }
        let (warehouse, locks) = try openLocked(options)
        defer { withExtendedLifetime(locks) {} }
        OutputFolder.recover(in: options.outputFolder)
        var stages: [(String, Double)] = []
        var staging: String?
        do {
            var closing = Date()
            var summary = try warehouse.transaction { db -> RunSummary in
                let runID = try db.beginRun(command: "run", started: clock.iso(started), pipelineHash: options.pipelineHash)
                let load: LoadReport
                switch try loadStage(db, runID: runID, options: options, clock: clock, stages: &stages) {
                case .unchanged(let summary):
                    closing = Date()
                    return summary
                case .loaded(let report):
                    load = report
                }
                try options.fault(at: .loaded)
                var (summary, ctx) = try settlePeriod(db, runID: runID, load: load, options: options, clock: clock, stages: &stages)
                try options.fault(at: .settled)
                try db.recordRejects(load.rejects, runID: runID)
                try computeAndWrite(&summary, ctx, db: db, options: options, clock: clock, stages: &stages, staging: &staging)
                try options.fault(at: .written)
                try db.finishRun(runID, record(summary, status: "succeeded", message: nil, clock: clock))
                closing = Date()
                return summary
            }
            finished("commit", Date().timeIntervalSince(closing), in: &summary.stageSeconds, options)
            try options.fault(at: .committed)
            if let staging, summary.unchangedSince == nil { try OutputFolder.publish(staging, as: summary.outputFolder) }
            OutputFolder.removeIfPresent(summary.outputFolder + "-rejected")
            return summary
        } catch RunError.qualityBelowThreshold(var summary, let rate) {
            if let staging { OutputFolder.removeIfPresent(staging) }
            // Rejects and the data-quality report are still written; reports are not (SPEC §1).
            summary.outputFolder += "-rejected"
            summary.files = try writeQualityFolder(summary.load, config: options.config, as: summary.outputFolder)
            recordFailedRun(warehouse, options: options, started: started, clock: clock, status: "quality_failed",
                            summary: summary, message: "rejected share above max_reject_rate")
            throw RunError.qualityBelowThreshold(summary, maxRejectRate: rate)
        } catch {
            if let staging { OutputFolder.removeIfPresent(staging) }
            recordFailedRun(warehouse, options: options, started: started, clock: clock, status: "failed",
                            summary: nil, message: error.localizedDescription)
            throw error
        }
    }

    /// What the load stage found: nothing changed since the reports in place, or the load.
    enum LoadOutcome {
        case unchanged(RunSummary)
        case loaded(LoadReport)
    }

    /// Loads the exports; on a rerun reads only the files that changed (SPEC §2.4), and
    /// when nothing changed for the same period and as_of, records the run as unchanged.
    static func loadStage(_ db: any WarehouseSession, runID: Int64, options: RunOptions, clock: ZoneClock,
                          stages: inout [(String, Double)]) throws -> LoadOutcome {
        var t = Date()
        var loader = Loader(config: options.config, inputFolder: options.inputFolder, now: options.now, progress: options.progress)
        loader.runID = runID
        // The warehouse holds what the last successful run staged: only that run's
        // inputs, with the same pipeline, can stand for files not read again.
        if let last = try db.latestLoad(pipelineHash: nil, period: nil), last.pipelineHash == options.pipelineHash {
            let fingerprints = try InputFingerprint.scan(loader)
            finished("fingerprint", Date().timeIntervalSince(t), in: &stages, options)
            // Same inputs as the last load: the warehouse is as that run left it, so the
            // default period it chose still stands (no table scan; `latest_activity` holds an
            // instant in it).
            func period() throws -> Period {
                if let given = options.period { return given }
                if let text = last.latestActivity, let at = ValueParser.moment(text) {
                    return Period(kind: options.config.periodKind, containing: clock.localDate(ofEpoch: at.epoch(in: clock)))
                }
                return try defaultPeriod(db, kind: options.config.periodKind).period
            }
            if last.sameInputs(fingerprints), case let period = try period(),
               let same = try db.latestLoad(pipelineHash: options.pipelineHash, period: period.name),
               same.sameInputs(fingerprints), options.asOf.map(clock.iso) ?? same.asOf == same.asOf,
               try !same.earlierPeriodStoredSince(db, period: period),
               let unchanged = try unchangedSummary(same, runID: runID, period: period, options: options, clock: clock, db: db, stages: stages) {
                return .unchanged(unchanged)
            }
            // Derived lists are made from every fact: such a load reads every file again.
            loader.reuse = loader.derived.isEmpty ? last.reusable(fingerprints) : [:]
            t = Date()
        }
        let load = try loader.load(into: db)
        try db.loaded()
        try requireEveryEntity(load, options: options)
        finished("ingest", Date().timeIntervalSince(t), in: &stages, options)
        return .loaded(load)
    }

    /// A required entity with no file would give a report that is wrong without a word
    /// (no orders: everyone C, zero sales): the run stops, naming the pattern and the
    /// folder, unless the pipeline marks the entity `optional` (issue 12).
    static func requireEveryEntity(_ load: LoadReport, options: RunOptions) throws {
        if let missing = missingExport(load, options: options) { throw missing }
    }

    /// The first required entity without a file, as the error `run` stops with: `validate`
    /// prints its table, then exits with it too (issue 25: it said all was well, exit 0).
    public static func missingExport(_ load: LoadReport, options: RunOptions) -> IngestError? {
        guard let entity = load.missingEntities.first else { return nil }
        return IngestError.noFiles(entity: entity.rawValue, pattern: options.config.input(entity).files.joined(separator: ", "),
                                   folder: options.inputFolder)
    }

    /// Data quality, then the period and as_of (SPEC §1, §3). Quality comes first: a file
    /// whose rows were all rejected may leave no activity to take a period from, and its
    /// rejects are the news.
    ///
    /// - Throws: `RunError.qualityBelowThreshold`, `RunError.noActivity`.
    static func settlePeriod(_ db: any WarehouseSession, runID: Int64, load: LoadReport, options: RunOptions, clock: ZoneClock,
                             stages: inout [(String, Double)]) throws -> (RunSummary, MetricContext) {
        let t = Date()
        // The latest events are read only when the period or as_of is not given.
        let latest = options.period != nil && options.asOf != nil
            ? LatestEvents(byColumn: [:]) : try db.latestEvents(clock: clock, known: load.latestEvents)
        // The default period by the events per period (SPEC §2.7), noted as an instant in it for
        // an unchanged rerun; not looked for when the period is given.
        let chosen = options.period == nil ? DefaultPeriod.choose(try db.eventsPerDay(known: load.eventDays), kind: options.config.periodKind) : nil
        if let chosen {
            try db.noteLatestActivity(clock.iso(clock.epoch(date: chosen.period.start)), runID: runID)
        }
        if !load.filesOverRejectRate(options.config.maxRejectRate).isEmpty {
            let period = options.period ?? chosen?.period
            let folder = (options.outputFolder as NSString).appendingPathComponent(period?.name ?? "no-period")
            let summary = RunSummary(runID: runID, period: period, asOf: nil, load: load, outputFolder: folder,
                                     files: [], stageSeconds: stages)
            throw RunError.qualityBelowThreshold(summary, maxRejectRate: options.config.maxRejectRate)
        }
        guard let period = options.period ?? chosen?.period else { throw RunError.noActivity }
        let asOf = try settleAsOf(latest, period: period, given: options.asOf, clock: clock)
        finished("period and as_of", Date().timeIntervalSince(t), in: &stages, options)
        var summary = RunSummary(runID: runID, period: period, asOf: asOf, load: load,
                                 outputFolder: (options.outputFolder as NSString).appendingPathComponent(period.name),
                                 files: [], stageSeconds: stages)
        summary.defaultPeriod = chosen
        var ctx = MetricContext(period: period, asOf: asOf, config: options.config)
        for entity in load.filelessEntities where try db.isEmpty(entity) { ctx.absent.insert(entity) }
        return (summary, ctx)
    }

    /// Computes the period's metrics, stores them and writes the reports into a new
    /// staging folder (`staging`, published by the caller once the transaction commits).
    static func computeAndWrite(_ summary: inout RunSummary, _ ctx: MetricContext, db: any WarehouseSession, options: RunOptions, clock: ZoneClock,
                                stages: inout [(String, Double)], staging: inout String?) throws {
        let period = ctx.period
        options.progress?("metrics \(period.name)", -1)
        let results = try compute(ctx, db: db, options: options, stages: &stages)
        summary.results = results
        let directory = try ReportData.directory(db)
        let report = ReportData(results: results, load: summary.load, managers: directory.managers, customers: directory.customers,
                                config: options.config, clock: clock,
                                trend: try ManagerTrend.read(db, current: period, results: results.managers),
                                previous: try Figure.previous(db, before: period))
        let folder = try OutputFolder.makeStaging(in: options.outputFolder, name: period.name)
        staging = folder
        options.progress?("writing reports", -1)
        summary.stageSeconds = stages
        // The workbook is written on a second thread (its big tables' cells prepared on a
        // third) while this one writes the other reports, then stores the results once the
        // workbook's sheets are written: zipping them is one core's work, and storing beside
        // the sheets only slowed both (issue 10: bank-sized set, store 21 s beside the sheets).
        let sheetsWritten = Signal()
        let workbook = options.config.outputs.workbook ? BackgroundWork { [failure = options.injectedWorkbookFailure, layout = options.workbookLayout] in
            defer { sheetsWritten.raise() }  // a failed workbook too: this thread must not wait for it
            let written = try writeWorkbook(report, into: folder, layout: layout, sheetsWritten: sheetsWritten.raise)
            if let failure { throw failure }
            return written
        } : nil
        defer { _ = workbook?.wait() }
        var files = try writeReports(&summary, report: report, options: options, into: folder)
        if workbook != nil { sheetsWritten.wait() }
        let t = Date()
        try db.storeResults(ResultTables.make(results, clock: clock), period: results.period.name)
        finished("metrics: store", Date().timeIntervalSince(t), in: &summary.stageSeconds, options)
        try options.fault(at: .computed)
        if let workbook {
            let written = try workbook.wait().get()
            files.insert(written.file, at: 0)
            finished("write: workbook (alongside)", written.seconds, in: &summary.stageSeconds, options)
        }
        try writeManifest(&summary, files: files, options: options, clock: clock, into: folder)
    }

    /// Reads the period's metric inputs and computes the metrics: what grading needs, the
    /// grades, then the period's activity once the order ledger's per-customer totals are
    /// released, then the other metrics. The inputs are gone when it returns: the reports and
    /// the store do not hold them (bank-sized set: ~0.5 GB).
    static func compute(_ ctx: MetricContext, db: any WarehouseSession, options: RunOptions, stages: inout [(String, Double)]) throws -> PeriodResults {
        var t = Date()
        var inputs = try MetricInputs.readGrading(db, ctx)
        finished("metrics: read", Date().timeIntervalSince(t), in: &stages, options)
        t = Date()
        let grades = CustomerGrading.grade(inputs, ctx)
        finished("metrics: grades", Date().timeIntervalSince(t), in: &stages, options)
        inputs.orders.releaseCustomerTotals()
        t = Date()
        try MetricInputs.readActivity(db, ctx, into: &inputs)
        finished("metrics: read activity", Date().timeIntervalSince(t), in: &stages, options)
        var computed: [(String, Double)] = []
        let results = PeriodMetrics.compute(inputs, grades: grades, ctx) { name, seconds in computed.append(("metrics: \(name)", seconds)) }
        for (stage, seconds) in computed { finished(stage, seconds, in: &stages, options) }
        return results
    }

    /// A stage done: into the run's timings and its live log (`--verbose` on a failed run).
    static func finished(_ stage: String, _ seconds: Double, in stages: inout [(String, Double)], _ options: RunOptions) {
        stages.append((stage, seconds))
        options.stageLog?.record(stage, seconds)
        if traceMemory { FileHandle.standardError.write(Data("memory after \(stage): \(MemoryUse.now())\n".utf8)) }
    }

    /// `SCORECARD_TRACE_MEMORY=1`: the process's memory after each stage on stderr (profiling).
    private static let traceMemory = ProcessInfo.processInfo.environment["SCORECARD_TRACE_MEMORY"] == "1"

    /// The part of an earlier `run.json` that verifies the reports it lists.
    private struct KeptReports: Decodable {
        var outputFiles: [String: RunManifest.OutputFileCheck]
        enum CodingKeys: String, CodingKey { case outputFiles = "output_files" }
    }

    /// Nothing changed since `previous` (same pipeline, inputs, period and as_of) and its
    /// reports are still in place: they are current, so the run records itself and stops.
    static func unchangedSummary(_ previous: PreviousLoad, runID: Int64, period: Period, options: RunOptions, clock: ZoneClock,
                                 db: any WarehouseSession, stages: [(String, Double)]) throws -> RunSummary? {
        let folder = (options.outputFolder as NSString).appendingPathComponent(period.name)
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("run.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (manifest["run_id"] as? NSNumber)?.int64Value == previous.runID,
              let outputs = manifest["outputs"] as? [String],
              let checks = try? JSONDecoder().decode(KeptReports.self, from: data).outputFiles,
              // Every report as it was written: size and SHA-256 (a truncated workbook is not current).
              outputs.allSatisfy({ file in
                  file == "run.json" || checks[file].map { $0 == RunManifest.OutputFileCheck(path: (folder as NSString).appendingPathComponent(file)) } == true
              })
        else { return nil }
        var load = LoadReport()
        load.files = previous.files
        load.rejects = previous.rejects
        load.reusedFiles = previous.files.map(\.file)
        let asOf = previous.asOf.flatMap { ValueParser.moment($0)?.epoch(in: clock) }
        let summary = RunSummary(runID: runID, period: period, asOf: asOf, load: load, outputFolder: folder, files: outputs,
                                 stageSeconds: stages, unchangedSince: previous.runID)
        try db.recordRejects(load.rejects, runID: runID)
        try db.finishRun(runID, record(summary, status: "unchanged", message: "inputs and pipeline unchanged since run \(previous.runID); reports kept",
                                       clock: clock))
        return summary
    }

    /// `scorecard validate`: the same load, always rolled back; writes the rejects and
    /// the data-quality report to `output/validate/`.
    public static func validate(_ options: RunOptions) throws -> RunSummary {
        let (warehouse, locks) = try openLocked(options)
        defer { withExtendedLifetime(locks) {} }
        let started = Date()
        let load = try warehouse.dryRun { db in
            try Loader(config: options.config, inputFolder: options.inputFolder, now: options.now,
                       progress: options.progress).load(into: db)
        }
        let folder = (options.outputFolder as NSString).appendingPathComponent("validate")
        let files = try writeQualityFolder(load, config: options.config, as: folder)
        return RunSummary(runID: nil, period: nil, asOf: nil, load: load, outputFolder: folder, files: files,
                          stageSeconds: [("ingest", Date().timeIntervalSince(started))])
    }

    // MARK: Stages' glue

    /// The output folder's lock (runs sharing it do not tidy each other's staging folders
    /// away), then the warehouse's, then the warehouse opened and migrated under them.
    static func openLocked(_ options: RunOptions) throws -> (any Warehouse, [AnyObject]) {
        func waiting(_ what: String) -> () -> Void {
            { FileHandle.standardError.write(Data("Another scorecard run is using \(what); waiting…\n".utf8)) }
        }
        if case .sqlite(let path) = options.warehouse, let folder = OutputFolder.managedFolder(holding: path, output: options.outputFolder) {
            throw UsageError.warehouseInsideReports(warehouse: path, folder: folder)
        }
        try OutputFolder.create(options.outputFolder)
        let lockPath = (options.outputFolder as NSString).appendingPathComponent("scorecard.lock")
        let output: RunLock
        do {
            output = try RunLock(path: lockPath, what: options.outputFolder, timeout: options.config.lockTimeoutSeconds,
                                 onWait: waiting(options.outputFolder))
        } catch WarehouseError.cannotOpen(_, let reason) {
            // The output folder is what cannot be written, not the warehouse (issue 25).
            throw OutputError.cannotWrite(path: options.outputFolder, reason: "the output folder cannot hold its lock file scorecard.lock (\(reason))")
        }
        let warehouse = try openWarehouse(options.warehouse, timeZone: options.config.timeZone.identifier)
        let lock = try warehouse.lockRuns(timeout: options.config.lockTimeoutSeconds, onWait: waiting(warehouse.location.description))
        try warehouse.migrate()
        return (warehouse, [output, lock])
    }

    /// The latest period of `kind` holding at least a tenth of the busiest period's events (SPEC §2.7).
    /// - Throws: `RunError.noActivity` when the data has no event at all.
    static func defaultPeriod(_ db: any WarehouseSession, kind: Period.Kind) throws -> DefaultPeriod {
        guard let chosen = DefaultPeriod.choose(try db.eventsPerDay(known: [:]), kind: kind) else { throw RunError.noActivity }
        return chosen
    }

    /// `--as-of`, else the latest event in the data but never before the period end (SPEC §3).
    /// - Throws: `UsageError.asOfBeforePeriodEnd`: before the end, visits, surveys and sales
    ///   after as_of would count while coverage did not (issue 25).
    static func settleAsOf(_ latest: LatestEvents, period: Period, given: Date?, clock: ZoneClock) throws -> Int {
        let end = clock.epoch(date: period.end)
        if let given {
            let at = Int(given.timeIntervalSince1970)
            try requireAsOf(at, notBefore: period, clock: clock)
            return at
        }
        return max(latest.any ?? end, end)
    }

    /// - Throws: `UsageError.asOfBeforePeriodEnd` when `at` is before `period`'s end.
    static func requireAsOf(_ at: Int, notBefore period: Period, clock: ZoneClock) throws {
        let end = clock.epoch(date: period.end)
        guard at >= end else { throw UsageError.asOfBeforePeriodEnd(asOf: clock.iso(at), period: period.name, end: clock.iso(end)) }
    }

    /// Writes the period's workbook; returns its file name and the seconds it took.
    static func writeWorkbook(_ report: ReportData, into folder: String, layout: WorkbookReport.Layout,
                              sheetsWritten: () -> Void) throws -> (file: String, seconds: Double) {
        let start = Date()
        let file = "scorecard-\(report.period.name).xlsx"
        let path = (folder as NSString).appendingPathComponent(file)
        try WorkbookReport.write(report, to: path, layout: layout, sheetsWritten: sheetsWritten)
        try OutputFile.restrict(path)
        return (file, Date().timeIntervalSince(start))
    }

    /// The period's Markdown report with its charts, and the data-quality files; returns
    /// their names and adds the Markdown's timing to the summary's stages.
    static func writeReports(_ summary: inout RunSummary, report: ReportData, options: RunOptions, into folder: String) throws -> [String] {
        var files: [String] = []
        if options.config.outputs.markdown {
            let start = Date()
            files += try MarkdownReport.write(report, charts: options.config.outputs.charts, into: folder)
            finished("write: markdown", Date().timeIntervalSince(start), in: &summary.stageSeconds, options)
        }
        return files + (try writeQualityFiles(summary.load, config: options.config, into: folder))
    }

    /// run.json, listing `files` with each one's size and SHA-256; sets `summary.files`.
    static func writeManifest(_ summary: inout RunSummary, files: [String], options: RunOptions, clock: ZoneClock, into folder: String) throws {
        var manifest = RunManifest(summary: summary, options: options, clock: clock)
        manifest.outputs = files + ["run.json"]
        for file in files {
            manifest.outputFiles[file] = RunManifest.OutputFileCheck(path: (folder as NSString).appendingPathComponent(file))
        }
        try OutputFile.write(try manifest.json(), to: (folder as NSString).appendingPathComponent("run.json"))
        summary.files = files + ["run.json"]
    }

    /// The rejects and the data-quality report as the folder `final` (`OUT/validate`,
    /// `OUT/<period>-rejected`), written beside it and swapped in whole: a link planted
    /// at its name or inside it is replaced, never written through (issue 25).
    static func writeQualityFolder(_ load: LoadReport, config: PipelineConfig, as final: String) throws -> [String] {
        let staging = try OutputFolder.makeStaging(in: (final as NSString).deletingLastPathComponent, name: (final as NSString).lastPathComponent)
        do {
            let files = try writeQualityFiles(load, config: config, into: staging)
            try OutputFolder.publish(staging, as: final)
            return files
        } catch {
            OutputFolder.removeIfPresent(staging)
            throw error
        }
    }

    static func writeQualityFiles(_ load: LoadReport, config: PipelineConfig, into folder: String) throws -> [String] {
        try OutputFolder.create(folder)
        try RejectsWriter.write(load.rejects, to: (folder as NSString).appendingPathComponent("rejects.csv"))
        let report = DataQualityReport(load: load, maxRejectRate: config.maxRejectRate)
        let title = config.language == .zhCN ? "# 数据质量\n\n" : "# Data quality\n\n"
        try OutputFile.write(Data((title + report.markdown(config.language)).utf8),
                             to: (folder as NSString).appendingPathComponent("data-quality.md"))
        return ["rejects.csv", "data-quality.md"]
    }

    // MARK: The runs table

    /// What the `runs` table keeps of `summary`.
    static func record(_ summary: RunSummary, status: String, message: String?, clock: ZoneClock) -> RunRecord {
        RunRecord(period: summary.period?.name, asOf: summary.asOf.map(clock.iso), status: status, files: summary.load.files,
                  rowsRead: summary.load.rowsRead, rowsLoaded: summary.load.rowsLoaded, rowsRejected: summary.load.rowsRejected,
                  message: message, finishedAt: clock.iso(Date()))
    }

    /// A failed run leaves the staged data as it was, but the attempt is kept in
    /// `runs` (with its rejects when the data was the reason). Best effort: if the
    /// warehouse itself is what failed, this cannot be recorded either.
    static func recordFailedRun(_ warehouse: any Warehouse, options: RunOptions, started: Date, clock: ZoneClock,
                                status: String, summary: RunSummary?, message: String) {
        _ = try? warehouse.transaction { db in
            let runID = try db.beginRun(command: "run", started: clock.iso(started), pipelineHash: options.pipelineHash)
            let summary = summary ?? RunSummary(runID: runID, period: options.period, asOf: nil, load: LoadReport(),
                                                outputFolder: "", files: [], stageSeconds: [])
            try db.recordRejects(summary.load.rejects, runID: runID)
            try db.finishRun(runID, record(summary, status: status, message: message, clock: clock))
        }
    }
}

func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}
