import Foundation
import ScorecardIngest
import ScorecardMetrics
import ScorecardModel
import ScorecardPipeline

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
    /// Faults and layouts the tests set (`RunHooks`); never set by the command line.
    package var hooks = RunHooks()
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
