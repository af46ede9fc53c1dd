import ScorecardModel

/// Headers that may hold a column the export does not name as Scorecard knows it:
/// hints for the person mapping an unknown export (SPEC §2.6), never a mapping.
package enum HeaderCandidates {
    /// Unused headers whose words suggest `column`: 时间/日期 for dates, 金额/价/款/费
    /// for amounts, 客户/会员/账号 for a customer id, 经理/业务员 for a manager, 编号/号
    /// for an entity's own id. A header that
    /// holds one of the column's built-in Chinese headers (订单付款时间 holds 付款时间)
    /// is a strong candidate and comes first; `strongOnly` keeps only those.
    package static func `for`(_ column: ColumnSpec, header: [String], unused: [Int], strongOnly: Bool = false) -> [String] {
        let names = unused.map { header[$0] }.filter { !$0.isEmpty }
        let builtIn = ([column.chineseName] + column.aliases).filter { !$0.allSatisfy(\.isASCII) }
        let strong = names.filter { h in builtIn.contains { h.contains($0) } }
        if strongOnly { return strong }
        let words: [String]
        switch column.kind {
        case .timestamp, .date: words = dateWords
        case .money: words = ["金额", "价", "款", "额", "费", "amount", "price"]
        case .text where column.name == "customer_id": words = ["客户", "会员", "帐号", "账号", "customer", "buyer"]
        case .text where column.name == "manager_id": words = ["经理", "业务员", "销售员", "负责人", "manager"]
        case .text where column.isID: words = ["编号", "单号", "号", "id", "code"]
        default: words = []
        }
        let weak = names.filter { name in
            let h = name.lowercased()
            let dateLike = dateWords.contains { h.contains($0) }
            return words.contains { h.contains($0) } && (column.kind.isMoment || !dateLike) && !strong.contains(name)
        }
        return strong + weak
    }

    private static let dateWords = ["时间", "日期", "date", "time"]
}
