import ArgumentParser
import CMallocTuning
import Foundation
import ScorecardKit
import ScorecardModel
import ScorecardPipeline
import ScorecardReports

@main
struct Scorecard: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Scorecard: monthly and half-month reports for supervisors of customer managers.",
        version: ScorecardVersion.current,
        subcommands: [Run.self, Validate.self, Deliver.self, Generate.self, Inspect.self, WarehouseCommand.self],
        defaultSubcommand: Run.self
    )

    /// SPEC §1: usage errors exit 2 (swift-argument-parser's default is 64).
    static func main() {
        // Large arrays from mmap, given back when freed (see CMallocTuning.h; issue 10).
        _ = scorecard_pin_mmap_threshold()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options shared by `run` and `validate`.
struct CommonOptions: ParsableArguments {
    @Option(help: "Pipeline file (YAML).") var pipeline = "pipelines/monthly.yml"
    @Option(help: "Folder with the CSV exports.") var input = "input"
    @Option(help: "Folder for reports and the warehouse.") var output = "output"
    @Option(help: "Warehouse: sqlite:PATH or postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass). Default: the pipeline's warehouse:, else OUTPUT/warehouse.sqlite.")
    var warehouse: String?
    @Flag(help: "No progress on stderr.") var quiet = false
    @Flag(help: "Also print stage timings.") var verbose = false

    /// Loads the pipeline; a bad file exits 2 naming file, line and key (SPEC §1).
    func loadPipeline() throws -> (PipelineConfig, String) {
        do {
            return try PipelineLoader.load(path: pipeline)
        } catch let error as PipelineError {
            printError(error.localizedDescription)
            throw ExitCode(2)
        }
    }

    /// `--warehouse`, checked (a password in the URI is refused: exit 2).
    func warehouseLocation() throws -> WarehouseLocation? {
        guard let warehouse else { return nil }
        do { return try WarehouseLocation(parsing: warehouse) } catch { throw ValidationError(error.localizedDescription) }
    }

    /// Progress on stderr when it is a terminal (stage, rows, rows/s).
    var progress: (@Sendable (String, Int) -> Void)? {
        guard !quiet, isatty(STDERR_FILENO) != 0 else { return nil }
        let line = ProgressLine()
        return { stage, rows in line.show(stage, rows) }
    }
}

/// One overwritten line on stderr; rows/s is measured from the start of the current stage.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private var stage = ""
    private var started = Date()

    func show(_ stage: String, _ rows: Int) {
        lock.lock()
        defer { lock.unlock() }
        if stage != self.stage {
            self.stage = stage
            started = Date()
        }
        guard rows >= 0 else {
            FileHandle.standardError.write(Data("\r\u{1B}[K\(stage)…".utf8))
            return
        }
        let rate = Double(rows) / max(Date().timeIntervalSince(started), 0.001)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(stage): \(rows) rows, \(Int(rate)) rows/s".utf8))
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// Runs `body`, turning the pipeline's errors into the exit codes of SPEC §1.
/// - Parameter stages: with `--verbose`, the stages finished before a failure are printed
///   with the peak memory, as a successful run prints them (issue 10).
func withExitCodes(quiet: Bool, language: PipelineConfig.Language, stages: StageLog? = nil, _ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as UsageError {
        printError(error.localizedDescription)
        throw ExitCode(2)
    } catch RunError.qualityBelowThreshold(let summary, let rate) {
        if !quiet { print(DataQualityReport(load: summary.load, maxRejectRate: rate).markdown(language)) }
        printError(RunError.qualityBelowThreshold(summary, maxRejectRate: rate).localizedDescription)
        printStages(stages)
        throw ExitCode(3)
    } catch {
        printError(error.localizedDescription)
        printStages(stages)
        throw ExitCode(1)
    }
}

/// The stages of a failed run and its peak memory, on standard error.
func printStages(_ log: StageLog?) {
    guard let log else { return }
    var lines = ["stages finished before the failure:"]
    lines += log.finished.map { String(format: "  %@: %.3f s", $0.0, $0.1) }
    lines.append(String(format: "  peak memory: %.1f MiB", peakMemoryMiB()))
    FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024
}

extension Scorecard {
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ingest the exports, compute the period's results and write its reports.")
        @OptionGroup var common: CommonOptions
        @Option(help: "Period: 2026-W43, 2026-10, 2026-10-H1, 2026-Q4 or 2026 (default: the latest with activity).")
        var period: String?
        @Option(name: .customLong("as-of"), help: "Evaluate as of this time, e.g. '2026-11-01 00:00' (default: the latest event, not before the period end).")
        var asOf: String?
        @Option(help: "Report language: zh-CN or en (default: the pipeline's).") var lang: String?

        func run() throws {
            var (config, text) = try common.loadPipeline()
            if let lang {
                guard let l = PipelineConfig.Language(rawValue: lang) else { throw ValidationError("--lang must be zh-CN or en") }
                config.language = l
            }
            var parsedPeriod: Period?
            if let period {
                do { parsedPeriod = try Period(parsing: period) } catch { throw ValidationError(error.localizedDescription) }
            }
            var asOfDate: Date?
            if let asOf {
                guard let d = ScorecardModel.parseMoment(asOf, timeZone: config.timeZone) else { throw ValidationError("--as-of '\(asOf)' is not a date/time like 2026-11-01 00:00") }
                asOfDate = d
            }
            var options = RunOptions(pipelinePath: common.pipeline, config: config, pipelineText: text,
                                     inputFolder: common.input, outputFolder: common.output, period: parsedPeriod,
                                     asOf: asOfDate, progress: common.progress)
            options.warehouseOverride = try common.warehouseLocation()
            options.stageLog = common.verbose ? StageLog() : nil
            try withExitCodes(quiet: common.quiet, language: config.language, stages: options.stageLog) {
                let summary = try PipelineRunner.run(options)
                if common.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                printSummary(summary, config: config, verbose: common.verbose)
                // SPEC §4.5: `deliver.after_run` sends the reports of a successful run.
                if config.deliver.afterRun {
                    options.period = summary.period
                    try deliverReports(options, PipelineRunner.DeliverRequest(), quiet: common.quiet)
                }
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ingest and check only: print the data-quality report and write the rejects.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let (config, text) = try common.loadPipeline()
            var options = RunOptions(pipelinePath: common.pipeline, config: config, pipelineText: text,
                                     inputFolder: common.input, outputFolder: common.output, progress: common.progress)
            options.warehouseOverride = try common.warehouseLocation()
            try withExitCodes(quiet: common.quiet, language: config.language) {
                let summary = try PipelineRunner.validate(options)
                if common.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
                print(DataQualityReport(load: summary.load, maxRejectRate: config.maxRejectRate).markdown(config.language))
                print("Rejects: \(summary.outputFolder)/rejects.csv")
                // A run would stop on a missing required export: so does validate (exit 1).
                if let missing = PipelineRunner.missingExport(summary.load, options: options) { throw missing }
                if !summary.load.filesOverRejectRate(config.maxRejectRate).isEmpty { throw ExitCode(3) }
            }
        }
    }
}

func printSummary(_ s: RunSummary, config: PipelineConfig, verbose: Bool) {
    let clock = ZoneClock(timeZone: config.timeZone)
    print("Period:   \(s.period?.name ?? "-")")
    if let chosen = s.defaultPeriod, let later = chosen.passedOver {
        print("          the latest period with at least a tenth of the busiest period's \(chosen.busiest) events; "
              + "\(later.period.name) (\(later.events) events) was passed over — run with --period \(later.period.name) to report it.")
    }
    print("As of:    \(s.asOf.map(clock.iso) ?? "-")")
    print("Rows:     \(s.load.rowsRead) read, \(s.load.rowsLoaded) loaded, \(s.load.rowsRejected) rejected")
    // The teams' files (`outputs.per_team`) as one entry: a bank's hundred teams would fill the screen.
    let teamFiles = s.files.filter { $0.hasPrefix("teams/") }
    let teams = Set(teamFiles.map { $0.split(separator: "/").dropFirst().first.map(String.init) ?? "" }).count
    let shown = s.files.filter { !$0.hasPrefix("teams/") } + (teamFiles.isEmpty ? [] : ["teams/ (\(teams) teams, \(teamFiles.count) files)"])
    print("Output:   \(s.outputFolder)/ (\(shown.joined(separator: ", ")))")
    if let run = s.unchangedSince {
        print("Unchanged: the exports and the pipeline are the same as in run \(run); its reports are current and were kept.")
    } else if !s.load.reusedFiles.isEmpty {
        print("Reused:   \(s.load.reusedFiles.count) unchanged file(s) staged by an earlier run were not read again.")
    }
    if let r = s.results {
        let grades = r.gradeTotals
        print("Grades:   A \(grades[.A]?.customers ?? 0), B \(grades[.B]?.customers ?? 0), C \(grades[.C]?.customers ?? 0)")
        if let overall = r.complaints.group(.overall, "") {
            print("Complaints: \(overall.complaints), SLA \(overall.slaRate.map { String(format: "%.1f%%", $0 * 100) } ?? "-")")
        }
        if let first = r.managers.first, let last = r.managers.last {
            print("Ranking:  first \(first.managerID) (\(String(format: "%.1f", first.score))), last \(last.managerID) (\(String(format: "%.1f", last.score)))")
        }
        print("Warehouse: results stored for \(r.period.name).")
    }
    if verbose {
        for (stage, seconds) in s.stageSeconds {
            let read = s.load.files.filter { !s.load.reusedFiles.contains($0.file) }
            let bytes = Double(read.reduce(0) { $0 + $1.bytes }), rows = Double(read.reduce(0) { $0 + $1.rowsRead })
            let rate = stage == "ingest" && seconds > 0
                ? String(format: ", %.0f rows/s, %.1f MB/s", rows / seconds, bytes / 1e6 / seconds) : ""
            print(String(format: "  %@: %.3f s%@", stage, seconds, rate))
            if stage == "ingest" {
                for t in s.load.timings {
                    print(String(format: "    %@: %d rows, %.3f s, %.0f rows/s (reading %.3f s, storing %.3f s%@)", t.entity.rawValue,
                                 t.rows, t.seconds, Double(t.rows) / max(t.seconds, 1e-9), t.readingSeconds, t.storingSeconds,
                                 t.indexSeconds > 0.001 ? String(format: "; indexes %.3f s", t.indexSeconds) : ""))
                }
            }
        }
        print(String(format: "  peak memory: %.1f MiB", peakMemoryMiB()))
    }
}
