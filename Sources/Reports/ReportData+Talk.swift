import ScorecardMetrics

/// Who the supervisor talks with: the first and the last (SPEC §3.5 "First and last are
/// marked (the handbooks ask for a talk with both)").
extension ReportData {
    package struct TalkMarks: Sendable {
        package var first: Set<String> = []
        package var last: Set<String> = []
    }

    /// SPEC §3.5 ranks a manager with activity in the period even after they left, and their
    /// rank stays as ranked (the warehouse's `manager_scores` keep `is_first`/`is_last` as the
    /// ranking set them). Nobody holds a talk with someone who has gone, though: the reports'
    /// first and last marks go to the best and the worst ranked *active* managers (issue 30
    /// item 10), and 口径说明 says so.
    package var talkMarks: TalkMarks {
        let active = results.managers.filter { !hasLeft($0.managerID) }
        guard let best = active.map(\.rank).min(), let worst = active.map(\.rank).max() else { return TalkMarks() }
        return TalkMarks(first: Set(active.filter { $0.rank == best }.map(\.managerID)),
                         last: worst > best ? Set(active.filter { $0.rank == worst }.map(\.managerID)) : [])
    }

    /// `第一名`, `最后一名` or nothing: the talk's mark of `id` among `marks`.
    package func talkMark(_ id: String, _ marks: TalkMarks) -> String {
        marks.first.contains(id) ? labels(.first) : marks.last.contains(id) ? labels(.last) : ""
    }

    /// The first and the last manager of the talk, in ranking order (nil when there is none).
    package var talkFirst: ManagerScore? { let m = talkMarks; return results.managers.first { m.first.contains($0.managerID) } }
    package var talkLast: ManagerScore? { let m = talkMarks; return results.managers.last { m.last.contains($0.managerID) } }
}
