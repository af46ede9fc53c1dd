import ScorecardIngest
import ScorecardModel
import ScorecardPipeline

/// A run's transaction in the warehouse, as the stages see it (SPEC §2.4, §4.3, §9): operations
/// of the domain — stage an entity's rows, read what a period's metrics need, read earlier
/// periods' results, store results, record the run. No SQL crosses it: the implementations
/// (`SQLSession` and its SQLite and PostgreSQL sessions) own the queries and their dialects.
///
/// Times come back as instants (seconds since the epoch) read in `clock`'s zone; windows are
/// half-open `[from, to)` instants and are exact (how an implementation finds the rows is its own),
/// but for `serviceRequests`, which gives a superset its metric cuts.
package protocol WarehouseSession: AnyObject {
    /// Where the warehouse is, for messages.
    var location: WarehouseLocation { get }

    // MARK: The run log (SPEC §2.4)

    /// Records a run as it starts; returns its id.
    func beginRun(command: String, started: String, pipelineHash: String) throws -> Int64
    /// The latest order, visit, complaint or survey after this run's load (a rerun on the same inputs reuses it).
    func noteLatestActivity(_ iso: String, runID: Int64) throws
    /// The rejected rows, in load order.
    func recordRejects(_ rejects: [RejectedRow], runID: Int64) throws
    func finishRun(_ runID: Int64, _ record: RunRecord) throws
    /// The latest successful `run` (that staged data), with this pipeline and period when given.
    func latestLoad(pipelineHash: String?, period: String?) throws -> PreviousLoad?
    /// The periods successful runs after `runID` stored results for.
    func periodsStored(after runID: Int64) throws -> [String]

    // MARK: Staging (SPEC §2.3, §2.7)

    /// The staged managers' ids and each customer's manager; without the customers an
    /// earlier run derived when `derivedCustomers`.
    func masterLists(derivedCustomers: Bool) throws -> MasterLists
    /// Stages rows of `entity` for this run (SPEC §2.4: the newer row replaces the older).
    func stager(for entity: Entity, runID: Int64, dimensions: [String], bulk: Bool) throws -> any EntityStager
    /// The load is done: what only it needed in memory may go before the metrics read.
    func loaded() throws
    /// The entity's staged table holds no row.
    func isEmpty(_ entity: Entity) throws -> Bool
    /// Each customer an export staged (not a derivation), with its manager.
    func forEachExportedCustomer(_ body: (_ id: String, _ managerID: String) -> Void) throws
    /// The managers an export staged (not a derivation).
    func exportedManagerIDs() throws -> Set<String>
    /// Sets an exported customer's manager (a derived list filling a gap, SPEC §2.7).
    func assignManager(_ managerID: String, toCustomer customerID: String) throws
    /// The facts without a manager take their customer's (SPEC §2.2).
    func fillFactManagersFromCustomers() throws
    /// Every manager id the customer list names.
    func managerIDsOfCustomers() throws -> Set<String>
    /// Every staged fact's party columns, with its time and source place.
    func forEachFactParty(clock: ZoneClock, _ body: (FactParty) -> Void) throws

    // MARK: What the staged data says about the run's period (SPEC §1, §3)

    /// The table's rows and the greatest text of each event column (one scan; `StagedEvents`
    /// reads a table so only when the load does not know it).
    func stagedLatest(_ entity: Entity) throws -> StagedTable
    /// The table's rows.
    func rowCount(_ entity: Entity) throws -> Int
    /// The table's rows per local day of its own date (`Entity.periodEvents`).
    func eventDays(_ entity: Entity) throws -> [CivilDate: Int]

    // MARK: What a period's metrics read (SPEC §3)

    func managers() throws -> [ManagerRecord]
    /// The teams export's teams (SPEC §4.4), by id; none without one.
    func teams() throws -> [TeamRecord]
    /// Every customer, by id.
    func customers() throws -> CustomerList
    /// Each customer with an order, its ledger summed in the engine (SPEC §3.1, §9), in no set
    /// order (on Citus the workers' groups come back as they are, with no sort on the coordinator).
    func customerLedgers(_ window: LedgerWindow, clock: ZoneClock, _ body: (CustomerLedger) throws -> Void) throws
    /// The staged orders `selection` names (a superset the metrics cut; nil: every order), in
    /// batches as they are read; once `body` returns false no more batches are given.
    func forEachOrderBatch(_ selection: OrderSelection?, clock: ZoneClock, _ body: (StoredOrders) throws -> Bool) throws
    /// Whether the engine sums the customers' ledgers (`customerLedgers`: a server, Citus's workers)
    /// rather than the client folding every order as it streams (SQLite, in the same process, where
    /// the scan and a fold on a second thread beat its GROUP BY: SPEC §9 "which SQLite answers too").
    /// Measured on the bank-shaped set's 1.5 M orders: SQLite's GROUP BY 2.8 s against ~1.3 s for the
    /// scan folded on a second thread; one PostgreSQL server 10.2 s against 5.7 s (a cursor's query
    /// gets no parallel workers); on Citus the workers aggregate their shards in parallel and one row
    /// per customer crosses the network.
    var sumsLedgersInEngine: Bool { get }
    /// Each customer's latest row of `kind` in `[from, to)`, given to `note` (a customer may
    /// be noted more than once; the caller keeps the maximum).
    func latestPerCustomer(_ kind: LatestPerCustomer, from: Int, to: Int, clock: ZoneClock, note: (String, Int) -> Void) throws
    /// The targets of these periods (SPEC §3.12).
    func targets(periods: [String]) throws -> [TargetRecord]
    /// Every staged submission (SPEC §3.11), one by one as it is read.
    func forEachSubmission(clock: ZoneClock, _ body: (SubmissionRecord) throws -> Void) throws
    /// The completed orders placed in `[from, to)`: the deals an archive is owed for (SPEC §3.11).
    func deals(from: Int, to: Int, clock: ZoneClock) throws -> [DealRecord]
    func complaints(receivedFrom from: Int, to: Int, clock: ZoneClock) throws -> [ComplaintRecord]
    func visits(startingFrom from: Int, to: Int, clock: ZoneClock) throws -> VisitList
    /// The surveys made in `[from, to)`, one by one as they are read, in survey id order.
    func forEachSurvey(from: Int, to: Int, clock: ZoneClock, _ body: (SurveyRecord) throws -> Void) throws
    /// At least the requests completed in `[from, to)` or not completed by `openAt`: a superset (a day wider
    /// on each side in SQL), which the metric cuts exactly (SPEC §3.9).
    func serviceRequests(completedFrom from: Int, to: Int, openAt: Int, clock: ZoneClock) throws -> [ServiceRequestRecord]
    /// Plans dated from `from` up to (not including) `to`.
    func visitPlans(from: CivilDate, to: CivilDate, clock: ZoneClock) throws -> VisitPlanList
    /// The latest visit by `asOf` of each of `customers`, of any type and of a `counting` type.
    func lastVisits(of customers: Set<String>, asOf: Int, counting: Set<String>, clock: ZoneClock) throws -> [String: LastVisitsRecord]

    // MARK: Earlier periods' results (SPEC §3.1, §3.5, §4.1.1)

    /// The grades `period`'s run stored, by customer.
    func storedGrades(period: String, _ body: (String, Grade) -> Void) throws
    func storedRanks(period: String) throws -> [String: Int]
    /// The overall overdue amount `period`'s run stored.
    func storedOverdue(period: String) throws -> Double?
    /// The rankings stored for `periods`: period name → manager → ranking.
    func storedRankings(periods: [String]) throws -> [String: [String: StoredRanking]]
    /// The headline figures `period`'s run stored, by name (NULL ones left out).
    func storedFigures(period: String) throws -> [String: Double]
    /// Names behind the ids, for the reports.
    func managerNames() throws -> [ManagerName]
    /// Each customer's name and region, in id order.
    func forEachCustomerName(_ body: (_ id: String, _ name: String, _ region: String?) throws -> Void) throws
    /// `period`'s stored grades, each with the customer's name and region, in the 客户分级 sheet's
    /// order (SPEC §4.1.1: by grade, then 12-month sales largest first, then customer id).
    /// Streamed, never all in memory.
    func forEachStoredGrade(period: String, _ body: (StoredGradeRow) throws -> Void) throws

    // MARK: Results (SPEC §4.3)

    /// Stores a period's result tables, replacing that period's earlier rows.
    func storeResults(_ tables: [ResultTable], period: String) throws

    // MARK: Deliveries (SPEC §4.5)

    /// The latest delivery of `period` to each (recipient, channel, team).
    func latestDeliveries(period: String) throws -> [DeliveryRecord]
    /// Adds a delivery to the log; no other table is touched.
    func recordDelivery(_ delivery: DeliveryRecord) throws
}
