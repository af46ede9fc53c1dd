import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// The written work handed in (SPEC §3.11), folded row by row as it streams from the warehouse
/// (`forEachSubmission`): of each day, week or month owed in the period only the row that counts
/// is kept, of the archives only the items of the period. Every staged row was held before the
/// items were made: the bank-shaped set's 320 000 rows, two months of them, were 43 MB at the
/// PostgreSQL client's peak (issue 29).
///
///     var work = WrittenWork(ctx)
///     try warehouse.forEachSubmission(clock: ctx.clock) { work.add($0) }
///     let report = work.report(deals: deals, owing: managers, hired: hired)  // the rows given up
package struct WrittenWork: Sendable {
    private let ctx: MetricContext
    /// Per kind of days, weeks or months: the spans whose deadline falls in the period.
    private let spans: [String: [Submissions.OwedSpan]]
    private let owedNames: [String: Set<String>]
    /// Per such kind, manager and owed span: the row that counts (`Submissions.earlier`).
    private var best: [String: [String: [String: SubmissionRecord]]] = [:]
    /// Per archive kind: the items of its rows of the period, in the rows' order, and the deals they archive.
    private var archives: [String: [SubmissionItem]] = [:]
    private var archived: [String: Set<String>] = [:]
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
        guard let d = ctx.config.submissions.deadlines[r.kind] else { return }
        if d.covers == .deal {
            guard let item = Submissions.dealItem(r, d, ctx) else { return }
            if !r.item.isEmpty { archived[r.kind, default: []].insert(r.item) }
            archives[r.kind, default: []].append(item)
            return
        }
        // A span not owed in the period is never looked up.
        guard let covers = Submissions.canonical(r.covers, d.covers), owedNames[r.kind]?.contains(covers.name) == true else { return }
        let old = best[r.kind]?[r.managerID]?[covers.name]
        if old == nil || Submissions.earlier(r, than: old!, ctx) { best[r.kind, default: [:]][r.managerID, default: [:]][covers.name] = r }
    }

    /// The items owed in the period and their statuses, in manager, kind, day and deal order: the
    /// owing managers' days, weeks and months; the archives handed in, and (`archive_per_order`)
    /// one for each of `deals` without one. The rows kept are given up as the items are made: the
    /// items are gathered per manager and sorted there, then joined into one array of their
    /// count (all of them copied whole, sorted at once and kept beside the rows were the
    /// bank-shaped set's peak, 223 000 items of 88 bytes; issue 29).
    /// - Parameter hired: the owing managers' hire dates: a span that ended before it is not owed.
    package mutating func report(deals: [DealRecord], owing: [String], hired: [String: CivilDate]) -> SubmissionReport {
        let s = ctx.config.submissions
        var byManager: [String: [SubmissionItem]] = [:]
        var count = 0
        func gather(_ item: SubmissionItem) {
            byManager[item.managerID, default: []].append(item)
            count += 1
        }
        for kind in s.deadlines.keys.sorted() {
            let d = s.deadlines[kind]!
            if d.covers == .deal {
                for item in archives.removeValue(forKey: kind) ?? [] { gather(item) }
                guard kind == "archive" && s.archivePerOrder else { continue }
                let done = archived.removeValue(forKey: kind) ?? []
                for deal in deals where !done.contains(deal.orderID) && deal.date >= ctx.period.start && deal.date < ctx.period.end {
                    gather(Submissions.dealItem(deal, kind: kind, d, ctx))
                }
            } else {
                let rows = best.removeValue(forKey: kind) ?? [:]
                for item in Submissions.periodItems(kind, d, spans: spans[kind] ?? [], best: rows, owing: owing, hired: hired, ctx) { gather(item) }
            }
        }
        var items: [SubmissionItem] = []
        items.reserveCapacity(count)
        for manager in byManager.keys.sorted() {
            var mine = byManager.removeValue(forKey: manager)!
            mine.sort { ($0.kind, $0.dayNumber, $0.item) < ($1.kind, $1.dayNumber, $1.item) }
            items += mine
        }
        return SubmissionReport(items: items, summaries: Submissions.summaries(items))
    }
}
