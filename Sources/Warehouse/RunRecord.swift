/// What the `runs` table keeps of a finished run (SPEC §2.4).
package struct RunRecord {
    package var period: String?
    package var asOf: String?
    package var status: String
    package var files: [FileLoadReport]
    package var rowsRead: Int
    package var rowsLoaded: Int
    package var rowsRejected: Int
    package var message: String?
    package var finishedAt: String
    /// What the fact tables hold after a successful run's load, where it is known (`StagedTotals`).
    package var staged: StagedTotals?

    package init(period: String? = nil, asOf: String? = nil, status: String, files: [FileLoadReport], rowsRead: Int, rowsLoaded: Int, rowsRejected: Int, message: String? = nil, finishedAt: String, staged: StagedTotals? = nil) {
        self.period = period
        self.asOf = asOf
        self.status = status
        self.files = files
        self.rowsRead = rowsRead
        self.rowsLoaded = rowsLoaded
        self.rowsRejected = rowsRejected
        self.message = message
        self.finishedAt = finishedAt
        self.staged = staged
    }
}
