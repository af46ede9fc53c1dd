import ScorecardModel
import ScorecardPipeline
import ScorecardMetrics

/// The labels of written work, the ledger and targets (SPEC §3.11, §3.12), in both languages.
package enum HandbookLabel: CaseIterable {
    case sheetSubmissions, sheetSubmissionItems, sheetLedger, sheetLedgerLines, sheetTargets
    case kind, covers, item, deadline, submittedAt, status, expected, onTime, late, missing, pending, onTimeRate, allKinds, incompleteMark
    case seq, event, fact, points, amount, kpiScore, finalScore, teamTotals, ledgerLines
    case level, levelManager, levelTeam, key, value, target, stretch, challenge, attainment, tierReached, tiersReached, none
    case kpiSubmissions, kpiCollectionAttainment, kpiNewCustomersAttainment, kpiVisitsAttainment
    case noLedger, noSubmissions, noTargets, managerLedger, managerTargets

    package func text(_ language: PipelineConfig.Language) -> String { language == .en ? Self.table[self]!.0 : Self.table[self]!.1 }

    private static let table: [HandbookLabel: (String, String)] = [
        .sheetSubmissions: ("Submissions", "上交情况"), .sheetLedger: ("Ledger", "奖惩台账"), .sheetTargets: ("Targets", "目标达成"),
        .sheetSubmissionItems: ("Submissions list", "上交明细"), .sheetLedgerLines: ("Ledger lines", "奖惩明细"),
        .kind: ("Kind", "类型"), .covers: ("Covers", "所属期"), .item: ("Item", "单号"), .deadline: ("Deadline", "截止时间"),
        .submittedAt: ("Submitted", "提交时间"), .status: ("Status", "状态"), .expected: ("Expected", "应交"), .onTime: ("On time", "按时"),
        .late: ("Late", "迟交"), .missing: ("Missing", "未交"), .pending: ("Pending", "未到期"), .onTimeRate: ("On-time rate", "按时率"),
        .allKinds: ("All kinds", "全部"), .incompleteMark: (" (incomplete)", "（不完整）"),
        .seq: ("No.", "序号"), .event: ("Event", "事项"), .fact: ("Fact", "事实"), .points: ("Points", "加减分"),
        .amount: ("Amount", "奖罚金额"), .kpiScore: ("KPI score", "考核得分"), .finalScore: ("Final score", "最终得分"),
        .teamTotals: ("Totals per team", "小组合计"), .ledgerLines: ("Lines", "明细"),
        .level: ("Level", "层级"), .levelManager: ("Manager", "经理"), .levelTeam: ("Team", "小组"), .key: ("Manager or team", "经理或小组"),
        .value: ("Value", "完成值"), .target: ("Target", "目标"), .stretch: ("Stretch", "冲刺"), .challenge: ("Challenge", "挑战"),
        .attainment: ("Attainment", "达成率"), .tierReached: ("Tier reached", "达到档位"), .tiersReached: ("Tiers reached", "目标档位达成"),
        .none: ("Not reached", "未达"),
        .kpiSubmissions: ("Submissions on time", "上交按时率"), .kpiCollectionAttainment: ("Collection attainment", "回款达成率"),
        .kpiNewCustomersAttainment: ("New-customer attainment", "新客户达成率"), .kpiVisitsAttainment: ("Visit attainment", "拜访达成率"),
        .noLedger: ("No ledger rules in the pipeline.", "流水线未设奖惩规则。"),
        .noSubmissions: ("No submissions export.", "未提供上交记录。"), .noTargets: ("No targets export.", "未提供目标。"),
        .managerLedger: ("Rewards and deductions", "奖惩记录"), .managerTargets: ("Targets", "目标达成"),
    ]
}

extension Labels {
    package func handbook(_ label: HandbookLabel) -> String { label.text(language) }

    /// A kind of written work or of target (SPEC §3.11, §3.12); a kind the pipeline added keeps its name.
    package func handbookKind(_ kind: String) -> String {
        guard language == .zhCN else { return kind.replacingOccurrences(of: "_", with: " ") }
        return LedgerFacts.kindNames[kind] ?? kind
    }

    package func submissionStatus(_ s: SubmissionItem.Status) -> String {
        switch s {
        case .onTime: return handbook(.onTime)
        case .late: return handbook(.late)
        case .missing: return handbook(.missing)
        case .pending: return handbook(.pending)
        }
    }

    package func tier(_ t: TargetTier?) -> String {
        switch t {
        case .target: return handbook(.target)
        case .stretch: return handbook(.stretch)
        case .challenge: return handbook(.challenge)
        case nil: return handbook(.none)
        }
    }

    package func ledgerEvent(_ e: LedgerEvent) -> String {
        guard language == .zhCN else { return e.rawValue.replacingOccurrences(of: "_", with: " ") }
        switch e {
        case .lateSubmission: return "迟交"
        case .missingSubmission: return "未交"
        case .complaintBreached: return "投诉超时"
        case .majorNotEscalated: return "重大投诉未上报"
        case .aCustomerNotVisited: return "A级客户未拜访"
        case .lowSurvey: return "满意度低分"
        case .planMissed: return "拜访计划未执行"
        case .overdue91: return "逾期91天以上"
        case .rankFirst: return "排名第一"
        case .rankLast: return "排名末位"
        case .targetTier: return "目标达档"
        }
    }
}
