import Foundation
import ScorecardModel

/// A whole file that cannot be read: the run stops with exit 1 and this message.
public enum IngestError: LocalizedError, Equatable, Sendable {
    /// The file cannot be opened or read.
    case unreadable(file: String)
    /// The file has no bytes at all, not even a header.
    case empty(file: String)
    /// NUL bytes outside UTF-16: a spreadsheet, an archive or another binary file.
    case notText(file: String)
    /// The bytes are neither UTF-8, UTF-16 with BOM, nor GB18030.
    case undecodable(file: String)
    /// A required column is missing from the header.
    case missingColumn(file: String, column: String, header: [String])
    /// The pipeline maps a column to a header the file does not have.
    case mappedHeaderMissing(file: String, column: String, mappedTo: String, header: [String])
    /// The pipeline sets a constant for a column the file has.
    case constantAndColumn(file: String, column: String, header: String)
    /// Two header cells map to the same column.
    case duplicateColumn(file: String, column: String)
    /// A quoted field is never closed.
    case unterminatedQuote(file: String, line: Int)
    /// One record longer than the limit: almost always a broken quote.
    case recordTooLong(file: String, line: Int, limitMiB: Int)
    /// A matching name in the input folder that is not a regular file inside it.
    case notRegularFile(file: String, reason: String)
    /// A required entity has no file in the input folder.
    case noFiles(entity: String, pattern: String, folder: String)
    /// The input folder does not exist.
    case noInputFolder(String)
    /// No line of the first `searched` names any of the entity's columns.
    case noHeader(file: String, searched: Int, entity: String)
    /// `header_line` names a line where no record starts.
    case noHeaderLine(file: String, line: Int)
    /// The file changed while it was read (a CRM still writing it, a copy still running).
    case changedWhileRead(file: String, sizeAtStart: Int, sizeAtEnd: Int)
    /// The header line again in another column order (or another export's header): rows after it would load shifted.
    case headerRepeated(file: String, line: Int)

    public var errorDescription: String? {
        switch self {
        case .unreadable(let file):
            return "\(file): cannot be opened or read."
        case .empty(let file):
            return "\(file): the file is empty (not even a header row). Re-export it from the CRM."
        case .notText(let file):
            return "\(file): this is not a text (CSV) file. If it is an Excel workbook, save it as CSV first."
        case .undecodable(let file):
            return "\(file): the text is neither UTF-8, UTF-16 nor GB18030/GBK. Set `encoding:` for this file in the pipeline or re-export as UTF-8."
        case .noHeader(let file, let searched, let entity):
            return "\(file): no header naming a column of \(entity) in the first \(searched) lines. If the header is further down "
                + "(a bill's title block), give its line under inputs.\(entity).header_line; if its headers are other words, map them under inputs.\(entity).columns."
        case .noHeaderLine(let file, let line):
            return "\(file): no record starts on line \(line) (inputs.<entity>.header_line): the file is shorter, or the line is inside a quoted value."
        case .missingColumn(let file, let column, let header):
            return "\(file): required column '\(column)' is missing. Header found: \(header.joined(separator: " | "))"
        case .mappedHeaderMissing(let file, let column, let mappedTo, let header):
            return "\(file): the pipeline maps column '\(column)' to the header '\(mappedTo)', but the file has no such header. Header found: \(header.joined(separator: " | "))"
        case .constantAndColumn(let file, let column, let header):
            return "\(file): the pipeline sets constants.\(column), but the file has a \(column) column ('\(header)'). A constant is for a column the export lacks: remove the constant, or write \(column): [] under columns to leave the file's column unread."
        case .duplicateColumn(let file, let column):
            return "\(file): two header cells both mean column '\(column)'."
        case .unterminatedQuote(let file, let line):
            return "\(file) line \(line): a quoted value is opened but never closed, so the rest of the file would be one value. Fix the quote on that line."
        case .recordTooLong(let file, let line, let limit):
            return "\(file) line \(line): one row is longer than \(limit) MiB, almost always a broken quote. Fix the quote on that line."
        case .notRegularFile(let file, let reason):
            return "\(file): not read — \(reason). Only regular files inside the input folder are read; copy the export there."
        case .noFiles(let entity, let pattern, let folder):
            return "No \(entity) file in \(folder) (looked for \(pattern)): the report would be wrong without it. Put the export there, or, if this CRM has none, mark it optional in the pipeline (inputs.\(entity).optional: true)."
        case .changedWhileRead(let file, let start, let end):
            let how = end == start ? "was rewritten" : "went from \(start) to \(end) bytes"
            return "\(file) changed while it was read (it \(how)): is an export or a copy still being written? Nothing was loaded; "
                + "run again once the file is complete."
        case .headerRepeated(let file, let line):
            return "\(file): line \(line) is a header line again, with its columns in another order (two exports joined into one file?). "
                + "The rows after it would load into the wrong columns, so nothing was loaded. Split the file at line \(line) into two files (same name pattern), or export it once."
        case .noInputFolder(let folder):
            return "Input folder \(folder) does not exist."
        }
    }
}

/// Why one row was not loaded (SPEC §2.3). `description` is the text in `rejects.csv`.
public enum RejectReason: Error, Equatable, Sendable, Codable, CustomStringConvertible {
    case missingValue
    case unparseableDate(String)
    case unparseableNumber(String)
    case outOfRange(String, ClosedRange<Int>)
    case notWholeNumber(String)
    case negative(String)
    case unknownValue(String, expected: [String])
    case endBeforeStart(end: String, start: String)
    case inFuture(String)
    case unknownCustomer(String)
    case unknownManager(String)
    case duplicate(laterFile: String, laterLine: Int)
    case wrongValueCount(found: Int, header: Int)
    case undecodableText
    case tooLong(bytes: Int)
    /// An amount above `MoneyRule.maximum`: a unit or column mistake.
    case tooLarge(String)
    /// Text longer than a spreadsheet cell holds, counted as Excel counts (UTF-16 units).
    case cellTooLong(units: Int)
    case unknownPeriod(String)
    /// An id in scientific notation: Excel turned it into a number (SPEC §2.5).
    case idChangedByExcel(String)
    /// An order in another currency than the pipeline's, with no `fx` rate for it.
    case foreignCurrency(String, expected: String)
    /// A line of an order (`lines: sum`) naming another customer than the order's first line.
    case lineOfOtherCustomer(order: String, customer: String, first: String)
    /// A date written without its year (`11月18日`) and no `default_year` for the file's entity.
    case yearMissing(String, entity: String)
    /// A reject read back from an earlier run's `rejects` table.
    case recorded(description: String, kind: String)

    public var description: String {
        switch self {
        case .missingValue: return "missing required value"
        case .unparseableDate(let v):
            let hint = Moment.looksYearLast(v) ? " (year last: set date_order: mdy or dmy for this file)" : ""
            return "unparseable date/time '\(v)'\(hint)"
        case .unparseableNumber(let v): return "unparseable number '\(v)'"
        case .outOfRange(let v, let r): return "value '\(v)' out of range \(r.lowerBound)–\(r.upperBound)"
        case .notWholeNumber(let v): return "value '\(v)' is not a whole number"
        case .negative(let v): return "negative value '\(v)'"
        case .unknownValue(let v, let expected): return "unknown value '\(v)' (expected \(expected.joined(separator: ", ")))"
        case .endBeforeStart(let end, let start): return "\(end) is before \(start)"
        case .inFuture(let v): return "'\(v)' is in the future"
        case .unknownCustomer(let id): return "unknown customer '\(id)' (not in the customer list)"
        case .unknownManager(let id): return "unknown manager '\(id)' (not in the manager list)"
        case .duplicate(let file, let line): return "duplicate key: replaced by \(file) line \(line)"
        case .wrongValueCount(let found, let header): return "\(found) values but the header has \(header) columns (unquoted delimiter or a cut row?)"
        case .undecodableText: return "text with bytes that are not valid in the file's encoding"
        case .tooLong(let bytes): return "value of \(bytes) bytes is longer than a spreadsheet cell holds"
        case .tooLarge(let v): return "value '\(v)' is above 10 000 000 000 000 (ten trillion; a unit or column mistake? check scale:)"
        case .cellTooLong(let units): return "text of \(units) characters (as Excel counts them) is longer than a spreadsheet cell holds (\(CellLimit.units))"
        case .unknownPeriod(let v): return "'\(v)' is not a period"
        case .idChangedByExcel(let v):
            return "id changed by Excel: '\(v)' is a number in scientific notation, its last digits are lost (export the column as text, or format it as text before saving)"
        case .foreignCurrency(let code, let expected):
            return "currency \(code), expected \(expected) (give its rate under fx: in the pipeline; if the amount column is already in \(expected), map currency: [] under columns)"
        case .lineOfOtherCustomer(let order, let customer, let first):
            return "line of order \(order) names customer \(customer), its first line \(first)"
        case .yearMissing(let v, let entity):
            return "date '\(v)' has no year: give it under inputs.\(entity).default_year in the pipeline (e.g. default_year: 2026)"
        case .recorded(let description, _): return description
        }
    }

    /// A short stable name for grouping in the data-quality report.
    public var kind: String {
        switch self {
        case .missingValue: return "missing required value"
        case .unparseableDate: return "unparseable date/time"
        case .unparseableNumber: return "unparseable number"
        case .outOfRange: return "out of range"
        case .notWholeNumber: return "not a whole number"
        case .negative: return "negative value"
        case .unknownValue: return "unknown value"
        case .endBeforeStart: return "end before start"
        case .inFuture: return "in the future"
        case .unknownCustomer: return "unknown customer"
        case .unknownManager: return "unknown manager"
        case .duplicate: return "duplicate key"
        case .wrongValueCount: return "wrong number of values"
        case .undecodableText: return "undecodable text"
        case .tooLong, .cellTooLong: return "value too long"
        case .tooLarge: return "value too large"
        case .unknownPeriod: return "unknown period"
        case .idChangedByExcel: return "id changed by Excel"
        case .foreignCurrency: return "foreign currency"
        case .yearMissing: return "year missing"
        case .lineOfOtherCustomer: return "line of another customer"
        case .recorded(_, let kind): return kind
        }
    }
}

/// A row that was not loaded, with where it came from.
public struct RejectedRow: Error, Equatable, Sendable {
    public var file: String
    public var line: Int
    public var column: String
    public var reason: RejectReason
    public var raw: String

    public init(file: String, line: Int, column: String, reason: RejectReason, raw: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        // A robot's URL in the line keeps its token out of rejects.csv and the warehouse (SPEC §4.5).
        self.raw = SecretURL.maskingURLs(in: raw)
    }
}
