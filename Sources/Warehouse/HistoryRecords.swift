/// A manager's ranking as an earlier period's run stored it (SPEC §4.1.1, the trend).
public struct StoredRanking: Sendable, Equatable {
    public var score: Double
    public var rank: Int
    public var sales: Double
    public var coverageRate: Double?
    public var slaRate: Double?
    public var adjustedSatisfaction: Double?
    /// The optional KPIs' values as stored (the manager page's 上期 for each measure it shows).
    public var attainment: Double?
    public var collectionRate: Double?
    public var newCustomers: Double?
    public var serviceCompliance: Double?
    public var planExecutionRate: Double?

    package init(score: Double, rank: Int, sales: Double, coverageRate: Double? = nil, slaRate: Double? = nil, adjustedSatisfaction: Double? = nil,
                 attainment: Double? = nil, collectionRate: Double? = nil, newCustomers: Double? = nil, serviceCompliance: Double? = nil,
                 planExecutionRate: Double? = nil) {
        self.score = score
        self.rank = rank
        self.sales = sales
        self.coverageRate = coverageRate
        self.slaRate = slaRate
        self.adjustedSatisfaction = adjustedSatisfaction
        self.attainment = attainment
        self.collectionRate = collectionRate
        self.newCustomers = newCustomers
        self.serviceCompliance = serviceCompliance
        self.planExecutionRate = planExecutionRate
    }
}

/// A manager's name, team and whether they have left, for the reports.
public struct ManagerName: Sendable, Equatable {
    public var id: String
    public var name: String
    public var team: String?
    public var left: Bool

    package init(id: String, name: String, team: String? = nil, left: Bool) {
        self.id = id
        self.name = name
        self.team = team
        self.left = left
    }
}

/// Which latest row per customer a metric asks for (SPEC §3.3, §3.8).
public enum LatestPerCustomer: Sendable, Equatable {
    /// The latest visit of one of these types (coverage counts only them).
    case visit(types: [String])
    /// The latest survey (survey reach).
    case survey
}

/// A fact's party columns, with its time and place in the exports: what a derived master
/// list is made from (SPEC §2.7: the latest fact names a customer's manager).
public struct FactParty: Sendable {
    public var customerID: String
    public var customerName: String?
    public var managerID: String?
    public var managerName: String?
    public var team: String?
    /// The fact's instant (`Int.min` when unreadable), then its source file and line.
    public var at: Int
    public var file: String
    public var line: Int

    package init(customerID: String, customerName: String? = nil, managerID: String? = nil, managerName: String? = nil, team: String? = nil, at: Int, file: String, line: Int) {
        self.customerID = customerID
        self.customerName = customerName
        self.managerID = managerID
        self.managerName = managerName
        self.team = team
        self.at = at
        self.file = file
        self.line = line
    }
}

/// The latest instant of each event column (`entity.column`), read from the staged data.
public struct LatestEvents: Sendable {
    public let byColumn: [String: Int]

    package init(byColumn: [String: Int]) {
        self.byColumn = byColumn
    }

    /// The latest event of any kind: the default as_of (SPEC §3).
    public var any: Int? { byColumn.values.max() }
}
