import ScorecardModel
import ScorecardPipeline

/// A grade's reasons as `customer_grades.grade_reason` stores them, read back for the 客户分级
/// sheets, which read the grades from the warehouse (issue 29).
extension GradeReason {
    /// Between a grade's reasons in `customer_grades.grade_reason`.
    public static let storedSeparator = "; "

    /// The reason whose `description` is `text`; a downgrade's days are `averageDaysLate` (the
    /// stored text has them rounded). Nil for a text no reason writes.
    public init?(stored text: Substring, averageDaysLate: Double?) {
        if text == "no sales" {
            self = .noSales
            return
        }
        let provisional = "provisional: first activity ", downgraded = "downgraded "
        if text.hasPrefix(provisional) {
            let parts = text.dropFirst(provisional.count).split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3 else { return nil }
            self = .provisional(firstActivity: CivilDate(year: parts[0], month: parts[1], day: parts[2]))
            return
        }
        if text.hasPrefix("late payer, already C: ") {
            self = .downgraded(averageDaysLate: averageDaysLate ?? 0, from: .C)
            return
        }
        if text.hasPrefix(downgraded), let from = text.dropFirst(downgraded.count).first.flatMap({ Grade(rawValue: String($0)) }) {
            self = .downgraded(averageDaysLate: averageDaysLate ?? 0, from: from)
            return
        }
        guard let grade = text.first.flatMap({ Grade(rawValue: String($0)) }) else { return nil }
        switch text.dropFirst() {
        case " by composite score": self = .composite(grade)
        case " by sales share": self = .share(grade, .sales)
        case " by profit share": self = .share(grade, .profit)
        default: return nil
        }
    }

    /// The reasons of a stored `grade_reason`, each nil where no reason writes its text.
    public static func stored(_ text: String, averageDaysLate: Double?) -> [(text: Substring, reason: GradeReason?)] {
        guard !text.isEmpty else { return [] }
        return text.split(separator: storedSeparator, omittingEmptySubsequences: false).map {
            ($0, GradeReason(stored: $0, averageDaysLate: averageDaysLate))
        }
    }
}
