import ArgumentParser
import Foundation
import ScorecardKit
import ScorecardWarehouse

extension Scorecard {
    /// `scorecard warehouse …`: what a DBA does to the warehouse itself (SPEC §9).
    struct WarehouseCommand: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "warehouse", abstract: "Work on the warehouse itself.",
                                                        subcommands: [Distribute.self])
    }

    struct Distribute: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Spread a PostgreSQL warehouse made before over its Citus cluster (SPEC §9).",
            discussion: """
                Run it on the coordinator once Citus is installed and the workers added (docs/scale-out.md). \
                Facts go by customer_id with the customers, results by period, the small tables to every node. \
                It waits for a running scorecard, and changes nothing when every table is already placed.
                """)
        @OptionGroup var common: CommonOptions

        func run() throws {
            let (config, text) = try common.loadPipeline()
            var options = RunOptions(pipelinePath: common.pipeline, config: config, pipelineText: text,
                                     inputFolder: common.input, outputFolder: common.output)
            options.warehouseOverride = try common.warehouseLocation()
            try withExitCodes(quiet: common.quiet, language: config.language) {
                let placed = try PipelineRunner.distribute(options)
                guard !placed.isEmpty else {
                    print("Every table of \(options.warehouse) is already placed on the cluster; nothing was changed.")
                    return
                }
                print("Distributed \(placed.count) tables of \(options.warehouse):")
                let width = placed.map(\.table.count).max() ?? 0
                for t in placed {
                    print("  \(t.table.padding(toLength: width, withPad: " ", startingAt: 0))  \(t.placement)  rows copied: \(t.rows)")
                }
            }
        }
    }
}
