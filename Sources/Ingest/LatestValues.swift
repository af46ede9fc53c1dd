import Foundation
import ScorecardModel

/// The greatest value of each event column among the rows a load accepted, compared
/// byte by byte as SQL's `MAX` compares text (SQLite's binary collation; the staged
/// times share one ISO form and offset, so on PostgreSQL's `timestamptz` the order is
/// the same but in a daylight-saving zone's repeated hour). When a table holds exactly
/// one load's rows these are its latest events, and the period and as_of need no scan
/// of it (SPEC §1, §3: 0.3 s on 2 M orders, 1.2 s on the bank-sized set).
package struct LatestValues: Sendable {
    /// The event columns: cell index and name.
    private let columns: [(index: Int, name: String)]
    /// The greatest bytes so far per column, nil while none. Replaced in place: a file
    /// sorted by time finds a new greatest value on every row, and must not allocate for it.
    private var greatest: [[UInt8]?]
    /// The cell of the entity's own date (`Entity.periodEvents`), and the rows per local
    /// day (`yyyymmdd`): the default period needs no scan of a table one load filled (SPEC §2.7).
    private let dayColumn: Int?
    private var rowsPerDay: [Int: Int] = [:]
    private var runDay = 0, runLength = 0

    package init(_ entity: Entity) {
        columns = entity.eventColumns.map { ($0, entity.columns[$0].name) }
        greatest = columns.map { _ in nil }
        let dayName = entity.periodEventColumn
        dayColumn = entity.columns.firstIndex { $0.name == dayName }
    }

    /// The rows per local day as dates.
    package var days: [CivilDate: Int] {
        var rowsPerDay = rowsPerDay
        if runLength > 0 { rowsPerDay[runDay, default: 0] += runLength }
        return Dictionary(rowsPerDay.map { (CivilDate(year: $0.key / 10_000, month: $0.key / 100 % 100, day: $0.key % 100), $0.value) },
                   uniquingKeysWith: +)
    }

    /// Takes the event values of the batch's last row.
    package mutating func note(lastRowOf batch: PackedBatch) {
        if let dayColumn, let day = batch.withText(batch.lastRowCell(dayColumn), Self.dayKey) ?? nil {
            // Runs of one day (exports sorted by date) counted without a lookup per row.
            if day == runDay {
                runLength += 1
            } else {
                if runLength > 0 { rowsPerDay[runDay, default: 0] += runLength }
                runDay = day
                runLength = 1
            }
        }
        for (i, column) in columns.enumerated() {
            _ = batch.withText(batch.lastRowCell(column.index)) { bytes in
                if greatest[i] == nil {
                    greatest[i] = Array(bytes)
                } else if Self.greater(bytes, than: greatest[i]!) {
                    greatest[i]!.removeAll(keepingCapacity: true)
                    greatest[i]!.append(contentsOf: bytes)
                }
            }
        }
    }

    /// The greatest text of each column that held a value, by the column's name.
    package var texts: [String: String] {
        var out: [String: String] = [:]
        for (column, bytes) in zip(columns, greatest) {
            if let bytes { out[column.name] = String(decoding: bytes, as: UTF8.self) }
        }
        return out
    }

    /// `yyyymmdd` of ISO text (`2026-10-03…`, the staged form of times and dates in the pipeline's zone).
    private static func dayKey(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D else { return nil }
        var key = 0
        for i in 0..<10 where i != 4 && i != 7 {
            let d = Int(b[i]) &- 0x30
            guard d >= 0 && d <= 9 else { return nil }
            key = key &* 10 &+ d
        }
        return key
    }

    /// `a` sorts after `b` byte by byte, a prefix first (as `memcmp`, then the length).
    private static func greater(_ a: UnsafeBufferPointer<UInt8>, than b: [UInt8]) -> Bool {
        b.withUnsafeBufferPointer { b in
            let n = min(a.count, b.count)
            let order = n == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, n)
            return order > 0 || (order == 0 && a.count > b.count)
        }
    }
}
