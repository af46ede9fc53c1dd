import ScorecardMetrics
import ScorecardModel

/// The Markdown's parts of SPEC §3.11–§3.12: the summary's bullets (written work, the ledger's
/// totals, the tiers reached) and the 上交情况, 奖惩台账 and 目标达成 sections.
extension MarkdownReport {
    package static func handbookBullets(_ d: ReportData) -> [String] {
        let L = d.labels
        let r = d.results
        let en = L.language == .en
        var lines: [String] = []
        if let all = r.submissions.overall {
            lines.append("**\(L.handbook(.sheetSubmissions))**: \(L.handbook(.expected)) \(Fmt.count(all.expected)), \(L.handbook(.onTime)) "
                         + "\(Fmt.count(all.count(.onTime))), \(L.handbook(.late)) \(Fmt.count(all.count(.late))), \(L.handbook(.missing)) "
                         + "\(Fmt.count(all.count(.missing))); \(L.handbook(.onTimeRate)) \(Fmt.rate(all.onTimeRate))")
        }
        if r.ledger.hasRules {
            let (points, amount) = r.ledger.sums
            let lowest = r.ledger.totals.filter { $0.points < 0 }.sorted { ($0.points, $0.managerID) < ($1.points, $1.managerID) }.prefix(3)
            lines.append("**\(L.handbook(.sheetLedger))**: \(r.ledger.lines.count) \(en ? "lines" : "条"), \(L.handbook(.points)) \(Fmt.decimal(points, 1)), "
                         + "\(L.handbook(.amount)) \(Fmt.money(amount))"
                         + (lowest.isEmpty ? "" : " (" + lowest.map { "\(d.managerName($0.managerID)) \(Fmt.decimal($0.points, 1))" }.joined(separator: L.listSeparator) + ")"))
        }
        let managers = r.targets.rows.filter { $0.level == .manager }
        for kind in TargetKind.allCases {
            let rows = managers.filter { $0.kind == kind }
            guard !rows.isEmpty else { continue }
            let tiers = ([TargetTier.challenge, .stretch, .target] as [TargetTier?] + [nil]).map { t in "\(L.tier(t)) \(rows.filter { $0.reached == t }.count)" }
            let what = en ? " (\(L.handbookKind(kind.rawValue)))" : "（\(L.handbookKind(kind.rawValue))）"
            lines.append("**\(L.handbook(.tiersReached))\(what)**: " + tiers.joined(separator: " · "))
        }
        return lines
    }

    package static func handbooksSection(_ d: ReportData) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L.handbook(.sheetSubmissions))\n\n"
        let all = r.submissions.summaries.filter { $0.kind.isEmpty }.sorted { ($0.onTimeRate ?? 2, $0.managerID) < ($1.onTimeRate ?? 2, $1.managerID) }
        if all.isEmpty { out += L.handbook(.noSubmissions) + "\n" } else {
            out += topAndBottom(L, [L(.managerName), L.handbook(.expected), L.handbook(.onTime), L.handbook(.late), L.handbook(.missing), L.handbook(.pending),
                          L.handbook(.onTimeRate)],
                         all.map { s in [d.managerName(s.managerID), Fmt.count(s.expected), Fmt.count(s.count(.onTime)),
                                                          Fmt.count(s.count(.late)), Fmt.count(s.count(.missing)), Fmt.count(s.count(.pending)),
                                                          Fmt.rate(s.onTimeRate)] }, top: 10, bottom: 5)
        }
        out += "\n## \(L.handbook(.sheetLedger))\n\n"
        if !r.ledger.hasRules { out += L.handbook(.noLedger) + "\n" } else {
            let totals = r.ledger.totals.sorted { ($0.points, $0.managerID) < ($1.points, $1.managerID) }
            out += topAndBottom(L, [L(.managerName), L.handbook(.points), L.handbook(.amount), L.handbook(.kpiScore), L.handbook(.finalScore)],
                         totals.map { [d.managerName($0.managerID), Fmt.decimal($0.points, 1), Fmt.money($0.amount),
                                                        Fmt.decimal($0.kpiScore, 1), Fmt.decimal($0.finalScore, 1)] }, top: 10, bottom: 5)
            if !r.ledger.teams.isEmpty {
                out += "\n**\(L.handbook(.teamTotals))**\n\n"
                out += table([L(.team), L.handbook(.points), L.handbook(.amount)],
                             r.ledger.teams.map { [r.tree.title(of: $0.team), Fmt.decimal($0.points, 1), Fmt.money($0.amount)] })
            }
        }
        out += "\n## \(L.handbook(.sheetTargets))\n\n"
        if r.targets.rows.isEmpty { return out + L.handbook(.noTargets) + "\n" }
        func amount(_ t: TargetAttainment, _ v: Double?) -> String { t.kind.isMoney ? Fmt.money(v) : v.map { Fmt.count(Int($0)) } ?? "–" }
        // The organisation's levels first, top down, then the managers; each kind in turn.
        let place = Dictionary(uniqueKeysWithValues: r.tree.nodes.enumerated().map { ($1.id, $0) })
        let rows = r.targets.rows.sorted {
            ($0.level == .team ? 0 : 1, $0.kind.rawValue, place[$0.key] ?? 0, $0.key) < ($1.level == .team ? 0 : 1, $1.kind.rawValue, place[$1.key] ?? 0, $1.key)
        }
        out += topAndBottom(L, [L.handbook(.key), L.handbook(.kind), L.handbook(.value), L.handbook(.target), L.handbook(.stretch), L.handbook(.challenge),
                      L.handbook(.attainment), L.handbook(.tierReached)],
                     rows.map { t in
                         [t.level == .manager ? d.managerName(t.key) : r.tree.title(of: t.key), L.handbookKind(t.kind.rawValue), amount(t, t.value),
                          amount(t, t.tiers[.target]), amount(t, t.tiers[.stretch]), amount(t, t.tiers[.challenge]), Fmt.rate(t.attainment), L.tier(t.reached)]
                     }, top: 20, bottom: 10)
        return out
    }

    /// A manager's brief: their targets (attainment and tier) and ledger lines (SPEC §3.11, §3.12).
    package static func briefHandbookLines(_ d: ReportData, _ managerID: String) -> [String] {
        let L = d.labels
        let r = d.results
        let en = L.language == .en
        let colon = en ? ": " : "："
        var lines: [String] = []
        let targets = r.targets.rows(of: managerID)
        if !targets.isEmpty {
            lines.append("**\(L.handbook(.managerTargets))**\(colon)" + targets.map { t in
                "\(L.handbookKind(t.kind.rawValue)) \(Fmt.rate(t.attainment))" + (en ? " (\(L.tier(t.reached)))" : "（\(L.tier(t.reached))）")
            }.joined(separator: en ? "; " : "；"))
        }
        if r.ledger.hasRules, let total = r.ledger.total(of: managerID) {
            let own = r.ledger.lines(of: managerID)
            lines.append("**\(L.handbook(.managerLedger))**\(colon)" + (own.isEmpty ? L(.noneThisPeriod)
                : "\(own.count)\(en ? " lines" : " 条"), \(L.handbook(.points)) \(Fmt.decimal(total.points, 1)), \(L.handbook(.amount)) \(Fmt.money(total.amount)) — "
                    + own.prefix(5).map(\.fact).joined(separator: en ? "; " : "；") + (own.count > 5 ? " …" : "")))
        }
        return lines
    }
}
