import ScorecardModel
import ScorecardPipeline

/// Finding the header (under title lines) and telling it again further down.
extension EntityFileReader {
    /// The header's cells and how many title lines stood above it (`销售出库单列表`,
    /// `导出人：张三,导出时间：2026-10-31`). Of the first `headerSearchLines` lines the
    /// header is the one naming most columns (`score`); when none names any, the first
    /// line with two values (every entity needs two columns), else the first line.
    /// `csv` is left on the header; `path` is read a second time to look ahead.
    package static func readHeader(_ csv: CSVReader, path: String, file: String, spec: InputSpec,
                           score: ([String]) -> Int) throws -> (names: [String], titleLines: Int, score: Int) {
        func cells(_ csv: CSVReader) -> [String] { (0..<csv.fieldCount).map { csv.string(csv.trimmedRange($0)) ?? "" } }
        if let wanted = spec.headerLine {
            // The pipeline names it: the record starting on that physical line.
            var records = 0
            while try csv.next() {
                records += 1
                if csv.line == wanted { return (cells(csv), records - 1, score(cells(csv))) }
                if csv.line > wanted { break }
            }
            throw IngestError.noHeaderLine(file: file, line: wanted)
        }
        let ahead = try CSVReader(source: UTF8ChunkReader(path: path, file: file, override: spec.encoding), file: file, delimiter: csv.delimiter)
        var lines: [[String]] = []
        while lines.count < headerSearchLines, try ahead.next(), ahead.line <= headerSearchLines { lines.append(cells(ahead)) }
        guard !lines.isEmpty else { throw IngestError.empty(file: file) }
        let scores = lines.map(score)
        var index = scores.indices.max { scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1) }!
        let best = scores[index]
        if best == 0 { index = lines.firstIndex { $0.filter { !$0.isEmpty }.count >= 2 } ?? 0 }
        for _ in 0...index { guard try csv.next() else { throw IngestError.empty(file: file) } }
        return (cells(csv), index, best)
    }

    /// How many of `entity`'s columns a header line names (constants aside): how
    /// `readHeader` tells the header from title lines above it.
    package static func headerScore(_ cells: [String], entity: Entity, spec: InputSpec, dimensions: [SatisfactionSettings.Dimension]) -> Int {
        let mapping = HeaderMapping(entity: entity, header: cells, spec: spec, dimensions: dimensions, file: "")
        return mapping.sources.filter { if case .field = $0 { true } else if case .dateAndTime = $0 { true } else { false } }.count
            + mapping.dimensionSources.compactMap { $0 }.count
    }

    /// The header line again, further down (issue 25: two exports joined, the second header in
    /// another column order; only that line was rejected and 5 620 orders loaded with amount and
    /// cost swapped). The same header in the same order is not a row (`notDataLines`); in another
    /// order, or another export's header for this entity, the rows after it would load shifted, so
    /// the file stops here, naming the line.
    /// The record's first cell is a header this entity knows (a built-in or mapped spelling, or a
    /// cell of this file's header): only then is a rejected record looked at as a header (a full
    /// mapping per rejected row made a first run on an unmapped export 30× slower).
    package func firstCellIsAHeader() -> Bool {
        guard csv.fieldCount >= 2, let first = csv.string(csv.trimmedRange(0)), !first.isEmpty else { return false }
        return knownHeaders.contains(HeaderMapping.normalize(first))
    }

    /// Asked of a record whose id is a cell of the header (`parseFields` compares it in place,
    /// as it reads the row) and of every rejected record (another export's header spelling).
    package func repeatedHeader() throws -> Bool {
        let cells = (0..<csv.fieldCount).map { csv.string(csv.trimmedRange($0)) ?? "" }
        let named = cells.map(HeaderMapping.normalize).filter { !$0.isEmpty }
        if named == headerNamed { return true }  // the same header, in the same order: not a row
        let sameCells = named.sorted() == headerNamed.sorted()
        let other = HeaderMapping(entity: entity, header: cells, spec: spec, dimensions: dimensions, file: file)
        let everyCellKnown = other.problems.isEmpty && zip(other.usage, cells).allSatisfy { !$0.0.columns.isEmpty || HeaderMapping.normalize($0.1).isEmpty }
        guard sameCells || (named.count >= 2 && everyCellKnown) else { return false }
        throw IngestError.headerRepeated(file: file, line: csv.line)
    }
}
