import ScorecardModel
import ScorecardPipeline
import ScorecardMetrics

/// Every label the reports show, in both languages, in one place (SPEC §4.1, §4.2).
package enum Label: CaseIterable {
    // Sheets and sections
    case sheetSummary, sheetManagers, sheetCustomers, sheetComplaints, sheetSatisfaction, sheetVisits, sheetDataQuality
    case reportTitle, period, asOf, whatChanged, chartData, appendix
    // Common columns
    case rank, rankChange, managerID, managerName, team, score, sales, attainment, coverageRate, slaRate, adjustedSatisfaction
    case previousRank, mark, first, last
    case customerID, customerName, region, grade, provisional, previousGrade, gradeChange, sales12m, profit12m, avgDaysLate, onTimeRate, coverage
    case covered, notCovered, noCadence, yes, no
    case upgrade, downgrade, same, new
    case urban, rural, remote
    case complaintID, severity, category, receivedAt, firstResponseHours, firstResponseStatus, resolutionHours, resolutionStatus
    case escalationHours, escalationStatus, repeatOf, normal, major, met, breached, pending
    case complaints, open, medianFirstResponse, p90FirstResponse, medianResolution, p90Resolution
    case firstResponseCompliance, resolutionCompliance, escalationCompliance
    case followUpRate, onSiteShare, target, priorityCheck, gradeAMedian, othersMedian, repeatComplaints, previousComplaint, daysBetween
    case unescalatedMajors, byManager, byGrade, byCategory, overall, all
    case responses, meanOverall, csat, nps, correctiveActions, surveyID, comment, complainedToo
    case visits, customersVisited, onSite, phone, online, medianDuration, shortVisits, reportOnTime, customersDue, customersCovered
    case aNotCovered, cadenceMonths, lastVisit, never
    case entity, file, encoding, delimiter, rowsRead, rowsLoaded, rowsRejected, rejectedShare, topReasons, rejects
    case line, column, reason, raw, rejectsTruncated, rawShownNote, rejectsElsewhere, rankInTeam
    // Headline and changes
    case customersByGrade, managerScores, slaByManager, headline, value
    case gradeMoves, rankMoves, slaBreaches, notVisited, lowSatisfaction, movedUp, movedDown, noneThisPeriod
    case complaintsWord, surveysWord, dataQualityNote, keyTable, customerCount, overallScore
    // Receivables and customer development (SPEC §3.7, §3.8)
    case sheetReceivables, sheetDevelopment, outstanding, notYetDue, overdue, overdueOrders, oldestDaysOverdue, amountDue
    case collectionRate, onTimeCollectionRate, chaseList, bucket, visitedSinceOverdue, overdueByDays
    case newCustomers, firstActivity, firstContact, firstContactOnTime, leftBehind, byTeam, surveyReach, surveyed, reach
    case submissionsOnTime, ledgerPointsTotal, ledgerAmountTotal
    case overdueReceivables, previousPeriod, customersWord, collectionRateVs, total, leftMark, contactOnTime, contactLate, contactOpen
    case topRowsNote, ofWhich, previousValue, lateOrOpenComplaints, weight
    // Repair follow-ups, visit quotas and plans (SPEC §3.9, §3.10)
    case sheetService, requestID, repairClass, completedAt, completionHours, followUp, followUpRole, notice, completedCount, openRequests
    case followUpOnTime, noticeOnTime, medianCompletion, p90Completion, noServiceData, byClass, roleShare
    case classSafety, classLeak, classOther, roleDirector, roleAdministrator, roleRepairLead
    case visitQuota, territory, quota, workingDays, daysAtQuota, quotaRate, meanPerDay, daysShort, quotaOff
    case visitPlans, plansDue, plansDone, planExecution, planOnTime, unplannedShare, noPlans, lateFollowUps, underQuota, managersWord
    case serviceList, notYetDueFollowUps, allDaysShort, lateFollowUpsOrNotices, lastCountingVisit
    // Reports that explain themselves (SPEC §4.1.1)
    case points, scoreRule, gradeReason, pageFooter, kpiNewCustomers, kpiService, kpiPlanExecution
    case sheetTeams, managerCount, meanScore, teamRank, noTeam, teamRule, sheetTrend, byPeriod, sheetManagerPages, kpiTitle
    case sheetTrendDetail, sheetChase, sheetServiceList, sheetRejects
    // The manager page for the talk (issue 30 item 9)
    case teamAverage, rankOnMeasure, measureRanked, detail, customersToFollow, talkPoints, improvementPlan, signatures, visitPlanExecution

    package var en: String { Self.table[self]!.en }
    package var zh: String { Self.table[self]!.zh }

    package func text(_ language: PipelineConfig.Language) -> String { language == .en ? en : zh }

    // swiftlint:disable:next function_body_length
    private static let table: [Label: (en: String, zh: String)] = [
        .sheetSummary: ("Summary", "概览"), .sheetManagers: ("Managers", "经理排名"), .sheetCustomers: ("Customers", "客户分级"),
        .sheetComplaints: ("Complaints", "投诉时效"), .sheetSatisfaction: ("Satisfaction", "满意度"), .sheetVisits: ("Visits", "拜访"),
        .sheetDataQuality: ("Data quality", "数据质量"),
        .sheetTrendDetail: ("Trend by KPI", "趋势明细"), .sheetChase: ("Chase list", "催缴清单"), .sheetServiceList: ("Repair follow-up list", "报修回访明细"),
        .sheetRejects: ("Rejected rows", "剔除明细"),
        .reportTitle: ("Customer manager scorecard", "客户经理考核报告"), .period: ("Period", "期间"), .asOf: ("As of", "截至"),
.whatChanged: ("What changed and needs action", "本期要点与待办"),
        .chartData: ("Chart data", "图表数据"), .appendix: ("Appendix: data quality", "附录：数据质量"),
        .rank: ("Rank", "排名"), .rankChange: ("Change", "名次变化"), .managerID: ("Manager ID", "经理编号"), .managerName: ("Manager", "经理姓名"),
        .team: ("Team", "小组"), .score: ("Score", "得分"), .sales: ("Sales", "销售额"), .attainment: ("Target attainment", "目标达成率"),
        .coverageRate: ("Visit coverage", "拜访覆盖率"), .slaRate: ("SLA compliance", "投诉时效达标率"),
        .adjustedSatisfaction: ("Satisfaction (adjusted)", "满意度（调整后）"), .previousRank: ("Previous rank", "上期排名"),
        .mark: ("Mark", "标记"), .first: ("First", "第一名"), .last: ("Last", "最后一名"),
        .customerID: ("Customer ID", "客户编号"), .customerName: ("Customer", "客户名称"), .region: ("Region", "区域"), .grade: ("Grade", "等级"),
        .provisional: ("Provisional", "暂定"), .previousGrade: ("Previous grade", "上期等级"), .gradeChange: ("Grade change", "等级变动"),
        .sales12m: ("Sales, 12 months", "近12个月销售额"), .profit12m: ("Profit, 12 months", "近12个月毛利"),
        .avgDaysLate: ("Avg. days late", "平均逾期天数"), .onTimeRate: ("Paid on time", "按时回款率"), .coverage: ("Visit coverage", "拜访覆盖"),
        .covered: ("covered", "已覆盖"), .notCovered: ("not covered", "未覆盖"), .noCadence: ("no cadence", "无要求"),
        .yes: ("yes", "是"), .no: ("no", "否"),
        .upgrade: ("upgrade", "升级"), .downgrade: ("downgrade", "降级"), .same: ("same", "不变"), .new: ("new", "新评"),
        .urban: ("urban", "城区"), .rural: ("rural", "农村"), .remote: ("remote", "外埠"),
        .complaintID: ("Complaint ID", "投诉编号"), .severity: ("Severity", "严重程度"), .category: ("Category", "类别"),
        .receivedAt: ("Received", "受理时间"), .firstResponseHours: ("First response (h)", "首次响应（小时）"),
        .firstResponseStatus: ("Response 24 h", "24小时响应"), .resolutionHours: ("Resolution (h)", "结案（小时）"),
        .resolutionStatus: ("Closed in 7 days", "7天结案"), .escalationHours: ("Escalation (h)", "上报（小时）"),
        .escalationStatus: ("Escalated 24 h", "24小时上报"), .repeatOf: ("Repeat of", "重复投诉（前次）"),
        .normal: ("normal", "一般"), .major: ("major", "重大"), .met: ("met", "达标"), .breached: ("breached", "超时"), .pending: ("pending", "未到期"),
        .complaints: ("Complaints", "投诉数"), .open: ("Open", "未结案"), .medianFirstResponse: ("Median response (h)", "响应中位数（小时）"),
        .p90FirstResponse: ("P90 response (h)", "响应P90（小时）"), .medianResolution: ("Median resolution (h)", "结案中位数（小时）"),
        .p90Resolution: ("P90 resolution (h)", "结案P90（小时）"), .firstResponseCompliance: ("Response on time", "响应达标率"),
        .resolutionCompliance: ("Closed on time", "结案达标率"), .escalationCompliance: ("Escalated on time", "上报达标率"),
        .followUpRate: ("Complaint follow-up rate", "投诉回访率"), .onSiteShare: ("On-site complaint follow-ups", "投诉上门回访占比"), .target: ("Target", "目标"),
        .priorityCheck: ("A-grade first?", "A级客户优先处理："), .gradeAMedian: ("Median response, A-grade (h)", "A级客户响应中位数（小时）"),
        .othersMedian: ("Median response, others (h)", "其他客户响应中位数（小时）"), .repeatComplaints: ("Repeat complaints", "重复投诉"),
        .previousComplaint: ("Previous complaint", "前次投诉"), .daysBetween: ("Days between", "间隔天数"),
        .unescalatedMajors: ("Major complaints not escalated", "重大投诉未上报"), .byManager: ("By manager", "按经理"),
        .byGrade: ("By customer grade", "按客户等级"), .byCategory: ("By category", "按类别"), .overall: ("Overall", "总体"), .all: ("All", "全部"),
        .responses: ("Responses", "有效问卷数"), .meanOverall: ("Mean overall", "总体满意度均值"), .csat: ("CSAT", "满意率（CSAT）"),
        .nps: ("NPS", "净推荐值（NPS）"), .correctiveActions: ("Corrective actions (overall ≤ 2)", "低分问卷（总体满意度≤2分）"),
        .surveyID: ("Survey ID", "问卷编号"), .comment: ("Comment", "意见"), .complainedToo: ("Also complained", "同期有投诉"),
        .visits: ("Visits", "拜访次数"), .customersVisited: ("Customers visited", "拜访客户数"), .onSite: ("On site", "上门"),
        .phone: ("Phone", "电话"), .online: ("Online", "线上"), .medianDuration: ("Median minutes", "时长中位数（分钟）"),
        .shortVisits: ("Short visits", "短时拜访"), .reportOnTime: ("Report on time", "报告及时率"), .customersDue: ("Customers due", "应覆盖客户"),
        .customersCovered: ("Covered", "已覆盖客户"), .aNotCovered: ("A-grade customers not visited", "未按期拜访的A级客户"),
        .cadenceMonths: ("Cadence (months)", "拜访周期（月）"), .lastVisit: ("Last visit", "最近拜访"), .never: ("never", "从未"),
        .entity: ("Entity", "数据"), .file: ("File", "文件"), .encoding: ("Encoding", "编码"), .delimiter: ("Delimiter", "分隔符"),
        .rowsRead: ("Rows read", "读取行数"), .rowsLoaded: ("Loaded", "有效行数"), .rowsRejected: ("Rejected", "剔除行数"),
        .rejectedShare: ("Rejected %", "剔除比例"), .topReasons: ("Top reasons", "主要原因"), .rejects: ("Rejected rows", "剔除行明细"),
        .line: ("Line", "行号"), .column: ("Column", "列"), .reason: ("Reason", "原因"), .raw: ("Raw line", "原始内容"),
        .rejectsTruncated: ("Only the first 10,000 rejected rows are listed; rejects.csv has all.", "仅列出前 10,000 条剔除行，完整清单见 rejects.csv。"),
        .rawShownNote: ("A raw line wider than %d columns is shortened here (…); rejects.csv has it whole.", "原始内容宽于 %d 列（汉字计 2 列）的在此截断显示（…），完整内容见 rejects.csv。"),
        .customersByGrade: ("Customers by grade", "客户等级分布"), .managerScores: ("Manager scores", "经理得分"),
        .slaByManager: ("SLA compliance by manager", "各经理投诉时效达标率"), .headline: ("Headline", "关键指标"), .value: ("Value", "数值"),
        .gradeMoves: ("Grade moves", "等级变动"), .rankMoves: ("Rank moves", "排名变动"), .slaBreaches: ("SLA breaches", "投诉超时"),
        .notVisited: ("A-grade customers not visited", "A级客户未按期拜访"), .lowSatisfaction: ("Low satisfaction", "低满意度"),
        .movedUp: ("up", "上升"), .movedDown: ("down", "下降"), .noneThisPeriod: ("none this period", "本期无"),
.complaintsWord: ("complaints with a late target", "件投诉有超时项"), .surveysWord: ("surveys", "份问卷"),
        .dataQualityNote: ("Rows that could not be loaded are listed in rejects.csv.", "被剔除行的明细见 rejects.csv。"),
        .rejectsElsewhere: ("Rejected rows may hold other teams' data: only their counts are shown here; the organisation's report lists them.",
                            "剔除行可能含其他团队的数据：此处只列数量，明细见全机构报告。"),
        .rankInTeam: ("Rank in team", "组内名次"),
        .keyTable: ("Key figures", "关键数据"),
        .customerCount: ("Customers", "客户数"), .overallScore: ("Overall score", "总体满意度"),
        .sheetReceivables: ("Receivables", "应收回款"), .sheetDevelopment: ("Customer development", "客户开发"),
        .outstanding: ("Outstanding", "应收余额"), .notYetDue: ("Not yet due", "未到期"), .overdue: ("Overdue", "逾期金额"),
        .overdueOrders: ("Overdue orders", "逾期笔数"), .oldestDaysOverdue: ("Oldest days overdue", "最长逾期天数"),
        .amountDue: ("Due in period", "本期应收"), .collectionRate: ("Collection rate", "回款率"),
        .onTimeCollectionRate: ("Collected on time", "按期回款率"), .chaseList: ("Chase list (overdue customers)", "催缴清单（逾期客户）"),
        .bucket: ("Bucket (oldest overdue)", "账龄区间（按最长逾期）"), .visitedSinceOverdue: ("Visited since overdue", "逾期后已拜访"),
        .overdueByDays: ("Overdue by days", "逾期账龄分布"),
        .newCustomers: ("New customers", "新开发客户"), .firstActivity: ("First activity", "首次业务日期"),
        .firstContact: ("First contact", "首次拜访"), .firstContactOnTime: ("First contact on time", "首访及时率"),
        .leftBehind: ("Customers of departed managers", "离职经理名下客户"), .byTeam: ("By team", "按小组"),
        .surveyReach: ("Customers surveyed in 12 months", "近12个月客户调查覆盖率"),
        .submissionsOnTime: ("Written work on time", "书面材料按时上交率"), .ledgerPointsTotal: ("Ledger points, all managers", "奖惩加减分合计"),
        .ledgerAmountTotal: ("Ledger amount, all managers", "奖惩金额合计"), .surveyed: ("Surveyed", "已调查客户"),
        .reach: ("Reach", "覆盖率"), .overdueReceivables: ("Overdue receivables", "逾期应收"),
        .previousPeriod: ("previous period", "上期"), .customersWord: ("customers", "户"),
        .collectionRateVs: ("collection rate", "回款率"), .total: ("Total", "合计"), .leftMark: (" (left)", "（离职）"),
        .contactOnTime: ("on time", "按时"), .contactLate: ("late", "超时"), .contactOpen: ("window open", "未到期限"),
        .topRowsNote: ("the workbook lists all", "完整名单见工作簿"), .ofWhich: ("of which", "其中"), .previousValue: ("Previous", "上期"), .lateOrOpenComplaints: ("Late or open complaints", "超时或未结案投诉"),
        .weight: ("Weight", "权重"),
        .sheetService: ("Repair follow-ups", "报修回访"), .requestID: ("Request", "服务单号"), .repairClass: ("Class", "维修类别"),
        .completedAt: ("Completed", "完工时间"), .completionHours: ("Repair time (h)", "维修用时（小时）"), .followUp: ("Follow-up", "回访状态"),
        .followUpRole: ("Followed up by", "回访人岗位"), .notice: ("Written notice", "整改通知"), .completedCount: ("Completed", "已完工"),
        .openRequests: ("Open", "未完工"), .followUpOnTime: ("Follow-up on time", "回访及时率"),
        .noticeOnTime: ("Notice on time", "整改通知及时率"), .medianCompletion: ("Median repair time (h)", "维修用时中位数（小时）"),
        .p90Completion: ("P90 repair time (h)", "维修用时P90（小时）"),
        .noServiceData: ("No repair requests were exported: nothing to show.", "未提供报修数据（报修导出文件），本表无内容。"),
        .byClass: ("By class", "按维修类别汇总"), .roleShare: ("followed up", "回访占比"),
        .classSafety: ("safety", "安全设施"), .classLeak: ("leak", "漏水"), .classOther: ("other", "一般维修"),
        .roleDirector: ("director", "主任"), .roleAdministrator: ("administrator", "管理员"), .roleRepairLead: ("repair lead", "维修负责人"),
        .visitQuota: ("Daily visit quota", "日拜访定额"), .territory: ("Territory", "片区"), .quota: ("Quota (customers/day)", "定额（户/天）"),
        .workingDays: ("Working days", "工作日数"), .daysAtQuota: ("Days at quota", "达标天数"), .quotaRate: ("Days at quota %", "达标率"),
        .meanPerDay: ("On-site customers per day", "日均上门户数"), .daysShort: ("Days short of quota", "未达标日期"),
        .quotaOff: ("No daily visit quota this period (the pipeline file can set one).", "本期未启用日拜访定额考核（可在流水线文件中设置每日拜访定额）。"),
        .visitPlans: ("Visit plans", "拜访计划"), .plansDue: ("Plans due", "应执行计划数"), .plansDone: ("Done", "已执行"),
        .planExecution: ("Plan execution", "计划执行率"), .planOnTime: ("Filed on time", "计划按时提交率"),
        .unplannedShare: ("Unplanned visits", "计划外拜访占比"),
        .noPlans: ("No visit plans in the exports (visit_plans*.csv): nothing to show.", "未提供拜访计划（visit_plans*.csv），本表无内容。"),
        .lateFollowUps: ("Repair follow-ups late", "报修回访超时"), .serviceList: ("Every completed repair", "报修回访明细"),
        .lateFollowUpsOrNotices: ("Late follow-ups or notices", "回访或整改通知超时"),
        .lastCountingVisit: ("Last counting visit", "最近有效拜访"),
        .points: ("points", "得分"), .gradeReason: ("Why this grade", "评级依据"),
        .scoreRule: ("Score = the sum of the KPI points. A KPI's points = 100 × its weight × its percent rank ÷ the sum of the weights of the KPIs the manager has; percent rank = the share of the other managers with a lower value (1 when alone). A KPI a manager has no data for is left out and the other weights count for more. Equal scores share a rank. The points are shown rounded: their sum may differ from the score by 0.1.",
                     "得分 = 各项指标得分之和。指标得分 = 100 × 该指标权重 × 百分位排名 ÷ 该经理已有数据的指标权重之和；百分位排名 = 数值低于本人的经理数 ÷（有该指标的经理数 − 1），只有一人时为 1。某项指标无数据时不计入，其余指标权重按比例放大。得分相同者名次相同。分项得分四舍五入显示，合计与得分可能相差0.1。"),
        .pageFooter: ("Page &P of &N", "第 &P 页，共 &N 页"),
        .kpiNewCustomers: ("New customers", "新开发客户"), .kpiService: ("Follow-up on time", "回访及时率"),
        .kpiPlanExecution: ("Plan execution", "计划执行率"),
        .sheetTeams: ("Teams", "小组汇总"), .sheetTrend: ("Trend", "趋势"), .sheetManagerPages: ("Manager pages", "经理档案"), .kpiTitle: ("KPI", "考核指标"), .byPeriod: ("Every KPI by period", "各期指标明细"), .managerCount: ("Managers", "经理人数"), .meanScore: ("Mean score", "平均得分"),
        .teamRank: ("Team rank", "小组排名"), .noTeam: ("(no team)", "（未分组）"),
        .teamRule: ("Every level of the organisation (indented under the level above) counts its own and its sub-teams' managers: coverage, SLA, satisfaction and collection are over all their customers, complaints, surveys and amounts due, never a mean of the teams' rates; the mean score is the mean of their scores; the rank is among the teams of the same parent.",
                    "组织的每一级（缩进列在上一级之下）计入本级及下级的全部经理：拜访覆盖率、投诉时效达标率、满意度和回款率按其全部客户、投诉、问卷和应收金额计算，不取下级比率的平均；平均得分为这些经理得分的平均值；名次为同一上级之下各团队间的名次。"),
        .notYetDueFollowUps: ("not yet due", "单未到回访期限"), .allDaysShort: ("all %d days", "全部 %d 天"), .underQuota: ("Managers under the daily quota", "未达日拜访定额的经理"),
        .managersWord: ("managers", "名经理"),
        .teamAverage: ("Team average", "团队平均"), .rankOnMeasure: ("Rank on it", "本项名次"), .measureRanked: ("Of", "参评人数"),
        .detail: ("Detail", "说明"), .customersToFollow: ("Customers to follow up", "需跟进的客户"),
        .talkPoints: ("Points of the talk", "谈话要点"), .improvementPlan: ("Improvement plan (what, by when)", "改进计划（事项、完成时间）"),
        .signatures: ("Manager's signature / date          Supervisor's signature / date", "客户经理签字／日期                    主管签字／日期"),
        .visitPlanExecution: ("Visit plan execution", "拜访计划执行率"),
    ]
}

/// The labels of one report language.
package struct Labels {
    package let language: PipelineConfig.Language

    package init(language: PipelineConfig.Language) { self.language = language }

    package func callAsFunction(_ label: Label) -> String { label.text(language) }

    package func status(_ s: SLAStatus?) -> String {
        switch s {
        case .met: return self(.met)
        case .breached: return self(.breached)
        case .pending: return self(.pending)
        case nil: return ""
        }
    }

    package func change(_ c: GradeChange) -> String {
        switch c {
        case .upgrade: return self(.upgrade)
        case .downgrade: return self(.downgrade)
        case .same: return self(.same)
        case .new: return self(.new)
        }
    }

    /// Under a list cut short: how many more, and where they are.
    package func more(_ n: Int) -> String { language == .en ? "… and \(n) more (see the sheet)" : "另有\(n)项，详见相应工作表" }

    /// The trend chart's title: everyone's scores, or the first and last five's.
    package func trendTitle(everyone: Bool) -> String {
        if language == .en { return everyone ? "Scores by period" : "Scores by period, first and last five" }
        return everyone ? "经理得分趋势" : "经理得分趋势（前五名与后五名）"
    }

    /// Between the items of a list in a sentence: `, ` or `，`.
    package var listSeparator: String { language == .en ? ", " : "、" }

    /// A sentence of the Chinese report with full-width punctuation (SPEC §4.1.1, issue 15's
    /// native read): `**X**: a; b, c (d)` → `**X**：a；b，c（d）`. The report's own punctuation
    /// only, as far as it can tell: `, ` `; ` `: ` after an ASCII letter (`Smith, John`) and a
    /// parenthesis right after one (`=HYPERLINK(…)`) are a name's and stay, with the parenthesis
    /// that closes them; digit groups (`1,234`) and ` / ` stay. An English report is left as it is.
    package func sentence(_ text: String) -> String {
        guard language == .zhCN else { return text }
        var out = ""
        var opened: [Bool] = []  // per open parenthesis: made full-width
        let chars = Array(text)
        var i = 0
        func afterLetter(_ k: Int) -> Bool { k > 0 && chars[k - 1].isASCII && chars[k - 1].isLetter }
        /// `Ltd (HK)`: a parenthesis after a word and a space belongs to the name too.
        func afterWord(_ k: Int) -> Bool { afterLetter(k) || (k > 1 && chars[k - 1] == " " && chars[k - 2].isASCII && chars[k - 2].isLetter) }
        while i < chars.count {
            let c = chars[i], next = i + 1 < chars.count ? chars[i + 1] : nil
            if (c == "," || c == ";" || c == ":") && next == " " && !afterLetter(i) {
                out.append(c == "," ? "，" : c == ";" ? "；" : "：")
                i += 2
                continue
            }
            if c == " " && next == "(" && !afterLetter(i) {
                i += 1  // the space before a parenthesis goes with it
                continue
            }
            if c == "(" {
                let wide = !afterWord(i)
                opened.append(wide)
                out.append(wide ? "（" : "(")
            } else if c == ")" {
                out.append(opened.popLast() ?? false ? "）" : ")")
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    /// An overdue bucket's column title: `1-30 days`, `逾期1-30天`.
    package func bucket(_ label: String) -> String {
        if language == .en { return "\(label) days" }
        return label.hasSuffix("+") ? "逾期\(label.dropLast())天以上" : "逾期\(label)天"
    }

    /// A new customer's first contact (SPEC §3.8), in words that do not clash with receivables' "not yet due".
    package func firstContact(_ s: SLAStatus) -> String {
        switch s {
        case .met: return self(.contactOnTime)
        case .breached: return self(.contactLate)
        case .pending: return self(.contactOpen)
        }
    }

    /// A category class: the three of the spec in words, a class the pipeline names as written.
    package func repairClass(_ c: String) -> String {
        switch c {
        case "safety": return self(.classSafety)
        case "leak": return self(.classLeak)
        case "other": return self(.classOther)
        default: return c
        }
    }

    package func role(_ r: String?) -> String {
        switch r {
        case "director": return self(.roleDirector)
        case "administrator": return self(.roleAdministrator)
        case "repair_lead": return self(.roleRepairLead)
        default: return ""
        }
    }

    package func territory(_ t: String) -> String { t == "rural" ? self(.rural) : self(.urban) }

    /// `2026年10月`, `2026年第43周`…; in English `October 2026`, `week 43 of 2026`… (`Period.title`, SPEC §4.1.1).
    package func period(_ p: Period) -> String { p.title(language) }

    /// A KPI of the ranking, as its column is titled.
    package func kpi(_ k: RankingKPI, targets: Bool) -> String {
        switch k {
        case .sales: return targets ? self(.attainment) : self(.sales)
        case .coverage: return self(.coverageRate)
        case .sla: return self(.slaRate)
        case .satisfaction: return self(.adjustedSatisfaction)
        case .collection: return self(.collectionRate)
        case .newCustomers: return self(.kpiNewCustomers)
        case .service: return self(.kpiService)
        case .planExecution: return self(.kpiPlanExecution)
        case .submissions: return handbook(.kpiSubmissions)
        case .collectionAttainment: return handbook(.kpiCollectionAttainment)
        case .newCustomersAttainment: return handbook(.kpiNewCustomersAttainment)
        case .visitsAttainment: return handbook(.kpiVisitsAttainment)
        }
    }

    /// A grade reason in the report's language (SPEC §4.1.1).
    package func reason(_ r: GradeReason) -> String {
        guard language == .zhCN else { return r.description }
        switch r {
        case .share(let g, let basis): return "按\(basis == .sales ? "销售额" : "毛利")占比评为\(g.rawValue)"
        case .composite(let g): return "按综合得分评为\(g.rawValue)"
        case .downgraded(let days, let from):
            let late = "平均逾期\(String(format: "%.1f", days))天"
            return from == .C ? "\(late)（已是C，不再下调）" : "逾期降级 \(from.rawValue)→\(from.lowered.rawValue)：\(late)"
        case .provisional(let date): return "暂定：首次业务 \(date)"
        case .noSales: return "无销售"
        }
    }

    package func region(_ r: String) -> String {
        switch r {
        case "rural": return self(.rural)
        case "remote": return self(.remote)
        default: return self(.urban)
        }
    }
}
