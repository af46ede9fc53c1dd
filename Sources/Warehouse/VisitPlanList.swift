import ScorecardModel

/// The visit plans of the period and its tolerance as the field work holds them
/// (`MetricInputs.visitPlans`, SPEC §3.10) while it matches them with the visits. Packed in columns like
/// `VisitList`: 27 bytes a plan where a `VisitPlanRecord` took 56 (the bank-shaped set's month:
/// 357 000 plans beside its visits and the matching's arrays, the PostgreSQL client's peak of
/// the field work; issue 29). A record is made as it is read.
public struct VisitPlanList: RandomAccessCollection, Sendable, PackedRecords {
    private var customers = PackedIDs()
    /// The manager's position in `managers`.
    private var managerOf: [UInt32] = []
    private var managers = InternedTexts()
    private var days: [Int32] = []
    private var submitted: [Unpadded<Int>] = []

    public init() {}

    /// Room for `count` plans.
    package mutating func reserveCapacity(_ count: Int) {
        customers.reserveCapacity(count)
        managerOf.reserveCapacity(count)
        days.reserveCapacity(count)
        submitted.reserveCapacity(count)
    }

    public mutating func append(_ plan: VisitPlanRecord) {
        customers.append(plan.customerID)
        managerOf.append(UInt32(managers.position(of: plan.managerID)))
        days.append(Int32(plan.plannedDate.daysSinceEpoch))
        submitted.append(Unpadded(wrappedValue: plan.submittedAt))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { days.count }

    public subscript(i: Int) -> VisitPlanRecord {
        VisitPlanRecord(managerID: managers[Int(managerOf[i])], customerID: customers[i], plannedDate: CivilDate(daysSinceEpoch: Int(days[i])),
                        submittedAt: submitted[i].wrappedValue)
    }
}
