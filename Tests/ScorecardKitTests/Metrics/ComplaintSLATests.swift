import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel

/// SPEC §3.2: met, breached and pending against as_of; aggregates, follow-ups, repeats.
@Suite struct ComplaintSLATests {
    static func report(_ complaints: [MetricInputs.Complaint], grades: [String: Grade] = [:],
                       ctx: MetricContext = M.context()) -> ComplaintReport {
        var inputs = MetricInputs(ctx)
        inputs.complaints = complaints
        return ComplaintMetrics.compute(inputs, grades: PerCustomer(grades), ctx)
    }

    static func one(_ c: MetricInputs.Complaint, ctx: MetricContext = M.context()) -> ComplaintSLA {
        report([c], ctx: ctx).complaints[0]
    }

    @Test func exactlyTwentyFourHoursIsMet() {
        let x = Self.one(M.complaint("P1", received: "2026-10-05 10:00", response: "2026-10-06 10:00"))
        #expect(x.firstResponseHours == 24)
        #expect(x.firstResponse == .met)
    }

    @Test func oneSecondOverIsBreached() {
        let x = Self.one(M.complaint("P1", received: "2026-10-05 10:00", response: "2026-10-06 10:00:01"))
        #expect(x.firstResponse == .breached)
    }

    @Test func notHappenedIsPendingUntilTheTargetTimePassesAsOf() {
        let ctx = M.context(asOf: "2026-10-06 10:00")
        // Received 10-05 10:00: the 24 h target is exactly as_of → still pending; 7 days → pending.
        let pending = Self.one(M.complaint("P1", received: "2026-10-05 10:00"), ctx: ctx)
        #expect(pending.firstResponse == .pending)
        #expect(pending.resolution == .pending)
        #expect(pending.escalation == nil)  // normal complaints have no escalation target
        let late = Self.one(M.complaint("P1", received: "2026-10-05 09:59:59"), ctx: ctx)
        #expect(late.firstResponse == .breached)
    }

    @Test func eventsAfterAsOfHaveNotHappened() {
        let ctx = M.context(asOf: "2026-11-01 00:00")
        let x = Self.one(M.complaint("P1", received: "2026-10-31 20:00", response: "2026-11-01 08:00", resolved: "2026-11-02 08:00"), ctx: ctx)
        #expect(x.firstResponseHours == nil)
        #expect(x.firstResponse == .pending)
        #expect(x.isOpen)
    }

    @Test func majorComplaintsHaveAnEscalationTarget() {
        let x = Self.one(M.complaint("P1", received: "2026-10-05 10:00", escalated: "2026-10-06 12:00", major: true))
        #expect(x.escalationHours == 26)
        #expect(x.escalation == .breached)
    }

    @Test func complaintsReceivedOutsideThePeriodAreLeftOut() {
        let r = Self.report([M.complaint("P0", received: "2026-09-30 23:59:59"), M.complaint("P1", received: "2026-10-01 00:00"),
                             M.complaint("P2", received: "2026-11-01 00:00")])
        #expect(r.complaints.map(\.complaintID) == ["P1"])
    }

    @Test func aggregatesPerManagerGradeAndCategory() {
        let r = Self.report([
            M.complaint("P1", customer: "C1", manager: "M1", received: "2026-10-01 08:00", response: "2026-10-01 10:00",
                        resolved: "2026-10-02 08:00", category: "价格"),
            M.complaint("P2", customer: "C1", manager: "M1", received: "2026-10-03 08:00", response: "2026-10-03 12:00",
                        resolved: "2026-10-13 08:00", category: "价格"),
            M.complaint("P3", customer: "C2", manager: "M2", received: "2026-10-05 08:00", response: "2026-10-07 08:00",
                        major: true, category: "质量"),
            M.complaint("P4", customer: "C2", manager: "M2", received: "2026-10-31 12:00"),
        ], grades: ["C1": .A, "C2": .C])
        let all = r.group(.overall, "")!
        #expect(all.complaints == 4)
        #expect(all.open == 2)
        #expect(all.medianFirstResponseHours == 4)   // 2, 4, 48
        #expect(abs(all.p90FirstResponseHours! - 39.2) < 1e-9)   // 4 + 0.8·(48 − 4)
        #expect(all.medianResolutionHours == 132)    // 24, 240
        // First response: met, met, breached, pending (12 h left of 24 at as_of) → 2/3.
        #expect(all.firstResponseCompliance == 2.0 / 3)
        // Resolution: met, breached, breached (P3: 27 days open), pending (P4: 12 h) → 1/3.
        #expect(all.resolutionCompliance == 1.0 / 3)
        #expect(all.escalationCompliance == 0)
        // All decided: 2 + 1 + 0 met of 3 + 3 + 1 decided.
        #expect(all.slaRate == 3.0 / 7)
        #expect(r.group(.manager, "M1")?.slaRate == 0.75)
        #expect(r.group(.grade, "A")?.complaints == 2)
        #expect(r.group(.category, "质量")?.complaints == 1)
        #expect(r.group(.category, "-")?.complaints == 1)
        // The priority rule: A-grade customers' first response (median 3 h) against others (48 h).
        #expect(r.medianFirstResponseA == 3)
        #expect(r.medianFirstResponseOthers == 48)
        #expect(r.unescalatedMajors.map(\.complaintID) == ["P3"])
    }

    @Test func followUpsWithinSevenDaysOfResolution() {
        let r = Self.report([
            M.complaint("P1", received: "2026-10-01 08:00", resolved: "2026-10-02 08:00", followUp: "2026-10-09 08:00", onSite: true),
            M.complaint("P2", received: "2026-10-01 08:00", resolved: "2026-10-02 08:00", followUp: "2026-10-09 08:00:01"),
            M.complaint("P3", received: "2026-10-01 08:00", resolved: "2026-10-02 08:00", followUp: "2026-10-03 08:00"),
            M.complaint("P4", received: "2026-10-01 08:00", resolved: "2026-10-02 08:00"),
            M.complaint("P5", received: "2026-10-01 08:00"),  // not resolved: not counted
        ])
        #expect(r.followUpRate == 0.5)   // P1 and P3 of four resolved
        #expect(r.onSiteShare == 0.5)    // P1 of those two
    }

    @Test func repeatComplaintsLookBackIntoThePreviousPeriod() {
        let r = Self.report([
            M.complaint("P0", customer: "C1", received: "2026-09-20 10:00"),
            M.complaint("P1", customer: "C1", received: "2026-10-15 10:00"),   // 25 days after P0
            M.complaint("P2", customer: "C2", received: "2026-10-01 10:00"),
            M.complaint("P3", customer: "C2", received: "2026-10-31 10:00:01"),  // 30 days and 1 s: not a repeat
        ])
        #expect(r.repeats == [RepeatComplaint(complaintID: "P1", customerID: "C1", managerID: "M1", previousComplaintID: "P0", previousManagerID: "M1", daysBetween: 25)])
    }

    @Test func businessHoursApplyToEveryTarget() {
        let ctx = M.context { $0.calendar.kind = .business }
        // Friday 17:00 → Monday 10:30 is 2.5 working hours.
        let x = Self.one(M.complaint("P1", received: "2026-10-09 17:00", response: "2026-10-12 10:30"), ctx: ctx)
        #expect(x.firstResponseHours == 2.5)
        #expect(x.firstResponse == .met)
    }
}
