import ScorecardModel
import ScorecardMetrics

/// The Markdown sections of SPEC §3.7 (应收回款) and §3.8 (客户开发), and their
/// what-changed bullets.
extension MarkdownReport {
    package static func receivablesSection(_ d: ReportData) -> String {
        let L = d.labels
        let r = d.results.receivables
        let noVisits = d.results.absent.contains(.visits)
        var out = "\n## \(L(.sheetReceivables))\n\n"
        let target = d.config.receivables.collectionTarget
        func flagged(_ v: Double?) -> String { Fmt.rate(v) + ((v ?? 1) < target ? " ⚠" : "") }
        let headers = [L(.managerName), L(.team), L(.outstanding), L(.notYetDue), L(.overdue)] + r.buckets.labels.map(L.bucket)
            + [L(.overdueOrders), L(.oldestDaysOverdue), L(.amountDue), L(.collectionRate), L(.onTimeCollectionRate)]
        func row(_ s: ReceivablesSummary) -> [String] {
            [s.managerID.isEmpty ? "**\(L(.total))**" : d.managerName(s.managerID), d.managers[s.managerID]?.team ?? "",
             Fmt.money(s.outstanding), Fmt.money(s.notYetDue),
             Fmt.money(s.overdue)] + s.overdueByBucket.map { Fmt.money($0) }
                + [String(s.overdueOrders), s.oldestDaysOverdue.map(String.init) ?? "–", Fmt.money(s.amountDue), flagged(s.collectionRate),
                   Fmt.rate(s.onTimeCollectionRate)]
        }
        // Largest overdue first (the workbook has every manager), the total last.
        let managers = r.managers.filter { $0.outstanding > 0 || $0.amountDue > 0 }.sorted { (-$0.overdue, $0.managerID) < (-$1.overdue, $1.managerID) }
        if managers.count > 10 { out += "\(shown(10, of: managers.count, L))\n\n" }
        out += table(headers, managers.prefix(10).map(row) + [row(r.overall)])
        out += "\n- \(L(.collectionRate)): \(flagged(r.overall.collectionRate)) (\(L(.target)) \(Fmt.rate(target)))\n"
        if !r.chaseList.isEmpty {
            out += "\n**\(L(.chaseList))**: \(r.chaseList.count)" + (r.chaseList.count > 20 ? " · \(shown(20, of: r.chaseList.count, L))" : "") + "\n\n"
            out += table([L(.customerName), L(.managerName), L(.grade), L(.overdue), L(.oldestDaysOverdue), L(.bucket), L(.lastCountingVisit),
                          L(.visitedSinceOverdue)], r.chaseList.prefix(20).map {
                [d.customerName($0.customerID), d.managerName($0.managerID), $0.grade?.rawValue ?? "", Fmt.money($0.overdueAmount),
                 String($0.oldestDaysOverdue), r.buckets.labels[$0.bucket],
                 // Without a visits export there is no last visit to show (SPEC §2.7), not "never".
                 noVisits ? "–" : $0.lastVisit.map { Fmt.time($0, d.clock) } ?? L(.never),
                 noVisits ? "–" : $0.visitedSinceOverdue ? L(.yes) : L(.no)]
            })
        }
        return out
    }

    package static func developmentSection(_ d: ReportData) -> String {
        let L = d.labels
        let dev = d.results.development
        var out = "\n## \(L(.sheetDevelopment))\n\n"
        out += "**\(L(.newCustomers))**: \(dev.newCustomers.count)\n"
        if !dev.newByManager.isEmpty, d.results.absent.contains(.visits) {
            // No visits export: no first contact to judge (SPEC §2.7).
            out += "\n" + table([L(.managerName), L(.newCustomers)], dev.newByManager.sorted { (-$0.count, $0.managerID) < (-$1.count, $1.managerID) }.map {
                [d.managerName($0.managerID), String($0.count)]
            })
        } else if !dev.newByManager.isEmpty {
            out += "\n" + table([L(.managerName), L(.newCustomers), L.firstContact(.met), L.firstContact(.breached), L.firstContact(.pending),
                                  L(.firstContactOnTime)],
                                 dev.newByManager.sorted { (-$0.count, $0.managerID) < (-$1.count, $1.managerID) }.map {
                [d.managerName($0.managerID), String($0.count), String($0.met), String($0.breached), String($0.pending),
                 Fmt.rate($0.metShare)]
            })
        }
        out += "\n**\(L(.leftBehind))**: \(dev.leftBehind.count)"
        out += dev.leftBehindByTeam.isEmpty ? "\n" : " (" + dev.leftBehindByTeam.map { "\($0.team.isEmpty ? "–" : $0.team) \($0.customers)" }
            .joined(separator: L.listSeparator) + ")\n"
        if !dev.leftBehind.isEmpty {
            if dev.leftBehind.count > 20 { out += "\n\(shown(20, of: dev.leftBehind.count, L))\n" }
            out += "\n" + table([L(.customerName), L(.managerName), L(.team), L(.grade), L(.sales12m), L(.lastVisit)], dev.leftBehind.prefix(20).map {
                [d.customerName($0.customerID), d.managerName($0.managerID), $0.team ?? "", $0.grade.rawValue, Fmt.money($0.sales12m),
                 $0.lastVisit.map { Fmt.time($0, d.clock) } ?? L(.never)]
            })
        }
        // Survey reach as in the workbook: one row per manager, all grades and each grade; the five lowest, then the total.
        let of = dev.reach
        let lowest = dev.surveyReach.filter { !$0.managerID.isEmpty && $0.grade == nil }
            .sorted { ($0.reach ?? 2, $0.managerID) < ($1.reach ?? 2, $1.managerID) }.prefix(5).map(\.managerID)
        out += "\n**\(L(.surveyReach))**" + (lowest.count < Set(dev.surveyReach.map(\.managerID)).count - 1
            ? " · \(shown(lowest.count, of: Set(dev.surveyReach.map(\.managerID)).count - 1, L))" : "") + "\n\n"
        out += table([L(.managerName), L(.customerCount), L(.surveyed), L(.reach)]
                     + Grade.allCases.map { d.config.language == .en ? "\(L(.reach)) \($0.rawValue)" : "\($0.rawValue)级\(L(.reach))" },
                     (lowest + [""]).map { m in
            [m.isEmpty ? "**\(L(.total))**" : d.managerName(m), String(of(m, nil)?.customers ?? 0), String(of(m, nil)?.surveyed ?? 0),
             Fmt.rate(of(m, nil)?.reach)] + Grade.allCases.map { Fmt.rate(of(m, $0)?.reach) }
        })
        return out
    }

    /// `showing 10 of 20; the workbook lists all`.
    package static func shown(_ n: Int, of total: Int, _ L: Labels) -> String {
        L.language == .en ? "showing \(n) of \(total); \(L(.topRowsNote))" : "仅列前\(n)项（共\(total)项），\(L(.topRowsNote))"
    }

    /// Overdue against the previous period, collection against its target, customers left behind.
    package static func developmentChanges(_ d: ReportData) -> [String] {
        let L = d.labels
        let r = d.results.receivables
        var notes: [String] = []
        if let oldest = r.overall.overdueByBucket.last, oldest > 0 {
            notes.append("\(L(.ofWhich)) \(L.bucket(r.buckets.labels.last!)) \(Fmt.money(oldest))")
        }
        if let previous = r.previousOverdue {
            let delta = r.overall.overdue - previous
            notes.append("\(L(.previousPeriod)) \(Fmt.money(previous)), \(delta > 0 ? "+" : "")\(Fmt.money(delta))\(delta > 0 ? " ⚠" : "")")
        }
        var overdue = "**\(L(.overdueReceivables))**: \(Fmt.money(r.overall.overdue))" + (notes.isEmpty ? "" : " (\(notes.joined(separator: "; ")))")
        let target = d.config.receivables.collectionTarget
        overdue += "; \(L(.collectionRateVs)) \(Fmt.rate(r.overall.collectionRate)) (\(L(.target)) \(Fmt.rate(target)))"
        if let rate = r.overall.collectionRate, rate < target { overdue += " ⚠" }
        // Who chases what (SPEC §3.7 chase list), per manager as the unvisited A customers (issue 30).
        let chase = r.chaseList.isEmpty ? [] : ["**\(L(.chaseList))**: \(r.chaseList.count) \(L(.customersWord)) (" + byOwner(d, r.chaseList.map(\.managerID)) + ")"]
        let left = d.results.development.leftBehind
        var handOver = "**\(L(.leftBehind))**: "
        handOver += left.isEmpty ? L(.noneThisPeriod) : "\(left.count) \(L(.customersWord)) ("
            + Set(left.map(\.managerID)).sorted().map(d.plainManagerName).joined(separator: L.listSeparator) + ") ⚠"
        return [overdue] + chase + [handOver]
    }
}
