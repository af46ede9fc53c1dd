import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardReports
import ScorecardSQLite
import ScorecardWarehouse

/// Runs the stages in order: the only place that knows that order. Loading is in
/// `PipelineRunner+Load.swift`, the period and as_of in `PipelineRunner+Period.swift`.
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
        let timer = StageTimer(log: options.stageLog)
        var staging: String?
        do {
            var closing = Date()
            var summary = try warehouse.transaction { db -> RunSummary in
                let runID = try db.beginRun(command: "run", started: clock.iso(started), pipelineHash: options.pipelineHash)
                let load: LoadReport
                switch try loadStage(db, runID: runID, options: options, clock: clock, timer: timer) {
                case .unchanged(let summary):
                    closing = Date()
                    return summary
                case .loaded(let report):
                    load = report
                }
                try options.fault(at: .loaded)
                MemoryUse.releaseFree()
                var (summary, ctx) = try settlePeriod(db, runID: runID, load: load, options: options, clock: clock, timer: timer)
                try options.fault(at: .settled)
                try db.recordRejects(load.rejects, runID: runID)
                try computeAndWrite(&summary, ctx, db: db, options: options, clock: clock, timer: timer, staging: &staging)
                try options.fault(at: .written)
                try db.finishRun(runID, record(summary, status: "succeeded", message: nil, clock: clock))
                closing = Date()
                return summary
            }
            timer.finished("commit", Date().timeIntervalSince(closing))
            summary.stageSeconds = timer.stages
            try options.fault(at: .committed)
            if let staging, summary.unchangedSince == nil { try OutputFolder.publish(staging, as: summary.outputFolder) }
            OutputFolder.removeIfPresent(summary.outputFolder + "-rejected")
            return summary
        } catch RunError.qualityBelowThreshold(var summary, let rate) {
            if let staging { OutputFolder.removeIfPresent(staging) }
            // Rejects and the data-quality report are still written; reports are not (SPEC §1).
            summary.outputFolder += "-rejected"
            summary.files = try QualityFiles.writeFolder(summary.load, config: options.config, as: summary.outputFolder)
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

    /// Computes the period's metrics, stores them and writes the reports into a new
    /// staging folder (`staging`, published by the caller once the transaction commits).
    package static func computeAndWrite(_ summary: inout RunSummary, _ ctx: MetricContext, db: any WarehouseSession, options: RunOptions,
                                clock: ZoneClock, timer: StageTimer, staging: inout String?) throws {
        let period = ctx.period
        options.progress?("metrics \(period.name)", -1)
        let results = try compute(ctx, db: db, timer: timer)
        summary.results = results
        MemoryUse.releaseFree()
        let directory = try ReportData.directory(db)
        var report = ReportData(results: results, load: summary.load, managers: directory.managers, customers: directory.customers,
                                config: options.config, clock: clock,
                                trend: try ManagerTrend.read(db, current: period, results: results.managers),
                                previous: try Figure.previous(db, before: period), previousAsOf: try Figure.previousAsOf(db, before: period))
        report.lastVisits = try ReportData.lastVisits(db, results, counting: options.config.visits.countingTypes, clock: clock)
        if options.config.outputs.workbook {
            report.storedGrades = try timer.time("write: grades read back") {
                try StoredGradeFile.read(db, period: period.name, expected: results.grades.tally.customers).rows
            }
        }
        let folder = try OutputFolder.makeStaging(in: options.outputFolder, name: period.name)
        staging = folder
        MemoryUse.releaseFree()  // what reading the names left in the arenas, before the writers' threads take their own
        options.progress?("writing reports", -1)
        let workbook = options.config.outputs.workbook ? WorkbookThread(report, into: folder, hooks: options.hooks) : nil
        var files = try writeReports(summary.load, report: report, options: options, into: folder, timer: timer)
        // The results are stored while the organisation's workbook is written; the headline
        // figures once the teams' are known too (their 上期 of next time).
        let tables = ResultTables.make(results, clock: clock)
        try timer.time("metrics: store") {
            try db.storeResults(tables.filter { $0.name != ResultTables.figuresTable }, period: period.name)
        }
        let teams = TeamReports.teams(results, perTeam: options.config.outputs.perTeam)
        var teamReports = TeamReports.Written()
        if !teams.isEmpty, options.config.outputs.workbook || options.config.outputs.markdown {
            teamReports = try timer.time("write: team reports") {
                try TeamReports.write(report, teams: teams, previous: try Figure.previousByTeam(db, before: period), previousAsOf: report.previousAsOf,
                                      options: options, into: folder)
            }
            files += teamReports.files
        }
        try db.storeResults([ResultTables.figures(results, period.name, teams: teamReports.figures)], period: period.name)
        try options.fault(at: .computed)
        if let workbook {
            let written = try workbook.finish()
            files.insert(written.file, at: 0)
            timer.finished("write: workbook (alongside)", written.seconds)
        }
        summary.stageSeconds = timer.stages
        try RunManifest.write(&summary, files: files, options: options, clock: clock, into: folder)
    }

    /// Reads the period's metric inputs and computes the metrics, each part of the inputs read
    /// when it is needed and released once used (issues 10, 29): what grading needs and the
    /// grades (the ledger's per-customer totals released before they are ranked); the period's
    /// visits and plans, the plans matched and released; the latest counting visits, the coverage
    /// and first contacts, the visits released; the complaints, measured and released; then the
    /// period's other activity and the other metrics. The inputs are gone when it returns: the
    /// reports and the store do not hold them. Every customer's grade is stored as soon as the
    /// grades are made, and the results keep only the grades that moved: the 客户分级 sheets read
    /// them back from the warehouse.
    package static func compute(_ ctx: MetricContext, db: any WarehouseSession, timer: StageTimer) throws -> PeriodResults {
        var inputs = try timer.time("metrics: read") { try MetricInputs.readGrading(db, ctx) }
        var grades = timer.time("metrics: grades") { () -> CustomerGrades in
            var grades = CustomerGrading.figures(releasingTotalsOf: &inputs, ctx)  // the totals gone before the ranking's sort
            CustomerGrading.rank(&grades, ctx)
            return grades
        }
        var computed: [(String, Double)] = []
        // Each metric step done, what the steps before it released is given back: the period's
        // surveys, requests and written work are released between the steps, and what they left
        // free in the arenas stayed resident beside what the next steps made (issue 29).
        let timing = { (name: String, seconds: Double) in
            computed.append(("metrics: \(name)", seconds))
            timer.trace("metrics: \(name)")
            MemoryUse.releaseFree()
        }
        // What the rest takes from the grades, then every grade stored and only the moves kept,
        // before the period's visits are read: the 客户分级 sheets read them back (the bank-shaped
        // set: 53 MB of figures through the rest of the metrics and the reports, issue 29).
        var field = FieldWork()
        field.take(inputs, grades, ctx, timing: timing)
        let gradeOf = PeriodMetrics.gradeOf(grades, inputs.positions)
        try timer.time("metrics: store grades") {
            try db.storeResults([ResultTables.customerGrades(grades, period: ctx.period.name, clock: ctx.clock)], period: ctx.period.name)
        }
        grades = grades.keepingMoves()
        // After each step what it freed is given back: left in the arena of the thread that freed it,
        // it stayed resident while the next step allocated afresh (the month-by-month bank set's first
        // load: 277.5 → 242.4–243.9 MiB, the metrics' peak 278 → 238; issue 29).
        func logComputed() {
            for (stage, seconds) in computed { timer.finished(stage, seconds) }
            computed = []
            MemoryUse.releaseFree()
        }
        MemoryUse.releaseFree()
        try timer.time("metrics: read visits") { try MetricInputs.readVisits(db, ctx, into: &inputs) }
        field.plan(&inputs, ctx, timing: timing)
        logComputed()
        try timer.time("metrics: read latest visits") { try MetricInputs.readLatestCountingVisits(db, ctx, into: &inputs) }
        field.cover(&inputs, gradeOf: gradeOf, ctx, timing: timing)
        logComputed()
        try timer.time("metrics: read complaints") { try MetricInputs.readComplaints(db, ctx, into: &inputs) }
        let complaints = PeriodMetrics.complaints(&inputs, grades: gradeOf, ctx, timing: timing)
        logComputed()
        var responses = Optional(PeriodMetrics.surveyResponses(grades: gradeOf, complaints: complaints, ctx))
        try timer.time("metrics: read activity") { try MetricInputs.readActivity(db, ctx, surveys: responses.take(), into: &inputs) }
        // The inputs and the grades by customer given up: released inside, once used.
        let results = try PeriodMetrics.compute(consume inputs, grades: grades, gradeOf: consume gradeOf, field: field, complaints: complaints, ctx,
                                                timing: timing) { inputs in
            try timer.time("metrics: read written work") { try MetricInputs.readWrittenWork(db, ctx, into: &inputs) }
        }
        logComputed()
        return results
    }

    /// The period's Markdown report with its charts, and the data-quality files; their names.
    package static func writeReports(_ load: LoadReport, report: ReportData, options: RunOptions, into folder: String, timer: StageTimer) throws -> [String] {
        var files: [String] = []
        if options.config.outputs.markdown {
            files += try timer.time("write: markdown") { try MarkdownReport.write(report, charts: options.config.outputs.charts, into: folder) }
        }
        return files + (try QualityFiles.write(load, config: options.config, into: folder))
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
        let files = try QualityFiles.writeFolder(load, config: options.config, as: folder)
        return RunSummary(runID: nil, period: nil, asOf: nil, load: load, outputFolder: folder, files: files,
                          stageSeconds: [("ingest", Date().timeIntervalSince(started))])
    }

    /// `scorecard warehouse distribute` (SPEC §9): a PostgreSQL warehouse made before Citus was
    /// there, spread over the cluster by the plan of docs/scale-out.md, under the run lock (a run
    /// started meanwhile waits). The tables it placed; none when all of them already were.
    package static func distribute(_ options: RunOptions) throws -> [DistributedTable] {
        // Refused before the file is opened: opening would create it.
        if case .sqlite(let path) = options.warehouse { throw WarehouseError.notDistributable(path: path, reason: SQLiteWarehouse.notDistributable) }
        let warehouse = try openWarehouse(options.warehouse, timeZone: options.config.timeZone.identifier)
        let lock = try warehouse.lockRuns(timeout: options.config.lockTimeoutSeconds) {
            FileHandle.standardError.write(Data("Another scorecard run is using \(warehouse.location); waiting…\n".utf8))
        }
        defer { withExtendedLifetime(lock) {} }
        // Not migrated here: a server without Citus is refused before anything is touched.
        return try warehouse.distribute()
    }

    /// The output folder's lock (runs sharing it do not tidy each other's staging folders
    /// away), then the warehouse's, then the warehouse opened and migrated under them.
    package static func openLocked(_ options: RunOptions) throws -> (any Warehouse, [AnyObject]) {
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

    // MARK: The runs table

    /// What the `runs` table keeps of `summary`.
    package static func record(_ summary: RunSummary, status: String, message: String?, clock: ZoneClock) -> RunRecord {
        RunRecord(period: summary.period?.name, asOf: summary.asOf.map(clock.iso), status: status, files: summary.load.files,
                  rowsRead: summary.load.rowsRead, rowsLoaded: summary.load.rowsLoaded, rowsRejected: summary.load.rowsRejected,
                  message: message, finishedAt: clock.iso(Date()), staged: status == "succeeded" ? summary.load.stagedAfter : nil)
    }

    /// A failed run leaves the staged data as it was, but the attempt is kept in
    /// `runs` (with its rejects when the data was the reason). Best effort: if the
    /// warehouse itself is what failed, this cannot be recorded either.
    package static func recordFailedRun(_ warehouse: any Warehouse, options: RunOptions, started: Date, clock: ZoneClock,
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
