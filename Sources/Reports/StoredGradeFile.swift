import Foundation
import ScorecardMetrics
import ScorecardModel
import ScorecardWarehouse

/// The 客户分级 sheet's rows (SPEC §4.1.1) as the warehouse gives them back, in the sheet's order,
/// kept in an unlinked temporary file until the sheet is written: the grades' figures are not
/// held to the end of the run (1.1 M customers: 53 MB), and the workbook's thread reads the rows
/// while the run's thread goes on with the warehouse (issue 29). Read in order, as often as needed.
/// The file is in `$TMPDIR`, as libxlsxwriter's temporary files are.
package final class StoredGradeFile: Sendable {
    private let file: TemporaryFile
    /// The rows in the file.
    package let count: Int

    /// `period`'s stored grades (`forEachStoredGrade`), `expected` of them.
    /// - Throws: the warehouse's errors; `WarehouseError.database` when they are not as many as
    ///   expected (a graded customer not in the customers table: none is left out without a word)
    ///   or a stored change is none this scorecard writes; `OutputError.cannotWrite` when the
    ///   temporary file cannot be written.
    package static func read(_ warehouse: any WarehouseSession, period: String, expected: Int) throws -> StoredGradeFile {
        let file = try TemporaryFile("scorecard-grades")
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 4096)
        var count = 0
        try warehouse.forEachStoredGrade(period: period) { row in
            guard GradeChange(rawValue: row.change) != nil else {
                throw WarehouseError.database(path: "(customer_grades)", message: "customer \(row.customerID): a stored change '\(row.change)' this scorecard does not write")
            }
            append(row, to: &buffer)
            count += 1
            if buffer.count >= 1 << 20 {
                try file.append(buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try file.append(buffer)
        guard count == expected else {
            let why = count < expected ? "a graded customer is missing from the customers table" : "a customer id is in the customers table more than once"
            throw WarehouseError.database(path: "(customer_grades)", message: "\(count) grades were read back with their customers, "
                                            + "not the period's \(expected): \(why)")
        }
        return StoredGradeFile(file: file, count: count)
    }

    private init(file: TemporaryFile, count: Int) {
        self.file = file
        self.count = count
    }

    /// The rows, read from the start.
    package var rows: Rows { Rows(file: self, managers: nil, count: count) }

    /// Rows in the file's order, read front to back (a row is never looked up by position).
    package struct Rows: Sequence, Sendable {
        fileprivate let file: StoredGradeFile
        /// Only these managers' customers' rows; nil: every row.
        fileprivate let managers: Set<String>?
        package let count: Int
        package func makeIterator() -> Reader { Reader(file.file, managers: managers) }

        /// Only the rows of `managers`' customers, `count` of them: a team's, read from the
        /// organisation's file (while its workbook may be reading it too) rather than asked of
        /// the warehouse again.
        package func only(_ managers: Set<String>, count: Int) -> Rows {
            precondition(self.managers == nil, "a team's rows are cut from all of them")
            return Rows(file: file, managers: managers, count: count)
        }
    }

    /// Reads the rows in order, 1 MiB at a time.
    package struct Reader: IteratorProtocol {
        private let file: TemporaryFile
        private let managers: Set<String>?
        private var buffer: [UInt8] = []
        private var at = 0
        private var fileOffset = 0

        fileprivate init(_ file: TemporaryFile, managers: Set<String>?) {
            self.file = file
            self.managers = managers
        }

        package mutating func next() -> StoredGradeRow? {
            while ensure(4) {
                let length = Int(buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) })
                // Written whole by this run: a record cut short is the machine's fault, not the data's.
                guard ensure(4 + length) else { preconditionFailure("the stored grades' temporary file ends inside a row") }
                let record = (at + 4)..<(at + 4 + length)
                at = record.upperBound
                let row = buffer.withUnsafeBytes { b -> StoredGradeRow? in
                    var r = RecordReader(UnsafeRawBufferPointer(rebasing: b[record]))
                    // Another manager's row is skipped by its manager id, never made whole.
                    if let managers {
                        r.skipText()
                        guard managers.contains(r.text() ?? "") else { return nil }
                        r = RecordReader(UnsafeRawBufferPointer(rebasing: b[record]))
                    }
                    return Self.decode(&r)
                }
                if let row { return row }
            }
            return nil
        }

        /// At least `n` unread bytes in the buffer, reading on from the file; false at its end.
        private mutating func ensure(_ n: Int) -> Bool {
            guard buffer.count - at < n else { return true }
            buffer.removeFirst(at)
            at = 0
            let upTo = min(file.size, fileOffset + max(n - buffer.count, 1 << 20))
            file.read(fileOffset..<upTo, appendingTo: &buffer)
            fileOffset = upTo
            return buffer.count >= n
        }

        private static func decode(_ r: inout RecordReader) -> StoredGradeRow {
            let customerID = r.text() ?? "", managerID = r.text() ?? "", name = r.text(), region = r.text()
            let change = r.text() ?? "", reason = r.text() ?? ""
            let grade = Grade(code: r.byte()) ?? .C, provisional = r.byte() != 0, previous = Grade(code: r.byte())
            let flags = r.byte()
            let sales = r.double(), profit = r.double()
            let late = flags & 1 != 0 ? r.double() : nil
            let onTime = flags & 2 != 0 ? r.double() : nil
            return StoredGradeRow(customerID: customerID, managerID: managerID, name: name, region: region, grade: grade, provisional: provisional,
                                  previousGrade: previous, change: change, reason: reason, sales12m: sales, profit12m: profit,
                                  avgDaysLate: late, onTimeRate: onTime)
        }
    }

    /// A row as a record at the end of `buffer`: its length, then its fields in `Reader.decode`'s
    /// order (written in place: nothing allocated a row).
    private static func append(_ row: StoredGradeRow, to buffer: inout [UInt8]) {
        let start = buffer.count
        buffer.appendInteger(UInt32(0))  // the length, once known
        buffer.appendText(row.customerID)
        buffer.appendText(row.managerID)
        buffer.appendText(row.name)
        buffer.appendText(row.region)
        buffer.appendText(row.change)
        buffer.appendText(row.reason)
        buffer.append(row.grade.code)
        buffer.append(row.provisional ? 1 : 0)
        buffer.append(row.previousGrade?.code ?? 255)
        buffer.append((row.avgDaysLate == nil ? 0 : 1) | (row.onTimeRate == nil ? 0 : 2))
        buffer.appendInteger(row.sales12m.bitPattern)
        buffer.appendInteger(row.profit12m.bitPattern)
        if let v = row.avgDaysLate { buffer.appendInteger(v.bitPattern) }
        if let v = row.onTimeRate { buffer.appendInteger(v.bitPattern) }
        let length = UInt32(buffer.count - start - 4).littleEndian
        buffer.withUnsafeMutableBytes { $0.storeBytes(of: length, toByteOffset: start, as: UInt32.self) }
    }
}
