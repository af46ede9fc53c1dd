import ScorecardModel
import ScorecardPipeline

/// One repair completed in the period and its follow-up (SPEC §3.9; table `service_followups`).
public struct ServiceFollowUp: Sendable, Equatable {
    public var requestID: String
    public var managerID: String
    public var customerID: String
    /// The category class (`safety`, `leak`, `other`, or a class the pipeline names).
    public var repairClass: String
    public var completedAt: Int
    public var completionHours: Double
    public var followUp: SLAStatus
    /// The role of whoever followed up by as_of, if anyone did.
    public var followUpRole: String?
    /// A written notice after a follow-up that found a problem; nil when none was found.
    public var notice: SLAStatus?
}

/// Requests of a manager, a class, or all (SPEC §3.9; table `service_summary`).
public struct ServiceSummary: Sendable, Equatable {
    public enum Grouping: String, Sendable { case overall, manager, `class` }
    public var grouping: Grouping
    public var key: String
    public var completed = 0
    /// Reported by as_of and not completed by as_of (any time before).
    public var open = 0
    public var followUpCompliance: Double?
    /// Requests followed up by the role / requests completed, by role.
    public var roleShares: [String: Double] = [:]
    public var noticeCompliance: Double?
    public var medianCompletionHours: Double?
    public var p90CompletionHours: Double?
}

public struct ServiceReport: Sendable {
    /// False when no service request is staged: the report says so instead of zeros.
    public var hasData = false
    /// The requests completed in the period; a team's cut shares the organisation's.
    public var followUps: SharedRows<ServiceFollowUp> = []
    public var groups: [ServiceSummary] = []

    /// Requests open at as_of per manager and class.
    package var openRequests: [String: [String: Int]] = [:]

    public func group(_ grouping: ServiceSummary.Grouping, _ key: String) -> ServiceSummary? {
        groups.first { $0.grouping == grouping && $0.key == key }
    }

    /// Overall, per manager and per class, from `followUps` and `openRequests`.
    package mutating func summarize() {
        // Grouped by position, not copied (the bank-shaped set: 11 MB of copies, issue 29).
        let followUps = followUps
        let doneByManager = Dictionary(grouping: followUps.indices) { followUps[$0].managerID }
        let doneByClass = Dictionary(grouping: followUps.indices) { followUps[$0].repairClass }
        let openByManager = openRequests.mapValues { $0.values.reduce(0, +) }
        let openByClass = openRequests.values.reduce(into: [String: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        groups = [ServiceFollowUps.summarize(.overall, "", followUps, open: openByManager.values.reduce(0, +))]
            + Set(doneByManager.keys).union(openByManager.keys).sorted().map {
                ServiceFollowUps.summarize(.manager, $0, (doneByManager[$0] ?? []).lazy.map { followUps[$0] }, open: openByManager[$0] ?? 0)
            }
            + Set(doneByClass.keys).union(openByClass.keys).sorted().map {
                ServiceFollowUps.summarize(.class, $0, (doneByClass[$0] ?? []).lazy.map { followUps[$0] }, open: openByClass[$0] ?? 0)
            }
    }

    /// Only the requests of `managers`, every group from theirs alone (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> ServiceReport {
        var cut = ServiceReport(hasData: hasData)
        cut.followUps = followUps.restricted { managers.contains($0.managerID) }
        cut.openRequests = openRequests.filter { managers.contains($0.key) }
        cut.summarize()
        return cut
    }
}

/// SPEC §3.9: repair follow-ups by category class, role shares, notices, completion times.
package enum ServiceFollowUps {
    package static let roles = FollowUpRole.spellings.map(\.canonical)

    /// The class of a category: every class whose words occur in it (substring), and of
    /// those the one with the shortest deadline — a leaking gas pipe is followed up as
    /// safety, the stricter rule (issue 14: a category matching two classes). Else `other`.
    package static func repairClass(of category: String?, _ s: ServiceSettings) -> String {
        guard let category, !category.isEmpty else { return ServiceSettings.otherClass }
        let matching = s.categories.filter { $0.words.contains { !$0.isEmpty && category.contains($0) } }.map(\.name)
        return matching.min { (s.deadlineDays[$0] ?? .infinity, $0) < (s.deadlineDays[$1] ?? .infinity, $1) } ?? ServiceSettings.otherClass
    }

    package static func compute(_ inputs: MetricInputs, _ ctx: MetricContext) -> ServiceReport {
        let s = ctx.config.service
        var report = ServiceReport(hasData: inputs.hasServiceRequests)
        var followUps: [ServiceFollowUp] = []
        for r in inputs.serviceRequests {
            guard let completed = ctx.happened(r.completedAt), ctx.inPeriod(completed) else { continue }
            let repairClass = repairClass(of: r.category, s)
            // Deadlines in calendar days (the handbook's 两天内/三天内/七天内); the loader gives every class one.
            let deadline = completed + Int(((s.deadlineDays[repairClass] ?? 7) * 86_400).rounded())
            let followUp = ctx.happened(r.followUpAt)
            // Hours, working hours under `calendar: business` (SPEC §3, §3.6), as the complaint SLA counts them.
            let notice = followUp.flatMap { r.problemFound ? ctx.status(from: $0, event: r.noticeAt, within: s.noticeHours).status : nil }
            followUps.append(ServiceFollowUp(requestID: r.id, managerID: r.managerID, customerID: r.customerID,
                                             repairClass: repairClass, completedAt: completed,
                                             completionHours: ctx.hours(from: r.reportedAt, to: completed),
                                             followUp: ctx.status(of: followUp, deadline: deadline),
                                             followUpRole: followUp == nil ? nil : r.followUpRole, notice: notice))
        }
        followUps.sort { $0.requestID < $1.requestID }
        report.followUps = SharedRows(followUps.trimmed())  // kept to the end of the run

        // Open at as_of: reported by then, not completed by then; its class found once.
        for r in inputs.serviceRequests where r.reportedAt <= ctx.asOf && ctx.happened(r.completedAt) == nil {
            report.openRequests[r.managerID, default: [:]][repairClass(of: r.category, s), default: 0] += 1
        }
        report.summarize()
        return report
    }

    static func summarize(_ grouping: ServiceSummary.Grouping, _ key: String, _ xs: some Collection<ServiceFollowUp>, open: Int) -> ServiceSummary {
        func compliance(_ statuses: [SLAStatus]) -> Double? {
            Statistics.rate(statuses.filter { $0 == .met }.count, statuses.filter { $0 != .pending }.count)
        }
        var g = ServiceSummary(grouping: grouping, key: key, completed: xs.count, open: open)
        g.followUpCompliance = compliance(xs.map(\.followUp))
        for role in roles { g.roleShares[role] = Statistics.rate(xs.filter { $0.followUpRole == role }.count, xs.count) }
        g.noticeCompliance = compliance(xs.compactMap(\.notice))
        let hours = xs.map(\.completionHours)
        g.medianCompletionHours = Statistics.median(hours)
        g.p90CompletionHours = Statistics.percentile(hours, 0.9)
        return g
    }

}
