import ScorecardMetrics

/// The Markdown sections of SPEC §3.9 (报修回访) and §3.10 (visit quota and plans), and
/// their what-changed bullets. Without the optional exports they say so.
extension MarkdownReport {
    package static func serviceSection(_ d: ReportData) -> String {
        let L = d.labels
        let s = d.results.service
        var out = "\n## \(L(.sheetService))\n\n"
        guard s.hasData else { return out + L(.noServiceData) + "\n" }
        let targets = d.config.service.roleTargets
        let headers = [L(.managerName), L(.completedCount), L(.openRequests), L(.followUpOnTime)]
            + ServiceFollowUps.roles.map { "\(L.role($0))\(L(.roleShare))" } + [L(.noticeOnTime), L(.medianCompletion), L(.p90Completion)]
        func row(_ name: String, _ g: ServiceSummary) -> [String] {
            [name, String(g.completed), String(g.open), Fmt.rate(g.followUpCompliance)]
                + ServiceFollowUps.roles.map { role in
                    d.rate(g.roleShares[role], n: g.completed)
                        + ((g.roleShares[role] ?? 1) < (targets[role] ?? 0) && g.completed >= d.config.minSample ? " ⚠" : "")
                }
                + [Fmt.rate(g.noticeCompliance), Fmt.hours(g.medianCompletionHours), Fmt.hours(g.p90CompletionHours)]
        }
        // Worst follow-up first, then the classes, the total last.
        let managers = s.groups.filter { $0.grouping == .manager }
            .sorted { ($0.followUpCompliance ?? 2, $0.key) < ($1.followUpCompliance ?? 2, $1.key) }
        var rows = managers.prefix(10).map { row(d.managerName($0.key), $0) }
        let total = s.group(.overall, "").map { row("**\(L(.total))**", $0) }
        if let total { rows.append(total) }
        if managers.count > 10 { out += "\(shown(10, of: managers.count, L))\n\n" }
        out += table(headers, rows)
        out += "\n**\(L(.byClass))**\n\n"
        out += table([L(.repairClass)] + headers.dropFirst(), s.groups.filter { $0.grouping == .class }.map { row(L.repairClass($0.key), $0) }
                     + (total.map { [$0] } ?? []))
        out += "\n- " + ServiceFollowUps.roles.map { "\(L.role($0))\(L(.roleShare)) \(L(.target)) \(Fmt.rate(targets[$0]))" }.joined(separator: "; ") + "\n"
        let late = s.followUps.filter { $0.followUp == .breached || $0.notice == .breached }
        if !late.isEmpty {
            out += "\n**\(L(.lateFollowUpsOrNotices))**: \(late.count)" + (late.count > 20 ? " · \(shown(20, of: late.count, L))" : "") + "\n\n"
            out += table([L(.requestID), L(.customerName), L(.managerName), L(.repairClass), L(.completedAt), L(.followUp), L(.notice)],
                         late.prefix(20).map {
                [$0.requestID, d.customerName($0.customerID), d.managerName($0.managerID), L.repairClass($0.repairClass),
                 Fmt.time($0.completedAt, d.clock), L.status($0.followUp), L.status($0.notice)]
            })
        }
        return out
    }

    package static func quotaAndPlansSection(_ d: ReportData) -> String {
        let L = d.labels
        let q = d.results.visitQuotas
        var out = "\n**\(L(.visitQuota))**\n\n"
        if !q.quotaOn {
            out += L(.quotaOff) + "\n"
        } else {
            let short = q.quotas.sorted { ($0.quotaRate ?? 2, $0.managerID) < ($1.quotaRate ?? 2, $1.managerID) }
            if short.count > 10 { out += "\(shown(10, of: short.count, L))\n\n" }
            out += table([L(.managerName), L(.territory), L(.quota), L(.workingDays), L(.daysAtQuota), L(.quotaRate), L(.meanPerDay)],
                         short.prefix(10).map {
                [d.managerName($0.managerID), L.territory($0.territory), String($0.quota), String($0.workingDays),
                 String($0.daysAtQuota), Fmt.rate($0.quotaRate), Fmt.decimal($0.meanCustomersPerDay, 1)]
            })
        }
        out += "\n**\(L(.visitPlans))**\n\n"
        guard q.hasPlans else { return out + L(.noPlans) + "\n" }
        let managers = q.plans.filter { !$0.managerID.isEmpty }
            .sorted { ($0.planExecutionRate ?? 2, $0.managerID) < ($1.planExecutionRate ?? 2, $1.managerID) }
        if managers.count > 10 { out += "\(shown(10, of: managers.count, L))\n\n" }
        out += table([L(.managerName), L(.plansDue), L(.plansDone), L(.planExecution), L(.planOnTime), L(.unplannedShare)],
                     (managers.prefix(10) + q.plans.filter { $0.managerID.isEmpty }).map {
            [$0.managerID.isEmpty ? "**\(L(.total))**" : d.managerName($0.managerID), String($0.plansDue), String($0.plansDone),
             Fmt.rate($0.planExecutionRate), Fmt.rate($0.planOnTimeRate), Fmt.rate($0.unplannedShare)]
        })
        return out
    }

    /// Late repair follow-ups; managers under the daily quota (only when there is data / the quota is on).
    package static func fieldWorkChanges(_ d: ReportData) -> [String] {
        let L = d.labels
        var lines: [String] = []
        let s = d.results.service
        if s.hasData {
            // Late against those whose deadline has passed, as the on-time rate beside it counts them.
            let late = s.followUps.filter { $0.followUp == .breached }
            let decided = s.followUps.filter { $0.followUp != .pending }.count
            let pending = s.followUps.count - decided
            lines.append("**\(L(.lateFollowUps))**: \(late.count) / \(decided)"
                         + (pending > 0 ? (L.language == .en ? " (\(pending) \(L(.notYetDueFollowUps)))" : "（另 \(pending) \(L(.notYetDueFollowUps))）") : "")
                         + "; \(L(.followUpOnTime)) " + Fmt.rate(s.group(.overall, "")?.followUpCompliance) + (late.isEmpty ? "" : " ⚠"))
        }
        let q = d.results.visitQuotas
        if q.quotaOn {
            let under = q.quotas.filter { $0.daysAtQuota < $0.workingDays }
                .sorted { ($0.quotaRate ?? 2, $0.managerID) < ($1.quotaRate ?? 2, $1.managerID) }  // the furthest below first
            lines.append("**\(L(.underQuota))**: " + (under.isEmpty ? L(.noneThisPeriod)
                : "\(under.count) \(L(.managersWord)) (" + under.prefix(5).map { "\(d.managerName($0.managerID)) \(Fmt.rate($0.quotaRate))" }
                    .joined(separator: L.listSeparator) + (under.count > 5 ? ", …" : "") + ") ⚠"))
        }
        return lines
    }
}
