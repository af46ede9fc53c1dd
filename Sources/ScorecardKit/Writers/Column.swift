/// One column of a sheet table: its header and how a row fills it.
struct Column<Row> {
    let title: String
    let cell: (Row) -> Cell

    init(_ title: String, _ cell: @escaping (Row) -> Cell) {
        self.title = title
        self.cell = cell
    }
}
