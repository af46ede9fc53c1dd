import ScorecardModel
import ScorecardWarehouse

/// One manager's or team's target of one kind (SPEC §3.12; table `target_attainment`).
public struct TargetAttainment: Sendable, Equatable {
    public enum Level: String, Sendable { case manager, team }
    public var level: Level
    /// The manager's id or the team's.
    public var key: String
    public var kind: TargetKind
    /// Sales as the ranking counts them, collection paid in the period, new customers, counting visits.
    public var value: Double
    /// Each tier's target, own or summed from months, managers and sub-teams.
    public var tiers: [TargetTier: Double]
    /// value / the `target` tier; nil without one (or at 0).
    public var attainment: Double?
    /// The highest tier whose target the value reaches (reaching it exactly counts); nil when none.
    public var reached: TargetTier?
}

/// The period's targets at every level (SPEC §3.12).
public struct TargetReport: Sendable {
    /// Assign the whole list at once: each assignment indexes the managers' rows anew (the
    /// ranking and every manager's page look them up: not a scan of all rows per manager).
    public var rows: [TargetAttainment] = [] {
        didSet { byManager = Dictionary(grouping: rows.filter { $0.level == .manager }, by: \.key) }
    }
    private var byManager: [String: [TargetAttainment]] = [:]

    public init() {}

    /// A manager's own rows, in the report's order.
    public func rows(of managerID: String) -> [TargetAttainment] { byManager[managerID] ?? [] }

    public func manager(_ id: String, _ kind: TargetKind) -> TargetAttainment? { rows(of: id).first { $0.kind == kind } }

    /// Whether any manager has a sales target of the `target` tier: then the sales KPI is the attainment (SPEC §3.5).
    public var hasSalesTargets: Bool { rows.contains { $0.level == .manager && $0.kind == .sales && $0.tiers[.target] != nil } }
}

/// SPEC §3.12: a quarter or year without a target of its own takes the sum of its months'; a team
/// without one the sum of its managers' and sub-teams'. A summed tier exists only when every part
/// that has a target of the kind has that tier (a stretch summed over some months only would sit
/// below the target). A level with a target of its own for a kind uses only its own tiers.
package enum TargetAttainments {
    package typealias Tiers = [TargetTier: Double]

    package struct Inputs {
        package var records: [TargetRecord]
        package var period: Period
        /// Per kind, each manager's value.
        package var values: [TargetKind: [String: Double]]
        /// The ranked managers (SPEC §3.5).
        package var managers: Set<String>
        /// A manager's team id.
        package var teamOf: [String: String]
    }

    package static func compute(_ x: Inputs, tree: TeamTree) -> TargetReport {
        let own = ownTargets(x.records, period: x.period, tree: tree)
        var report = TargetReport()
        for kind in TargetKind.allCases {
            let managerTiers = own.managers[kind] ?? [:]
            let listed = x.managers.union(managerTiers.keys)
            let value = { (id: String) in x.values[kind]?[id] ?? 0 }
            for id in listed.sorted() {
                guard let tiers = managerTiers[id] else { continue }
                report.rows.append(row(.manager, id, kind, value(id), tiers))
            }
            // Children before parents: each team's sum uses its sub-teams' resolved targets.
            var resolved: [String: Tiers] = [:]
            var rows: [TargetAttainment] = []
            for node in tree.nodes.reversed() {
                let direct = listed.filter { x.teamOf[$0] == node.id }.sorted()
                let parts = direct.compactMap { managerTiers[$0] } + tree.children(of: node.id).compactMap { resolved[$0] }
                guard let tiers = own.teams[kind]?[node.id] ?? sum(parts) else { continue }
                resolved[node.id] = tiers
                let below = tree.subtree(of: node.id)
                let total = cents(listed.filter { below.contains(x.teamOf[$0] ?? "") }.sorted().reduce(0.0) { $0 + value($1) })
                rows.append(row(.team, node.id, kind, total, tiers))
            }
            report.rows += rows.reversed()  // the tree's order: parents before children, as the teams sheet shows them
        }
        return report
    }

    /// Each manager's and team's targets of the period, their own or, for a quarter or a year,
    /// their months' summed.
    package static func ownTargets(_ records: [TargetRecord], period: Period, tree: TeamTree)
        -> (managers: [TargetKind: [String: Tiers]], teams: [TargetKind: [String: Tiers]]) {
        struct Key: Hashable { var team: Bool; var id: String; var kind: TargetKind }
        var byPeriod: [String: [Key: Tiers]] = [:]
        for r in records {
            let key = r.managerID.isEmpty ? Key(team: true, id: tree.team(named: r.team), kind: r.kind) : Key(team: false, id: r.managerID, kind: r.kind)
            guard !key.id.isEmpty else { continue }
            byPeriod[r.period, default: [:]][key, default: [:]][r.tier] = r.target
        }
        var resolved = byPeriod[period.name] ?? [:]
        if period.kind == .quarter || period.kind == .year {
            let months = monthNames(of: period).compactMap { byPeriod[$0] }
            for key in Set(months.flatMap(\.keys)) where resolved[key] == nil {
                resolved[key] = sum(months.compactMap { $0[key] })
            }
        }
        var managers: [TargetKind: [String: Tiers]] = [:], teams: [TargetKind: [String: Tiers]] = [:]
        for (key, tiers) in resolved {
            if key.team { teams[key.kind, default: [:]][key.id] = tiers } else { managers[key.kind, default: [:]][key.id] = tiers }
        }
        return (managers, teams)
    }

    /// The months of a quarter or a year, by name (`2026-10`).
    package static func monthNames(of period: Period) -> [String] {
        var names: [String] = []
        var month = period.start
        while month < period.end {
            names.append(Period(kind: .month, containing: month).name)
            month = month.adding(months: 1)
        }
        return names
    }

    /// The tiers every part has, summed; nil when there are no parts.
    package static func sum(_ parts: [Tiers]) -> Tiers? {
        guard !parts.isEmpty else { return nil }
        var out: Tiers = [:]
        for tier in TargetTier.allCases where parts.allSatisfy({ $0[tier] != nil }) {
            out[tier] = cents(parts.reduce(0) { $0 + $1[tier]! })
        }
        return out.isEmpty ? nil : out
    }

    /// A sum of amounts to the cent: the same whatever the order it was added in (both warehouses give the same).
    package static func cents(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    package static func row(_ level: TargetAttainment.Level, _ key: String, _ kind: TargetKind, _ value: Double, _ tiers: Tiers) -> TargetAttainment {
        let attainment = tiers[.target].flatMap { $0 > 0 ? value / $0 : nil }
        // Compared in cents, so that a value summed from many amounts reaches a target it equals. A tier
        // counts only with every tier below it that is set (a stretch under the target, as an export
        // may have it, is not reached while the target is not).
        var reached: TargetTier?
        for tier in TargetTier.allCases {
            guard let target = tiers[tier] else { continue }
            guard (value * 100).rounded() >= (target * 100).rounded() else { break }
            reached = tier
        }
        return TargetAttainment(level: level, key: key, kind: kind, value: value, tiers: tiers, attainment: attainment, reached: reached)
    }
}
