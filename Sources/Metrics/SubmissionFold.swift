import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// The submissions handed in (SPEC §3.11), folded row by row as it streams from the warehouse
/// (`forEachSubmission`): of each day, week or month owed in the period only the row that counts
/// is kept, of the archives only the items of the period. Every staged row was held before the
/// items were made: the bank-shaped set's 320 000 rows, two months of them, were 43 MB at the
/// PostgreSQL client's peak (issue 29).
///
///     var work = SubmissionFold(ctx)
///     try warehouse.forEachSubmission(clock: ctx.clock) { work.add($0) }
///     let report = work.report(deals: deals, owing: managers, hired: hired)  // the rows given up
package struct SubmissionFold: Sendable {
    private let ctx: MetricContext
    /// Per kind of days, weeks or months: the spans whose deadline falls in the period.
    private let spans: [String: [Submissions.OwedSpan]]
    private let owedNames: [String: Set<String>]
    /// Per such kind, manager and owed span: the row that counts (`Submissions.earlier`).
    private var best: [String: [String: [String: SubmissionRecord]]] = [:]
    /// Per archive kind: the items of its rows of the period, in the rows' order.
    private var archives: [String: [SubmissionItem]] = [:]
    /// The deals the `archive` rows archive, when an archive is owed per order.
    private var archived: Set<String> = []
    /// How many rows were given: none means nothing was handed in at all.
    package private(set) var rows = 0

    package init(_ ctx: MetricContext) {
        self.ctx = ctx
        var spans: [String: [Submissions.OwedSpan]] = [:]
        for (kind, d) in ctx.config.submissions.deadlines where d.covers != .deal { spans[kind] = Submissions.owedSpans(d, ctx) }
        self.spans = spans
        owedNames = spans.mapValues { Set($0.map(\.name)) }
    }

    /// One staged row: kept when it may count for an item of the period.
    package mutating func add(_ r: SubmissionRecord) {
        rows += 1
        let deadlines = ctx.config.submissions.deadlines
        // The kind as the settings spell it: the items take it.
        guard let at = deadlines.index(forKey: r.kind) else { return }
        let (kind, d) = deadlines[at]
        if d.covers == .deal {
            guard let item = Submissions.dealItem(r, kind: kind, d, ctx) else { return }
            if !r.item.isEmpty && kind == "archive" && ctx.config.submissions.archivePerOrder { archived.insert(r.item) }
            archives[kind, default: []].append(item)
            return
        }
        // A span not owed in the period is never looked up.
        guard let covers = Submissions.canonical(r.covers, d.covers), owedNames[kind]?.contains(covers.name) == true else { return }
        let old = best[kind]?[r.managerID]?[covers.name]
        if old == nil || Submissions.earlier(r, than: old!, ctx) { best[kind, default: [:]][r.managerID, default: [:]][covers.name] = r }
    }

    /// The items owed in the period and their statuses, in manager, kind, day and deal order: the
    /// owing managers' days, weeks and months; the archives handed in, and (`archive_per_order`)
    /// one for each of `deals` without one. The rows kept are given up as the items are made, into
    /// one array of room for them all, sorted by position and put in order in place (the items
    /// copied whole, sorted with a buffer of half of them and kept beside the rows made the
    /// bank-shaped set's peak: 223 000 items of 88 bytes; issue 29).
    /// - Parameter hired: the owing managers' hire dates: a span that ended before it is not owed.
    package mutating func report(deals: [DealRecord], owing: [String], hired: [String: CivilDate]) -> SubmissionReport {
        let s = ctx.config.submissions
        let kinds = s.deadlines.keys.sorted()
        let perOrder = s.archivePerOrder && s.deadlines["archive"]?.covers == .deal
        let unarchived = perOrder ? deals.filter { !archived.contains($0.orderID) && $0.date >= ctx.period.start && $0.date < ctx.period.end } : []
        archived = []
        // Room for them all, counted: the items are kept to the end of the run.
        var room = archives.values.reduce(unarchived.count) { $0 + $1.count }
        for kind in kinds where s.deadlines[kind]!.covers != .deal {
            for manager in owing { room += Submissions.owed(spans[kind] ?? [], s.deadlines[kind]!, by: hired[manager]).count }
        }
        var items: [SubmissionItem] = []
        items.reserveCapacity(room)
        for kind in kinds {
            let d = s.deadlines[kind]!
            if d.covers == .deal {
                items += archives.removeValue(forKey: kind) ?? []
                if kind == "archive" && perOrder {
                    for deal in unarchived { items.append(Submissions.dealItem(deal, kind: kind, d, ctx)) }
                }
            } else {
                let rows = best.removeValue(forKey: kind) ?? [:]
                Submissions.forEachPeriodItem(kind, d, spans: spans[kind] ?? [], best: rows, owing: owing, hired: hired, ctx) { items.append($0) }
            }
        }
        Self.sortInPlace(&items)
        return SubmissionReport(items: items, summaries: Submissions.summaries(items))
    }

    /// By manager, kind, day and deal, items of one key in the order made (a stable sort): the
    /// positions sorted, 4 bytes each, then each cycle of the permutation followed in place.
    static func sortInPlace(_ items: inout [SubmissionItem]) {
        precondition(items.count <= Int(UInt32.max), "positions in 32 bits")
        var order = Array(0..<UInt32(items.count))
        order.sort { p, q in
            let (a, b) = (items[Int(p)], items[Int(q)])
            return (a.managerID, a.kind, a.dayNumber, a.item, p) < (b.managerID, b.kind, b.dayNumber, b.item, q)
        }
        // The item at `i` is to be the one now at `order[i]`; a position done is marked `.max`.
        for start in order.indices where order[start] != .max {
            let first = items[start]
            var i = start
            while true {
                let from = Int(order[i])
                order[i] = .max
                if from == start {
                    items[i] = first
                    break
                }
                items[i] = items[from]
                i = from
            }
        }
    }
}
