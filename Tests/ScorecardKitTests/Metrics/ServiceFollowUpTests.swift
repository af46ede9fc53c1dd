import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardPipeline

/// SPEC §3.9: repair follow-ups by category class, role shares, notices, completion times.
/// October 2026, as_of 2026-11-01 00:00 unless a case says otherwise.
@Suite struct ServiceFollowUpTests {
    static func report(_ requests: [MetricInputs.ServiceRequest], ctx: MetricContext = M.context()) -> ServiceReport {
        var inputs = MetricInputs(ctx)
        inputs.serviceRequests = requests
        inputs.hasServiceRequests = !requests.isEmpty
        return ServiceFollowUps.compute(inputs, ctx)
    }

    static func status(_ r: ServiceReport, _ id: String) -> SLAStatus? { r.followUps.first { $0.requestID == id }?.followUp }

    @Test func followUpAtTheDeadlineIsMetOneSecondLaterBreached() {
        // Safety (电梯): 2 days after completion at 10-10 12:00 → deadline 10-12 12:00.
        let r = Self.report([
            M.request("R1", category: "电梯故障", completed: "2026-10-10 12:00", followUp: "2026-10-12 12:00"),
            M.request("R2", category: "电梯故障", completed: "2026-10-10 12:00", followUp: "2026-10-12 12:00:01"),
            M.request("R3", category: "电梯故障", completed: "2026-10-10 12:00"),               // none, deadline long past
            M.request("R4", category: "门窗", completed: "2026-10-28 12:00"),                   // other: 7 days → 11-04, ahead
        ])
        #expect(Self.status(r, "R1") == .met)
        #expect(Self.status(r, "R2") == .breached)
        #expect(Self.status(r, "R3") == .breached)
        #expect(Self.status(r, "R4") == .pending)
        #expect(r.group(.overall, "")?.followUpCompliance == 1.0 / 3)   // pending left out
    }

    @Test func categoryClassesBySubstringAndTheStricterOfTwo() {
        let s = ServiceSettings()
        #expect(ServiceFollowUps.repairClass(of: "3号楼消防栓", s) == "safety")
        #expect(ServiceFollowUps.repairClass(of: "卫生间渗水", s) == "leak")
        #expect(ServiceFollowUps.repairClass(of: "门窗", s) == "other")
        #expect(ServiceFollowUps.repairClass(of: nil, s) == "other")
        // 消防水管漏水 names safety (消防) and leak (水管, 漏水): safety, the shorter deadline (2 days, not 3).
        #expect(ServiceFollowUps.repairClass(of: "消防水管漏水", s) == "safety")
        let r = Self.report([M.request("R1", category: "消防水管漏水", completed: "2026-10-10 12:00", followUp: "2026-10-13 12:00")])
        #expect(r.followUps.first?.repairClass == "safety")
        #expect(Self.status(r, "R1") == .breached)   // 3 days: met for a leak, late for safety
    }

    @Test func onlyRequestsCompletedInThePeriodByAsOfCount() {
        let ctx = M.context(asOf: "2026-10-20 00:00")
        let r = Self.report([
            M.request("R1", reported: "2026-09-28 09:00", completed: "2026-10-01 00:00"),   // first moment of the period
            M.request("R2", reported: "2026-09-28 09:00", completed: "2026-09-30 23:59"),   // before it
            M.request("R3", reported: "2026-10-18 09:00", completed: "2026-10-21 09:00"),   // after as_of: open
            M.request("R4", reported: "2026-10-19 09:00"),                                  // not completed: open
            M.request("R5", reported: "2026-10-21 09:00"),                                  // reported after as_of: not open
        ], ctx: ctx)
        #expect(r.followUps.map(\.requestID) == ["R1"])
        #expect(r.group(.overall, "")?.open == 2)
        #expect(r.group(.overall, "")?.completed == 1)
    }

    @Test func roleSharesNoticesAndCompletionTimes() {
        let r = Self.report([
            M.request("R1", reported: "2026-10-01 08:00", completed: "2026-10-01 10:00", followUp: "2026-10-02 10:00", role: "director"),
            M.request("R2", reported: "2026-10-01 08:00", completed: "2026-10-01 12:00", followUp: "2026-10-02 10:00", role: "repair_lead",
                      problem: true, notice: "2026-10-03 10:00"),                  // notice exactly 24 h after: met
            M.request("R3", reported: "2026-10-01 08:00", completed: "2026-10-01 18:00", followUp: "2026-10-02 10:00", role: "repair_lead",
                      problem: true, notice: "2026-10-03 10:00:01"),               // one second late
            M.request("R4", reported: "2026-10-01 08:00", completed: "2026-10-02 08:00", role: "administrator", problem: true),
        ])
        let all = r.group(.overall, "")!
        #expect(all.roleShares["director"] == 0.25)
        #expect(all.roleShares["repair_lead"] == 0.5)
        #expect(all.roleShares["administrator"] == 0)    // a role without a follow-up does not count
        #expect(r.followUps.map(\.notice) == [nil, .met, .breached, nil])
        #expect(all.noticeCompliance == 0.5)
        // Completion hours 2, 4, 10, 24: median 7, p90 = 10 + 0.7·14 = 19.8.
        #expect(all.medianCompletionHours == 7)
        #expect(abs(all.p90CompletionHours! - 19.8) < 1e-9)
    }

    @Test func groupsByManagerAndClass() {
        let r = Self.report([
            M.request("R1", manager: "M1", category: "漏水", completed: "2026-10-10 12:00", followUp: "2026-10-11 12:00"),
            M.request("R2", manager: "M2", category: "电梯", completed: "2026-10-10 12:00", followUp: "2026-10-15 12:00"),
            M.request("R3", manager: "M2", reported: "2026-10-30 09:00", category: "漏水"),
        ])
        #expect(r.group(.manager, "M1")?.followUpCompliance == 1)
        #expect(r.group(.manager, "M2")?.followUpCompliance == 0)
        #expect(r.group(.manager, "M2")?.open == 1)
        #expect(r.group(.class, "leak")?.completed == 1 && r.group(.class, "leak")?.open == 1)
        #expect(r.group(.class, "safety")?.completed == 1)
    }

    @Test func withoutRequestsTheReportSaysThereIsNoData() {
        #expect(Self.report([]).hasData == false)
    }
}
