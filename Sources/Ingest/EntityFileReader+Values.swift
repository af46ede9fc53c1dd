import Foundation
import ScorecardModel

/// One value: text, ids, moments, amounts, numbers, scores and enum words (SPEC §2.1, §2.3),
/// read in place from the field's bytes; a reason when it cannot be read.
extension EntityFileReader {
    /// The field as text; undecodable bytes (invalid UTF-8, or U+FFFD from the transcoder) are a reject.
    private func text(_ b: UnsafeBufferPointer<UInt8>) -> Result<String, RejectReason> {
        if let e = undecodable(b) { return .failure(e) }
        return .success(String(decoding: b, as: UTF8.self))
    }

    /// `.undecodableText` when the bytes are not valid UTF-8 or hold U+FFFD from the
    /// transcoder; checked in place (no `String` per value).
    private func undecodable(_ b: UnsafeBufferPointer<UInt8>) -> RejectReason? {
        var iterator = b.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid: continue
            case .emptyInput:
                if source.undecodableBytes > 0 && CSVReader.hasReplacementCharacter(b) { return .undecodableText }
                return nil
            case .error: return .undecodableText
            }
        }
    }

    /// Appends column `k`'s value from the non-empty bytes `b`; the reason when it
    /// cannot be read. Nothing is appended when it returns a reason.
    package func parse(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, into batch: inout PackedBatch, instant: inout Int) -> RejectReason? {
        var ascii = true
        for byte in b {
            if byte >= 0x80 { ascii = false } else if byte == 0 { return .undecodableText }  // NUL: no text column holds it (PostgreSQL refuses it)
        }
        switch readings[k] {
        case .text:
            return appendText(b, ascii: ascii, into: &batch)
        case .id:
            return appendID(b, ascii: ascii, into: &batch)
        case .secret:
            if b.count > CellLimit.units, case let units = CellLimit.utf16Units(b), units > CellLimit.units { return .cellTooLong(units: units) }
            switch text(b) {
            case .success(let urls):
                // Not a URL (a token pasted alone?): nothing of it is kept.
                var masked = urls.contains("://") ? SecretURL.maskingURLs(in: urls) : "***"
                masked.withUTF8 { batch.appendText($0) }
            case .failure(let e): return e
            }
        case .timestamp(let isPlan):
            return appendMoment(b, ascii: ascii, isDate: false, isPlan: isPlan, into: &batch, instant: &instant)
        case .date(let isPlan):
            return appendMoment(b, ascii: ascii, isDate: true, isPlan: isPlan, into: &batch, instant: &instant)
        case .money(let scale):
            return appendMoney(b, k, ascii: ascii, scale: scale, into: &batch)
        case .number:
            return appendNumber(b, k, ascii: ascii, into: &batch)
        case .score(let range):
            switch score(b, range, words: scoreWords[k]) {
            case .success(let v): batch.append(.integer(v))
            case .failure(let e): return e
            }
        case .choice:
            return appendChoice(b, k, into: &batch)
        case .currency:
            let t: String
            switch text(b) { case .success(let s): t = s; case .failure(let e): return e }
            guard let code = CurrencyCode.code(for: t, mapped: mappedWords[k]) else {
                return .unknownValue(t, expected: ["a currency code like CNY or USD (map other words under values: currency:)"])
            }
            batch.appendText(code)
        case .period:
            let t = lossy(b)
            guard let p = try? Period(parsing: t) else { return .unknownPeriod(t) }
            batch.appendText(p.name)
        case .covered:
            let t = lossy(b).trimmingCharacters(in: .whitespaces)
            if let p = try? Period(parsing: Self.periodSpelling(t)), p.kind == .week || p.kind == .month {
                batch.appendText(p.name)
            } else if let day = Moment.parse(t)?.date {
                batch.appendText(day.description)
            } else {
                return .unknownPeriod(t)
            }
        }
        return nil
    }

    /// A week or month as exports write it, in `Period`'s spelling: `2026/09`, `2026.09` and
    /// `2026年9月` as `2026-9`, `2026年第41周` and `2026W41` as `2026-W41`.
    static func periodSpelling(_ t: String) -> String {
        var s = t.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: ".", with: "-")
        if s.hasSuffix("月") { s = s.replacingOccurrences(of: "年", with: "-").replacingOccurrences(of: "月", with: "") }
        if s.hasSuffix("周") { s = s.replacingOccurrences(of: "年第", with: "-W").replacingOccurrences(of: "周", with: "") }
        if s.count == 7, s.dropFirst(4).first == "W" { s.insert("-", at: s.index(s.startIndex, offsetBy: 4)) }
        return s
    }

    /// Free text: valid UTF-8 within Excel's cell limit.
    @inline(__always)
    private func appendText(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool, into batch: inout PackedBatch) -> RejectReason? {
        if !ascii, let e = undecodable(b) { return e }
        // UTF-8 bytes are never fewer than UTF-16 units: short text is not counted.
        if b.count > CellLimit.units, case let units = CellLimit.utf16Units(b), units > CellLimit.units { return .cellTooLong(units: units) }
        batch.appendText(b)
        return nil
    }

    /// An id: unwrapped from `="…"`, not one Excel turned into a number, and in the one
    /// spelling of ids (`canonicalID`) when it may need it.
    @inline(__always)
    private func appendID(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool, into batch: inout PackedBatch) -> RejectReason? {
        if !ascii, let e = undecodable(b) { return e }
        // `="2506230123456789"`: how Tmall and other exports keep Excel from turning a long id into a number.
        let id = b.count >= 3 && b[0] == 0x3D && b[1] == 0x22 && b[b.count - 1] == 0x22 ? UnsafeBufferPointer(rebasing: b[2..<(b.count - 1)]) : b
        if id.isEmpty { return .missingValue }
        if id.count > CellLimit.units, case let units = CellLimit.utf16Units(id), units > CellLimit.units { return .cellTooLong(units: units) }
        if ascii, ValueParser.isScientific(id) { return .idChangedByExcel(lossy(b)) }
        if ascii || !Self.mayNeedNormalising(id) {
            batch.appendText(id)
        } else {
            let canonical = Self.canonicalID(lossy(id))
            if canonical.isEmpty { return .missingValue }
            batch.appendText(canonical)
        }
        return nil
    }

    /// A date (`isDate`: its local day) or a timestamp, as ISO text in the pipeline's zone; its
    /// instant goes to `instant`. Only a plan may lie after `now`.
    @inline(__always)
    private func appendMoment(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool, isDate: Bool, isPlan: Bool, into batch: inout PackedBatch,
                              instant: inout Int) -> RejectReason? {
        // Non-ASCII bytes must first be valid text (else "undecodable"), then fold to ASCII.
        if !ascii, let e = undecodable(b) { return e }
        let parsed = ascii ? Moment.parse(ascii: b, order: dateOrder, defaultYear: defaultYear)
            : Moment.parse(bytes: b, order: dateOrder, defaultYear: defaultYear)
        guard let m = parsed else {
            return defaultYear == nil && Moment.isYearless(bytes: b, order: dateOrder) ? .yearMissing(lossy(b), entity: entity.rawValue) : .unparseableDate(lossy(b))
        }
        let epoch = isDate ? appendDate(m, into: &batch) : appendTimestamp(m, into: &batch)
        if !isPlan && epoch > now { return .inFuture(lossy(b)) }
        instant = epoch
        return nil
    }

    /// The moment's local day as `2026-10-03`; returns the day's start.
    @inline(__always)
    private func appendDate(_ m: Moment, into batch: inout PackedBatch) -> Int {
        let date = m.offset == nil ? m.date : clock.localDate(ofEpoch: m.epoch(in: clock))
        batch.appendText(count: CivilDate.textLength) { date.write(into: $0) }
        return clock.epoch(date: date)
    }

    /// The moment as ISO text with the zone's offset; returns its instant.
    @inline(__always)
    private func appendTimestamp(_ m: Moment, into batch: inout PackedBatch) -> Int {
        if m.offset == nil, let seconds = m.secondsOfDay {
            // Local time (the usual export): its instant, and the ISO text straight
            // from the parsed fields unless the zone skips that hour (DST gap).
            let local = m.date.daysSinceEpoch * 86_400 + seconds
            let epoch = clock.epoch(fromLocal: local)
            let offset = clock.offset(atEpoch: epoch)
            if epoch + offset == local {
                batch.appendText(count: ZoneClock.isoLength) { ZoneClock.writeISO(m.date, secondsOfDay: seconds, offset: offset, into: $0) }
            } else {
                batch.appendText(count: ZoneClock.isoLength) { clock.writeISO(epoch, into: $0) }
            }
            return epoch
        }
        let epoch = m.epoch(in: clock)
        batch.appendText(count: ZoneClock.isoLength) { clock.writeISO(epoch, into: $0) }
        return epoch
    }

    /// An amount: an exact decimal, not negative, scaled exactly (万元) and rounded once to the
    /// cent (an ERP's 12.3450) — after the fx rate, when there is one (`MoneyRule`, SPEC §2.7).
    @inline(__always)
    private func appendMoney(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, ascii: Bool, scale: ExactAmount?, into batch: inout PackedBatch) -> RejectReason? {
        guard let v = decimal(b, ascii: ascii) else { return .unparseableNumber(lossy(b)) }
        guard !v.isNegative else { return .negative(lossy(b)) }
        guard let scaled = scale.map(v.times) ?? v, let cents = scaled.cents, cents <= MoneyRule.maximumCents else {
            return .tooLarge(lossy(b))
        }
        if keepExact { exactAmounts[k] = scaled }
        if sumLines {
            batch.appendText(scaled.text)
        } else {
            batch.append(.real(ExactAmount.double(cents: cents)))
        }
        return nil
    }

    /// A plain number (a quantity, minutes): not negative, not absurdly large.
    @inline(__always)
    private func appendNumber(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, ascii: Bool, into batch: inout PackedBatch) -> RejectReason? {
        guard let exact = decimal(b, ascii: ascii) else { return .unparseableNumber(lossy(b)) }
        let v = exact.approximate
        guard v >= 0 else { return .negative(lossy(b)) }
        if v > Self.largestNumber { return .tooLarge(lossy(b)) }
        if keepExact { exactAmounts[k] = exact }  // a quantity, for amount = quantity × unit price
        batch.append(.real(v))
        return nil
    }

    /// An enum word: one of the exact spellings in place, else its canonical value by the
    /// case-insensitive lookup.
    @inline(__always)
    private func appendChoice(_ b: UnsafeBufferPointer<UInt8>, _ k: Int, into batch: inout PackedBatch) -> RejectReason? {
        if let exact = choiceBytes[k].first(where: { $0.spelling.count == b.count && $0.spelling.withUnsafeBufferPointer { memcmp($0.baseAddress!, b.baseAddress!, b.count) == 0 } })?.canonical {
            exact.withUnsafeBufferPointer { batch.appendText($0) }
            return nil
        }
        let t: String
        switch text(b) { case .success(let s): t = s; case .failure(let e): return e }
        if let canonical = choices[k][t] ?? choices[k][t.lowercased()] {
            batch.appendText(canonical)
        } else {
            guard case .choice(let type) = columns[k].kind else { return .undecodableText }
            return .unknownValue(t, expected: type.spellings.map { "\($0.canonical)/\($0.aliases[0])" })
        }
        return nil
    }

    private func decimal(_ b: UnsafeBufferPointer<UInt8>, ascii: Bool) -> ExactAmount? {
        if ascii, let plain = ValueParser.decimal(ascii: b) { return plain }
        guard undecodable(b) == nil else { return nil }
        return ValueParser.decimal(bytes: b)
    }

    /// An empty amount (or cost) of the row begun last as its quantity × unit price (unit cost),
    /// exactly (SPEC §2.7); the column and reason when there is neither.
    package func pricedAmounts(_ batch: inout PackedBatch) -> (String, RejectReason)? {
        guard pricesGiven, let prices else { return nil }
        for (target, price) in prices.pairs where batch.lastRowCell(target) == .null {
            guard batch.lastRowCell(prices.quantity) != .null, batch.lastRowCell(price) != .null,
                  let q = exactAmounts[prices.quantity], let p = exactAmounts[price] else {
                if required[target] || columns[target].name == "amount" { return (columns[target].name, .missingValue) }
                continue
            }
            guard let product = q.times(p), let cents = product.cents, cents <= MoneyRule.maximumCents else {
                return (columns[target].name, .tooLarge("\(q.text) × \(p.text)"))
            }
            exactAmounts[target] = product
            if sumLines {
                batch.setText(column: target, product.text)
            } else {
                batch.setCell(column: target, .real(ExactAmount.double(cents: cents)))
            }
        }
        return nil
    }

    /// A moment given as a duration after `base` (SPEC §2.7: a ticket's first response "in 42
    /// minutes"): `base` plus the number of units, as ISO text in the pipeline's zone. Without
    /// a base moment there is no moment either (NULL).
    package func moment(after base: Int, _ b: UnsafeBufferPointer<UInt8>, unitSeconds: Double, into batch: inout PackedBatch,
                        instant: inout Int) -> RejectReason? {
        let ascii = !b.contains { $0 >= 0x80 }
        guard let v = decimal(b, ascii: ascii)?.approximate else { return .unparseableNumber(lossy(b)) }
        guard v >= 0 else { return .negative(lossy(b)) }
        guard v * unitSeconds < 1e10 else { return .tooLarge(lossy(b)) }
        guard base != Int.min else {
            batch.append(.null)
            return nil
        }
        let epoch = base + Int((v * unitSeconds).rounded())
        if epoch > now { return .inFuture(lossy(b)) }
        instant = epoch
        batch.appendText(count: ZoneClock.isoLength) { clock.writeISO(epoch, into: $0) }
        return nil
    }

    /// The field's text for a message, whatever its bytes.
    package func lossy(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

    /// A score: a number (`5`, `5分`, `★★★★☆`), or a word the pipeline or the built-in
    /// satisfaction words give a score (`非常满意` → 5 on a 1–5 column).
    package func score(_ b: UnsafeBufferPointer<UInt8>, _ range: ClosedRange<Int>, words: [String: Int]) -> Result<Int, RejectReason> {
        if !b.contains(where: { $0 >= 0x80 }), let v = ValueParser.number(ascii: b) { return checked(v, b, range) }
        if let e = undecodable(b) { return .failure(e) }
        if let v = ValueParser.score(bytes: b) { return checked(v, b, range) }
        if let v = words[lossy(b)] { return .success(v) }
        return .failure(.unparseableNumber(lossy(b)))
    }

    private func checked(_ v: Double, _ b: UnsafeBufferPointer<UInt8>, _ range: ClosedRange<Int>) -> Result<Int, RejectReason> {
        guard v == v.rounded() else { return .failure(.notWholeNumber(lossy(b))) }
        guard v >= Double(range.lowerBound), v <= Double(range.upperBound) else { return .failure(.outOfRange(lossy(b), range)) }
        return .success(Int(v))
    }
}
