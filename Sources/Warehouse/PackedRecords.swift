/// A list that packs its records as they are appended and makes each again as it is read
/// (`VisitList`, `VisitPlanList`): made from records, or from an array literal in tests.
public protocol PackedRecords: ExpressibleByArrayLiteral where ArrayLiteralElement == Record {
    associatedtype Record
    init()
    mutating func append(_ record: Record)
}

extension PackedRecords {
    public init(_ records: some Sequence<Record>) {
        self.init()
        for record in records { append(record) }
    }

    public init(arrayLiteral records: Record...) { self.init(records) }
}
