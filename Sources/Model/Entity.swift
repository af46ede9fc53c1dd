import Foundation

/// The entities a CRM export holds (SPEC §2.2), in load order: master lists first
/// so that the referential checks of the others can see them.
public enum Entity: String, CaseIterable, Sendable, Codable {
    case managers, customers, orders, visits, complaints, surveys
    case serviceRequests = "service_requests", visitPlans = "visit_plans"
    case targets
    /// Written work handed in (SPEC §3.11): daily logs, weekly and monthly summaries, archives.
    case submissions
    /// The organisation (SPEC §4.4): teams in a tree of any depth, loaded last (nothing is
    /// checked against it; managers name their team).
    case teams

    /// Default file pattern in the input folder (SPEC §2: `orders*.csv`, …).
    public var defaultPattern: String { "\(rawValue)*.csv" }

    /// Targets (SPEC §3.5, §3.12), service requests (§3.9), visit plans (§3.10), submissions
    /// (§3.11) and teams (§4.4) are optional; every other entity is expected.
    public var isOptional: Bool { [.targets, .serviceRequests, .visitPlans, .submissions, .teams].contains(self) }

    public var idColumn: String { columns[0].name }

    public var columns: [ColumnSpec] {
        switch self {
        case .managers:
            return [
                .init("manager_id", "经理编号", .text, required: true, aliases: managerIDAliases),
                .init("name", "姓名", .text, required: true, aliases: ["经理姓名", "员工姓名", "full_name", "employee_name", "rep_name", "staff_name"]),
                .init("team", "小组", .text, aliases: ["团队", "team_name"]),
                .init("status", "状态", .choice(ManagerStatus.self)),
                .init("hire_date", "入职日期", .date),
                // Urban or rural: the daily visit quota (SPEC §3.10).
                .init("territory", "片区", .choice(Territory.self), aliases: ["区域类型"]),
            ]
        case .customers:
            return [
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("name", "客户名称", .text, required: true, aliases: ["customer_name", "client_name", "company", "company_name", "account_name"]),
                .init("manager_id", "经理编号", .text, required: true, aliases: managerIDAliases),
                .init("region", "区域", .choice(Region.self)),
                .init("since", "合作开始日期", .date),
                .init("segment", "客户类型", .text),
            ]
        case .orders:
            return [
                .init("order_id", "订单编号", .text, required: true,
                      aliases: ["订单号", "单号", "单据编号", "order_number", "order_no", "po_number", "po_no", "invoice_number", "invoice_no", "so_number"]),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                // Most real order exports have no manager column: the customer's manager (SPEC §2.2).
                .init("manager_id", "经理编号", .text, aliases: managerIDAliases),
                .init("order_date", "下单日期", .timestamp, required: true,
                      aliases: ["下单时间", "订单日期", "创建时间", "成交时间", "order_time", "po_date", "invoice_date", "created_at", "created_date"]),
                .init("amount", "金额", .money, required: true,
                      aliases: ["订单金额", "实付金额", "成交金额", "销售额", "total", "total_amount", "order_total", "grand_total", "sales_amount"]),
                .init("cost", "成本", .money),
                .init("due_date", "应收日期", .date, isPlan: true),
                .init("paid_date", "回款日期", .date, aliases: ["付款日期", "付款时间", "收款日期", "回款时间"]),
                .init("status", "状态", .choice(OrderStatus.self), aliases: ["订单状态", "交易状态"]),
                .init("currency", "币种", .currency, aliases: ["货币", "币别"]),
                // Line items and prices instead of an amount (SPEC §2.7): amount = quantity × unit_price.
                .init("quantity", "数量", .number, aliases: ["件数", "qty"]),
                .init("unit_price", "单价", .money, aliases: ["销售单价", "unit price"]),
                .init("unit_cost", "成本单价", .money, aliases: ["成本价", "unit cost"]),
            ] + Self.derivingColumns
        case .visits:
            return [
                .init("visit_id", "拜访编号", .text, required: true, aliases: ["call_id", "activity_id"]),
                .init("manager_id", "经理编号", .text, required: true, aliases: managerIDAliases),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("visit_start", "拜访开始时间", .timestamp, required: true, aliases: ["拜访日期", "拜访时间", "签到时间", "visit_date", "call_date", "check_in"]),
                .init("visit_end", "拜访结束时间", .timestamp, aliases: ["签退时间", "check_out"]),
                .init("duration_min", "时长(分钟)", .number, aliases: ["时长", "duration", "duration_minutes"]),
                .init("type", "拜访方式", .choice(VisitType.self), aliases: ["拜访类型"]),
                .init("report_submitted_at", "报告提交时间", .timestamp),
            ] + Self.derivingColumns
        case .complaints:
            return [
                .init("complaint_id", "投诉编号", .text, required: true,
                      aliases: ["工单号", "工单编号", "投诉单号", "ticket_id", "ticket_number", "ticket_no", "case_id", "case_number"]),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("manager_id", "经理编号", .text),
                .init("received_at", "受理时间", .timestamp, required: true, aliases: ["投诉时间", "受理日期", "created", "created_at", "created_date", "created_time", "opened_at"]),
                .init("first_response_at", "首次响应时间", .timestamp, aliases: ["首次回复时间", "响应时间", "first_reply_at"]),
                .init("escalated_at", "上报时间", .timestamp, aliases: ["升级时间"]),
                .init("resolved_at", "结案时间", .timestamp, aliases: ["处理完成时间", "办结时间", "解决时间", "完成时间", "closed_at", "closed_date", "solved_at"]),
                .init("severity", "严重程度", .choice(Severity.self), aliases: ["投诉级别", "严重等级", "紧急程度"]),
                .init("category", "类别", .text, aliases: ["投诉类型", "投诉类别", "问题类型"]),
                .init("channel", "渠道", .text, aliases: ["受理渠道", "投诉渠道"]),
                .init("follow_up_at", "回访时间", .timestamp, aliases: ["回访日期"]),
                .init("follow_up_type", "回访方式", .choice(FollowUpType.self)),
            ] + Self.derivingColumns
        case .surveys:
            return [
                .init("survey_id", "问卷编号", .text, required: true, aliases: ["rating_id", "review_id", "response_id", "feedback_id"]),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("manager_id", "经理编号", .text),
                .init("surveyed_at", "调查日期", .timestamp, required: true, aliases: ["评价时间", "调查时间", "rated_at", "reviewed_at", "review_date"]),
                .init("overall", "总体满意度", .score(1...5), aliases: ["满意度", "评分", "rating", "satisfaction_rating", "overall_rating", "stars"]),
                .init("nps", "推荐意愿", .score(0...10)),
                .init("comment", "意见", .text, aliases: ["评价内容", "review_text", "comments", "feedback"]),
            ] + Self.derivingColumns
        case .serviceRequests:
            return [
                .init("request_id", "服务单号", .text, required: true, aliases: ["报修单号", "维修单号", "服务单编号", "request_number", "unique_key", "service_request_id"]),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("manager_id", "经理编号", .text),
                .init("reported_at", "报修时间", .timestamp, required: true, aliases: ["报修日期", "报事时间", "created_date", "reported_date"]),
                .init("category", "维修类别", .text, aliases: ["报修类别", "维修类型", "报修类型", "complaint_type", "request_type"]),
                .init("completed_at", "完工时间", .timestamp, aliases: ["维修完成时间", "完工日期", "closed_date"]),
                .init("follow_up_at", "回访时间", .timestamp, aliases: ["回访日期"]),
                .init("follow_up_role", "回访人岗位", .choice(FollowUpRole.self), aliases: ["回访人职务", "回访岗位"]),
                .init("problem_found", "发现问题", .choice(YesNo.self), aliases: ["回访发现问题"]),
                .init("notice_at", "整改通知时间", .timestamp, aliases: ["书面通知时间"]),
            ] + Self.derivingColumns
        case .visitPlans:
            return [
                .init("manager_id", "经理编号", .text, required: true),
                .init("customer_id", "客户编号", .text, required: true, aliases: customerIDAliases),
                .init("planned_date", "计划拜访日期", .date, required: true, isPlan: true, aliases: ["计划日期"]),
                .init("submitted_at", "计划提交时间", .timestamp, aliases: ["提交时间"]),
            ] + Self.derivingColumns
        case .targets:
            // Long form (SPEC §3.12): a manager's or a team's target of one kind and tier. The wide
            // form (manager_id, period, sales_target) reads as kind sales, tier target (the defaults).
            return [
                .init("period", "期间", .period, required: true, aliases: ["目标期间", "考核期间"]),
                .init("manager_id", "经理编号", .text),
                .init("team", "小组", .text, aliases: ["团队", "部门", "机构"]),
                .init("kind", "指标", .choice(TargetKind.self), aliases: ["目标类型", "指标类型"]),
                .init("tier", "档位", .choice(TargetTier.self), aliases: ["目标档位", "级别"]),
                .init("target", "目标值", .money, required: true, aliases: ["sales_target", "销售目标", "目标", "目标金额", "目标额"]),
            ]
        case .submissions:
            // SPEC §3.11: `covers` is the day, ISO week or month the item covers, or an archive's deal date.
            return [
                .init("manager_id", "经理编号", .text, required: true, aliases: managerIDAliases),
                .init("kind", "类型", .choice(SubmissionKind.self), required: true, aliases: ["上交类型", "材料类型", "报告类型"]),
                .init("covers", "所属期", .covered, required: true, aliases: ["所属日期", "所属周", "所属月", "交车日期", "成交日期"]),
                .init("item", "单号", .text, aliases: ["订单编号", "订单号", "车架号"]),
                .init("submitted_at", "提交时间", .timestamp, aliases: ["上交时间", "提交日期", "上交日期"]),
                .init("complete", "是否完整", .choice(Completeness.self), aliases: ["完整"]),
            ]
        case .teams:
            // 团队 → 支行 → 分行 → 总行: `parent` names the team one level up (SPEC §4.4).
            return [
                .init("team", "小组", .text, required: true, aliases: ["团队", "团队编号", "小组编号", "部门编号", "机构编号", "team_id"]),
                .init("name", "名称", .text, aliases: ["团队名称", "小组名称", "部门名称", "机构名称", "team_name"]),
                .init("parent", "上级", .text, aliases: ["上级团队", "上级部门", "上级机构", "parent_team"]),
                .init("supervisor", "主管", .text, aliases: ["负责人", "主管姓名", "leader"]),
                .init("email", "邮箱", .text, aliases: ["电子邮箱", "邮件", "e-mail", "mail"]),
                // An IM group robot's URL: it carries a token, kept masked in the warehouse (SPEC §4.5).
                .init("webhook", "机器人", .text, aliases: ["机器人地址", "群机器人", "webhook_url", "robot"]),
            ]
        }
    }

    /// What every fact may carry for derived master lists (SPEC §2.7): the customer's name,
    /// the manager's name and team as the fact's export gives them.
    package static let derivingColumns: [ColumnSpec] = [
        .init("customer_name", "客户名称", .text, aliases: ["客户姓名", "customer name"]),
        .init("manager_name", "经理姓名", .text, aliases: ["经理名称", "manager name"]),
        .init("team", "小组", .text, aliases: ["团队", "team name"]),
    ]

    /// The facts: entities whose rows name a customer (SPEC §2.7: they derive master lists).
    public var isFact: Bool { ![.managers, .customers, .targets, .teams, .submissions].contains(self) }

    /// Extra headers for a customer id (SPEC §2.5, §2.7: CRM and ERP exports in English too).
    private var customerIDAliases: [String] { ["客户编码", "客户ID", "客户代码", "customer", "customer_number", "customer_no", "client_id", "account_id", "buyer_id"] }

    /// Extra headers for a manager's id: the reps and salespeople of English CRM exports.
    private var managerIDAliases: [String] { ["rep_id", "sales_rep_id", "employee_id", "staff_id", "salesperson_id"] }

    /// Words of a file's name that say which entity it holds (SPEC §2.7: `inspect` places every
    /// file), most specific first: 拜访计划 before 拜访, 客户投诉 is a complaint list, 客户经理 a manager list.
    public static let nameWords: [(Entity, [String])] = [
        (.visitPlans, ["拜访计划", "visit_plan", "visit plan"]),
        (.submissions, ["上交", "提交记录", "工作日志", "销售日志", "submission"]),
        (.serviceRequests, ["报修", "维修", "service_request", "service request", "repair"]),
        (.complaints, ["投诉", "工单", "complaint", "ticket"]),
        (.surveys, ["评价", "评论", "问卷", "满意度", "survey", "rating", "review", "feedback"]),
        (.visits, ["拜访", "走访", "visit"]),
        (.orders, ["订单", "销售", "发货", "order", "sales", "purchase", "invoice", "shipping", "shipment"]),
        (.targets, ["目标", "target"]),
        (.managers, ["经理", "员工", "业务员", "manager", "employee", "staff", "reps"]),
        (.teams, ["团队", "小组", "组织架构", "部门", "team", "organisation", "organization"]),
        (.customers, ["客户", "customer", "client"]),
    ]

    /// The entity a file's name says it holds, nil when it says none.
    public static func byName(_ file: String) -> Entity? {
        let name = ((file as NSString).deletingPathExtension).lowercased()
        return nameWords.first { _, words in words.contains { name.contains($0) } }?.0
    }

    /// The events that decide the default period (SPEC §2.7): orders, visits, complaints,
    /// surveys, service requests and visit plans, by their own date.
    public static let periodEvents: [(Entity, String)] = [(.orders, "order_date"), (.visits, "visit_start"), (.complaints, "received_at"),
                                                          (.surveys, "surveyed_at"), (.serviceRequests, "reported_at"), (.visitPlans, "planned_date")]

    /// The entity's own date among `periodEvents` (its rows per day choose the default period); nil
    /// for the master lists and the other exports.
    public var periodEventColumn: String? { Self.periodEvents.first { $0.0 == self }?.1 }

    /// The columns holding events: every date and time but a plan (`due_date`,
    /// `planned_date`). The latest of them is the default as_of (SPEC §3).
    public var eventColumns: [Int] {
        columns.indices.filter { i in
            switch columns[i].kind {
            case .timestamp, .date: return !columns[i].isPlan
            default: return false
            }
        }
    }

    /// Columns that make a row's key (targets by period, manager or team, kind and tier; a
    /// submission by manager, kind, covered period and item; a visit plan by manager,
    /// customer and planned date). A key column that is not required is '' when empty.
    public var keyColumns: [String] {
        switch self {
        // A target's manager or team is '' when the row names the other (never NULL: a key).
        case .targets: return ["period", "manager_id", "team", "kind", "tier"]
        case .submissions: return ["manager_id", "kind", "covers", "item"]
        case .visitPlans: return ["manager_id", "customer_id", "planned_date"]
        default: return [idColumn]
        }
    }
}

/// One column of an entity: canonical English name, Chinese alias, value kind.
public struct ColumnSpec: Sendable {
    public enum Kind: Sendable {
        case text
        case timestamp
        case date
        case money
        /// A plain non-negative number (a duration in minutes, a quantity).
        case number
        case score(ClosedRange<Int>)
        case choice(any EnumValue.Type)
        case period
        /// What a submission covers (SPEC §3.11): a day or deal date (`2026-10-05`), an ISO week
        /// (`2026-W41`) or a month (`2026-10`); anything else is rejected, not skipped later.
        case covered
        /// A currency code (`CNY`, `USD`; 人民币, 美元): orders in another currency are
        /// converted by the pipeline's `fx` or rejected (SPEC §2.5).
        case currency
    }

    public let name: String
    public let chineseName: String
    public let kind: Kind
    public let required: Bool
    /// A plan, not an event (`due_date`): exempt from the "in the future" check (SPEC §3).
    public let isPlan: Bool
    /// More headers that mean this column (SPEC §2.5), after the name and `chineseName`.
    public let aliases: [String]

    public init(_ name: String, _ chineseName: String, _ kind: Kind, required: Bool = false, isPlan: Bool = false,
                aliases: [String] = []) {
        self.name = name
        self.chineseName = chineseName
        self.kind = kind
        self.required = required
        self.isPlan = isPlan
        self.aliases = aliases
    }

    /// What the metrics take when an export has no such column, for the optional
    /// columns whose absence changes a report (SPEC §3): `inspect` says so and drafts a
    /// TODO for them. nil for the others.
    public var whenAbsent: String? {
        switch name {
        case "status": return canonicalValues?.contains("refunded") == true ? "every order counts as a completed sale" : nil
        case "paid_date": return "no order counts as paid"
        case "due_date": return "no order has payment terms, so none is late"
        case "type": return "every visit counts as on site"
        case "visit_end": return "no visit has a duration (unless duration_min is there)"
        case "report_submitted_at": return "every visit report counts as missing"
        case "first_response_at": return "every complaint counts as unanswered"
        case "resolved_at": return "every complaint counts as unresolved"
        case "severity": return "no complaint counts as major"
        case "escalated_at": return "no major complaint counts as escalated"
        case "follow_up_at": return "no complaint counts as followed up"
        case "overall": return "no survey has a satisfaction score"
        default: return nil
        }
    }

    /// Every built-in header for this column, in order of preference.
    public var headers: [String] { [name, chineseName] + aliases }

    /// A robot's webhook URL (SPEC §4.5): staged masked (`SecretURL`).
    public var isSecret: Bool { name == "webhook" }

    /// An id (`order_id`, `customer_id`, …): trimmed, placeholders are empty, and a
    /// value in scientific notation is Excel's damage (SPEC §2.5).
    public var isID: Bool {
        if case .text = kind { return name.hasSuffix("_id") }
        return false
    }

    /// Names, comments, categories: a quoted value keeps its inner spaces (RFC 4180,
    /// SPEC §2.1) and placeholders like `-` are taken as written.
    public var isFreeText: Bool {
        if case .text = kind { return !isID }
        return false
    }

    /// The canonical values of an enumerated column; nil for any other column.
    public var canonicalValues: [String]? {
        if case .choice(let type) = kind { return type.spellings.map(\.canonical) }
        return nil
    }
}

public typealias EnumSpellings = [(canonical: String, aliases: [String])]

/// An enumerated column: canonical English values, Chinese synonyms, a default.
public protocol EnumValue: Sendable {
    /// Canonical value → accepted spellings (compared case-insensitively).
    static var spellings: EnumSpellings { get }
    static var defaultValue: String { get }
}

public enum ManagerStatus: EnumValue {
    public static let spellings: EnumSpellings = [("active", ["在职", "active"]), ("left", ["离职", "left", "inactive"])]
    public static let defaultValue = "active"
}

public enum Region: EnumValue {
    public static let spellings: EnumSpellings = [("urban", ["城区", "城市", "urban"]), ("rural", ["农村", "rural"]), ("remote", ["外埠", "remote"])]
    public static let defaultValue = "urban"
}

public enum OrderStatus: EnumValue {
    public static let spellings: EnumSpellings = [
        // The common ERP and e-commerce words too (SPEC §2.5).
        ("completed", ["已完成", "完成", "交易成功", "已成交", "completed"]),
        ("cancelled", ["已取消", "取消", "交易关闭", "已关闭", "cancelled", "canceled"]),
        ("refunded", ["已退款", "退款", "退款成功", "退货", "refunded"]),
        // Not yet a sale (SPEC §2.7): loaded, never in sales, grading, ranking or receivables
        // until a later export says it is completed.
        ("open", ["未完成", "待付款", "待发货", "已发货", "未结算", "处理中", "进行中", "pending", "processing", "backordered", "open"]),
    ]
    public static let defaultValue = "completed"
}

public enum VisitType: EnumValue {
    public static let spellings: EnumSpellings = [
        ("on_site", ["上门", "现场", "上门拜访", "实地拜访", "on_site", "on-site", "onsite"]), ("phone", ["电话", "电话拜访", "phone"]),
        ("online", ["线上", "视频", "视频拜访", "线上拜访", "online"]),
    ]
    public static let defaultValue = "on_site"
}

public enum Severity: EnumValue {
    public static let spellings: EnumSpellings = [("normal", ["一般", "普通", "normal"]), ("major", ["重大", "严重", "major"])]
    public static let defaultValue = "normal"
}

public enum FollowUpType: EnumValue {
    public static let spellings: EnumSpellings = [("on_site", ["上门", "现场", "上门回访", "on_site", "on-site", "onsite"]), ("phone", ["电话", "电话回访", "phone"])]
    /// Follow-up type has no default: empty stays empty.
    public static let defaultValue = ""
}

/// A manager's territory (片区): the daily visit quota differs (SPEC §3.10).
public enum Territory: EnumValue {
    public static let spellings: EnumSpellings = [("urban", ["城区", "城市", "市区", "urban"]), ("rural", ["农村", "乡镇", "rural"])]
    public static let defaultValue = "urban"
}

/// Who followed up a repair (SPEC §3.9).
public enum FollowUpRole: EnumValue {
    public static let spellings: EnumSpellings = [
        ("director", ["主任", "director"]), ("administrator", ["管理员", "administrator", "admin"]),
        ("repair_lead", ["维修负责人", "维修主管", "维修组长", "repair_lead", "repair lead"]),
    ]
    /// No follow-up, no role: empty stays empty.
    public static let defaultValue = ""
}

/// 是/否.
public enum YesNo: EnumValue {
    public static let spellings: EnumSpellings = [("yes", ["是", "有", "yes", "y", "true", "1"]), ("no", ["否", "无", "no", "n", "false", "0"])]
    public static let defaultValue = "no"
}

extension ColumnSpec.Kind {
    /// A date or a date-time.
    package var isMoment: Bool {
        switch self {
        case .timestamp, .date: return true
        default: return false
        }
    }
}
