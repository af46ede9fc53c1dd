import Foundation

/// 口径: how each headline figure is counted, with the pipeline's own thresholds (SPEC §4.1.1:
/// "define every headline figure once … and use the same definition in the workbook and the
/// Markdown"). Written under the summary's headline table and the Markdown's key table.
package enum Definitions {
    /// `元（CNY）` / `CNY`: the unit of every amount (the pipeline's `currency`, SPEC §2.5).
    package static func currency(_ code: String, en: Bool) -> String {
        let names = ["CNY": "元", "RMB": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元", "JPY": "日元"]
        return en ? code : names[code].map { "\($0)（\(code)）" } ?? code
    }

    package static func lines(_ d: ReportData) -> [String] { measureLines(d) + handbookLines(d) + talkLines(d.config.language == .en) }

    private static func measureLines(_ d: ReportData) -> [String] {
        let c = d.config
        func n(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%g", v) }
        func pct(_ v: Double) -> String { n(v * 100) + "%" }
        let hours = c.calendar.kind == .business
        if c.language == .en {
            return [
                "Definitions.",
                "Grades: customers ranked by \(c.grading.basis == .profit ? "profit" : "sales") over the 12 months to the period end; A while the customers "
                    + "ahead of them hold under \(pct(c.grading.aShare)) of the total, B under \(pct(c.grading.bShare)), else C; one grade lower when "
                    + "paying more than \(n(c.grading.downgradeDaysLate)) days late on average (amount-weighted).",
                "Complaint SLA: complaints received in the period; each target — first response within \(n(c.complaints.firstResponseHours)) h, closed "
                    + "within \(n(c.complaints.resolutionHours)) h, a major one escalated within \(n(c.complaints.escalationHours)) h\(hours ? " (working hours)" : "") — "
                    + "is met, breached, or pending while its deadline is ahead; a rate = met ÷ (met + breached).",
                "Ranking's SLA measure: (met + \(n(c.complaints.priorWeight)) × the period's overall rate) ÷ (met + breached + \(n(c.complaints.priorWeight))), "
                    + "so that one or two complaints do not decide a manager's place; the tables show the rate itself.",
                "Visit coverage: customers visited (\(c.visits.countingTypes.sorted().map { ["on_site": "on-site", "phone": "phone", "online": "online"][$0] ?? $0 }.joined(separator: ", "))) within their cadence (A \(c.visits.cadenceA), "
                    + "B \(c.visits.cadenceB), C \(c.visits.cadenceC) months"
                    + (c.visits.cadenceRemote > 0 ? ", remote customers \(c.visits.cadenceRemote)" : "") + ") ÷ customers with a cadence.",
                "CSAT: surveys scoring \(4)–5 overall ÷ surveys with an overall score; NPS: % scoring 9–10 − % scoring 0–6.",
                "Overdue: completed orders past their due date and not paid by the as-of time; collection rate: what fell due in the period and was paid by then ÷ what fell due.",
                "Sales: completed orders' amounts in the period, by the order's manager"
                    + (c.ranking.salesBasis == .paid ? ", counted when paid. " : ". ") + "Amounts in \(currency(c.currency, en: true)).",
                "Satisfaction (adjusted): (n × the manager's mean overall score + \(n(c.satisfaction.priorWeight)) × the period's mean) ÷ (n + \(n(c.satisfaction.priorWeight))), "
                    + "n the manager's surveys with an overall score; a few surveys do not decide a place.",
                "Report on time: visits whose report came within \(n(c.visits.reportHours)) h of the visit's end ÷ visits.",
                "Collected on time: what fell due in the period and was paid by its due date ÷ what fell due.",
                "Complaint follow-up rate: resolved complaints followed up within \(n(c.complaints.followUpDays)) days ÷ resolved complaints "
                    + "(target \(pct(c.complaints.followUpTarget))); on-site share: on-site follow-ups ÷ follow-ups (target \(pct(c.complaints.onSiteTarget))).",
                "A rate from fewer than \(c.minSample) cases shows its count, e.g. 50.0% (2), and is not flagged.",
            ]
        }
        return [
            "口径说明：",
            "客户等级：按截至期末近12个月\(c.grading.basis == .profit ? "毛利" : "销售额")排序，排在其前面的客户合计占比不足\(pct(c.grading.aShare))为A级，"
                + "不足\(pct(c.grading.bShare))为B级，其余为C级；按金额加权的平均逾期天数超过\(n(c.grading.downgradeDaysLate))天的降一级。",
            "投诉时效达标率：本期受理的投诉，每项考核（\(n(c.complaints.firstResponseHours))小时内首次响应、\(n(c.complaints.resolutionHours))小时内结案、"
                + "重大投诉\(n(c.complaints.escalationHours))小时内上报\(hours ? "，按工作时间计" : "")）分为达标、超时、未到期；达标率 = 达标项 ÷（达标项 + 超时项）。",
            "排名用的投诉时效指标：（达标项 + \(n(c.complaints.priorWeight)) × 本期整体达标率）÷（达标项 + 超时项 + \(n(c.complaints.priorWeight))），"
                + "一两起投诉不致决定名次；各表显示的是达标率本身。",
            "拜访覆盖率：在应拜访周期内（A级\(c.visits.cadenceA)个月、B级\(c.visits.cadenceB)个月、C级\(c.visits.cadenceC)个月）有计数拜访"
                + "（\(c.visits.countingTypes.sorted().map { ["on_site": "上门", "phone": "电话", "online": "线上"][$0] ?? $0 }.joined(separator: "、"))）的客户 ÷ 有拜访要求的客户"
                + (c.visits.cadenceRemote > 0 ? "；外埠客户不论等级每\(c.visits.cadenceRemote)个月。" : "。"),
            "满意率（CSAT）：总体满意度4–5分的问卷 ÷ 有总体评分的问卷；净推荐值（NPS）：9–10分占比 − 0–6分占比。",
            "满意度（调整后）：（n × 该经理总体满意度均值 + \(n(c.satisfaction.priorWeight)) × 本期全部问卷均值）÷（n + \(n(c.satisfaction.priorWeight))），"
                + "n为该经理有总体评分的问卷数；少数几份问卷不致决定名次。",
            "销售额：本期已完成订单的金额，计入订单所属经理\(c.ranking.salesBasis == .paid ? "，以回款日期计入" : "")；金额单位：\(currency(c.currency, en: false))。",
            "逾期金额：已完成订单中过了到期日、截至统计时点仍未回款的金额；回款率：本期到期金额中截至统计时点已回款的比例；"
                + "按期回款率：本期到期金额中在到期日前回款的比例。",
            "报告及时率：拜访结束后\(n(c.visits.reportHours))小时内提交拜访报告的拜访 ÷ 全部拜访。",
            "投诉回访率：已结案投诉中结案后\(n(c.complaints.followUpDays))天内回访的比例（目标\(pct(c.complaints.followUpTarget))）；"
                + "上门回访占比：回访中上门回访的比例（目标\(pct(c.complaints.onSiteTarget))）。",
            "样本少于\(c.minSample)个的比率在括号中注明样本数，如 50.0%（2），不标红。",
        ]
    }

    /// 离职 and the manager pages' comparisons (SPEC §3.5, issue 30 items 9 and 10).
    private static func talkLines(_ en: Bool) -> [String] {
        en ? [
                "Managers who have left (marked \"(left)\") are ranked when they had activity in the period, and keep their rank; "
                    + "the first and last marked for the talk are the best and worst ranked active managers.",
                "Manager pages: the team average is the plain mean over the ranked managers with a value; the rank on a measure is the place among them "
                    + "(for the SLA by the ranking's measure); previous is the manager's value in the previous period's run.",
            ] : [
            "离职经理（姓名后注“（离职）”）本期有业务的照常参加排名，名次不变；谈话所标的第一名、最后一名取在职经理中名次最前、最后者。",
            "经理档案：团队平均为有该项数值的参评经理的简单平均；本项名次为其中的名次（投诉时效按排名所用指标）；上期为该经理上期运行时的数值。",
            ]
    }
}
