import ScorecardModel

/// One record's fields: each column's value found, parsed into the batch, and the row's
/// checks; total lines (合计) and a repeated header are not rows.
extension EntityFileReader {
    package func parseRecord(into batch: inout PackedBatch) throws -> Outcome {
        var idIsHeaderCell = false
        let outcome = parseFields(into: &batch, idIsHeaderCell: &idIsHeaderCell)
        let rejected = if case .rejected = outcome { true } else { false }
        if idIsHeaderCell || (rejected && firstCellIsAHeader()), try repeatedHeader() {
            if case .row = outcome { batch.discardRow() }
            notDataLines.append(csv.line)
            return .notData
        }
        return outcome
    }

    /// - Parameter idIsHeaderCell: set when the row's id reads as a cell of the header: it may
    ///   be the header again (`repeatedHeader`).
    private func parseFields(into batch: inout PackedBatch, idIsHeaderCell: inout Bool) -> Outcome {
        // Every row has the header's width (or the width without the header's trailing
        // delimiter): anything else is an unquoted delimiter or a cut row, and loading
        // it would shift values into the wrong columns.
        if !hasHeaderWidth() {
            return reject("", .wrongValueCount(found: csv.fieldCount, header: headerWidth))
        }
        if let big = csv.oversizedField {
            let name = big.index < header.count ? header[big.index] : ""
            return reject(name, .tooLong(bytes: big.bytes))
        }
        // Used from a local: see `CSVReader.Record`.
        var instants: [Int] = []
        swap(&instants, &self.instants)
        defer { swap(&instants, &self.instants) }
        batch.beginRow(line: csv.line)
        var total = false
        let failure: (String, RejectReason)? = csv.withRecord { record in
            if let failure = readColumns(record, into: &batch, instants: &instants, total: &total, idIsHeaderCell: &idIsHeaderCell) {
                return failure
            }
            return total ? nil : readDimensions(record, into: &batch)
        }
        if total {
            batch.discardRow()
            notDataLines.append(csv.line)
            return .notData
        }
        if let (column, reason) = failure ?? (pricesGiven ? pricedAmounts(&batch) : nil) ?? money?.apply(to: &batch, exact: keepExact ? exactAmounts : [], convert: !sumLines)
            ?? rules.check(instants) {
            batch.discardRow()
            return reject(column, reason)
        }
        return .row
    }

    /// The entity's columns of `record` into the batch, each value parsed (a duration after its
    /// base column's moment); the first column that does not read, and why. `total` is set for
    /// a total line (and nil returned), `idIsHeaderCell` when the id is a cell of the header.
    @inline(__always)
    private func readColumns(_ record: CSVReader.RecordView, into batch: inout PackedBatch, instants: inout [Int], total: inout Bool,
                             idIsHeaderCell: inout Bool) -> (String, RejectReason)? {
        for k in 0..<readings.count {
            instants[k] = Int.min
            if let value = value(k, record) {
                if k == 0 {
                    // An id reading 小计/合计 is a subtotal line, however complete.
                    if Self.isTotalWord(value) {
                        total = true
                        return nil
                    }
                    if headerCells.contains(where: { $0.count == value.count && $0.elementsEqual(value) }) { idIsHeaderCell = true }
                }
                if hasDurations, let duration = durations[k] {
                    if let reason = moment(after: instants[duration.base], value, unitSeconds: duration.unitSeconds, into: &batch, instant: &instants[k]) {
                        return (columns[k].name, reason)
                    }
                } else if let reason = parse(value, k, into: &batch, instant: &instants[k]) { return (columns[k].name, reason) }
            } else if required[k] {
                total = isTotalLine(record)
                return (columns[k].name, .missingValue)
            } else if let value = defaults[k] {
                batch.appendText(value)  // an enum's default
            } else {
                batch.append(.null)
            }
        }
        // A target is a manager's or a team's: a row naming neither is missing its owner.
        if let (manager, team) = oneOf, value(manager, record) == nil, value(team, record) == nil { return (columns[manager].name, .missingValue) }
        return nil
    }

    /// The survey dimensions of `record` into the batch (a placeholder is empty); the first
    /// dimension that does not read, and why.
    @inline(__always)
    private func readDimensions(_ record: CSVReader.RecordView, into batch: inout PackedBatch) -> (String, RejectReason)? {
        for (k, index) in dimensionIndex.enumerated() {
            guard let index, case let r = record.trimmed(index), !r.isEmpty, !placeholders.matches(record.slice(r)) else {
                batch.append(.null)
                continue
            }
            switch score(record.slice(r), 1...5, words: dimensionWords[k]) {
            case .success(let v): batch.append(.integer(v))
            case .failure(let reason): return (dimensions[k].name, reason)
            }
        }
        return nil
    }

    /// The words of a total line that ERP and Excel exports put under the data.
    private static let totalWords: [[UInt8]] = ["合计", "总计", "小计", "共计", "汇总", "合计：", "总计：", "合计:", "总计:", "total", "sum"].map { Array($0.utf8) }

    /// A total line: an id reading 小计/合计 however complete, or 合计/总计/Total in one of
    /// the first cells (where ERP lists write it) of a record lacking a required value —
    /// a real row is never taken for one.
    package func isTotalLine(_ record: CSVReader.RecordView) -> Bool {
        if let id = value(0, record), Self.isTotalWord(id) { return true }
        guard columns.indices.contains(where: { required[$0] && value($0, record) == nil }) else { return false }
        return (0..<min(3, record.ends.count)).contains { Self.isTotalWord(record.slice(record.trimmed($0))) }
    }

    private static func isTotalWord(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        cell.count <= 9 && totalWords.contains { w in w.count == cell.count && zip(w, cell).allSatisfy { $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) } }
    }

    /// Column `k`'s value in `record`, nil when it is empty: its field (trimmed, but a
    /// quoted free text keeps its inner spaces, RFC 4180; a placeholder like `-` is
    /// empty in any column but free text, SPEC §2.1), its date and time fields joined
    /// with a space (SPEC §2.5), or the pipeline's constant. Valid until the next call.
    package func value(_ k: Int, _ record: CSVReader.RecordView) -> UnsafeBufferPointer<UInt8>? {
        switch sources[k] {
        case .absent:
            return nil
        case .field(let f):
            return fieldValue(f, k, record)
        case .dateAndTime(let d, let t):
            guard let date = fieldValue(d, k, record) else { return nil }
            let time = fieldValue(t, k, record) ?? UnsafeBufferPointer(start: nil, count: 0)
            if case .id = readings[k] {
                // An id made of two cells (ratings without an id: their time and their user, SPEC §2.7).
                var n = 0
                for b in date { joinBuffer[n] = b; n += 1 }
                if !time.isEmpty {
                    joinBuffer[n] = 0x20; n += 1
                    for b in time { joinBuffer[n] = b; n += 1 }
                }
                return UnsafeBufferPointer(rebasing: joinBuffer[0..<n])
            }
            let n = Moment.joinDateAndTime(date, time, into: joinBuffer)
            return UnsafeBufferPointer(rebasing: joinBuffer[0..<n])
        case .constant(let index):
            return UnsafeBufferPointer(rebasing: constantBytes[constantRanges[index]])
        }
    }

    private func fieldValue(_ f: Int, _ k: Int, _ record: CSVReader.RecordView) -> UnsafeBufferPointer<UInt8>? {
        let trimmed = record.trimmed(f)
        if trimmed.isEmpty { return nil }
        if freeText[k] { return record.slice(record.quoted[f] ? record.range(f) : trimmed) }
        let b = record.slice(trimmed)
        guard placeholders.matches(b) else { return b }
        // A word the pipeline maps (`values: {status: {"-": cancelled}}`) is a value, not a placeholder.
        return choiceBytes[k].prefix(pipelineWords[k]).contains { $0.spelling.elementsEqual(b) } ? b : nil
    }
}
