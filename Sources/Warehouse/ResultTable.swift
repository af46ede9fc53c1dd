/// One result table of a period as the warehouse stores it (SPEC §4.3): its name, columns and
/// rows, made as they are stored (a lazy sequence: the bank-sized set's 1.1 M customer grades
/// were 0.5 GB as one array of values). The warehouse stores it without knowing the metrics.
public struct ResultTable {
    public var name: String
    public var columns: [String]
    /// Columns the table may not have yet (configured overdue buckets, §4.3): added as numbers.
    public var addedNumberColumns: [String] = []
    public var rows: AnySequence<[(any Storable)?]>

    public init<Rows: Sequence>(_ name: String, addedNumberColumns: [String] = [], _ columns: [String], _ rows: Rows)
        where Rows.Element == [(any Storable)?] {
        self.name = name
        self.columns = columns
        self.addedNumberColumns = addedNumberColumns
        self.rows = AnySequence(rows)
    }
}

/// A value the warehouse stores: null, a whole number, a real or text.
public enum StoredValue: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// A Swift value the warehouse stores: text, whole numbers, reals, flags (as 0/1).
public protocol Storable {
    var storedValue: StoredValue { get }
}

extension String: Storable { public var storedValue: StoredValue { .text(self) } }
extension Int: Storable { public var storedValue: StoredValue { .integer(Int64(self)) } }
extension Int64: Storable { public var storedValue: StoredValue { .integer(self) } }
extension Double: Storable { public var storedValue: StoredValue { .real(self) } }
extension Bool: Storable { public var storedValue: StoredValue { .integer(self ? 1 : 0) } }

extension Optional where Wrapped == any Storable {
    public var storedValue: StoredValue { self?.storedValue ?? .null }
}
