import Foundation
import ScorecardModel
import ScorecardReports
import ScorecardWarehouse

/// `run.json`: what a run read, settled and wrote (SPEC §4).
package struct RunManifest: Encodable {
    package struct Rows: Encodable { var read: Int; var loaded: Int; var rejected: Int }
    package struct Stage: Encodable { var stage: String; var seconds: Double }

    package var version = ScorecardVersion.current
    package var runID: Int64?
    package var period: String?
    package var asOf: String?
    package var pipeline: String
    package var pipelineSHA256: String
    package var inputs: [FileLoadReport]
    package var rows: Rows
    package var stages: [Stage]
    package var outputs: [String]
    /// Size and SHA-256 of each report file, so an unchanged rerun can verify the
    /// reports it keeps (issue 12: a truncated workbook was kept as current).
    package var outputFiles: [String: OutputFileCheck] = [:]

    package struct OutputFileCheck: Codable, Equatable {
        package var bytes: Int
        package var sha256: String

        /// The file's size and SHA-256, nil when it cannot be read.
        package init?(path: String) {
            guard let (bytes, sha256) = fileSHA256(atPath: path) else { return nil }
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    package enum CodingKeys: String, CodingKey {
        case version, period, pipeline, inputs, rows, stages, outputs, outputFiles = "output_files"
        case runID = "run_id", asOf = "as_of", pipelineSHA256 = "pipeline_sha256"
    }

    package init(summary: RunSummary, options: RunOptions, clock: ZoneClock) {
        runID = summary.runID
        period = summary.period?.name
        asOf = summary.asOf.map(clock.iso)
        pipeline = options.pipelinePath
        pipelineSHA256 = options.pipelineHash
        inputs = summary.load.files
        rows = Rows(read: summary.load.rowsRead, loaded: summary.load.rowsLoaded, rejected: summary.load.rowsRejected)
        stages = summary.stageSeconds.map { Stage(stage: $0.0, seconds: ($0.1 * 1000).rounded() / 1000) }
        outputs = summary.files
    }

    package func json() throws -> Data { try JSONEncoder.sorted.encode(self) }

    /// run.json into `folder`, listing `files` with each one's size and SHA-256; sets `summary.files`.
    package static func write(_ summary: inout RunSummary, files: [String], options: RunOptions, clock: ZoneClock, into folder: String) throws {
        var manifest = RunManifest(summary: summary, options: options, clock: clock)
        manifest.outputs = files + ["run.json"]
        for file in files {
            manifest.outputFiles[file] = OutputFileCheck(path: (folder as NSString).appendingPathComponent(file))
        }
        try OutputFile.write(try manifest.json(), to: (folder as NSString).appendingPathComponent("run.json"))
        summary.files = files + ["run.json"]
    }

    /// The part of an earlier `run.json` that verifies the reports it lists.
    private struct KeptReports: Decodable {
        var outputFiles: [String: OutputFileCheck]
        enum CodingKeys: String, CodingKey { case outputFiles = "output_files" }
    }

    /// The run that wrote `folder`'s run.json; nil without one.
    package static func runID(in folder: String) -> Int64? {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("run.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return nil }
        return (manifest["run_id"] as? NSNumber)?.int64Value
    }

    /// The files run `runID` wrote into `folder`, when its run.json is there and every report is
    /// as it was written (size and SHA-256: a truncated workbook is not current); else nil.
    package static func keptReports(in folder: String, runID: Int64) -> [String]? {
        guard let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent("run.json")),
              let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (manifest["run_id"] as? NSNumber)?.int64Value == runID,
              let outputs = manifest["outputs"] as? [String],
              let checks = try? JSONDecoder().decode(KeptReports.self, from: data).outputFiles,
              outputs.allSatisfy({ file in
                  file == "run.json" || checks[file].map { $0 == OutputFileCheck(path: (folder as NSString).appendingPathComponent(file)) } == true
              })
        else { return nil }
        return outputs
    }
}

public enum ScorecardVersion {
    public static let current = "0.1.0"
}
