import ScorecardMetrics
import ScorecardPipeline

/// 口径 of written work, the ledger and targets (SPEC §3.11, §3.12): written only when the run has them.
extension Definitions {
    static func handbookLines(_ d: ReportData) -> [String] {
        let r = d.results
        let en = d.config.language == .en
        var lines: [String] = []
        if !r.submissions.items.isEmpty {
            lines.append(en
                ? "Written work: a daily log per working day, a weekly summary per week, a monthly summary per month, each counted in the period its "
                    + "deadline falls in, and an archive per deal in the period of the deal; on time = handed in complete by the deadline (a time "
                    + "given as a date only counts from the start of that day); on-time rate = on time ÷ (on time + late + missing)."
                : "上交情况：每个工作日一份销售日志、每周一份周总结、每月一份月总结，按截止时间所在期间计入；每笔成交一份档案，按成交日期所在期间计入；"
                    + "截止前提交且完整为按时（只有日期的提交时间按当日零点计）；按时率 = 按时 ÷（按时 + 迟交 + 未交）。")
        }
        if r.ledger.hasRules {
            lines.append(en
                ? "Ledger: each rule's occurrences per manager in the period, at most its cap, the earliest first; "
                    + (d.config.ledger.affectsScore ? "the final score = score + points, kept within 0–100, and the rank follows it." : "the points do not change the score.")
                : "奖惩台账：按规则逐条记录本期每位经理的事项，设上限的只计最早的若干条；"
                    + (d.config.ledger.affectsScore ? "最终得分 = 考核得分 + 加减分（限0–100分），名次按最终得分排列。" : "加减分不计入考核得分。"))
        }
        if !r.targets.rows.isEmpty {
            lines.append(en
                ? "Targets: attainment = the value ÷ the target; the tier reached is the highest whose target the value reaches (exactly at it counts); "
                    + "a quarter or year without its own target takes the sum of its months', a team without one the sum of its managers' and sub-teams'. "
                    + "Values: sales as the ranking counts them; collection (回款) = the amounts of completed orders paid in the period by the as-of time "
                    + "(money received — not the collection rate, which is paid ÷ due); new customers; counting visits."
                : "目标达成：达成率 = 完成值 ÷ 目标；达到档位为完成值达到（含等于）的最高档位；季度、年度无目标的取各月之和，小组无目标的取其经理及下级小组之和。"
                    + "完成值：销售额同排名口径；回款为本期内（截至统计时点）收到的已完成订单款项金额（收款额，不同于回款率：到期金额中已回款的比例）；新开发客户数；计数拜访次数。")
        }
        return lines
    }
}
