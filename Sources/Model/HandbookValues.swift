/// What a target measures (SPEC §3.12).
public enum TargetKind: String, EnumValue, CaseIterable {
    case sales, collection, newCustomers = "new_customers", visits

    /// An amount of money (sales, collection), not a count.
    public var isMoney: Bool { self == .sales || self == .collection }

    public static let spellings: EnumSpellings = [
        ("sales", ["销售", "销售额", "业绩", "sales"]), ("collection", ["回款", "回款额", "收款", "collection"]),
        ("new_customers", ["新客户", "新增客户", "客户开发", "new_customers"]), ("visits", ["拜访", "拜访次数", "visits"]),
    ]
    /// The wide form's one target is a sales target.
    public static let defaultValue = "sales"
}

/// A target's level (SPEC §3.12: 目标 / 冲刺 / 挑战), lowest first.
public enum TargetTier: String, EnumValue, CaseIterable, Comparable {
    case target, stretch, challenge

    public static let spellings: EnumSpellings = [
        ("target", ["目标", "基础", "target"]), ("stretch", ["冲刺", "stretch"]), ("challenge", ["挑战", "challenge"]),
    ]
    public static let defaultValue = "target"

    public static func < (a: TargetTier, b: TargetTier) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The written work the handbooks ask for (SPEC §3.11); a pipeline may map more words to
/// kinds of its own (`inputs.submissions.values.kind`) and give them deadlines.
public enum SubmissionKind: EnumValue {
    public static let builtIn = ["daily_log", "weekly_summary", "monthly_summary", "archive"]
    public static let spellings: EnumSpellings = [
        ("daily_log", ["销售日志", "日志", "工作日志", "日报", "daily_log"]),
        ("weekly_summary", ["周总结", "周报", "工作周报", "weekly_summary"]),
        ("monthly_summary", ["月总结", "月报", "工作月报", "monthly_summary"]),
        ("archive", ["档案", "客户档案", "交车档案", "archive"]),
    ]
    /// A kind has no default: a row without one is rejected (the column is required).
    public static let defaultValue = ""
}

/// 是否完整 (SPEC §3.11): an item is complete unless the export says no.
public enum Completeness: EnumValue {
    public static let spellings = YesNo.spellings
    public static let defaultValue = "yes"
}
