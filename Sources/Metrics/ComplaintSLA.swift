import ScorecardModel

/// Where a complaint stands against one target (SPEC §3.2).
public enum SLAStatus: String, Sendable {
    /// The event happened at most the target duration after receipt (exactly 24 h is met).
    case met
    /// It happened later, or has not happened and the target time is before as_of.
    case breached
    /// It has not happened and the target time is still ahead.
    case pending
}

/// One complaint against its targets (SPEC §3.2; table `complaint_sla`).
public struct ComplaintSLA: Sendable, Equatable {
    public var complaintID: String
    public var managerID: String
    public var customerID: String
    public var major: Bool
    public var category: String?
    public var grade: Grade?
    public var receivedAt: Int
    // Unpadded: 136 → 120 bytes a complaint, held for the whole report stage (issue 29).
    @Unpadded public var firstResponseHours: Double?
    @Unpadded public var resolutionHours: Double?
    /// Major complaints only.
    @Unpadded public var escalationHours: Double?
    public var firstResponse: SLAStatus
    public var resolution: SLAStatus
    /// nil where the target does not apply (normal complaints).
    public var escalation: SLAStatus?

    /// Not resolved by as_of.
    public var isOpen: Bool { resolutionHours == nil }

    package var statuses: [SLAStatus] { [firstResponse, resolution] + (escalation.map { [$0] } ?? []) }
}

/// Aggregates of a group of complaints: overall, per manager, grade or category.
public struct SLAGroup: Sendable, Equatable {
    public enum Grouping: String, Sendable { case overall, manager, grade, category }
    public var grouping: Grouping
    public var key: String
    public var complaints: Int
    public var open: Int
    public var medianFirstResponseHours: Double?
    public var p90FirstResponseHours: Double?
    public var medianResolutionHours: Double?
    public var p90ResolutionHours: Double?
    /// met / (met + breached) per target; nil when nothing is decided.
    public var firstResponseCompliance: Double?
    public var resolutionCompliance: Double?
    public var escalationCompliance: Double?
    /// All met / all decided across the targets.
    public var slaRate: Double?
    /// The targets met and decided (met or breached) across the targets: `slaRate`'s counts.
    public var slaMet = 0
    public var slaDecided = 0

    /// SPEC §3.5: the SLA rate shrunk toward the period's overall rate `overall`, as satisfaction is
    /// (§3.4): (met + m·μ)/(decided + m), so that one complaint does not move a manager a dozen places;
    /// nil when nothing is decided.
    public func adjustedSLARate(overall: Double?, priorWeight m: Double) -> Double? {
        guard slaDecided > 0, let mu = overall else { return nil }
        return Statistics.shrunk(sum: Double(slaMet), count: Double(slaDecided), toward: mu, weight: m)
    }
}

/// A customer's complaint within `repeat_days` of their previous one.
public struct RepeatComplaint: Sendable, Equatable {
    public var complaintID: String
    public var customerID: String
    public var managerID: String
    public var previousComplaintID: String
    /// The previous complaint's manager: another team's complaint is not named in a team's report (SPEC §4.4).
    public var previousManagerID: String = ""
    public var daysBetween: Double
}

/// Everything SPEC §3.2 asks of a period's complaints.
public struct ComplaintReport: Sendable {
    /// The period's complaints; a team's cut shares the organisation's.
    public var complaints: SharedRows<ComplaintSLA> = []
    public var groups: [SLAGroup] = []
    /// Of complaints resolved by as_of: share followed up within `follow_up_days`.
    public var followUpRate: Double?
    /// On-site share of those follow-ups.
    public var onSiteShare: Double?
    /// The handbooks' priority rule: A-grade customers' complaints first.
    public var medianFirstResponseA: Double?
    public var medianFirstResponseOthers: Double?
    public var unescalatedMajors: [ComplaintSLA] = []
    public var repeats: [RepeatComplaint] = []
    /// The follow-up counts per manager, from which any set of managers' rates are summed (SPEC §4.4).
    package var followUpCounts: [String: FollowUpCount] = [:]

    public func group(_ grouping: SLAGroup.Grouping, _ key: String) -> SLAGroup? {
        groups.first { $0.grouping == grouping && $0.key == key }
    }

    /// The groups, follow-up rates, medians and unescalated majors, from `complaints` and
    /// `followUpCounts`: how `compute` ends, and how a team's cut is summed anew (SPEC §4.4).
    package mutating func summarize() {
        groups = [ComplaintMetrics.summarize(.overall, "", complaints)]
        for grouping in [SLAGroup.Grouping.manager, .grade, .category] {
            let keyed = Dictionary(grouping: complaints) { x -> String in
                switch grouping {
                case .manager: return x.managerID
                case .grade: return x.grade?.rawValue ?? "-"
                case .category: return x.category ?? "-"
                case .overall: return ""
                }
            }
            groups += keyed.keys.sorted().map { ComplaintMetrics.summarize(grouping, $0, keyed[$0]!) }
        }
        let n = followUpCounts.values.reduce(into: FollowUpCount()) { $0.add($1) }
        followUpRate = Statistics.rate(n.followed, n.resolved)
        onSiteShare = Statistics.rate(n.onSite, n.followed)
        medianFirstResponseA = Statistics.median(complaints.filter { $0.grade == .A }.compactMap(\.firstResponseHours))
        medianFirstResponseOthers = Statistics.median(complaints.filter { $0.grade != .A }.compactMap(\.firstResponseHours))
        unescalatedMajors = complaints.filter { $0.major && $0.escalationHours == nil }
    }

    /// Only the complaints of `managers`, every group and rate from theirs alone (SPEC §4.4).
    package func restricted(to managers: Set<String>) -> ComplaintReport {
        var cut = ComplaintReport()
        cut.complaints = complaints.restricted { managers.contains($0.managerID) }
        cut.followUpCounts = followUpCounts.filter { managers.contains($0.key) }
        // A previous complaint of another team's manager (the customer moved): its id is not shown.
        cut.repeats = repeats.filter { managers.contains($0.managerID) }.map { x in
            var x = x
            if !managers.contains(x.previousManagerID) { x.previousComplaintID = "" }
            return x
        }
        cut.summarize()
        return cut
    }
}

/// A manager's complaints resolved by as_of, those followed up in time, and of those on site.
package struct FollowUpCount: Sendable, Equatable {
    package var resolved = 0
    package var followed = 0
    package var onSite = 0

    package mutating func add(_ o: FollowUpCount) {
        resolved += o.resolved
        followed += o.followed
        onSite += o.onSite
    }
}

/// SPEC §3.2: response, resolution and escalation times of the complaints received in the period.
package enum ComplaintMetrics {
    package static func compute(_ inputs: MetricInputs, grades: PerCustomer<Grade>, _ ctx: MetricContext) -> ComplaintReport {
        let c = ctx.config.complaints
        var report = ComplaintReport()
        // Positions, not copies of the complaints (issue 29).
        let all = inputs.complaints
        let inPeriod = all.indices.filter { ctx.inPeriod(all[$0].receivedAt) }.sorted { all[$0].id < all[$1].id }.lazy.map { all[$0] }

        func measure(_ received: Int, _ event: Int?, _ target: Double) -> (Double?, SLAStatus) {
            ctx.status(from: received, event: event, within: target)
        }

        report.complaints.reserveCapacity(inPeriod.count)
        for x in inPeriod {
            let first = measure(x.receivedAt, x.firstResponseAt, c.firstResponseHours)
            let resolution = measure(x.receivedAt, x.resolvedAt, c.resolutionHours)
            let escalation = x.major ? measure(x.receivedAt, x.escalatedAt, c.escalationHours) : nil
            report.complaints.append(ComplaintSLA(
                complaintID: x.id, managerID: x.managerID, customerID: x.customerID, major: x.major, category: x.category,
                grade: grades[x.customerID], receivedAt: x.receivedAt,
                firstResponseHours: first.0, resolutionHours: resolution.0, escalationHours: escalation?.0,
                firstResponse: first.1, resolution: resolution.1, escalation: escalation?.1))
        }

        // Follow-up (回访) of complaints resolved by as_of, counted per manager.
        for x in inPeriod where ctx.happened(x.resolvedAt) != nil {
            var n = report.followUpCounts[x.managerID] ?? FollowUpCount()
            n.resolved += 1
            if let f = ctx.happened(x.followUpAt), let r = x.resolvedAt, f >= r, Double(f - r) <= c.followUpDays * 86_400 {
                n.followed += 1
                if x.followUpOnSite { n.onSite += 1 }
            }
            report.followUpCounts[x.managerID] = n
        }
        report.summarize()

        // Repeat complaints: the same customer within `repeat_days` of a previous complaint.
        let byCustomer = Dictionary(grouping: all.indices, by: { all[$0].customerID })
        for x in inPeriod {
            let earlier = byCustomer[x.customerID, default: []].lazy.map { all[$0] }
                .filter { ($0.receivedAt, $0.id) < (x.receivedAt, x.id) && Double(x.receivedAt - $0.receivedAt) <= c.repeatDays * 86_400 }
                .max { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
            if let earlier {
                report.repeats.append(RepeatComplaint(complaintID: x.id, customerID: x.customerID, managerID: x.managerID,
                                                      previousComplaintID: earlier.id, previousManagerID: earlier.managerID,
                                                      daysBetween: Double(x.receivedAt - earlier.receivedAt) / 86_400))
            }
        }
        return report
    }

    package static func summarize(_ grouping: SLAGroup.Grouping, _ key: String, _ xs: some Collection<ComplaintSLA>) -> SLAGroup {
        func compliance(_ statuses: [SLAStatus]) -> Double? {
            Statistics.rate(statuses.filter { $0 == .met }.count, statuses.filter { $0 != .pending }.count)
        }
        let statuses = xs.flatMap(\.statuses)
        let met = statuses.filter { $0 == .met }.count, decided = statuses.filter { $0 != .pending }.count
        let firstResponse = xs.compactMap(\.firstResponseHours)
        let resolution = xs.compactMap(\.resolutionHours)
        return SLAGroup(grouping: grouping, key: key, complaints: xs.count, open: xs.filter(\.isOpen).count,
                        medianFirstResponseHours: Statistics.median(firstResponse),
                        p90FirstResponseHours: Statistics.percentile(firstResponse, 0.9),
                        medianResolutionHours: Statistics.median(resolution),
                        p90ResolutionHours: Statistics.percentile(resolution, 0.9),
                        firstResponseCompliance: compliance(xs.map(\.firstResponse)),
                        resolutionCompliance: compliance(xs.map(\.resolution)),
                        escalationCompliance: compliance(xs.compactMap(\.escalation)),
                        slaRate: Statistics.rate(met, decided), slaMet: met, slaDecided: decided)
    }
}
