import ScorecardModel
import ScorecardPipeline

/// One line of the rewards-and-deductions ledger (SPEC §3.11; table `ledger`).
public struct LedgerLine: Sendable, Equatable {
    public var managerID: String
    /// 1, 2, … per manager, in time order.
    public var seq = 0
    /// The rule's place in `ledger.rules` (1-based).
    public var rule: Int
    public var event: LedgerEvent
    /// What triggered it, naming the complaint, customer, survey, plan or item and its date.
    public var fact: String
    /// The fact's moment: the order of the lines, and which come first under a cap.
    public var at: Int
    public var points: Double
    public var amount: Double
}

/// A manager's ledger total and scores (table `ledger_totals`).
public struct LedgerTotal: Sendable, Equatable {
    public var managerID: String
    public var points: Double
    public var amount: Double
    /// The ranking's score (SPEC §3.5), before the ledger.
    public var kpiScore: Double
    /// The KPI score plus the points kept within 0–100 with `affects_score`, else the KPI score.
    public var finalScore: Double
}

public struct LedgerReport: Sendable {
    /// Whether the pipeline has rules at all (without, no ledger is shown).
    public var hasRules = false
    /// Assign each list at once: each assignment indexes it by manager anew (looked up per manager).
    /// A team's cut shares the organisation's lines.
    public var lines: SharedRows<LedgerLine> = [] {
        didSet { linesByManager = Dictionary(grouping: lines.indices.lazy.map(Int32.init)) { lines[Int($0)].managerID } }
    }
    public var totals: [LedgerTotal] = [] { didSet { totalByManager = Dictionary(totals.map { ($0.managerID, $0) }) { a, _ in a } } }
    /// Each manager's lines by position: 4 bytes a line, not a second copy of the lines (the
    /// bank-shaped set: 4.5 MB beside 5.3, kept to the end of the run; issue 29).
    private var linesByManager: [String: [Int32]] = [:]
    private var totalByManager: [String: LedgerTotal] = [:]

    public init(hasRules: Bool = false) { self.hasRules = hasRules }
    /// Each team's points and amount over its managers and sub-teams (SPEC §3.11 "totals per team").
    public var teams: [(team: String, points: Double, amount: Double)] = []

    public func lines(of managerID: String) -> [LedgerLine] { linesByManager[managerID]?.map { lines[Int($0)] } ?? [] }
    public func total(of managerID: String) -> LedgerTotal? { totalByManager[managerID] }

    /// The points and amount of every line.
    public var sums: (points: Double, amount: Double) { totals.reduce((0, 0)) { ($0.0 + $1.points, $0.1 + $1.amount) } }
}

/// SPEC §3.11: every rule's occurrences for the ranked managers, the first `cap` per manager in
/// time order; totals; with `affects_score` the final score and the rank that follows it.
package enum Ledger {
    /// One occurrence of an event before a rule prices it.
    package struct Occurrence {
        package var managerID: String
        package var at: Int
        package var fact: String
        /// A submission's kind, a target's kind.
        package var kind: String? = nil
        /// A target's highest tier reached.
        package var tier: TargetTier? = nil
    }

    package static func compute(_ r: PeriodResults, _ ctx: MetricContext) -> LedgerReport {
        var report = LedgerReport(hasRules: !ctx.config.ledger.rules.isEmpty)
        let ranked = Set(r.managers.map(\.managerID))
        let facts = LedgerFacts(r, ctx)
        var lines: [LedgerLine] = []
        // An event's facts made once, however many rules price it, and kept only while a later
        // rule prices it too (every event's facts at once: the bank-shaped set's peak, issue 29).
        var occurrences: [LedgerEvent: [Occurrence]] = [:]
        let rules = ctx.config.ledger.rules
        for (index, rule) in rules.enumerated() {
            let all = occurrences.removeValue(forKey: rule.event) ?? facts.occurrences(rule.event)
            if rules[(index + 1)...].contains(where: { $0.event == rule.event }) { occurrences[rule.event] = all }
            let found = all.filter { o in
                ranked.contains(o.managerID) && (rule.kind == nil || o.kind == rule.kind) && (rule.tier == nil || o.tier == rule.tier)
            }
            for (manager, list) in Dictionary(grouping: found, by: \.managerID) {
                let ordered = list.sorted { ($0.at, $0.fact) < ($1.at, $1.fact) }
                for o in ordered.prefix(rule.cap ?? .max) {
                    lines.append(LedgerLine(managerID: manager, rule: index + 1, event: rule.event, fact: o.fact, at: o.at,
                                            points: rule.points, amount: rule.amount))
                }
            }
        }
        lines.sort { ($0.managerID, $0.at, $0.rule, $0.fact) < ($1.managerID, $1.at, $1.rule, $1.fact) }
        var seq: [String: Int] = [:]
        for i in lines.indices {
            seq[lines[i].managerID, default: 0] += 1
            lines[i].seq = seq[lines[i].managerID]!
        }
        report.lines = SharedRows(lines)
        let sums = lines.reduce(into: [String: (Double, Double)]()) { $0[$1.managerID, default: (0, 0)].0 += $1.points; $0[$1.managerID]!.1 += $1.amount }
        report.totals = r.managers.sorted { $0.managerID < $1.managerID }.map { m in
            let (points, amount) = sums[m.managerID] ?? (0, 0)
            let final = ctx.config.ledger.affectsScore ? min(100, max(0, m.score + points)) : m.score
            return LedgerTotal(managerID: m.managerID, points: points, amount: amount, kpiScore: m.score, finalScore: final)
        }
        return report
    }

    /// With `affects_score`: each manager's score becomes the final score and the ranks (and the
    /// first and last marks) follow it, as the ranking ranks (SPEC §3.5).
    package static func apply(_ ledger: LedgerReport, to managers: [ManagerScore], affectsScore: Bool) -> [ManagerScore] {
        guard affectsScore else { return managers }
        var sorted = managers.sorted { $0.managerID < $1.managerID }
        for i in sorted.indices { sorted[i].score = ledger.total(of: sorted[i].managerID)?.finalScore ?? sorted[i].score }
        let ranks = Statistics.competitionRanks(sorted.map(\.score))
        let worst = ranks.max() ?? 0
        for i in sorted.indices {
            sorted[i].rank = ranks[i]
            sorted[i].isFirst = ranks[i] == 1
            sorted[i].isLast = ranks[i] == worst && worst > 1
        }
        return sorted.sorted { ($0.rank, $0.managerID) < ($1.rank, $1.managerID) }
    }

    /// Each team's totals over the managers of its subtree.
    package static func teamTotals(_ totals: [LedgerTotal], tree: TeamTree, teamOf: [String: String]) -> [(team: String, points: Double, amount: Double)] {
        tree.nodes.compactMap { node in
            let below = tree.subtree(of: node.id)
            let members = totals.filter { below.contains(teamOf[$0.managerID] ?? "") }
            guard !members.isEmpty else { return nil }
            return (node.id, members.reduce(0) { $0 + $1.points }, members.reduce(0) { $0 + $1.amount })
        }
    }
}
