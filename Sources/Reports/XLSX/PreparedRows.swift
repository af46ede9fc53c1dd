import ScorecardModel

/// A run of a table's rows in the form libxlsxwriter is handed: each text made XML-safe,
/// clipped to a cell and NUL-terminated in one buffer, each cell's display width measured.
/// A big table's runs are made on a second thread while the sheet's thread writes the run
/// before (issue 10: on the bank-sized set's 1.1 M customers the cells' own work — looking up
/// names, joining reasons, checking and measuring texts — was about a quarter of the
/// workbook's time, and the other core sat idle once the results were stored).
package struct PreparedRows: Sendable {
    package struct Entry: Sendable {
        package enum Kind: UInt8, Sendable { case text, number, blank }
        package var kind: Kind
        package var style: CellStyle
        /// Display width for the column's fit; -1 for a blank, which does not widen it.
        package var width: Int32
        /// Where a text starts in `text`.
        package var textStart: Int32
        package var number: Double
    }

    /// Rows per run: small enough that the runs waiting between the threads stay a few
    /// hundred kilobytes, large enough that handing them over costs nothing measurable. (4096
    /// rows of the 14-column 客户分级 sheet were 1.4 MB of cells a run, six runs a workbook in
    /// flight: 28 MB with two team workbooks written at once, issue 29.)
    package static let rowsPerRun = 1024

    /// The first row's index in the table.
    package let firstRow: Int
    package let columns: Int
    package private(set) var cells: [Entry] = []
    package private(set) var text: [UInt8] = []

    package var rowCount: Int { columns == 0 ? 0 : cells.count / columns }

    /// The next `count` rows of `rows` (fewer at its end).
    package init<I: IteratorProtocol>(firstRow: Int, taking count: Int, from rows: inout I, columns: [Column<I.Element>]) {
        self.firstRow = firstRow
        self.columns = columns.count
        cells.reserveCapacity(count * columns.count)
        for _ in 0..<count {
            guard let row = rows.next() else { break }
            for column in columns { append(column.cell(row)) }
        }
    }

    private mutating func append(_ cell: Cell) {
        switch cell {
        case .text(let s, let style):
            let safe = XLSXSheet.cellText(s)
            cells.append(Entry(kind: .text, style: style, width: Int32(displayWidth(safe)), textStart: Int32(text.count), number: 0))
            text.append(contentsOf: safe.utf8)
            text.append(0)
        case .number(let n, let style):
            guard let n, n.isFinite else {
                cells.append(Entry(kind: .blank, style: style, width: -1, textStart: 0, number: 0))
                return
            }
            cells.append(Entry(kind: .number, style: style, width: Int32(style.width(of: n)), textStart: 0, number: n))
        }
    }

    /// Prepares `rows` run by run and hands each run to `write`, in order: on a second thread
    /// when `alongside`, else on this one. The column closures run on the preparing thread
    /// only; `write` (libxlsxwriter) on this one only.
    package static func stream<Rows: Sequence>(_ rows: Rows, _ columns: [Column<Rows.Element>], alongside: Bool,
                                         write: (PreparedRows) throws -> Void) throws {
        var iterator = rows.makeIterator()
        var first = 0
        let nextRun = {
            let run = PreparedRows(firstRow: first, taking: rowsPerRun, from: &iterator, columns: columns)
            first += run.rowCount
            return run
        }
        guard alongside else {
            while case let run = nextRun(), run.rowCount > 0 { try write(run) }
            return
        }
        let runs = HandOff<PreparedRows>(capacity: 4)
        // The rows and the columns' closures only read the report's data, which no thread
        // changes while the workbook is written; this thread does not touch them until the
        // preparing thread has been joined.
        let preparer = Unchecked(nextRun)
        let preparing = BackgroundWork {
            while case let run = preparer.value(), run.rowCount > 0 {
                guard runs.push(run) else { return }
            }
            runs.finish()
        }
        defer {
            runs.cancel()
            preparing.wait()
        }
        while let run = try runs.next() { try write(run) }
    }
}
