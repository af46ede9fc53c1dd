import Foundation
import GRDB
import ScorecardIngest
import ScorecardModel
import ScorecardWarehouse

/// Stages one entity's rows in SQLite: one prepared upsert per row, bound straight from
/// the packed batch (SPEC §2.4: the newer row replaces the older); a survey's dimension
/// scores replaced with it. Large loads drop the entity's period indexes and rebuild
/// them once at the end (same transaction): one sort instead of millions of updates.
package final class SQLiteStager: EntityStager {
    private let entity: Entity
    private let session: SQLiteSession
    private let runID: Int64
    private let width: Int
    private let dimensionNames: [String]
    private let bulk: Bool
    private let upsert: StagingStatement
    private let deleteDimensions: StagingStatement?
    /// `insertDimensions[k - 1]` inserts a survey's k scores in one statement (one step for
    /// the survey instead of one per score: 3.3 M scores on the bank-sized set).
    private let insertDimensions: [StagingStatement]
    /// No survey dimension was staged before this load: a survey's old scores need deleting
    /// only when this load stored the survey before (one DELETE per survey was a third of
    /// storing 1.1 M surveys).
    private let noDimensionsBefore: Bool
    private let lookup: StagingStatement
    private let keyIndexes: [Int]
    private var boundFile: String?
    private var superseded: [SupersededRow] = []

    package init(_ entity: Entity, runID: Int64, dimensions: [String], bulk: Bool, session: SQLiteSession) throws {
        self.entity = entity
        self.session = session
        self.runID = runID
        self.bulk = bulk
        width = entity.columns.count
        dimensionNames = dimensions
        let db = session.db
        if bulk {
            for index in SQLiteSchema.secondaryIndexes(entity) { try db.execute(sql: "DROP INDEX IF EXISTS \(index.name)") }
        }
        upsert = try StagingStatement(db, sql: SQLiteSchema.upsert(entity))
        let surveys = entity == .surveys
        deleteDimensions = surveys ? try StagingStatement(db, sql: "DELETE FROM survey_dimensions WHERE survey_id = ?") : nil
        insertDimensions = try (surveys ? Array(1...max(dimensions.count, 1)) : []).map { k in
            try StagingStatement(db, sql: "INSERT INTO survey_dimensions (survey_id, dimension, score) VALUES "
                                 + Array(repeating: "(?, ?, ?)", count: k).joined(separator: ", "))
        }
        noDimensionsBefore = surveys ? try !session.exists("SELECT 1 FROM survey_dimensions") : false
        let columnIndex = Dictionary(uniqueKeysWithValues: entity.columns.enumerated().map { ($1.name, $0) })
        keyIndexes = entity.keyColumns.map { columnIndex[$0]! }
        let keyWhere = entity.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        lookup = try StagingStatement(db, sql: "SELECT source_run, source_file, source_line FROM \(entity.rawValue) WHERE \(keyWhere)")
    }

    package func stage(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, file: String) throws {
        if row.keySeenBefore { try noteSuperseded(row, of: batch, bytes: bytes, file: file) }
        upsert.reset()
        if boundFile != file {
            try upsert.bind(runID, at: Int32(width + 1))
            try upsert.bind(file, at: Int32(width + 2))
            boundFile = file
        }
        try upsert.bind(batch, row, 0..<width, bytes: bytes)
        try upsert.bind(Int64(row.line), at: Int32(width + 3))
        try upsert.execute()
        guard let deleteDimensions else { return }
        let id = batch.cell(row: row, column: 0)
        if !noDimensionsBefore || row.keySeenBefore {
            deleteDimensions.reset()
            try deleteDimensions.bind(id, at: 1, bytes: bytes)
            try deleteDimensions.execute()
        }
        // Counted, then bound: no array per survey (1.1 M of them on the bank-sized set).
        let scored = dimensionNames.indices.reduce(0) { $0 + (batch.cell(row: row, column: width + $1) == .null ? 0 : 1) }
        guard scored > 0 else { return }
        let insert = insertDimensions[scored - 1]
        insert.reset()
        var at: Int32 = 1
        for (k, dimension) in dimensionNames.enumerated() {
            let score = batch.cell(row: row, column: width + k)
            guard score != .null else { continue }
            try insert.bind(id, at: at, bytes: bytes)
            try insert.bind(dimension, at: at + 1)
            try insert.bind(score, at: at + 2, bytes: bytes)
            at += 3
        }
        try insert.execute()
    }

    /// A row whose key may have been staged before (the load's key hashes say so): the
    /// stored row, when this run staged it, is the one replaced.
    private func noteSuperseded(_ row: PackedBatch.Row, of batch: PackedBatch, bytes: UnsafeBufferPointer<UInt8>, file: String) throws {
        lookup.reset()
        for (i, k) in keyIndexes.enumerated() { try lookup.bind(batch.cell(row: row, column: k), at: Int32(i + 1), bytes: bytes) }
        guard let earlier = try lookup.source(), earlier.run == runID else { return }
        superseded.append(SupersededRow(file: earlier.file, line: earlier.line, laterFile: file, laterLine: row.line))
    }

    package func finish() throws -> [SupersededRow] {
        upsert.clearBindings()
        lookup.clearBindings()
        deleteDimensions?.clearBindings()
        insertDimensions.forEach { $0.clearBindings() }
        if bulk {
            for index in SQLiteSchema.secondaryIndexes(entity) {
                try session.db.execute(sql: "CREATE INDEX \(index.name) ON \(entity.rawValue)(\(index.column))")
            }
        }
        return superseded
    }
}
