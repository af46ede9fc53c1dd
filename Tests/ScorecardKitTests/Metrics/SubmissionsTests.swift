import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// SPEC §3.11: deadlines in the business calendar, the items owed, their statuses. October 2026:
/// National Day holidays 10-01…10-07, Saturday 10-10 worked instead; 10-01 is a Thursday.
@Suite struct SubmissionsTests {
    static func context(asOf: String = "2026-10-20 12:00", period: String = "2026-10",
                        _ configure: (inout PipelineConfig) -> Void = { _ in }) -> MetricContext {
        M.context(period, asOf: asOf) { c in
            c.calendar.holidays = Set((1...7).map { M.d("2026-10-0\($0)") })
            c.calendar.workdaysExtra = [M.d("2026-10-10")]
            configure(&c)
        }
    }

    static func deadline(_ kind: String, after lastDay: String, _ ctx: MetricContext = context()) -> String {
        let d = ctx.config.submissions.deadlines[kind]!
        let t = Submissions.deadlineInstant(d, after: M.d(lastDay).adding(days: 1), ctx)
        return String(M.clock.iso(t).prefix(19))
    }

    static func row(_ covers: String, _ kind: String = "daily_log", manager: String = "M1", item: String = "", at: String?,
                    complete: Bool = true) -> SubmissionRecord {
        SubmissionRecord(managerID: manager, kind: kind, covers: covers, item: item, submittedAt: at.map(M.t), complete: complete)
    }

    static func only(_ kinds: [String], _ c: inout PipelineConfig) {
        c.submissions.deadlines = c.submissions.deadlines.filter { kinds.contains($0.key) }
    }

    @Test func deadlinesFollowTheBusinessCalendar() {
        // The day after Friday 10-09 is the adjusted working Saturday: the log is due then.
        #expect(Self.deadline("daily_log", after: "2026-10-09") == "2026-10-10T09:00:00")
        #expect(Self.deadline("daily_log", after: "2026-10-10") == "2026-10-12T09:00:00")
        // After the holidays: the first working day is Thursday 10-08.
        #expect(Self.deadline("daily_log", after: "2026-09-30") == "2026-10-08T09:00:00")
        // The Monday after week 40 (09-28…10-04) is a holiday: moved to the next working day.
        #expect(Self.deadline("weekly_summary", after: "2026-10-04") == "2026-10-08T18:00:00")
        #expect(Self.deadline("weekly_summary", after: "2026-10-11") == "2026-10-12T18:00:00")
        // September's summary is due on the 1st, a holiday: 10-08.
        #expect(Self.deadline("monthly_summary", after: "2026-09-30") == "2026-10-08T18:00:00")
        // Archives: three working days after the deal, the adjusted Saturday counting.
        #expect(Self.deadline("archive", after: "2026-10-16") == "2026-10-21T23:59:59")
        #expect(Self.deadline("archive", after: "2026-10-09") == "2026-10-13T23:59:59")
    }

    @Test func everyStatusAndTheDeadlineEdges() {
        let ctx = Self.context { Self.only(["daily_log"], &$0) }
        let rows = [
            Self.row("2026-10-08", at: "2026-10-09 09:00:00"),            // exactly at the deadline: on time
            Self.row("2026-10-09", at: "2026-10-10 09:00:01"),            // one second after (the adjusted Saturday's 09:00): late
            Self.row("2026/10/12", at: "2026-10-13"),                     // date only: the start of the deadline's day, on time
            Self.row("2026-10-13", at: "2026-10-15"),                     // date only, a day after the deadline's day: late
            Self.row("2026-10-14", at: "2026-10-15 08:00", complete: false),  // in time but incomplete: late
            Self.row("2026-10-28", at: "2026-10-19 08:00", complete: false),  // incomplete, due after as_of: can still be completed, pending
            Self.row("2026-10-20", at: "2026-10-21 08:00"),               // after as_of: not yet submitted, pending
            Self.row("2026-10-11", at: "2026-10-12 08:00"),               // a Sunday: no rule owes it, not an item
        ]
        let r = Submissions.compute(.init(records: rows, owing: ["M1"]), ctx)
        let status = Dictionary(uniqueKeysWithValues: r.items.map { ($0.covers, $0.status) })
        #expect(status["2026-10-08"] == .onTime)
        #expect(status["2026-10-09"] == .late)
        #expect(status["2026-10-12"] == .onTime)
        #expect(status["2026-10-13"] == .late)
        #expect(status["2026-10-14"] == .late)
        #expect(status["2026-10-15"] == .missing)                     // expected, nothing submitted, deadline passed
        #expect(status["2026-10-10"] == .missing)                     // the adjusted working Saturday owes a log too
        #expect(status["2026-09-30"] == .missing)                     // due 10-08: owed in October
        #expect(status["2026-10-19"] == .missing)                     // due 10-20 09:00, before as_of 12:00
        #expect(status["2026-10-20"] == .pending)
        #expect(status["2026-10-28"] == .pending)
        #expect(status["2026-10-29"] == .pending)                     // due Friday 10-30
        #expect(status["2026-10-30"] == nil)                          // due Monday 11-02: November's
        #expect(status["2026-10-11"] == nil && status["2026-10-03"] == nil)
        #expect(r.items.count == 18)
        let all = r.summary("M1")!
        #expect([all.count(.onTime), all.count(.late), all.count(.missing), all.count(.pending)] == [2, 3, 5, 8])
        #expect(all.expected == 18 && all.onTimeRate == 0.2)
        #expect(r.summary("M1", kind: "daily_log") == SubmissionSummary(managerID: "M1", kind: "daily_log", counts: all.counts))
    }

    @Test func aWeekAndAMonthBelongToThePeriodOfTheirDeadline() {
        let ctx = Self.context { Self.only(["weekly_summary", "monthly_summary"], &$0) }
        let r = Submissions.compute(.init(records: [Self.row("2026-W41", "weekly_summary", at: "2026-10-12 17:00")], owing: ["M1"]), ctx)
        // Week 44 (10-26…11-01) is due Monday 11-02: November's; week 40 (09-28…10-04) is due 10-08: October's.
        #expect(r.items.filter { $0.kind == "weekly_summary" }.map(\.covers) == ["2026-W40", "2026-W41", "2026-W42", "2026-W43"])
        #expect(r.items.filter { $0.kind == "monthly_summary" }.map(\.covers) == ["2026-09"])
        #expect(r.items.first { $0.covers == "2026-W41" }?.status == .onTime)
        #expect(r.items.first { $0.covers == "2026-W43" }?.status == .pending)
        let november = Submissions.compute(.init(records: [], owing: ["M1"]), Self.context(asOf: "2026-12-01 00:00", period: "2026-11") {
            Self.only(["weekly_summary"], &$0)
        })
        #expect(november.items.first?.covers == "2026-W44")
    }

    /// A manager hired on Tuesday 10-20 owes the logs from that day, the week it falls in (W43) and
    /// later; not the weeks and days before, nor September's monthly summary.
    @Test func nothingIsOwedForTheTimeBeforeTheHireDate() {
        let ctx = Self.context(asOf: "2026-11-01 00:00")
        let r = Submissions.compute(.init(records: [], owing: ["M1", "M2"], hired: ["M2": M.d("2026-10-20")]), ctx)
        let m2 = r.items.filter { $0.managerID == "M2" }
        #expect(m2.filter { $0.kind == "weekly_summary" }.map(\.covers) == ["2026-W43"])
        #expect(m2.filter { $0.kind == "monthly_summary" }.isEmpty)
        #expect(m2.filter { $0.kind == "daily_log" }.map(\.covers).first == "2026-10-20")
        #expect(r.items.filter { $0.managerID == "M1" && $0.kind == "weekly_summary" }.count == 4)
    }

    @Test func archivesForTheRowsAndPerOrder() {
        let ctx = Self.context(asOf: "2026-10-25 00:00") {
            Self.only(["archive"], &$0)
            $0.submissions.archivePerOrder = true
        }
        let rows = [
            Self.row("2026-10-16", "archive", item: "O1", at: "2026-10-21 23:59:59"),   // at the deadline: on time
            Self.row("2026-10-09", "archive", item: "O2", at: "2026-10-14 00:00"),      // due 10-13 23:59:59: late
            Self.row("2026-09-28", "archive", item: "O0", at: "2026-10-08 10:00"),      // a September deal: not October's
        ]
        let deals = [DealRecord(orderID: "O1", managerID: "M1", date: M.d("2026-10-16")),
                     DealRecord(orderID: "O3", managerID: "M2", date: M.d("2026-10-12")),   // no archive, due 10-15: missing
                     DealRecord(orderID: "O4", managerID: "M2", date: M.d("2026-10-23"))]   // due 10-28: pending
        let r = Submissions.compute(.init(records: rows, deals: deals, owing: ["M1"]), ctx)
        #expect(r.items.map { "\($0.item) \($0.status.rawValue)" } == ["O2 late", "O1 on_time", "O3 missing", "O4 pending"])
        #expect(r.items.first { $0.item == "O3" }?.covers == "2026-10-12")
        // Without `archive_per_order` only the rows are owed.
        let rowsOnly = Submissions.compute(.init(records: rows, deals: deals, owing: ["M1"]), Self.context(asOf: "2026-10-25 00:00") { Self.only(["archive"], &$0) })
        #expect(rowsOnly.items.map(\.item) == ["O2", "O1"])
    }

    @Test func aLaterRowOfTheSameItemDoesNotUndoAnEarlierSubmission() {
        let ctx = Self.context { Self.only(["monthly_summary"], &$0) }
        let rows = [Self.row("2026-09", "monthly_summary", item: "a", at: "2026-10-12 10:00"),
                    Self.row("2026-09", "monthly_summary", item: "b", at: "2026-10-08 17:00"),
                    Self.row("2026-09", "monthly_summary", manager: "M2", at: nil)]                 // a row without a time: nothing submitted
        let r = Submissions.compute(.init(records: rows, owing: ["M1", "M2"]), ctx)
        #expect(r.items.map { "\($0.managerID) \($0.status.rawValue)" } == ["M1 on_time", "M2 missing"])
    }

    /// The items put in order in place are those a stable sort gives: by manager, kind, day and
    /// deal, items of one key (a row handed in twice) in the order made.
    @Test func itemsSortedInPlaceAsAStableSortOrdersThem() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 7, 500] {
            let items = (0..<count).map { i in
                SubmissionItem(managerID: "M\(Int.random(in: 0..<4, using: &generator))", kind: ["archive", "daily_log"][Int.random(in: 0..<2, using: &generator)],
                               covers: "c\(i)", item: Bool.random(using: &generator) ? "" : "O\(Int.random(in: 0..<3, using: &generator))",
                               day: M.d("2026-10-01").adding(days: Int.random(in: 0..<3, using: &generator)), deadline: i, submittedAt: nil,
                               complete: true, status: .missing)
            }
            var inPlace = items
            SubmissionFold.sortInPlace(&inPlace)
            let stable = items.enumerated().sorted { a, b in
                let (x, y) = (a.element, b.element)
                return (x.managerID, x.kind, x.dayNumber, x.item, a.offset) < (y.managerID, y.kind, y.dayNumber, y.item, b.offset)
            }.map(\.element)
            #expect(inPlace == stable)
        }
    }
}
