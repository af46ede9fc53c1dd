import ScorecardModel

/// One customer's stored grade (`customer_grades`, SPEC §4.3) with the customer's name and region:
/// a row of the 客户分级 sheets, which read the grades back from the warehouse (issue 29).
public struct StoredGradeRow: Sendable {
    public var customerID: String
    public var managerID: String
    /// Nil only where a report's directory has none (the warehouse joins the customers table).
    public var name: String?
    /// Nil when none is given.
    public var region: String?
    public var grade: Grade
    public var provisional: Bool
    public var previousGrade: Grade?
    /// `grade_change` (upgrade, downgrade, same, new).
    public var change: String
    /// `grade_reason`: the reasons in English, `; ` between them.
    public var reason: String
    public var sales12m: Double
    public var profit12m: Double
    public var avgDaysLate: Double?
    public var onTimeRate: Double?

    public init(customerID: String, managerID: String, name: String?, region: String?, grade: Grade, provisional: Bool,
                previousGrade: Grade?, change: String, reason: String, sales12m: Double, profit12m: Double,
                avgDaysLate: Double?, onTimeRate: Double?) {
        self.customerID = customerID
        self.managerID = managerID
        self.name = name
        self.region = region
        self.grade = grade
        self.provisional = provisional
        self.previousGrade = previousGrade
        self.change = change
        self.reason = reason
        self.sales12m = sales12m
        self.profit12m = profit12m
        self.avgDaysLate = avgDaysLate
        self.onTimeRate = onTimeRate
    }
}
