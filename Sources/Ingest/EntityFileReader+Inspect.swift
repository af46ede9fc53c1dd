/// `inspect` (SPEC §2.6): a record read column by column.
extension EntityFileReader {
    /// One column's value as `inspect` shows it (SPEC §2.6).
    package struct FieldReading {
        /// The text as read (trimmed), nil when empty.
        package var text: String?
        /// Why the value would be rejected, nil when it loads.
        package var reason: RejectReason?
        /// The value as it would be stored, when it is text (an enum's canonical value).
        package var value: String?
    }

    /// `inspect`: the next record read column by column, each on its own (a row that
    /// loading rejects at its first bad value still shows every column); nil at the end.
    /// A record with the wrong number of values is given as `.wrongValueCount` in every column.
    /// The entity's columns come first, then the survey dimensions.
    /// One-value lines a later record showed to be rows cut short (`inspect` counts them).
    package var cutRows: Int { cutNotes.count }

    package func inspectNext() throws -> [FieldReading]? {
        while try advance() {
            if !hasHeaderWidth() {
                return columns.map { _ in FieldReading(text: nil, reason: .wrongValueCount(found: csv.fieldCount, header: headerWidth)) }
            }
            if csv.withRecord(isTotalLine) {
                notDataLines.append(csv.line)
                continue
            }
            var scratch = PackedBatch(width: columns.count, capacity: 1)
            scratch.beginRow(line: csv.line)
            var instant = Int.min
            return csv.withRecord { record in
                let fields = (0..<columns.count).map { k in
                    guard let value = value(k, record) else { return FieldReading(text: nil, reason: required[k] ? .missingValue : nil) }
                    // A duration reads as a number of its unit (its moment needs the row's other column).
                    let reason = durations[k] != nil ? moment(after: 0, value, unitSeconds: durations[k]!.unitSeconds, into: &scratch, instant: &instant)
                        : parse(value, k, into: &scratch, instant: &instant)
                    return FieldReading(text: lossy(value), reason: reason, value: reason == nil ? scratch.cells.last.flatMap(scratch.string) : nil)
                }
                let scores = dimensionIndex.enumerated().map { d, index in
                    guard let index, case let r = record.trimmed(index), !r.isEmpty, !placeholders.matches(record.slice(r)) else {
                        return FieldReading(text: nil, reason: nil)
                    }
                    let result = score(record.slice(r), 1...5, words: dimensionWords[d])
                    return FieldReading(text: lossy(record.slice(r)), reason: { if case .failure(let e) = result { e } else { nil } }())
                }
                return fields + scores
            }
        }
        return nil
    }
}
