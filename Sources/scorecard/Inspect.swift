import ArgumentParser
import Foundation
import ScorecardIngest
import ScorecardKit
import ScorecardPipeline
import ScorecardReports

extension Scorecard {
    /// SPEC §2.6: from an unknown CRM export to a pipeline file that loads it.
    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Look at unknown exports: entity, encoding, header mapping, unknown words, values that do not read.",
            discussion: "With --write, drafts a pipeline file with the mapping it could infer and TODO lines for the rest.")
        @Option(help: "Folder with the CSV exports.") var input = "input"
        @Option(help: "Pipeline file whose mapping to apply (default: the built-in headers and words).") var pipeline: String?
        @Option(help: "Write a draft pipeline file here (never over an existing file unless --force).") var write: String?
        @Flag(help: "With --write: replace the file if it exists.") var force = false

        func run() throws {
            // An existing file may be a pipeline someone has edited for hours (issue 25).
            if let write, !force, FileManager.default.fileExists(atPath: write) {
                printError("\(write) exists and was left as it is (an edited pipeline?). Give another name, or pass --force to replace it.")
                throw ExitCode(2)
            }
            var config = PipelineConfig()
            if let pipeline {
                do {
                    config = try PipelineLoader.load(path: pipeline).config
                } catch let error as PipelineError {
                    printError(error.localizedDescription)
                    throw ExitCode(2)
                }
            }
            let files: [FileInspection]
            do {
                files = try ExportInspector.inspect(folder: input, config: config)
            } catch {
                printError(error.localizedDescription)
                throw ExitCode(1)
            }
            if let write {
                do {
                    try Data(PipelineDraft.yaml(files, folder: input, config: config, pipeline: pipeline).utf8)
                        .write(to: URL(fileURLWithPath: write), options: force ? [.atomic] : [.withoutOverwriting])
                } catch {
                    printError("cannot write \(write): \(error.localizedDescription)")
                    throw ExitCode(1)
                }
            }
            print(InspectionReport.text(files, folder: input, pipeline: pipeline, draft: write, config: config), terminator: "")
            if let write { print("\nDraft written: \(write)") }
        }
    }
}
