/// What the `runs` table keeps of a finished run (SPEC §2.4).
struct RunRecord {
    var period: String?
    var asOf: String?
    var status: String
    var files: [FileLoadReport]
    var rowsRead: Int
    var rowsLoaded: Int
    var rowsRejected: Int
    var message: String?
    var finishedAt: String
}
