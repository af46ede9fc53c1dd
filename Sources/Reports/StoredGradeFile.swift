import Foundation
import ScorecardModel
import ScorecardWarehouse

/// The 客户分级 sheet's rows (SPEC §4.1.1) as the warehouse gives them back, in the sheet's order,
/// kept in an unlinked temporary file until the sheet is written: the grades' figures are not
/// held to the end of the run (1.1 M customers: 53 MB), and the workbook's thread reads the rows
/// while the run's thread goes on with the warehouse (issue 29). Read in order, as often as needed.
/// The file is in `$TMPDIR`, as libxlsxwriter's temporary files are.
package final class StoredGradeFile: Sendable {
    private let descriptor: Int32
    private let size: Int
    /// The rows in the file.
    package let count: Int

    /// `period`'s stored grades (`forEachStoredGrade`), `expected` of them.
    /// - Throws: the warehouse's errors; `WarehouseError.database` when they are not as many as
    ///   expected (a graded customer not in the customers table: none is left out without a word);
    ///   `OutputError.cannotWrite` when the temporary file cannot be written.
    package static func read(_ warehouse: any WarehouseSession, period: String, expected: Int) throws -> StoredGradeFile {
        var writer = try Writer()
        do {
            try warehouse.forEachStoredGrade(period: period) { try writer.append($0) }
            try writer.flush()
            guard writer.count == expected else {
                let why = writer.count < expected ? "a graded customer is missing from the customers table"
                    : "a customer id is in the customers table more than once"
                throw WarehouseError.database(path: "(customer_grades)", message: "\(writer.count) grades were read back with their customers, "
                                                + "not the period's \(expected): \(why)")
            }
        } catch {
            close(writer.descriptor)
            throw error
        }
        return StoredGradeFile(descriptor: writer.descriptor, size: writer.size, count: writer.count)
    }

    private init(descriptor: Int32, size: Int, count: Int) {
        self.descriptor = descriptor
        self.size = size
        self.count = count
    }

    deinit { close(descriptor) }

    /// The rows, read from the start.
    package var rows: Rows { Rows(file: self, managers: nil, count: count) }

    /// Rows in the file's order, read front to back (a row is never looked up by position).
    package struct Rows: Sequence, Sendable {
        fileprivate let file: StoredGradeFile
        /// Only these managers' customers' rows; nil: every row.
        fileprivate let managers: Set<String>?
        package let count: Int
        package func makeIterator() -> Reader { Reader(file, managers: managers) }

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
        private let file: StoredGradeFile
        private let managers: Set<String>?
        private var buffer: [UInt8] = []
        private var at = 0
        private var fileOffset = 0

        fileprivate init(_ file: StoredGradeFile, managers: Set<String>?) {
            self.file = file
            self.managers = managers
        }

        package mutating func next() -> StoredGradeRow? {
            while at < buffer.count || fileOffset < file.size {
                // Written whole by this run: a record cut short is the machine's fault, not the data's.
                guard let length = fixed(UInt32.self).map(Int.init), ensure(length) else {
                    preconditionFailure("the stored grades' temporary file ends inside a row")
                }
                let record = at..<(at + length)
                at += length
                let row = buffer.withUnsafeBufferPointer { b -> StoredGradeRow? in
                    let bytes = UnsafeBufferPointer(rebasing: b[record])
                    // Another manager's row is skipped by its manager id, never made whole.
                    if let managers, !managers.contains(Self.managerID(bytes)) { return nil }
                    return Self.decode(bytes)
                }
                if let row { return row }
            }
            return nil
        }

        /// The manager id of a record (its second text).
        private static func managerID(_ b: UnsafeBufferPointer<UInt8>) -> String {
            let raw = UnsafeRawBufferPointer(b)
            let skip = 4 + Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
            let n = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: skip, as: UInt32.self)))
            return String(decoding: UnsafeBufferPointer(rebasing: b[(skip + 4)..<(skip + 4 + n)]), as: UTF8.self)
        }

        private mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard ensure(MemoryLayout<T>.size) else { return nil }
            let v = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: T.self) }
            at += MemoryLayout<T>.size
            return T(littleEndian: v)
        }

        /// At least `n` unread bytes in the buffer, reading on from the file; false at its end.
        private mutating func ensure(_ n: Int) -> Bool {
            guard buffer.count - at < n else { return true }
            buffer.removeFirst(at)
            at = 0
            let want = max(n - buffer.count, 1 << 20)
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: want))
            var got: Int
            repeat {
                got = buffer.withUnsafeMutableBytes { pread(file.descriptor, $0.baseAddress! + old, want, off_t(fileOffset)) }
            } while got < 0 && errno == EINTR
            // Written whole by this run and never shortened: a failed read is the machine's fault, not the data's.
            precondition(got >= 0, "the stored grades' temporary file could not be read: \(String(cString: strerror(errno)))")
            buffer.removeLast(want - max(got, 0))
            if got > 0 { fileOffset += got }
            return buffer.count >= n
        }

        private static func decode(_ b: UnsafeBufferPointer<UInt8>) -> StoredGradeRow {
            var i = 0
            func byte() -> UInt8 {
                defer { i += 1 }
                return b[i]
            }
            func double() -> Double {
                let v = UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                i += 8
                return Double(bitPattern: UInt64(littleEndian: v))
            }
            func text() -> String? {
                let n = UInt32(littleEndian: UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: i, as: UInt32.self))
                i += 4
                guard n != .max else { return nil }
                defer { i += Int(n) }
                return String(decoding: UnsafeBufferPointer(rebasing: b[i..<(i + Int(n))]), as: UTF8.self)
            }
            func grade(_ code: UInt8) -> Grade? { code < 3 ? Grade.allCases[Int(code)] : nil }
            let customerID = text() ?? "", managerID = text() ?? "", name = text(), region = text(), change = text() ?? "", reason = text() ?? ""
            let g = grade(byte()) ?? .C, provisional = byte() != 0, previous = grade(byte())
            let flags = byte()
            let sales = double(), profit = double()
            let late = flags & 1 != 0 ? double() : nil
            let onTime = flags & 2 != 0 ? double() : nil
            return StoredGradeRow(customerID: customerID, managerID: managerID, name: name, region: region, grade: g, provisional: provisional,
                                  previousGrade: previous, change: change, reason: reason, sales12m: sales, profit12m: profit,
                                  avgDaysLate: late, onTimeRate: onTime)
        }
    }

    /// Appends rows to a new unlinked temporary file, 1 MiB at a time.
    private struct Writer {
        let descriptor: Int32
        private(set) var size = 0
        private(set) var count = 0
        private var buffer: [UInt8] = []
        private var record: [UInt8] = []

        init() throws {
            descriptor = try TemporaryFile.open("scorecard-grades")
            buffer.reserveCapacity(1 << 20)
        }

        mutating func append(_ row: StoredGradeRow) throws {
            record.removeAll(keepingCapacity: true)
            func text(_ s: String?) {
                guard var s else { return put(UInt32.max) }
                s.withUTF8 {
                    put(UInt32($0.count))
                    record.append(contentsOf: $0)
                }
            }
            func put<T: FixedWidthInteger>(_ v: T) { withUnsafeBytes(of: v.littleEndian) { record.append(contentsOf: $0) } }
            func code(_ g: Grade?) -> UInt8 { g.flatMap { Grade.allCases.firstIndex(of: $0) }.map(UInt8.init) ?? 255 }
            text(row.customerID); text(row.managerID); text(row.name); text(row.region); text(row.change); text(row.reason)
            record.append(code(row.grade))
            record.append(row.provisional ? 1 : 0)
            record.append(code(row.previousGrade))
            record.append((row.avgDaysLate == nil ? 0 : 1) | (row.onTimeRate == nil ? 0 : 2))
            put(row.sales12m.bitPattern); put(row.profit12m.bitPattern)
            if let v = row.avgDaysLate { put(v.bitPattern) }
            if let v = row.onTimeRate { put(v.bitPattern) }
            withUnsafeBytes(of: UInt32(record.count).littleEndian) { buffer.append(contentsOf: $0) }
            buffer.append(contentsOf: record)
            count += 1
            if buffer.count >= 1 << 20 { try flush() }
        }

        mutating func flush() throws {
            var done = 0
            while done < buffer.count {
                let n = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, $0.count - done) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    throw OutputError.cannotWrite(path: "a temporary file in \(NSTemporaryDirectory())", reason: String(cString: strerror(errno)))
                }
                done += n
            }
            size += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
