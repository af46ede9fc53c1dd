import ScorecardModel
import ScorecardPipeline
import ScorecardWarehouse

/// One item of written work owed (SPEC §3.11; table `submission_items`). Its day in 4 bytes and
/// its submission time unpadded: 88 bytes an item, not 112 (the bank-shaped set's 223 000 items
/// are held by the organisation's report and again by each team's cut, issue 29).
public struct SubmissionItem: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case onTime = "on_time", late, missing, pending }
    public var managerID: String
    public var kind: String
    /// `2026-10-05`, `2026-W41`, `2026-10`, or an archive's deal date.
    public var covers: String
    /// The deal of an archive; '' for none.
    public var item: String
    public var deadline: Int
    /// By as_of; a submission after as_of has not happened yet.
    @Unpadded public var submittedAt: Int?
    /// `day` in days since the epoch.
    package private(set) var dayNumber: Int32
    public var complete: Bool
    public var status: Status

    public init(managerID: String, kind: String, covers: String, item: String, day: CivilDate, deadline: Int, submittedAt: Int?,
                complete: Bool, status: Status) {
        self.managerID = managerID
        self.kind = kind
        self.covers = covers
        self.item = item
        self.deadline = deadline
        self.submittedAt = submittedAt
        dayNumber = Int32(day.daysSinceEpoch)
        self.complete = complete
        self.status = status
    }

    /// The first day of what the item covers (its deal date): the item's place in time.
    public var day: CivilDate {
        get { CivilDate(daysSinceEpoch: Int(dayNumber)) }
        set { dayNumber = Int32(newValue.daysSinceEpoch) }
    }
}

/// Per manager and kind (`''`: all kinds): SPEC §3.11 (table `submission_summary`).
public struct SubmissionSummary: Sendable, Equatable {
    public var managerID: String
    public var kind: String
    public var counts: [SubmissionItem.Status: Int] = [:]

    public init(managerID: String, kind: String, counts: [SubmissionItem.Status: Int] = [:]) {
        self.managerID = managerID
        self.kind = kind
        self.counts = counts
    }

    public var expected: Int { counts.values.reduce(0, +) }
    public func count(_ s: SubmissionItem.Status) -> Int { counts[s] ?? 0 }
    /// on_time / (on_time + late + missing); nil when nothing is decided yet.
    public var onTimeRate: Double? { Statistics.rate(count(.onTime), count(.onTime) + count(.late) + count(.missing)) }
}

public struct SubmissionReport: Sendable {
    /// The items owed; a team's cut shares the organisation's.
    public var items: SharedRows<SubmissionItem> = []
    /// Assign the whole list at once: each assignment indexes it anew (looked up per manager).
    public var summaries: [SubmissionSummary] = [] {
        didSet { index = Self.indexed(summaries) }
    }
    private var index: [[String]: SubmissionSummary] = [:]

    public init(items: [SubmissionItem] = [], summaries: [SubmissionSummary] = []) {
        self.items = SharedRows(items)
        self.summaries = summaries
        index = Self.indexed(summaries)  // observers do not run in an initializer
    }

    private static func indexed(_ summaries: [SubmissionSummary]) -> [[String]: SubmissionSummary] {
        Dictionary(summaries.map { ([$0.managerID, $0.kind], $0) }) { a, _ in a }
    }

    public func summary(_ managerID: String, kind: String = "") -> SubmissionSummary? { index[[managerID, kind]] }

    /// Every manager's items of every kind summed (SPEC §3.11's on-time rate of the whole period); nil without items.
    public var overall: SubmissionSummary? {
        guard !items.isEmpty else { return nil }
        return summaries.filter { $0.kind.isEmpty }
            .reduce(into: SubmissionSummary(managerID: "", kind: "")) { all, s in all.counts.merge(s.counts, uniquingKeysWith: +) }
    }
}

/// SPEC §3.11: the items owed in the period, each with its deadline in the business calendar
/// and its status. A day, week or month is owed in the period its deadline falls in (the
/// weekly summary of a week spanning two months belongs to the month of the Monday after it);
/// an archive in the period of its deal. A date-only submission time stands for the start of
/// its day, as every date-only time (SPEC §3): on time when that day is the deadline's day.
package enum Submissions {
    package struct Inputs {
        package var records: [SubmissionRecord]
        /// The completed orders of the period, when archives are owed per order.
        package var deals: [DealRecord] = []
        /// The managers who owe daily, weekly and monthly work: those active in the list.
        package var owing: [String]
        /// Their hire dates: a day, week or month that ended before it is not owed (a manager hired
        /// on the 20th owes no log for the 5th).
        package var hired: [String: CivilDate] = [:]
    }

    package static func compute(_ x: Inputs, _ ctx: MetricContext) -> SubmissionReport {
        var work = SubmissionFold(ctx)
        for r in x.records { work.add(r) }
        return work.report(deals: x.deals, owing: x.owing, hired: x.hired)
    }

    /// Days, weeks or months owed in the period, for every owing manager, each given to `body`
    /// with the row that counts for it (`best`, per manager and span name).
    static func forEachPeriodItem(_ kind: String, _ d: SubmissionSettings.Deadline, spans: [OwedSpan], best: [String: [String: SubmissionRecord]],
                                  owing: [String], hired: [String: CivilDate], _ ctx: MetricContext, _ body: (SubmissionItem) -> Void) {
        for manager in owing {
            for span in owed(spans, d, by: hired[manager]) {
                body(item(manager, kind, covers: span.name, itemID: "", day: span.start, deadline: span.deadline,
                          record: best[manager]?[span.name], ctx))
            }
        }
    }

    /// Of `spans`, those a manager hired on `hired` owes: a span is owed when the manager worked
    /// at least its last day.
    static func owed(_ spans: [OwedSpan], _ d: SubmissionSettings.Deadline, by hired: CivilDate?) -> LazyFilterSequence<[OwedSpan]> {
        func last(_ start: CivilDate) -> CivilDate {
            switch d.covers {
            case .week: return start.adding(days: 6)
            case .month: return start.adding(months: 1).adding(days: -1)
            case .day, .deal: return start
            }
        }
        return spans.lazy.filter { span in hired.map { last(span.start) >= $0 } ?? true }
    }

    package typealias OwedSpan = (name: String, start: CivilDate, deadline: Int)

    /// The spans of one unit whose deadline's day is in the period: (name, first day, deadline).
    package static func owedSpans(_ d: SubmissionSettings.Deadline, _ ctx: MetricContext) -> [OwedSpan] {
        var out: [(String, CivilDate, Int)] = []
        // Deadlines come at most a few weeks after what they cover: start well before the period.
        var day = ctx.period.start.adding(days: -100)
        while day < ctx.period.end {
            let span: (name: String, end: CivilDate)?
            switch d.covers {
            case .day: span = ctx.calendar.isWorkingDay(day) ? (day.description, day.adding(days: 1)) : nil
            case .week: span = day.isoWeekday == 1 ? (Period(kind: .week, containing: day).name, day.adding(days: 7)) : nil
            case .month: span = day.day == 1 ? (Period(kind: .month, containing: day).name, day.adding(months: 1)) : nil
            case .deal: span = nil
            }
            if let span {
                let deadline = deadlineInstant(d, after: span.end, ctx)
                let due = ctx.clock.localDate(ofEpoch: deadline)
                if due >= ctx.period.start && due < ctx.period.end { out.append((span.name, day, deadline)) }
            }
            day = day.adding(days: 1)
        }
        return out
    }

    /// An archive row's item when its deal date is in the period (`kind`: as the settings spell it).
    static func dealItem(_ r: SubmissionRecord, kind: String, _ d: SubmissionSettings.Deadline, _ ctx: MetricContext) -> SubmissionItem? {
        guard let date = Moment.parse(r.covers)?.date, date >= ctx.period.start, date < ctx.period.end else { return nil }
        return item(r.managerID, kind, covers: date.description, itemID: r.item, day: date,
                    deadline: deadlineInstant(d, after: date.adding(days: 1), ctx), record: r, ctx)
    }

    /// The item owed for a completed order of the period without an archive (SPEC §3.11 `archive_per_order`).
    static func dealItem(_ deal: DealRecord, kind: String, _ d: SubmissionSettings.Deadline, _ ctx: MetricContext) -> SubmissionItem {
        item(deal.managerID, kind, covers: deal.date.description, itemID: deal.orderID, day: deal.date,
             deadline: deadlineInstant(d, after: deal.date.adding(days: 1), ctx), record: nil, ctx)
    }

    /// The status of one owed item (SPEC §3.11): submitted by the deadline and complete: on time
    /// (exactly at the deadline is on time); submitted after it, or incomplete: late; nothing
    /// submitted by as_of: missing once the deadline has passed, else pending. An incomplete item
    /// whose deadline is still ahead is pending: it can still be completed in time.
    static func item(_ manager: String, _ kind: String, covers: String, itemID: String, day: CivilDate, deadline: Int,
                             record: SubmissionRecord?, _ ctx: MetricContext) -> SubmissionItem {
        let at = ctx.happened(record?.submittedAt)
        let complete = record?.complete ?? true
        let status: SubmissionItem.Status
        if let at {
            status = at <= deadline && complete ? .onTime : complete || deadline < ctx.asOf ? .late : .pending
        } else {
            status = deadline < ctx.asOf ? .missing : .pending
        }
        return SubmissionItem(managerID: manager, kind: kind, covers: covers, item: itemID, day: day, deadline: deadline,
                              submittedAt: at, complete: complete, status: status)
    }

    /// The deadline of an item whose span ends before `end` (its first day after), SPEC §3.11.
    package static func deadlineInstant(_ d: SubmissionSettings.Deadline, after end: CivilDate, _ ctx: MetricContext) -> Int {
        let calendar = ctx.calendar
        func nextWorking(_ day: CivilDate) -> CivilDate {
            var day = day, tries = 0
            // At most a year ahead: a calendar with no working day at all must not loop for ever.
            while !calendar.isWorkingDay(day), tries < 400 { (day, tries) = (day.adding(days: 1), tries + 1) }
            return day
        }
        var day: CivilDate
        switch d.rule {
        case .workingDaysAfter(let n):
            day = end.adding(days: -1)
            for _ in 0..<n { day = nextWorking(day.adding(days: 1)) }
        case .weekdayAfter(let weekday):
            day = end.adding(days: (weekday - end.isoWeekday + 7) % 7)
            day = nextWorking(day)
        case .dayAfter(let n):
            day = nextWorking(end.adding(days: n - 1))
        }
        return ctx.clock.epoch(date: day, secondsOfDay: d.at)
    }

    /// A row's `covers` as the unit's canonical span (a date in a week or month names it too).
    package static func canonical(_ text: String, _ unit: SubmissionSettings.Covers) -> (name: String, start: CivilDate)? {
        if let p = try? Period(parsing: text) {
            switch (unit, p.kind) {
            case (.week, .week), (.month, .month): return (p.name, p.start)
            default: return nil
            }
        }
        guard let date = Moment.parse(text)?.date else { return nil }
        switch unit {
        case .day, .deal: return (date.description, date)
        case .week: let p = Period(kind: .week, containing: date); return (p.name, p.start)
        case .month: let p = Period(kind: .month, containing: date); return (p.name, p.start)
        }
    }

    /// Of two rows for one item, the one that counts: submitted by as_of before one that is not, else the earlier.
    static func earlier(_ a: SubmissionRecord, than b: SubmissionRecord, _ ctx: MetricContext) -> Bool {
        switch (ctx.happened(a.submittedAt), ctx.happened(b.submittedAt)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        default: return false
        }
    }

    static func summaries(_ items: some Sequence<SubmissionItem>) -> [SubmissionSummary] {
        var byKey: [String: [String: SubmissionSummary]] = [:]
        for i in items {
            for kind in [i.kind, ""] {
                byKey[i.managerID, default: [:]][kind, default: SubmissionSummary(managerID: i.managerID, kind: kind)].counts[i.status, default: 0] += 1
            }
        }
        return byKey.keys.sorted().flatMap { m in byKey[m]!.keys.sorted().map { byKey[m]![$0]! } }
    }
}
