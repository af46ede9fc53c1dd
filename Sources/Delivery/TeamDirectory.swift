import Foundation
import ScorecardIngest
import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// The organisation as the teams export says it (SPEC §4.4), read for delivery through the
/// loader's own reader, with the robot URLs as written (the warehouse holds them masked).
struct TeamDirectory {
    struct Team: Equatable {
        var id: String
        var name: String
        var supervisor: String
        /// The 邮箱 cell's addresses.
        var addresses: [String]
        /// The 机器人 URL as written; nil when empty.
        var webhook: String?
    }

    /// In the export's order; a later file's row for a team replaces an earlier one.
    var teams: [Team] = []

    func team(_ id: String) -> Team? { teams.first { $0.id == id } }

    /// Reads every teams file of the input folder; none: an empty directory.
    static func read(config: PipelineConfig, inputFolder: String) throws -> TeamDirectory {
        let files = try Loader(config: config, inputFolder: inputFolder, now: Date()).files(of: .teams)
        var directory = TeamDirectory()
        let columns = Entity.teams.columns.map(\.name)
        func index(_ name: String) -> Int { columns.firstIndex(of: name)! }
        let clock = ZoneClock(timeZone: config.timeZone)
        for file in files {
            let reader = try EntityFileReader(path: (inputFolder as NSString).appendingPathComponent(file), file: file, entity: .teams,
                                              spec: config.input(.teams), dimensions: [], clock: clock,
                                              now: Int(Date().timeIntervalSince1970), revealingSecrets: true)
            var batch = PackedBatch(width: columns.count, capacity: 64)
            while let outcome = try reader.next(into: &batch) {
                guard case .row = outcome else { continue }
                func cell(_ name: String) -> String {
                    (batch.string(batch.lastRowCell(index(name))) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                }
                let id = cell("team")
                guard !id.isEmpty else { continue }
                let webhook = cell("webhook")
                let team = Team(id: id, name: cell("name").isEmpty ? id : cell("name"), supervisor: cell("supervisor"),
                                addresses: DeliverSettings.addresses(in: cell("email")), webhook: webhook.isEmpty ? nil : webhook)
                directory.teams.removeAll { $0.id == id }
                directory.teams.append(team)
            }
        }
        return directory
    }
}
