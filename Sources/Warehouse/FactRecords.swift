import ScorecardModel

/// The staged facts a period's metrics read (SPEC §2.2, §3), as the warehouse gives them:
/// times are instants (seconds since the epoch), dates are local days. Tests build them by hand.

public struct ManagerRecord: Sendable, Equatable {
    public var id: String
    /// `active`; otherwise the manager has left (SPEC §2.2).
    public var active: Bool
    public var team: String?
    /// `urban` or `rural`: the daily visit quota (SPEC §3.10).
    public var territory: String
    /// `hire_date`: written work is owed from it on (SPEC §3.11).
    public var hireDate: CivilDate?

    public init(id: String, active: Bool, team: String? = nil, territory: String = Territory.defaultValue, hireDate: CivilDate? = nil) {
        self.id = id
        self.active = active
        self.team = team
        self.territory = territory
        self.hireDate = hireDate
    }
}

/// A repair or service request (SPEC §3.9).
public struct ServiceRequestRecord: Sendable, Equatable {
    public var id: String
    public var customerID: String
    public var managerID: String
    public var reportedAt: Int
    public var category: String?
    public var completedAt: Int?
    public var followUpAt: Int?
    public var followUpRole: String?
    public var problemFound: Bool
    public var noticeAt: Int?

    package init(id: String, customerID: String, managerID: String, reportedAt: Int, category: String? = nil, completedAt: Int? = nil, followUpAt: Int? = nil, followUpRole: String? = nil, problemFound: Bool, noticeAt: Int? = nil) {
        self.id = id
        self.customerID = customerID
        self.managerID = managerID
        self.reportedAt = reportedAt
        self.category = category
        self.completedAt = completedAt
        self.followUpAt = followUpAt
        self.followUpRole = followUpRole
        self.problemFound = problemFound
        self.noticeAt = noticeAt
    }
}

/// A planned visit (SPEC §3.10).
public struct VisitPlanRecord: Sendable, Equatable {
    public var managerID: String
    public var customerID: String
    /// The planned day in days since the epoch: 56 bytes a plan rather than 72 (a `CivilDate` is
    /// three integers; the bank-shaped set's month reads 357 k plans beside its visits, issue 29).
    private var plannedDay: Int32
    public var submittedAt: Int?

    public var plannedDate: CivilDate {
        get { CivilDate(daysSinceEpoch: Int(plannedDay)) }
        set { plannedDay = Int32(newValue.daysSinceEpoch) }
    }

    package init(managerID: String, customerID: String, plannedDate: CivilDate, submittedAt: Int? = nil) {
        self.managerID = managerID
        self.customerID = customerID
        plannedDay = Int32(plannedDate.daysSinceEpoch)
        self.submittedAt = submittedAt
    }
}

/// A customer's latest visits by as_of, of any type and of a counting type (SPEC §3.3).
public struct LastVisitsRecord: Sendable, Equatable {
    public var any: Int?
    public var counting: Int?

    public init(any: Int? = nil, counting: Int? = nil) {
        self.any = any
        self.counting = counting
    }
}

public struct CustomerRecord: Sendable, Equatable {
    public var id: String
    public var managerID: String
    public var remote: Bool
    /// `since` in days since the epoch, `Int32.min` when unknown: 40 bytes a customer rather
    /// than 64 (1.1 M customers, issue 10).
    private var sinceDay: Int32

    public var since: CivilDate? {
        get { sinceDay == .min ? nil : CivilDate(daysSinceEpoch: Int(sinceDay)) }
        set { sinceDay = newValue.map { Int32($0.daysSinceEpoch) } ?? .min }
    }

    public init(id: String, managerID: String, remote: Bool = false, since: CivilDate? = nil) {
        self.id = id
        self.managerID = managerID
        self.remote = remote
        sinceDay = since.map { Int32($0.daysSinceEpoch) } ?? .min
    }
}

public struct OrderRecord: Sendable, Equatable {
    public var customerID: String
    public var managerID: String
    public var at: Int
    public var amount: Double
    public var cost: Double?
    public var dueDate: CivilDate?
    public var paidDate: CivilDate?
    public var completed: Bool
    /// Status `open` (SPEC §2.7): not yet a sale, counted per manager.
    public var open = false

    package init(customerID: String, managerID: String, at: Int, amount: Double, cost: Double? = nil, dueDate: CivilDate? = nil, paidDate: CivilDate? = nil, completed: Bool, open: Bool = false) {
        self.customerID = customerID
        self.managerID = managerID
        self.at = at
        self.amount = amount
        self.cost = cost
        self.dueDate = dueDate
        self.paidDate = paidDate
        self.completed = completed
        self.open = open
    }
}

public struct ComplaintRecord: Sendable, Equatable {
    public var id: String
    public var customerID: String
    public var managerID: String
    public var receivedAt: Int
    public var firstResponseAt: Int?
    public var escalatedAt: Int?
    public var resolvedAt: Int?
    public var major: Bool
    public var category: String?
    public var followUpAt: Int?
    public var followUpOnSite: Bool

    package init(id: String, customerID: String, managerID: String, receivedAt: Int, firstResponseAt: Int? = nil, escalatedAt: Int? = nil, resolvedAt: Int? = nil, major: Bool, category: String? = nil, followUpAt: Int? = nil, followUpOnSite: Bool) {
        self.id = id
        self.customerID = customerID
        self.managerID = managerID
        self.receivedAt = receivedAt
        self.firstResponseAt = firstResponseAt
        self.escalatedAt = escalatedAt
        self.resolvedAt = resolvedAt
        self.major = major
        self.category = category
        self.followUpAt = followUpAt
        self.followUpOnSite = followUpOnSite
    }
}

/// The optional times are `@Unpadded`: 96 bytes a visit, not 120 (the bank-sized set's
/// month: ~0.5 M visits, issue 10).
public struct VisitRecord: Sendable, Equatable {
    public var id: String
    public var managerID: String
    public var customerID: String
    public var start: Int
    @Unpadded public var end: Int?
    @Unpadded public var durationMinutes: Double?
    public var type: String
    @Unpadded public var reportAt: Int?

    package init(id: String, managerID: String, customerID: String, start: Int, end: Int? = nil, durationMinutes: Double? = nil, type: String, reportAt: Int? = nil) {
        self.id = id
        self.managerID = managerID
        self.customerID = customerID
        self.start = start
        self.end = end
        self.durationMinutes = durationMinutes
        self.type = type
        self.reportAt = reportAt
    }
}

public struct SurveyRecord: Sendable, Equatable {
    public var id: String
    public var customerID: String
    public var managerID: String
    public var at: Int
    public var overall: Int?
    public var nps: Int?
    public var comment: String?
    public var dimensions: [String: Int]

    package init(id: String, customerID: String, managerID: String, at: Int, overall: Int? = nil, nps: Int? = nil, comment: String? = nil, dimensions: [String: Int]) {
        self.id = id
        self.customerID = customerID
        self.managerID = managerID
        self.at = at
        self.overall = overall
        self.nps = nps
        self.comment = comment
        self.dimensions = dimensions
    }
}

/// A team of the organisation (SPEC §4.4): `parent` is the team one level up.
public struct TeamRecord: Sendable, Equatable {
    public var id: String
    public var name: String?
    public var parent: String?
    public var supervisor: String?
    public var email: String?

    public init(id: String, name: String? = nil, parent: String? = nil, supervisor: String? = nil, email: String? = nil) {
        self.id = id
        self.name = name
        self.parent = parent
        self.supervisor = supervisor
        self.email = email
    }
}

/// One staged target (SPEC §3.12): a manager's or a team's (the other is ''), of a kind and tier.
public struct TargetRecord: Sendable, Equatable {
    public var period: String
    public var managerID: String
    public var team: String
    public var kind: TargetKind
    public var tier: TargetTier
    public var target: Double

    public init(period: String, managerID: String = "", team: String = "", kind: TargetKind = .sales, tier: TargetTier = .target, target: Double) {
        self.period = period
        self.managerID = managerID
        self.team = team
        self.kind = kind
        self.tier = tier
        self.target = target
    }
}

/// One staged submission of written work (SPEC §3.11), `covers` as the export wrote it.
public struct SubmissionRecord: Sendable, Equatable {
    public var managerID: String
    public var kind: String
    public var covers: String
    public var item: String
    public var submittedAt: Int?
    public var complete: Bool

    public init(managerID: String, kind: String, covers: String, item: String = "", submittedAt: Int? = nil, complete: Bool = true) {
        self.managerID = managerID
        self.kind = kind
        self.covers = covers
        self.item = item
        self.submittedAt = submittedAt
        self.complete = complete
    }
}

/// A completed order as a deal an archive is owed for (SPEC §3.11 `archive_per_order`).
public struct DealRecord: Sendable, Equatable {
    public var orderID: String
    public var managerID: String
    public var date: CivilDate

    public init(orderID: String, managerID: String, date: CivilDate) {
        self.orderID = orderID
        self.managerID = managerID
        self.date = date
    }
}
