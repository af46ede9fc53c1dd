/// A streaming RFC 4180 reader over UTF-8 chunks (SPEC §2.1): comma, tab or
/// semicolon (detected from the header line), quoted fields with doubled quotes
/// and newlines, CRLF, LF or CR line ends, blank lines skipped.
///
/// Written here rather than taken from SwiftCSV or CSV.swift: a reject needs the
/// physical line a record starts on and its raw text (SPEC §2.3), GB18030 input
/// must stream through iconv, and a 10 MB field must not be held whole; neither
/// library exposes line numbers or raw records, and SwiftCSV loads whole files.
///
/// Lenient where Excel is: a quote inside an unquoted field is a literal, text
/// after a closing quote is kept. A quote left open to the end of the file is an
/// error (the rest of the file would silently become one value).
package final class CSVReader {
    package static let maxFieldBytes = 131_072
    package static let maxRecordBytes = 64 << 20

    package let delimiter: UInt8
    private let source: UTF8ChunkReader
    private let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEOF = false
    private var nextLine = 1

    /// The current record. Parsed in a local copy and stored back once per record:
    /// Swift checks every access to a class's stored property at run time, and
    /// per-field appends to properties were a third of the reading thread (perf).
    private struct Record {
        var bytes: [UInt8] = []
        var ends: [Int] = []
        /// Per field: it began with a quote (its inner spaces are the value's, RFC 4180).
        var quoted: [Bool] = []
        var rawStart = 0
        var rawEnd = 0
        var newlines = 0
        var oversized: (index: Int, bytes: Int)?
    }
    private var record = Record()
    package private(set) var line = 0

    /// Index and full length of the first field longer than `maxFieldBytes`.
    package var oversizedField: (index: Int, bytes: Int)? { record.oversized }

    package init(source: UTF8ChunkReader, file: String, delimiter: UInt8?) throws {
        self.source = source
        self.file = file
        var head: [UInt8] = []
        var eof = false
        if let chunk = try source.next(file: file) { head = chunk } else { eof = true }
        self.delimiter = delimiter ?? Self.detectDelimiter(head)
        buffer = head
        atEOF = eof
    }

    package var fieldCount: Int { record.ends.count }

    package func fieldRange(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : record.ends[index - 1])..<record.ends[index]
    }

    /// The field as text, or nil when its bytes are not valid UTF-8.
    package func string(_ index: Int) -> String? { string(fieldRange(index)) }

    package func string(_ r: Range<Int>) -> String? {
        record.bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self) }
    }

    /// The field's bytes without surrounding white space (ASCII, U+3000, U+00A0, BOM).
    package func trimmedRange(_ index: Int) -> Range<Int> {
        let r = fieldRange(index)
        return record.bytes.withUnsafeBufferPointer { Self.trimmed($0, r) }
    }

    /// `r` without surrounding white space in `b`.
    package static func trimmed(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var r = range
        while !r.isEmpty {
            let c = b[r.lowerBound]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { r = (r.lowerBound + 1)..<r.upperBound; continue }
            let w = wideSpace(b, at: r.lowerBound, end: r.upperBound)
            if w == 0 { break }
            r = (r.lowerBound + w)..<r.upperBound
        }
        while !r.isEmpty {
            let c = b[r.upperBound - 1]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { r = r.lowerBound..<(r.upperBound - 1); continue }
            if r.count >= 3, wideSpace(b, at: r.upperBound - 3, end: r.upperBound) == 3 { r = r.lowerBound..<(r.upperBound - 3); continue }
            if r.count >= 2, wideSpace(b, at: r.upperBound - 2, end: r.upperBound) == 2 { r = r.lowerBound..<(r.upperBound - 2); continue }
            break
        }
        return r
    }

    /// The current record's fields, valid inside `withRecord`: one access to the
    /// class's storage per record instead of one per field.
    package struct RecordView {
        package let bytes: UnsafeBufferPointer<UInt8>
        package let ends: UnsafeBufferPointer<Int>
        package let quoted: UnsafeBufferPointer<Bool>

        package func range(_ index: Int) -> Range<Int> { (index == 0 ? 0 : ends[index - 1])..<ends[index] }
        package func trimmed(_ index: Int) -> Range<Int> { CSVReader.trimmed(bytes, range(index)) }
        package func slice(_ r: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[r]) }
    }

    package func withRecord<R>(_ body: (RecordView) -> R) -> R {
        record.bytes.withUnsafeBufferPointer { bytes in
            record.ends.withUnsafeBufferPointer { ends in
                record.quoted.withUnsafeBufferPointer { body(RecordView(bytes: bytes, ends: ends, quoted: $0)) }
            }
        }
    }

    /// Length of a U+3000 (E3 80 80), U+FEFF (EF BB BF) or U+00A0 (C2 A0) at `i`, else 0.
    @inline(__always)
    private static func wideSpace(_ b: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        if end - i >= 3 && ((b[i] == 0xE3 && b[i + 1] == 0x80 && b[i + 2] == 0x80) || (b[i] == 0xEF && b[i + 1] == 0xBB && b[i + 2] == 0xBF)) { return 3 }
        if end - i >= 2 && b[i] == 0xC2 && b[i + 1] == 0xA0 { return 2 }
        return 0
    }

    /// True when `b` holds U+FFFD, which the transcoder writes for undecodable bytes.
    package static func hasReplacementCharacter(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 2 < b.count {
            if b[i] == 0xEF && b[i + 1] == 0xBF && b[i + 2] == 0xBD { return true }
            i += 1
        }
        return false
    }

    /// The record as it stood in the file (after transcoding to UTF-8), without its line end.
    package var rawText: String { String(decoding: buffer[record.rawStart..<record.rawEnd], as: UTF8.self) }

    /// Advances to the next non-blank record. Returns false at the end of the file.
    package func next() throws -> Bool {
        while true {
            if position >= buffer.count {
                if atEOF { return false }
                try fill()
                continue
            }
            var record = Record()
            swap(&record, &self.record)
            let outcome = buffer.withUnsafeBufferPointer { [position, delimiter, atEOF] in
                Self.parse($0, from: position, delimiter: delimiter, atEOF: atEOF, into: &record)
            }
            swap(&record, &self.record)
            guard let next = outcome else {
                if atEOF { throw IngestError.unterminatedQuote(file: file, line: nextLine) }
                if buffer.count - position > Self.maxRecordBytes {
                    throw IngestError.recordTooLong(file: file, line: nextLine, limitMiB: Self.maxRecordBytes >> 20)
                }
                try fill()
                continue
            }
            line = nextLine
            nextLine += 1 + self.record.newlines
            position = next
            if self.record.rawEnd == self.record.rawStart { continue }  // blank line
            return true
        }
    }

    /// Appends the next chunk, dropping what was already consumed.
    private func fill() throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        if let chunk = try source.next(file: file) {
            buffer.append(contentsOf: chunk)
        } else {
            atEOF = true
        }
    }

    /// Parses one record at `start` into `r`; nil when the buffer ends before the record does.
    private static func parse(_ p: UnsafeBufferPointer<UInt8>, from start: Int, delimiter delim: UInt8, atEOF: Bool,
                              into r: inout Record) -> Int? {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let n = p.count
        r.bytes.removeAll(keepingCapacity: true)
        r.ends.removeAll(keepingCapacity: true)
        r.quoted.removeAll(keepingCapacity: true)
        r.oversized = nil
        r.newlines = 0
        r.rawStart = start
        var i = start
        while true {
            let fieldStart = r.bytes.count
            var fieldLength = 0
            let isQuoted = i < n && p[i] == quote
            if isQuoted {
                guard let after = quotedPart(p, from: i + 1, fieldStart: fieldStart, length: &fieldLength, atEOF: atEOF, into: &r) else {
                    return nil
                }
                i = after
            }
            var j = i
            while j < n {
                let b = p[j]
                if b == delim || b == lf || b == cr { break }
                j += 1
            }
            append(p, i..<j, fieldStart: fieldStart, length: &fieldLength, to: &r)
            r.ends.append(r.bytes.count)
            r.quoted.append(isQuoted)
            if j >= n {
                if !atEOF { return nil }
                r.rawEnd = n
                return n
            }
            let b = p[j]
            if b == delim {
                i = j + 1
                continue
            }
            r.rawEnd = j
            if b == cr {
                if j + 1 < n { return p[j + 1] == lf ? j + 2 : j + 1 }
                return atEOF ? j + 1 : nil
            }
            return j + 1
        }
    }

    /// The quoted part of a field from `start` (after its opening quote) into `r`, a doubled
    /// quote as one; the index after the closing quote, nil when the buffer ends before it
    /// (or right after it, before the end of the file: a doubled quote may follow).
    @inline(__always)
    private static func quotedPart(_ p: UnsafeBufferPointer<UInt8>, from start: Int, fieldStart: Int, length: inout Int, atEOF: Bool,
                                   into r: inout Record) -> Int? {
        let quote: UInt8 = 0x22, lf: UInt8 = 0x0A
        let n = p.count
        var i = start
        while true {
            var j = i
            while j < n && p[j] != quote {
                if p[j] == lf { r.newlines += 1 }
                j += 1
            }
            append(p, i..<j, fieldStart: fieldStart, length: &length, to: &r)
            if j >= n { return nil }
            if j + 1 < n && p[j + 1] == quote {
                append(p, j..<(j + 1), fieldStart: fieldStart, length: &length, to: &r)
                i = j + 2
                continue
            }
            if j + 1 >= n && !atEOF { return nil }
            return j + 1
        }
    }

    @inline(__always)
    private static func append(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, fieldStart: Int, length: inout Int,
                               to r: inout Record) {
        guard !range.isEmpty else { return }
        length += range.count
        let room = maxFieldBytes - (r.bytes.count - fieldStart)
        if room >= range.count {
            r.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[range]))
        } else {
            if room > 0 { r.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[range.lowerBound..<(range.lowerBound + room)])) }
            if r.oversized == nil || r.oversized!.index == r.ends.count {
                r.oversized = (r.ends.count, length)
            }
        }
    }

    /// The delimiter that occurs most in the first line that has any (comma, then
    /// tab, then semicolon on a tie; comma when there is none). Title lines above the
    /// header (`销售出库单列表`) have none and are looked past, as far as the header is searched.
    package static func detectDelimiter(_ bytes: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [0x2C, 0x09, 0x3B]
        var counts = [0, 0, 0]
        var inQuotes = false
        var lines = 0
        for b in bytes {
            if b == 0x22 { inQuotes.toggle() }
            if inQuotes { continue }
            if b == 0x0A || b == 0x0D {
                if counts != [0, 0, 0] || lines == EntityFileReader.headerSearchLines { break }
                lines += b == 0x0A ? 1 : 0
                continue
            }
            if let k = candidates.firstIndex(of: b) { counts[k] += 1 }
        }
        var best = 0
        for k in 1..<3 where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}
