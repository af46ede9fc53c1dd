import Foundation
import ScorecardModel
import ScorecardPipeline

/// The occurrences of each ledger event in a period's results (SPEC §3.11), each with the fact
/// that triggered it in the report's language — naming the complaint, customer, survey, plan or
/// item and its date — and its moment (the ledger's time order).
package struct LedgerFacts {
    private let r: PeriodResults
    private let ctx: MetricContext
    private let zh: Bool

    package init(_ r: PeriodResults, _ ctx: MetricContext) {
        self.r = r
        self.ctx = ctx
        zh = ctx.config.language == .zhCN
    }

    package func occurrences(_ event: LedgerEvent) -> [Ledger.Occurrence] {
        switch event {
        case .lateSubmission, .missingSubmission: return submissions(event == .lateSubmission ? .late : .missing)
        case .complaintBreached: return complaints()
        case .majorNotEscalated:
            return r.complaints.unescalatedMajors.map { c in
                Ledger.Occurrence(managerID: c.managerID, at: c.receivedAt, fact: zh ? "重大投诉 \(c.complaintID)（\(time(c.receivedAt)) 受理）未上报"
                      : "major complaint \(c.complaintID) (received \(time(c.receivedAt))) not escalated")
            }
        case .aCustomerNotVisited:
            return r.visits.uncoveredA.map { u in
                let last = u.lastVisit.map { zh ? "上次拜访 \(day($0))" : "last visit \(day($0))" } ?? (zh ? "无拜访记录" : "never visited")
                return Ledger.Occurrence(managerID: u.managerID, at: u.lastVisit ?? ctx.start, fact: zh ? "A级客户 \(u.customerID) 未按期拜访（\(last)）"
                             : "A customer \(u.customerID) not visited (\(last))")
            }
        case .lowSurvey: return surveys()
        case .planMissed:
            return r.visitQuotas.missedPlans.map { p in
                Ledger.Occurrence(managerID: p.managerID, at: ctx.clock.epoch(date: p.plannedDate),
                      fact: zh ? "拜访计划未执行：客户 \(p.customerID)，计划 \(p.plannedDate)" : "plan not kept: customer \(p.customerID), planned \(p.plannedDate)")
            }
        case .overdue91:
            return r.receivables.chaseList.filter { $0.oldestDaysOverdue >= 91 }.map { c in
                Ledger.Occurrence(managerID: c.managerID, at: ctx.asOf - c.oldestDaysOverdue * 86_400,
                      fact: zh ? "客户 \(c.customerID) 逾期 \(c.oldestDaysOverdue) 天，逾期金额 \(money(c.overdueAmount))"
                      : "customer \(c.customerID) \(c.oldestDaysOverdue) days overdue, \(money(c.overdueAmount)) overdue")
            }
        case .rankFirst, .rankLast: return ranks(first: event == .rankFirst)
        case .targetTier: return targets()
        }
    }

    private func submissions(_ status: SubmissionItem.Status) -> [Ledger.Occurrence] {
        r.submissions.items.filter { $0.status == status }.map { i in
            let what = [kindName(i.kind), covers(i.covers), i.item].filter { !$0.isEmpty }.joined(separator: " ")
            let due = time(i.deadline)
            let fact: String
            if status == .missing {
                fact = zh ? "\(what) 未交（截止 \(due)）" : "\(what) missing (due \(due))"
            } else if let at = i.submittedAt, at > i.deadline {
                fact = zh ? "\(what) 迟交（截止 \(due)，提交 \(time(at))）" : "\(what) late (due \(due), submitted \(time(at)))"
            } else {
                fact = zh ? "\(what) 不完整（截止 \(due)）" : "\(what) incomplete (due \(due))"
            }
            return Ledger.Occurrence(managerID: i.managerID, at: i.deadline, fact: fact, kind: i.kind)
        }
    }

    /// One per breached first-response or resolution target (SPEC §3.2).
    private func complaints() -> [Ledger.Occurrence] {
        r.complaints.complaints.flatMap { c -> [Ledger.Occurrence] in
            var out: [Ledger.Occurrence] = []
            let received = time(c.receivedAt)
            if c.firstResponse == .breached {
                out.append(Ledger.Occurrence(managerID: c.managerID, at: c.receivedAt, fact: zh ? "投诉 \(c.complaintID)（\(received) 受理）首次响应超时"
                                 : "complaint \(c.complaintID) (received \(received)): first response late"))
            }
            if c.resolution == .breached {
                out.append(Ledger.Occurrence(managerID: c.managerID, at: c.receivedAt, fact: zh ? "投诉 \(c.complaintID)（\(received) 受理）结案超时"
                                 : "complaint \(c.complaintID) (received \(received)): resolution late"))
            }
            return out
        }
    }

    private func surveys() -> [Ledger.Occurrence] {
        r.satisfaction.corrective.map { s in
            let when = r.satisfaction.correctiveAt[s.surveyID] ?? ctx.start
            return Ledger.Occurrence(managerID: s.managerID, at: when, fact: zh ? "问卷 \(s.surveyID)（客户 \(s.customerID)，\(day(when))）总体满意度 \(s.overall) 分"
                         : "survey \(s.surveyID) (customer \(s.customerID), \(day(when))) overall \(s.overall)")
        }
    }

    private func ranks(first: Bool) -> [Ledger.Occurrence] {
        r.managers.filter { first ? $0.isFirst : $0.isLast }.map { m in
            let score = String(format: "%.1f", m.score)
            return Ledger.Occurrence(managerID: m.managerID, at: ctx.end - 1, fact: zh ? (first ? "排名第一（得分 \(score)）" : "排名末位（第 \(m.rank) 名，得分 \(score)）")
                         : (first ? "ranked first (score \(score))" : "ranked last (rank \(m.rank), score \(score))"))
        }
    }

    /// Once per manager and kind, with the highest tier reached (SPEC §3.12).
    private func targets() -> [Ledger.Occurrence] {
        r.targets.rows.filter { $0.level == .manager }.compactMap { t in
            guard let tier = t.reached, let goal = t.tiers[tier] else { return nil }
            let tierName = Self.tierNames[tier]!
            let fact = zh ? "\(Self.kindNames[t.kind.rawValue] ?? t.kind.rawValue)达到\(tierName)档：完成 \(amount(t))，\(tierName)档 \(number(goal, t.kind))"
                : "\(t.kind.rawValue) reached \(tier.rawValue): \(amount(t)) against the \(tier.rawValue) of \(number(goal, t.kind))"
            return Ledger.Occurrence(managerID: t.key, at: ctx.end - 1, fact: fact, kind: t.kind.rawValue, tier: tier)
        }
    }

    private func amount(_ t: TargetAttainment) -> String { number(t.value, t.kind) }

    private func number(_ v: Double, _ kind: TargetKind) -> String {
        kind.isMoney ? money(v) : String(format: "%.0f", v)
    }

    /// `1,234.50`, as the reports write money (a formatter per fact took seconds on thousands of facts).
    private func money(_ v: Double) -> String { MoneyText.grouped(v) }

    /// A week or month covered as the reports name it (`2026年第41周`, `2026年10月`); a day as it is.
    private func covers(_ text: String) -> String {
        guard zh, let p = try? Period(parsing: text) else { return text }
        return p.title(ctx.config.language)
    }

    private func day(_ t: Int) -> String { ctx.clock.localDate(ofEpoch: t).description }

    private func time(_ t: Int) -> String {
        let local = ctx.clock.local(fromEpoch: t)
        let seconds = ((local % 86_400) + 86_400) % 86_400
        let hm = String(format: "%02d:%02d", seconds / 3_600, seconds / 60 % 60)
        return "\(day(t)) \(seconds % 60 == 0 ? hm : hm + String(format: ":%02d", seconds % 60))"
    }

    private func kindName(_ kind: String) -> String { zh ? Self.kindNames[kind] ?? kind : kind.replacingOccurrences(of: "_", with: " ") }

    /// The Chinese words of the built-in kinds (SPEC §3.11, §3.12).
    package static let kindNames = ["daily_log": "销售日志", "weekly_summary": "周总结", "monthly_summary": "月总结", "archive": "档案",
                                    "sales": "销售", "collection": "回款", "new_customers": "新客户", "visits": "拜访"]
    package static let tierNames: [TargetTier: String] = [.target: "目标", .stretch: "冲刺", .challenge: "挑战"]
}
