import ScorecardModel

/// SPEC §3.11: the written work owed and its deadlines in the business calendar.
public struct SubmissionSettings: Sendable {
    /// What one item of a kind covers: a working day, an ISO week, a month, or a deal (an archive).
    public enum Covers: String, Sendable, CaseIterable { case day, week, month, deal }

    /// When an item is due, counted from the first day after what it covers (the day after the
    /// day, the Monday after the week, the 1st of the next month, the day after the deal).
    public struct Deadline: Sendable, Equatable {
        public enum Rule: Sendable, Equatable {
            /// The n-th working day after what the item covers.
            case workingDaysAfter(Int)
            /// The first such ISO weekday (Mon = 1) after it, moved to the next working day if need be.
            case weekdayAfter(Int)
            /// The n-th day after it (1 = the first day), moved to the next working day if need be.
            case dayAfter(Int)
        }
        public var covers: Covers
        public var rule: Rule
        /// Seconds after midnight on the deadline's day.
        public var at: Int

        public init(covers: Covers, rule: Rule, at: Int) {
            self.covers = covers
            self.rule = rule
            self.at = at
        }
    }

    /// The spec's defaults: daily log 1 working day after at 09:00, weekly summary the Monday
    /// after at 18:00, monthly summary the 1st at 18:00, archive 3 working days after the deal at 23:59:59.
    public var deadlines: [String: Deadline] = [
        "daily_log": .init(covers: .day, rule: .workingDaysAfter(1), at: 9 * 3_600),
        "weekly_summary": .init(covers: .week, rule: .weekdayAfter(1), at: 18 * 3_600),
        "monthly_summary": .init(covers: .month, rule: .dayAfter(1), at: 18 * 3_600),
        "archive": .init(covers: .deal, rule: .workingDaysAfter(3), at: 86_399),
    ]
    /// An archive is owed for every completed order of the period, not only for the rows that exist.
    public var archivePerOrder = false

    public init() {}

    /// What a kind covers when the pipeline does not say: the built-in kinds' own.
    public static func defaultCovers(of kind: String) -> Covers? {
        SubmissionSettings().deadlines[kind]?.covers
    }
}

/// What triggers a line of the ledger (SPEC §3.11).
public enum LedgerEvent: String, Sendable, CaseIterable {
    case lateSubmission = "late_submission", missingSubmission = "missing_submission"
    case complaintBreached = "complaint_breached", majorNotEscalated = "major_not_escalated"
    case aCustomerNotVisited = "a_customer_not_visited", lowSurvey = "low_survey", planMissed = "plan_missed"
    case overdue91 = "overdue_91", rankFirst = "rank_first", rankLast = "rank_last", targetTier = "target_tier"
}

/// One rule of `ledger.rules`: points and an amount (either may be negative) per occurrence,
/// at most `cap` occurrences per manager and period (the first in time order).
public struct LedgerRule: Sendable, Equatable {
    public var event: LedgerEvent
    public var points = 0.0
    public var amount = 0.0
    public var cap: Int?
    /// `late_submission`, `missing_submission`: only items of this kind; `target_tier`: only targets of this kind.
    public var kind: String?
    /// `target_tier`: the highest tier reached (`target`, `stretch`, `challenge`).
    public var tier: TargetTier?

    public init(event: LedgerEvent, points: Double = 0, amount: Double = 0, cap: Int? = nil, kind: String? = nil, tier: TargetTier? = nil) {
        self.event = event
        self.points = points
        self.amount = amount
        self.cap = cap
        self.kind = kind
        self.tier = tier
    }
}

/// SPEC §3.11: the rewards-and-deductions ledger (奖惩台账).
public struct LedgerSettings: Sendable {
    /// No rules by default: a ledger is the organisation's own.
    public var rules: [LedgerRule] = []
    /// The final score is the KPI score plus the ledger's points (kept within 0–100), and the rank follows it.
    public var affectsScore = false

    public init() {}
}
