import Foundation
import Testing
@testable import ScorecardIngest
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// The order ledger the engine sums (`customerLedgers`, one `GROUP BY customer_id`, SPEC §3.1,
/// §9) against a second computation: every order read back and folded by the client's own
/// definition (`LedgerWindow.contribution`), on both warehouses, for windows whose bounds
/// cut through days with orders.
@Suite struct OrderLedgerTests {
    static let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    /// A window ending at `end` (a local time), `months` long, evaluated at `asOf`.
    static func window(from start: String, to end: String, asOf: String) throws -> LedgerWindow {
        func instant(_ text: String) throws -> Int { try #require(Moment.parse(text)).epoch(in: clock) }
        let asOfInstant = try instant(asOf)
        let asOfDate = clock.localDate(ofEpoch: asOfInstant)
        let notBegun = clock.epoch(date: asOfDate) < asOfInstant ? asOfDate.adding(days: 1) : asOfDate
        let salesTo = try instant(end)
        return LedgerWindow(salesFrom: try instant(start), salesTo: salesTo, dueFrom: clock.localDate(ofEpoch: try instant(start)),
                            dueTo: min(clock.localDate(ofEpoch: salesTo), notBegun), asOfDate: asOfDate)
    }

    /// Every order, folded one by one.
    static func folded(_ session: any WarehouseSession, _ window: LedgerWindow) throws -> [String: CustomerLedger] {
        let everything = OrderSelection(placedFrom: clock.epoch(date: CivilDate(year: 1900, month: 1, day: 1)),
                                        placedTo: clock.epoch(date: CivilDate(year: 2999, month: 1, day: 1)),
                                        periodStart: CivilDate(year: 1900, month: 1, day: 1), periodEnd: CivilDate(year: 2999, month: 1, day: 1),
                                        asOfDate: CivilDate(year: 1900, month: 1, day: 1))
        var ledgers: [String: CustomerLedger] = [:]
        var orders = 0
        try session.forEachOrderBatch(everything, clock: clock) { batch in
            batch.forEach(clock: clock) { o in
                orders += 1
                ledgers[o.customerID, default: CustomerLedger(customerID: o.customerID)].merge(window.contribution(of: o))
            }
            return true
        }
        #expect(orders > 10_000)
        return ledgers
    }

    @Test(arguments: Backend.allCases)
    func theEngineSumsWhatTheClientFoldsOrderByOrder(_ backend: Backend) throws {
        let tmp = TempFolder()
        let location = try backend.location(tmp)
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-10"))
        let warehouse = try openWarehouse(location, timeZone: "Asia/Shanghai")
        try warehouse.migrate()
        let windows = [
            // 12 months to a month end, as_of at midnight (a due day counts once begun) and mid-day.
            try Self.window(from: "2025-11-01 00:00", to: "2026-11-01 00:00", asOf: "2026-11-01 00:00"),
            try Self.window(from: "2025-11-01 00:00", to: "2026-11-01 00:00", asOf: "2026-10-20 13:30"),
            // Bounds in the middle of busy days.
            try Self.window(from: "2026-03-15 10:17", to: "2026-09-09 15:42", asOf: "2026-09-30 08:00"),
            // Shorter than two days: one band, nothing summed inside.
            try Self.window(from: "2026-10-08 09:00", to: "2026-10-09 18:00", asOf: "2026-10-12 00:00"),
        ]
        try warehouse.dryRun { session in
            for window in windows {
                let expected = try Self.folded(session, window)
                var engine: [String: CustomerLedger] = [:]
                try session.customerLedgers(window, clock: Self.clock) { l in
                    #expect(engine[l.customerID] == nil, "\(l.customerID) given twice")
                    engine[l.customerID] = l
                }
                #expect(engine.count == expected.count)
                let differing = expected.keys.sorted().filter { engine[$0] != expected[$0] }
                #expect(differing.count == 0, "\(window): \(differing.count) customers differ, first \(differing.first.map { "\(engine[$0].map(String.init(describing:)) ?? "none") vs \(expected[$0]!)" } ?? "")")
                // The windows are not empty: sales, late payments and first orders in each.
                #expect(expected.values.contains { $0.salesCents > 0 })
                #expect(expected.values.contains { $0.firstOrder != nil })
            }
            #expect(try Self.folded(session, windows[0]).values.contains { $0.lateDays > 0 && $0.onTime < $0.due })
        }
    }

    /// Sums kept in 64 bits while they fit: a customer whose sales outgrow them is kept whole,
    /// not cut, and its neighbours keep theirs (issue 29).
    @Test func sumsPastSixtyFourBitsAreKeptWhole() {
        var ledger = OrderLedger(M.context())
        ledger.register(CustomerPositions([M.customer("C1"), M.customer("C2")]))
        var big = CustomerLedger(customerID: "C1")
        big.salesCents = Int128(Int64.max) - 5
        big.due = 1
        var more = CustomerLedger(customerID: "C1")
        more.salesCents = 10
        more.lateCentDays = 7
        more.due = 2
        var small = CustomerLedger(customerID: "C2")
        small.salesCents = 250
        small.onTime = 1
        for part in [big, small, more, more] { ledger.fold(part) }
        #expect(ledger.totals(of: "C1").salesCents == Int128(Int64.max) + 15)
        #expect(ledger.totals(of: "C1").lateCentDays == 14)
        #expect(ledger.totals(of: "C1").due == 5)
        #expect(ledger.totals(of: "C2").salesCents == 250 && ledger.totals(of: "C2").onTime == 1)
        #expect(ledger.totals(of: "C3").salesCents == 0)
    }
}
