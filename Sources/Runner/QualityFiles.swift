import Foundation
import ScorecardPipeline
import ScorecardReports
import ScorecardWarehouse

/// The rejects and the data-quality report (SPEC §2.5): beside every period's reports, and alone
/// in `OUT/validate` and `OUT/<period>-rejected`.
package enum QualityFiles {
    /// The two files as the folder `final`, written beside it and swapped in whole: a link
    /// planted at its name or inside it is replaced, never written through (issue 25).
    package static func writeFolder(_ load: LoadReport, config: PipelineConfig, as final: String) throws -> [String] {
        let staging = try OutputFolder.makeStaging(in: (final as NSString).deletingLastPathComponent, name: (final as NSString).lastPathComponent)
        do {
            let files = try write(load, config: config, into: staging)
            try OutputFolder.publish(staging, as: final)
            return files
        } catch {
            OutputFolder.removeIfPresent(staging)
            throw error
        }
    }

    /// rejects.csv and data-quality.md into `folder`; their names.
    package static func write(_ load: LoadReport, config: PipelineConfig, into folder: String) throws -> [String] {
        try OutputFolder.create(folder)
        try RejectsWriter.write(load.rejects, to: (folder as NSString).appendingPathComponent("rejects.csv"), language: config.language)
        let report = DataQualityReport(load: load, maxRejectRate: config.maxRejectRate)
        let title = config.language == .zhCN ? "# 数据质量\n\n" : "# Data quality\n\n"
        try OutputFile.write(Data((title + report.markdown(config.language)).utf8),
                             to: (folder as NSString).appendingPathComponent("data-quality.md"))
        return ["rejects.csv", "data-quality.md"]
    }
}
