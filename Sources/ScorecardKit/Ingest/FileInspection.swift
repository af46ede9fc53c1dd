import Foundation

/// What `scorecard inspect` learns of one export (SPEC §2.6): the entity it belongs
/// to, how it is encoded, what each header cell maps to, and per column how much
/// of it reads — read with the same reader and mapping that loading uses, so what
/// inspect calls readable loads.
public struct FileInspection: Sendable {
    public enum Match: String, Sendable { case name, header }

    public var file: String
    /// nil when neither the file name nor the header says which entity it is.
    public var entity: Entity?
    public var matchedBy: Match?
    public var encoding = ""
    public var delimiter = ""
    public var rows = 0
    /// Title lines above the header, skipped.
    public var titleLines = 0
    /// Records whose number of values differs from the header's.
    public var wrongWidthRows = 0
    public var header: [String] = []
    /// Per header cell: the columns it feeds and whether the pipeline maps it.
    public var usage: [HeaderUse] = []
    /// Why the file would not load as it is: missing required columns, mapped headers not found.
    public var problems: [String] = []
    /// Per entity column that has a source in this file.
    public var columns: [ColumnInspection] = []
    /// The file could not be read at all (encoding, binary, empty).
    public var error: String?

    public struct HeaderUse: Sendable {
        public var columns: [String]
        public var mapped: Bool
    }

    /// Required columns the file lacks (by canonical name).
    public var missingRequired: [String] = []
    /// For a file no entity recognised: the entity its headers look most like.
    public var likely: Entity?

    /// Header cells no column takes.
    var unusedHeaderIndexes: [Int] { header.indices.filter { $0 >= usage.count || usage[$0].columns.isEmpty } }
}

/// One column of an inspected file.
public struct ColumnInspection: Sendable {
    public var name: String
    /// The header(s) it is read from, or `constant: …`.
    public var source: String
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

    public enum Kind: String, Sendable { case id, text, date, number, choice, other }

    public struct Word: Sendable {
        public var word: String
        public var count: Int
        public var canonical: String?
    }

    static let maxWords = 40
    public var moreWords = 0

    /// The words that neither the pipeline nor the built-in list knows.
    public var unknownWords: [Word] { words.filter { $0.canonical == nil } }
}
