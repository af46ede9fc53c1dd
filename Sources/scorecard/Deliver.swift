import ArgumentParser
import Foundation
import ScorecardDelivery
import ScorecardKit
import ScorecardModel
import ScorecardPipeline

extension Scorecard {
    /// SPEC §4.5: the period's reports to the supervisors' mail and IM group robots.
    struct Deliver: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send the period's reports: mail to supervisors and the head office, messages to IM group robots (exit 4 when a delivery fails).")
        @OptionGroup var common: CommonOptions
        @Option(help: "Period whose reports to send (default: the latest successful run's).") var period: String?
        @Flag(name: .customLong("dry-run"), help: "Print who would get what; send nothing.") var dryRun = false
        @Flag(help: "Send everything again, also what was sent unchanged before.") var resend = false

        func run() throws {
            let (config, text) = try common.loadPipeline()
            var parsedPeriod: Period?
            if let period {
                do { parsedPeriod = try Period(parsing: period) } catch { throw ValidationError(error.localizedDescription) }
            }
            var options = RunOptions(pipelinePath: common.pipeline, config: config, pipelineText: text,
                                     inputFolder: common.input, outputFolder: common.output, period: parsedPeriod)
            options.warehouseOverride = try common.warehouseLocation()
            try withExitCodes(quiet: common.quiet, language: config.language) {
                try deliverReports(options, PipelineRunner.DeliverRequest(dryRun: dryRun, resend: resend), quiet: common.quiet)
            }
        }
    }
}

/// Delivers and prints a line per recipient; a failed recipient makes it exit 4 (SPEC §4.5),
/// naming each one and why, after the others were tried.
func deliverReports(_ options: RunOptions, _ request: PipelineRunner.DeliverRequest, quiet: Bool) throws {
    let (period, outcome) = try PipelineRunner.deliver(options, request)
    if !quiet || !outcome.failures.isEmpty {
        print("Deliver:  \(period.name)\(request.dryRun ? " (dry run: nothing is sent)" : "")")
        for line in outcome.lines { print("  " + line) }
        print("  \(outcome.sent) sent, \(outcome.unchanged) unchanged, \(outcome.failures.count) failed")
    }
    if !outcome.failures.isEmpty, !request.dryRun {
        printError(DeliveryError.failed(outcome.failures).localizedDescription)
        throw ExitCode(4)
    }
}
