import Foundation
import ScorecardModel

/// What `scorecard inspect` learns of one export (SPEC §2.6): the entity it belongs
/// to, how it is encoded, what each header cell maps to, and per column how much
/// of it reads — read with the same reader and mapping that loading uses, so what
/// inspect calls readable loads.
public struct FileInspection: Sendable {
    /// How the entity was told: the file name, the header's known names, or a guess
    /// from its headers' words (to be checked).
    /// By the pipeline's file pattern, by the header, by the words of the file's name, or guessed.
    public enum Match: String, Sendable { case name, header, nameWords, guess }

    public var file: String
    /// nil when neither the file name nor the header says which entity it is.
    public var entity: Entity?
    public var matchedBy: Match?
    public var encoding = ""
    public var delimiter = ""
    public var rows = 0
    /// Lines of total rows (合计) under the data, skipped.
    public var notDataLines: [Int] = []
    /// Ids on more than one row (the later row would replace the earlier), and a few of them.
    public var repeatedIDs = 0
    public var repeatedExamples: [String] = []
    /// Rows the pipeline's `skip` leaves out, per `header: word`.
    public var skippedRows: [String: Int] = [:]
    /// Header texts that stand in more than one cell while a column reads the first.
    public var repeatedHeaders: [String] = []
    /// Title lines above the header, skipped, and the physical line of the header.
    public var titleLines = 0
    public var headerLine = 1
    /// Records whose number of values differs from the header's.
    public var wrongWidthRows = 0
    public var header: [String] = []
    /// Per header cell: the columns it feeds and whether the pipeline maps it.
    public var usage: [HeaderUse] = []
    /// Why the file would not load as it is: missing required columns, mapped headers not found.
    public var problems: [IngestError] = []
    /// Per entity column that has a source in this file.
    public var columns: [ColumnInspection] = []
    /// The file could not be read at all (encoding, binary, empty).
    public var error: String?

    public struct HeaderUse: Sendable {
        public var columns: [String]
        public var mapped: Bool

        package init(columns: [String], mapped: Bool) {
            self.columns = columns
            self.mapped = mapped
        }
    }

    /// Required columns the file lacks (by canonical name).
    public var missingRequired: [String] = []

    /// Optional columns the file lacks whose absence changes a report (`ColumnSpec.whenAbsent`).
    public var consequentialMissing: [ColumnSpec] {
        guard let entity else { return [] }
        let present = Set(columns.map(\.name))
        return entity.columns.filter { c in
            c.whenAbsent != nil && !present.contains(c.name) && !(c.name == "visit_end" && present.contains("duration_min"))
        }
    }

    /// Unused headers that may hold `column` (`HeaderCandidates`): a hint for a TODO.
    public func candidates(for column: ColumnSpec, strongOnly: Bool = false) -> [String] {
        HeaderCandidates.for(column, header: header, unused: unusedHeaderIndexes, strongOnly: strongOnly)
    }

    /// Header cells no column takes.
    package var unusedHeaderIndexes: [Int] { header.indices.filter { $0 >= usage.count || usage[$0].columns.isEmpty } }
}
