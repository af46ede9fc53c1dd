import ScorecardModel

/// A period's name as the reports write it, in their language (the reports' titles and the
/// ledger's facts alike).
extension Period {
    /// `2026年10月`, `2026年10月上半月`, `2026年第43周`, `2026年第4季度`, `2026年`; in English
    /// `October 2026`, `1st half of October 2026`, `week 43 of 2026`, `Q4 2026`, `2026` (SPEC §4.1.1).
    public func title(_ language: PipelineConfig.Language) -> String {
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        let y = start.year, m = start.month
        switch kind {
        case .year: return language == .en ? "\(y)" : "\(y)年"
        case .quarter: return language == .en ? "Q\((m - 1) / 3 + 1) \(y)" : "\(y)年第\((m - 1) / 3 + 1)季度"
        case .month: return language == .en ? "\(months[m - 1]) \(y)" : "\(y)年\(m)月"
        case .halfMonth:
            let first = start.day == 1
            return language == .en ? "\(first ? "1st" : "2nd") half of \(months[m - 1]) \(y)" : "\(y)年\(m)月\(first ? "上" : "下")半月"
        case .week:
            let (isoYear, week) = Period.isoWeek(of: start)
            return language == .en ? "week \(week) of \(isoYear)" : "\(isoYear)年第\(week)周"
        }
    }
}
