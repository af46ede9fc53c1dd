import ScorecardModel

/// Rules across the columns of one row (SPEC §2.3 "end before start"): pairs of
/// time columns where the first must not be before the second.
package struct EntityRules {
    private let pairs: [(end: Int, start: Int, endName: String, startName: String)]

    package init(_ entity: Entity, columns: [ColumnSpec]) {
        let order: [(String, String)]
        switch entity {
        case .visits:
            order = [("visit_end", "visit_start"), ("report_submitted_at", "visit_start")]
        case .complaints:
            order = [("first_response_at", "received_at"), ("escalated_at", "received_at"),
                     ("resolved_at", "received_at"), ("follow_up_at", "resolved_at")]
        case .serviceRequests:
            order = [("completed_at", "reported_at"), ("follow_up_at", "completed_at"), ("notice_at", "follow_up_at")]
        default:
            order = []
        }
        let index = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.name, $0) })
        pairs = order.map { (index[$0.0]!, index[$0.1]!, $0.0, $0.1) }
    }

    /// `instants`: per column, `Int.min` when empty.
    package func check(_ instants: [Int]) -> (String, RejectReason)? {
        for p in pairs {
            let e = instants[p.end], s = instants[p.start]
            if e != Int.min, s != Int.min, e < s {
                return (p.endName, .endBeforeStart(end: p.endName, start: p.startName))
            }
        }
        return nil
    }
}
