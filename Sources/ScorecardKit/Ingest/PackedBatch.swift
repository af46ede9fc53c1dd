import Foundation

/// Rows handed from the reading thread to the storing thread, packed: the text of
/// every value in one byte buffer and each value as a plain cell. The reader
/// writes values straight into it (an ISO time is formatted in place) and the
/// store binds the bytes in place, so a row costs no allocation on either side.
/// Measured on 2 M orders (perf): with rows as arrays of `String` values the
/// storing thread spent a third of its time retaining, releasing and freeing
/// them, and the reading thread as much building them.
struct PackedBatch: Sendable {
    /// One value: text is a range of `bytes`.
    enum Cell: Sendable, Equatable {
        case null
        case text(start: Int32, count: Int32)
        case real(Double)
        case integer(Int)
    }

    /// One row: its cells are `cells[first ..< first + width]`.
    struct Row: Sendable {
        var line: Int
        var first: Int
        /// The row's key hash was seen before in this load: the store checks whether
        /// it really is a duplicate.
        var keySeenBefore = false
    }

    /// Cells per row: the entity's columns, then the survey dimensions.
    let width: Int
    private(set) var bytes: [UInt8] = []
    private(set) var cells: [Cell] = []
    private(set) var rows: [Row] = []
    /// Rows rejected by the reader, in line order.
    var rejects: [RejectedRow] = []
    private var rowBytes = 0

    init(width: Int, capacity: Int) {
        self.width = width
        bytes.reserveCapacity(capacity * 128)
        cells.reserveCapacity(capacity * width)
        rows.reserveCapacity(capacity)
    }

    /// Rows read: stored and rejected.
    var count: Int { rows.count + rejects.count }

    // MARK: Building a row (reading thread)

    mutating func beginRow(line: Int) {
        rows.append(Row(line: line, first: cells.count))
        rowBytes = bytes.count
    }

    /// Drops the row begun last (it was rejected).
    mutating func discardRow() {
        let row = rows.removeLast()
        cells.removeSubrange(row.first...)
        bytes.removeSubrange(rowBytes...)
    }

    mutating func markKeySeenBefore() { rows[rows.count - 1].keySeenBefore = true }

    mutating func append(_ cell: Cell) { cells.append(cell) }

    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        cells.append(.text(start: Int32(start), count: Int32(text.count)))
    }

    mutating func appendText(_ text: String) {
        var text = text
        text.withUTF8 { appendText($0) }
    }

    /// Writes `count` bytes in place (an ISO time, a date) and appends them as text.
    mutating func appendText(count: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count) { scratch in
            write(scratch)
            appendText(UnsafeBufferPointer(scratch))
        }
    }

    /// Replaces a cell of the row begun last with text (a manager filled in).
    mutating func setText(column: Int, _ text: String) {
        let index = rows[rows.count - 1].first + column
        appendText(text)
        cells[index] = cells.removeLast()
    }

    // MARK: Reading (both threads)

    func cell(row: Row, column: Int) -> Cell { cells[row.first + column] }

    /// A cell of the row begun last.
    func lastRowCell(_ column: Int) -> Cell { cells[rows[rows.count - 1].first + column] }

    /// The text of a cell (master ids, duplicate lookups: not the per-value path).
    func string(_ cell: Cell) -> String? {
        guard case .text(let start, let count) = cell else { return nil }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)]), as: UTF8.self) }
    }

    /// Calls `body` with a text cell's bytes; nil for any other cell.
    func withText<R>(_ cell: Cell, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        guard case .text(let start, let count) = cell else { return nil }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)])) }
    }

    func double(_ cell: Cell) -> Double? {
        switch cell {
        case .real(let v): return v
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    /// FNV-1a over the text of `columns` of the row begun last.
    func keyHash(_ columns: [Int]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for column in columns {
            h = withText(lastRowCell(column)) { fnv1a($0, h) } ?? h
            h = (h ^ 0xFF) &* 0x100_0000_01b3  // separator: ("ab","c") ≠ ("a","bc")
        }
        return h
    }
}

/// The hashes of the keys a load has stored so far, for its duplicate check: a
/// compact open-addressing table of 64-bit hashes, not the keys (SPEC §6: memory
/// does not grow with the rows the way holding every key would). A hit is only a
/// candidate; the store confirms it in the warehouse. Written by hand because
/// `Set<Int>` hashes each integer again with SipHash (measured: a tenth of the
/// reading thread on 2 M orders).
struct SeenKeys: Sendable {
    let keyColumns: [Int]
    private var slots: [UInt64]
    private var used = 0

    init(keyColumns: [Int]) {
        self.keyColumns = keyColumns
        slots = Array(repeating: 0, count: 1 << 12)
    }

    /// Records a hash; true when it was recorded before.
    mutating func insert(_ hash: UInt64) -> Bool {
        let h = hash == 0 ? 1 : hash  // 0 marks an empty slot
        if (used + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask  // mix: FNV's low bits alone cluster
        while slots[i] != 0 {
            if slots[i] == h { return true }
            i = (i + 1) & mask
        }
        slots[i] = h
        used += 1
        return false
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: 0, count: old.count * 2)
        used = 0
        for h in old where h != 0 { _ = insert(h) }
    }
}

/// FNV-1a over `bytes`, continuing from `hash`.
@inline(__always)
func fnv1a(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
    var h = hash
    for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    return h
}

/// Master ids (managers, customers) found by their UTF-8 bytes: the reading thread
/// checks two per row. FNV-1a and open addressing over one byte buffer, so a
/// lookup builds no `String` and runs no SipHash; as `Set<String>` and
/// `[String: String]` these lookups were a tenth of the reading thread (perf).
struct IDTable: Sendable {
    private var slots: [Int32]
    private var bytes: [UInt8] = []
    private var spans: [(start: Int, count: Int)] = []

    init(_ ids: some Collection<String>) {
        var size = 16
        while size < ids.count * 2 { size *= 2 }
        slots = Array(repeating: -1, count: size)
        for var id in ids {
            id.withUTF8 { key in
                guard index(of: key) == nil else { return }
                var i = slot(fnv1a(key))
                while slots[i] >= 0 { i = (i + 1) & (slots.count - 1) }
                slots[i] = Int32(spans.count)
                spans.append((bytes.count, key.count))
                bytes.append(contentsOf: key)
            }
        }
    }

    /// The id's position among the distinct ids given, nil when absent.
    func index(of key: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = slot(fnv1a(key))
        return bytes.withUnsafeBufferPointer { stored in
            while slots[i] >= 0 {
                let span = spans[Int(slots[i])]
                if span.count == key.count,
                   key.isEmpty || memcmp(stored.baseAddress! + span.start, key.baseAddress!, key.count) == 0 {
                    return Int(slots[i])
                }
                i = (i + 1) & (slots.count - 1)
            }
            return nil
        }
    }

    private func slot(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & (slots.count - 1) }
}
