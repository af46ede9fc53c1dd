import ArgumentParser
import Foundation
import ScorecardGenerator
import ScorecardKit
import ScorecardModel

extension Scorecard {
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write deterministic synthetic CRM exports (SPEC §8).")
        @Option(help: "Folder to write the CSV files to.") var out: String
        @Option(help: "Number of customer managers.") var managers = 20
        @Option(help: "Number of customers.") var customers = 600
        @Option(help: "Months of history, ending with --last-month.") var months = 12
        @Option(help: "Total orders (default about 1.7 per customer and month).") var orders: Int?
        @Option(help: "Expected total visits (default about 3.7 per customer and year).") var visits: Int?
        @Option(help: "Expected total complaints (default about 0.55 per customer and year).") var complaints: Int?
        @Option(help: "Expected total surveys (default about 1 per customer and year).") var surveys: Int?
        @Option(help: "Random seed: the same seed gives the same files.") var seed: UInt64 = 1
        @Option(name: .customLong("last-month"), help: "Last month covered, e.g. 2026-10 (default: last month).") var lastMonth: String?
        @Flag(help: "Write the files as real exports arrive: GB18030, UTF-16, BOMs, Chinese headers, ¥ amounts, broken rows.")
        var messy = false

        func validate() throws {
            guard managers >= 1, customers >= 1, months >= 1 else { throw ValidationError("--managers, --customers and --months must be at least 1") }
        }

        func run() throws {
            var options = GeneratorOptions(lastMonth: GeneratorOptions.defaultLastMonth())
            if let lastMonth {
                guard let p = try? Period(parsing: lastMonth), p.kind == .month else { throw ValidationError("--last-month must be a month like 2026-10") }
                options.lastMonth = p.start
            }
            options.managers = managers
            options.customers = customers
            options.months = months
            options.orders = orders
            options.visits = visits
            options.complaints = complaints
            options.surveys = surveys
            options.seed = seed
            options.messy = messy
            do {
                let result = try Generator.write(options, to: out)
                for (file, rows) in result.rows.sorted(by: { $0.key < $1.key }) { print("\(out)/\(file): \(rows) rows") }
                if messy { print("\(result.broken.count) rows are broken on purpose and must be rejected.") }
            } catch {
                printError(error.localizedDescription)
                throw ExitCode(1)
            }
        }
    }
}
