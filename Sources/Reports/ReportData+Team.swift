import Foundation
import ScorecardMetrics
import ScorecardModel

/// A team's own report (SPEC §4.4, `outputs.per_team`): the same sheets and sections on the
/// team's cut of the results (`TeamCut`), titled with its name, its files named by its id.
extension ReportData {
    /// The report of `team` and the teams below it. `previous` are the team's own figures of the
    /// previous period as its run stored them (none when it wrote no team reports); the load's
    /// rejected rows are left out (they may be another team's: counts only).
    package func cut(to team: String, previous: [Figure: Double], previousAsOf: Int?) -> ReportData {
        var results = TeamCut.results(self.results, team: team)
        results.receivables.previousOverdue = previous[.overdue]  // the team's own, as its last run stored it
        let members = Set(results.managerTeams.keys)
        var load = self.load
        load.rejects = []
        var cut = ReportData(results: results, load: load, managers: managers.filter { members.contains($0.key) }, customers: customers,
                             config: config, clock: clock, trend: trend.restricted(to: members), previous: previous,
                             previousAsOf: previous.isEmpty ? nil : previousAsOf)
        cut.lastVisits = lastVisits
        cut.teamName = self.results.tree.title(of: team)
        cut.previousTeamNotKept = previous.isEmpty && previousWasRun
        return cut
    }

    /// The suffix of this report's file names: `-<team>` (characters unsafe in a file name as
    /// `_`, SPEC §4.4), nothing for the organisation's.
    package var fileSuffix: String { results.team.map { "-" + Self.fileSafe($0) } ?? "" }

    /// `客户经理考核报告 2026年10月`; a team's `客户经理考核报告 2026年10月 · 营销一组`, as its mail's subject.
    package var title: String {
        let L = labels
        return "\(L(.reportTitle)) \(L.period(period))" + (teamName.map { " · " + $0 } ?? "")
    }

    /// A team id as a folder and file name (SPEC §4.4): characters unsafe in a file name as `_`.
    /// An id that needed it also carries the first 8 hex digits of its SHA-256, so that `A/1`,
    /// `A:1` and `A_1` stay three folders (two teams writing one folder would mail one
    /// supervisor the other's workbook).
    package static func fileSafe(_ id: String) -> String {
        let unsafe: Set<Character> = ["/", "\\", ":", "*", "?", "\"", "<", ">", "|"]
        var mapped = String(id.map { unsafe.contains($0) || $0.isNewline || $0.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? "_" : $0 })
        if mapped == "." || mapped == ".." { mapped = mapped.replacingOccurrences(of: ".", with: "_") }
        return mapped == id ? id : mapped + "-" + sha256Hex(Data(id.utf8)).prefix(8)
    }
}
