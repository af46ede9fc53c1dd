import ScorecardModel

/// What a load knows of the rows it accepted so far, handed from each file's reading
/// thread to the next file's: their key hashes (the duplicate check) and the latest value
/// of each event column.
package struct AcceptedRows: Sendable {
    package var keys: SeenKeys
    package var latest: LatestValues

    package init(_ entity: Entity) {
        let column = Dictionary(uniqueKeysWithValues: entity.columns.enumerated().map { ($1.name, $0) })
        keys = SeenKeys(keyColumns: entity.keyColumns.map { column[$0]! })
        latest = LatestValues(entity)
    }

    /// Takes the batch's last row: marks it when its key hash was seen before.
    package mutating func accept(lastRowOf batch: inout PackedBatch) {
        if keys.insert(batch.keyHash(keys.keyColumns)) { batch.markKeySeenBefore() }
        latest.note(lastRowOf: batch)
    }
}
