import ScorecardModel

/// The period's visits as the field work holds them (`MetricInputs.visits`, SPEC §3.3, §3.8, §3.10),
/// from their read to the end of the coverage. Packed in columns: the customer id's UTF-8 one after another, the
/// manager and the type positions among the distinct ones, the optional times with a flag each;
/// a `VisitRecord` is made as it is read, without its id, which no metric reads. 51 bytes a
/// visit where a record took 104: the bank-shaped set's 593 000 visits of the period and its
/// margins were 62 MB at the PostgreSQL client's peak, beside the month's visit plans (issue 29).
public struct VisitList: RandomAccessCollection, Sendable, PackedRecords {
    private var customers = PackedIDs()
    private var managerOf: [UInt32] = []
    private var managers = InternedTexts()
    /// The type's position in `types`, with the flags of the optional values present.
    private var typeAndFlags: [UInt32] = []
    private var types = InternedTexts()
    private var starts: [Int] = []
    /// The end, the duration and the report time; meaningless where their flag is unset.
    private var ends: [Int] = []
    private var durations: [Double] = []
    private var reports: [Int] = []
    private static let hasEnd: UInt32 = 1 << 31
    private static let hasDuration: UInt32 = 1 << 30
    private static let hasReport: UInt32 = 1 << 29
    private static let typeMask: UInt32 = (1 << 29) - 1

    public init() {}

    /// Room for `count` visits.
    package mutating func reserveCapacity(_ count: Int) {
        customers.reserveCapacity(count)
        managerOf.reserveCapacity(count)
        typeAndFlags.reserveCapacity(count)
        starts.reserveCapacity(count)
        ends.reserveCapacity(count)
        durations.reserveCapacity(count)
        reports.reserveCapacity(count)
    }

    public mutating func append(_ visit: VisitRecord) {
        customers.append(visit.customerID)
        managerOf.append(UInt32(managers.position(of: visit.managerID)))
        let type = types.position(of: visit.type)
        precondition(type <= Int(Self.typeMask), "more visit types than a visit list holds")
        var flags = UInt32(type)
        if visit.end != nil { flags |= Self.hasEnd }
        if visit.durationMinutes != nil { flags |= Self.hasDuration }
        if visit.reportAt != nil { flags |= Self.hasReport }
        typeAndFlags.append(flags)
        starts.append(visit.start)
        ends.append(visit.end ?? 0)
        durations.append(visit.durationMinutes ?? 0)
        reports.append(visit.reportAt ?? 0)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { starts.count }

    public subscript(i: Int) -> VisitRecord {
        let flags = typeAndFlags[i]
        return VisitRecord(id: "", managerID: managers[Int(managerOf[i])], customerID: customerID(at: i), start: starts[i],
                           end: flags & Self.hasEnd != 0 ? ends[i] : nil,
                           durationMinutes: flags & Self.hasDuration != 0 ? durations[i] : nil,
                           type: types[Int(flags & Self.typeMask)], reportAt: flags & Self.hasReport != 0 ? reports[i] : nil)
    }

    /// The customer id of the visit at `i`, without making the rest of its record.
    public func customerID(at i: Int) -> String { customers[i] }
}
