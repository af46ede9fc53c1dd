import ScorecardModel

/// The period's visits as the field work holds them (`MetricInputs.visits`, SPEC §3.3, §3.8, §3.10),
/// from their read to the end of the coverage. Packed in columns: the customer id's UTF-8 one after another, the
/// manager and the type positions among the distinct ones, the optional values `Unpadded`;
/// a `VisitRecord` is made as it is read, without its id, which no metric reads. 51 bytes a
/// visit where a record took 104: the bank-shaped set's 593 000 visits of the period and its
/// margins were 62 MB at the PostgreSQL client's peak, beside the month's visit plans (issue 29).
public struct VisitList: RandomAccessCollection, Sendable, PackedRecords {
    private var customers = PackedIDs()
    private var managerOf: [UInt32] = []
    private var managers = InternedTexts()
    /// The type's position in `types`.
    private var typeOf: [UInt32] = []
    private var types = InternedTexts()
    private var starts: [Int] = []
    private var ends: [Unpadded<Int>] = []
    private var durations: [Unpadded<Double>] = []
    private var reports: [Unpadded<Int>] = []

    public init() {}

    /// Room for `count` visits.
    package mutating func reserveCapacity(_ count: Int) {
        customers.reserveCapacity(count)
        managerOf.reserveCapacity(count)
        typeOf.reserveCapacity(count)
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
        durations.reserveCapacity(count)
        reports.reserveCapacity(count)
    }

    public mutating func append(_ visit: VisitRecord) {
        customers.append(visit.customerID)
        managerOf.append(UInt32(managers.position(of: visit.managerID)))
        typeOf.append(UInt32(types.position(of: visit.type)))
        starts.append(visit.start)
        ends.append(Unpadded(wrappedValue: visit.end))
        durations.append(Unpadded(wrappedValue: visit.durationMinutes))
        reports.append(Unpadded(wrappedValue: visit.reportAt))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count }

    public subscript(i: Int) -> VisitRecord {
        VisitRecord(id: "", managerID: managers[Int(managerOf[i])], customerID: customerID(at: i), start: starts[i],
                    end: ends[i].wrappedValue, durationMinutes: durations[i].wrappedValue, type: types[Int(typeOf[i])],
                    reportAt: reports[i].wrappedValue)
    }

    /// The customer id of the visit at `i`, without making the rest of its record.
    public func customerID(at i: Int) -> String { customers[i] }
}
