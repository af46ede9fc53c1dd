import ScorecardIngest

/// Stages one entity's rows for a run. Rows arrive in load order; a later row with a
/// key staged earlier in the same load replaces it, and `finish` names every row so
/// replaced (its file and line, and the later row's), so the load can report it
/// (SPEC §2.3).
package protocol EntityStager: AnyObject {
    /// Stages `row` (its first `entity.columns.count` cells, then a survey's dimension scores)
    /// read from `file`.
    func stage(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, file: String) throws
    /// Merges what is staged into the entity's table and rebuilds its indexes; returns the
    /// rows of this load replaced by a later one.
    func finish() throws -> [SupersededRow]
}

/// A row of this load replaced by a later row with the same key (SPEC §2.3).
package struct SupersededRow: Equatable {
    package var file: String
    package var line: Int
    package var laterFile: String
    package var laterLine: Int

    package init(file: String, line: Int, laterFile: String, laterLine: Int) {
        self.file = file
        self.line = line
        self.laterFile = laterFile
        self.laterLine = laterLine
    }
}
