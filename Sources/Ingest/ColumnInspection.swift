/// One column of an inspected file.
public struct ColumnInspection: Sendable {
    public var name: String
    /// The header(s) it is read from (a date and a time header for a two-header column); empty for a constant.
    public var headers: [String]
    /// The pipeline's constant, when the column is one.
    public var constant: String?
    public var kind: Kind
    /// Rows with a value, and how many of those read.
    public var filled = 0
    public var readable = 0
    /// Up to three values that do not read, with the reason.
    public var failures: [(value: String, reason: String)] = []
    /// Enumerated and currency columns: every distinct word (up to `maxWords`) with its count and the value it reads as (nil = unknown).
    public var words: [Word] = []
    /// Ids in scientific notation (Excel's damage).
    public var scientificIDs = 0
    /// Slash dates with the year last: how many had a first part above 12, a second part above 12.
    public var yearLast = (count: 0, firstAbove12: 0, secondAbove12: 0)
    /// Dates written without a year (`11月18日`): what `default_year` is for (SPEC §2.7).
    public var yearless = 0

    public enum Kind: String, Sendable { case id, text, date, number, score, choice, other }

    public struct Word: Sendable {
        public var word: String
        public var count: Int
        public var canonical: String?
    }

    package init(name: String, source: HeaderMapping.Source, header: [String], kind: Kind) {
        self.name = name
        self.kind = kind
        switch source {
        case .absent: headers = []
        case .field(let i): headers = [header[i]]
        case .dateAndTime(let d, let t): headers = [header[d], header[t]]
        case .duration(let f, _, _): headers = [header[f]]
        case .constant(let value): headers = []; constant = value
        }
    }

    /// How the report names where the column comes from: `订单状态`, `日期 + 时间`, `constant: CNY`.
    public var source: String { constant.map { "constant: \($0)" } ?? headers.joined(separator: " + ") }

    package static let maxWords = 40
    public var moreWords = 0

    /// The words that neither the pipeline nor the built-in list knows.
    public var unknownWords: [Word] { words.filter { $0.canonical == nil } }
}
