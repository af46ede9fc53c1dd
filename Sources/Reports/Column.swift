/// One column of a sheet table: its header and how a row fills it.
package struct Column<Row> {
    package let title: String
    package let cell: (Row) -> Cell

    package init(_ title: String, _ cell: @escaping (Row) -> Cell) {
        self.title = title
        self.cell = cell
    }
}
