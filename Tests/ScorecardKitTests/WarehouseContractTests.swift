import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardGenerator
@testable import ScorecardIngest
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardPostgreSQL
@testable import ScorecardWarehouse

/// One contract, two warehouses (SPEC §2.4, §9): every test here runs against SQLite and
/// against a real PostgreSQL server started by the test command.
@Suite struct WarehouseContractTests {
    static func options(_ tmp: TempFolder, _ location: WarehouseLocation, input: String, period: String? = nil,
                        config: PipelineConfig = PipelineConfig()) throws -> RunOptions {
        var options = RunOptions(pipelinePath: "test.yml", config: config, pipelineText: "", inputFolder: input,
                                 outputFolder: tmp.file("out"), period: try period.map { try Period(parsing: $0) }, now: testNow)
        options.warehouseOverride = location
        return options
    }

    /// The master lists, three orders and empty exports of the other entities, and a new warehouse.
    static func ordersToRun(_ backend: Backend) throws -> (TempFolder, String, WarehouseLocation) {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/orders.csv", StagingTests.orders)
        tmp.emptyExports()
        return (tmp, input, try backend.location(tmp))
    }

    /// Loads `input` in one transaction of `location`'s warehouse (every file as a bulk load when `bulk`).
    static func load(_ input: String, into location: WarehouseLocation, bulk: Bool = false) throws -> LoadReport {
        let warehouse = try openWarehouse(location, timeZone: "Asia/Shanghai")
        try warehouse.migrate()
        var loader = Loader(config: PipelineConfig(), inputFolder: input, now: testNow)
        if bulk { loader.bulkBytes = 0 }
        return try warehouse.transaction { try loader.load(into: $0) }
    }

    /// A bulk load (indexes and, on PostgreSQL, the key dropped and built again after the
    /// insert) gives the same rows and leaves the key in force.
    @Test(arguments: Backend.allCases)
    func aBulkLoadRebuildsTheIndexesAndKeepsTheKey(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try backend.location(tmp)
        tmp.write("input/orders-2026-10a.csv", StagingTests.orders)
        tmp.emptyExports([.visits])   // a visits file: its index is dropped and built again
        _ = try Self.load(input, into: location, bulk: true)
        tmp.write("input/orders-2026-10b.csv", StagingTests.corrected)
        let report = try Self.load(input, into: location, bulk: true)
        #expect(report.rejects.count == 2)
        let probe = try WarehouseProbe(location)
        #expect(try probe.rows("SELECT order_id, amount, status FROM orders ORDER BY order_id") == [
            ["A1", "100.0", "completed"], ["A2", "250.0", "completed"], ["A3", "300.0", "cancelled"], ["A4", "400.0", "completed"],
        ])
        let indexes = backend == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'visits' ORDER BY name"
            : "SELECT indexname FROM pg_indexes WHERE tablename = 'visits' ORDER BY indexname"
        #expect(try probe.rows(indexes).compactMap { $0[0] }.contains("visits_start"))
        // The key still holds: a second row with an existing key is refused.
        #expect(throws: WarehouseError.self) {
            try probe.warehouse.transaction { session in
                try session.sql.execute("INSERT INTO orders (order_id, customer_id, manager_id, order_date, amount, status) VALUES ('A1', 'C001', 'M001', '2026-10-01T09:00:00+08:00', 1, 'completed')")
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func aCorrectedExportReplacesRowsAndDuplicatesInALoadAreReported(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try backend.location(tmp)
        tmp.write("input/orders.csv", StagingTests.orders)
        _ = try Self.load(input, into: location)
        try FileManager.default.removeItem(atPath: tmp.file("input/orders.csv"))
        tmp.write("input/orders-2026-10a.csv", StagingTests.orders)
        tmp.write("input/orders-2026-10b.csv", StagingTests.corrected)
        let report = try Self.load(input, into: location)
        #expect(report.rejects.map { "\($0.file):\($0.line) \($0.reason)" } == [
            "orders-2026-10a.csv:3 duplicate key: replaced by orders-2026-10b.csv line 2",
            "orders-2026-10a.csv:4 duplicate key: replaced by orders-2026-10b.csv line 3",
        ])
        #expect(report.files.map { "\($0.file) \($0.rowsLoaded)/\($0.rowsRejected)" }.suffix(2) == ["orders-2026-10a.csv 1/2", "orders-2026-10b.csv 3/0"])
        let probe = try WarehouseProbe(location)
        #expect(try probe.rows("SELECT order_id, amount, status, source_file, source_line FROM orders ORDER BY order_id") == [
            ["A1", "100.0", "completed", "orders-2026-10a.csv", "2.0"], ["A2", "250.0", "completed", "orders-2026-10b.csv", "2.0"],
            ["A3", "300.0", "cancelled", "orders-2026-10b.csv", "3.0"], ["A4", "400.0", "completed", "orders-2026-10b.csv", "4.0"],
        ])
    }

    /// The period's view of the staged tables after `load` (a `LoadReport()`: every table scanned).
    static func staged(_ location: WarehouseLocation, after load: LoadReport, timeZone: String = "Asia/Shanghai") throws -> StagedEvents {
        let warehouse = try openWarehouse(location, timeZone: timeZone)
        try warehouse.migrate()
        let clock = ZoneClock(timeZone: TimeZone(identifier: timeZone)!)
        return try warehouse.dryRun { try StagedEvents.read($0, load: load, clock: clock, latest: true, perDay: true) }
    }

    /// The same latest events, events per day and totals.
    static func expectSame(_ a: StagedEvents, _ b: StagedEvents, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(a.latest.byColumn == b.latest.byColumn, sourceLocation: sourceLocation)
        #expect(a.perDay == b.perDay, sourceLocation: sourceLocation)
        #expect(a.totals == b.totals, sourceLocation: sourceLocation)
    }

    /// A table that holds exactly one load's rows gives its latest events from the load
    /// (no scan); one with a row replaced in the load, or rows from before it that the load
    /// replaced, is scanned. Either way the period and as_of see what a scan of every table sees.
    @Test(arguments: Backend.allCases)
    func theLatestEventsOfALoadAreTheTablesOwn(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try backend.location(tmp)
        // A9 is the latest order of the first file, until the second moves it to an earlier day.
        tmp.write("input/orders-2026-10a.csv", StagingTests.orders + "A9,C001,M001,2026-10-20 09:00,5,completed\n")
        tmp.write("input/orders-2026-10b.csv", "order_id,customer_id,manager_id,order_date,amount,status\nA9,C001,M001,2026-10-05 09:00,5,completed\n")
        // Out of order, with a report submitted after the latest start and one without a report.
        tmp.write("input/visits.csv", """
            visit_id,manager_id,customer_id,visit_start,report_submitted_at
            V1,M001,C001,2026-10-07 10:00,2026-10-09 18:00
            V2,M001,C002,2026-10-08 09:30,
            V3,M002,C003,2026-10-02 14:00,2026-10-02 17:00

            """)
        tmp.emptyExports()
        let report = try Self.load(input, into: location)
        #expect(report.ownEvents[.orders] == nil)
        let visitDays = [CivilDate(year: 2026, month: 10, day: 7): 1, CivilDate(year: 2026, month: 10, day: 8): 1, CivilDate(year: 2026, month: 10, day: 2): 1]
        #expect(report.ownEvents[.visits] == StagedTable(rows: 3, latest: ["visit_start": "2026-10-08T09:30:00+08:00",
                                                                           "report_submitted_at": "2026-10-09T18:00:00+08:00"], days: visitDays))
        #expect(report.ownEvents[.managers]?.latest == ["hire_date": "2022-07-15"])
        #expect(report.ownEvents[.complaints] == StagedTable(rows: 0, latest: [:], days: [:]))
        let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let scanned = try Self.staged(location, after: LoadReport()), fromLoad = try Self.staged(location, after: report)
        Self.expectSame(fromLoad, scanned)
        #expect(scanned.totals[.visits] == StagedTable(rows: 3, latest: report.ownEvents[.visits]!.latest, days: visitDays))
        let corrected = try #require(Moment.parse("2026-10-05 09:00")).epoch(in: clock)
        let reported = try #require(Moment.parse("2026-10-09 18:00")).epoch(in: clock)
        #expect(scanned.latest.byColumn["orders.order_date"] == corrected)
        #expect(scanned.latest.byColumn["visits.report_submitted_at"] == reported)
        // Loaded again onto the same tables: those that held rows are not the load's own. The
        // visits it added replaced the rows before them: their count says so, and they are scanned.
        var again = try Self.load(input, into: location)
        #expect(again.ownEvents[.visits] == nil && again.ownEvents[.managers] == nil && again.ownEvents[.orders] == nil)
        #expect(again.addedEvents[.visits]?.rows == 3)
        #expect(again.ownEvents[.complaints] == StagedTable(rows: 0, latest: [:], days: [:]))
        again.stagedBefore = scanned.totals
        Self.expectSame(try Self.staged(location, after: again), scanned)
    }

    /// A load that only added rows to a fact table: its totals are the last run's plus its rows',
    /// with no scan, and they are what a scan finds (SPEC §6, "Incremental").
    @Test(arguments: Backend.allCases)
    func addedRowsAreAddedToTheLastRunsTotals(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try backend.location(tmp)
        tmp.write("input/visits.csv", """
            visit_id,manager_id,customer_id,visit_start,report_submitted_at
            V1,M001,C001,2026-10-07 10:00,2026-10-09 18:00
            V2,M001,C002,2026-10-08 09:30,

            """)
        tmp.emptyExports()
        let first = try Self.staged(location, after: try Self.load(input, into: location))
        // November's visits in a file of their own, with no report yet: the latest report is October's.
        try FileManager.default.removeItem(atPath: (input as NSString).appendingPathComponent("visits.csv"))
        tmp.write("input/visits-11.csv", """
            visit_id,manager_id,customer_id,visit_start,report_submitted_at
            V3,M001,C001,2026-11-02 10:00,
            V4,M002,C003,2026-11-02 14:00,

            """)
        var added = try Self.load(input, into: location)
        #expect(added.addedEvents[.visits] == StagedTable(rows: 2, latest: ["visit_start": "2026-11-02T14:00:00+08:00"],
                                                          days: [CivilDate(year: 2026, month: 11, day: 2): 2]))
        added.stagedBefore = first.totals
        let carried = try Self.staged(location, after: added), scanned = try Self.staged(location, after: LoadReport())
        #expect(carried.totals[.visits] == StagedTable(rows: 4, latest: ["visit_start": "2026-11-02T14:00:00+08:00",
                                                                         "report_submitted_at": "2026-10-09T18:00:00+08:00"],
                                                       days: [CivilDate(year: 2026, month: 10, day: 7): 1, CivilDate(year: 2026, month: 10, day: 8): 1,
                                                              CivilDate(year: 2026, month: 11, day: 2): 2]))
        Self.expectSame(carried, scanned)
    }

    /// In a daylight-saving zone's repeated hour the text order is not the time order: PostgreSQL's
    /// `MAX` of a timestamptz is the later instant, the greater text may be the earlier one. Two
    /// times of one day with different offsets are not combined: the table is scanned.
    @Test(arguments: Backend.allCases)
    func carriedLatestInTheRepeatedHourIsWhatAScanFinds(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try backend.location(tmp)
        var config = PipelineConfig()
        config.timeZone = TimeZone(identifier: "Europe/Berlin")!
        func load() throws -> LoadReport {
            let warehouse = try openWarehouse(location, timeZone: "Europe/Berlin")
            try warehouse.migrate()
            let loader = Loader(config: config, inputFolder: input, now: testNow)
            return try warehouse.transaction { try loader.load(into: $0) }
        }
        // 01:15Z is 02:15+01:00, the second 02:15 of the night the clocks go back.
        tmp.write("input/visits.csv", """
            visit_id,manager_id,customer_id,visit_start
            V1,M001,C001,2026-10-25T01:15:00Z

            """)
        tmp.emptyExports()
        let first = try Self.staged(location, after: try load(), timeZone: "Europe/Berlin")
        // 00:30Z is 02:30+02:00: the earlier instant, the greater text.
        try FileManager.default.removeItem(atPath: (input as NSString).appendingPathComponent("visits.csv"))
        tmp.write("input/visits-2.csv", """
            visit_id,manager_id,customer_id,visit_start
            V2,M001,C002,2026-10-25T00:30:00Z

            """)
        var added = try load()
        #expect(added.addedEvents[.visits] != nil)
        added.stagedBefore = first.totals
        Self.expectSame(try Self.staged(location, after: added, timeZone: "Europe/Berlin"),
                        try Self.staged(location, after: LoadReport(), timeZone: "Europe/Berlin"))
    }

    /// Amounts kept to the cent, as numeric(18,2) keeps them; a NUL byte is an undecodable field
    /// (PostgreSQL cannot store one) — the same on both warehouses.
    @Test(arguments: Backend.allCases)
    func amountsToTheCentAndNulBytesRejected(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        // The NUL past the 64 KiB an export's encoding is detected from (a NUL there makes it "not text").
        let filler = (1...1_500).map { "F\($0),C001,M001,2026-10-01 09:00,1,completed\n" }.joined()
        tmp.write("input/orders.csv", Data(("order_id,customer_id,manager_id,order_date,amount,status\nA1,C001,M001,2026-10-01 09:00,12.345,completed\n"
                                            + filler + "A2,C001,M001,2026-10-02 09:00,1.5,comp\u{0}leted\n").utf8))
        let location = try backend.location(tmp)
        let report = try Self.load(input, into: location)
        #expect(report.rejects.map { "\($0.line) \($0.reason.kind)" } == ["1503 \(RejectReason.undecodableText.kind)"])
        #expect(try WarehouseProbe(location).rows("SELECT order_id, amount FROM orders WHERE order_id LIKE 'A%'") == [["A1", "12.35"]])
    }

    @Test(arguments: Backend.allCases)
    func aSurveyTwiceKeepsOnlyTheLaterScores(_ backend: Backend) throws {
        let tmp = TempFolder()
        let input = tmp.input()
        tmp.write("input/surveys.csv", """
            survey_id,customer_id,surveyed_at,overall,nps,attitude,responsiveness
            S01,C001,2026-10-02 10:00,5,9,5,3
            S02,C002,2026-10-03 10:00,4,8,4,4
            S01,C001,2026-10-02 10:00,2,3,2,

            """)
        let location = try backend.location(tmp)
        _ = try Self.load(input, into: location)
        let probe = try WarehouseProbe(location)
        #expect(try probe.rows("SELECT survey_id, overall, nps FROM surveys ORDER BY survey_id") == [["S01", "2.0", "3.0"], ["S02", "4.0", "8.0"]])
        #expect(try probe.rows("SELECT survey_id, dimension, score FROM survey_dimensions ORDER BY survey_id, dimension") == [
            ["S01", "attitude", "2.0"], ["S02", "attitude", "4.0"], ["S02", "responsiveness", "4.0"],
        ])
    }

    @Test(arguments: Backend.allCases)
    func aFailedRunLeavesTheWarehouseAsItWasAndIsRecorded(_ backend: Backend) throws {
        let (tmp, input, location) = try Self.ordersToRun(backend)
        _ = try PipelineRunner.run(try Self.options(tmp, location, input: input))
        let probe = try WarehouseProbe(location)
        let before = try Entity.allCases.map { try probe.dump($0.rawValue) }
        let results = try probe.dump("customer_grades")
        tmp.write("input/orders.csv", StagingTests.corrected)
        var failing = try Self.options(tmp, location, input: input)
        failing.hooks.failureAt = (.written, InjectedFault())
        #expect(throws: InjectedFault.self) { try PipelineRunner.run(failing) }
        #expect(try Entity.allCases.map { try probe.dump($0.rawValue) } == before)
        #expect(try probe.dump("customer_grades") == results)
        #expect(try probe.rows("SELECT status FROM runs ORDER BY run_id") == [["succeeded"], ["failed"]])
    }

    @Test(arguments: Backend.allCases)
    func anUnchangedRerunIsRecordedAndKeepsItsReports(_ backend: Backend) throws {
        let (tmp, input, location) = try Self.ordersToRun(backend)
        let first = try PipelineRunner.run(try Self.options(tmp, location, input: input))
        let second = try PipelineRunner.run(try Self.options(tmp, location, input: input))
        #expect(second.unchangedSince == first.runID)
        let probe = try WarehouseProbe(location)
        #expect(try probe.rows("SELECT status, period FROM runs ORDER BY run_id") == [["succeeded", "2026-10"], ["unchanged", "2026-10"]])
    }

    @Test(arguments: Backend.allCases)
    func twoRunsAtOnceTakeTurnsAndBothLand(_ backend: Backend) throws {
        let (tmp, input, location) = try Self.ordersToRun(backend)
        let options = try Self.options(tmp, location, input: input)
        let results = ResultBox()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do { _ = try PipelineRunner.run(options); results.add(nil) } catch { results.add(error) }
        }
        #expect(results.errors.isEmpty)
        let probe = try WarehouseProbe(location)
        // One after the other: the second finds nothing changed and keeps the first one's results.
        #expect(try probe.rows("SELECT status FROM runs ORDER BY run_id") == [["succeeded"], ["unchanged"]])
        #expect(try probe.rows("SELECT COUNT(*) FROM orders") == [["3.0"]])
        #expect(try probe.rows("SELECT COUNT(*) FROM customer_grades") == [["3.0"]])
    }

    @Test(arguments: Backend.allCases)
    func aSecondRunWaitsForTheLockAndGivesUpWithAClearMessage(_ backend: Backend) throws {
        let tmp = TempFolder()
        let location = try backend.location(tmp)
        let holder = try openWarehouse(location, timeZone: "UTC")
        let lock = try holder.lockRuns(timeout: 1, onWait: nil)
        let other = try openWarehouse(location, timeZone: "UTC")
        var waited = false
        #expect(throws: WarehouseError.busy(path: location.description, waitedSeconds: 0)) {
            _ = try other.lockRuns(timeout: 0.3, onWait: { waited = true })
        }
        #expect(waited)
        withExtendedLifetime(lock) {}
    }
}

struct InjectedFault: Error {}

/// The whole pipeline on both warehouses: every staged and result table equal (SPEC §9).
@Suite struct WarehouseEquivalenceTests {
    /// Runs September then October of `input` into each warehouse and compares every table.
    static func compare(input: String, config: PipelineConfig) throws {
        var dumps: [Backend: [String: [[String?]]]] = [:]
        for backend in Backend.allCases {
            let tmp = TempFolder()
            let location = try backend.location(tmp)
            for period in ["2026-09", "2026-10"] {
                _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: input, period: period, config: config))
            }
            let probe = try WarehouseProbe(location)
            var dump: [String: [[String?]]] = [:]
            for table in ResultTables.tables + Entity.allCases.map(\.rawValue) + ["survey_dimensions"] { dump[table] = try probe.dump(table) }
            dump["rejects"] = try probe.rows("SELECT file, line, \"column\", reason, kind, raw, detail FROM rejects ORDER BY run_id, line, file")
            dumps[backend] = dump
        }
        let sqlite = try #require(dumps[.sqlite]), postgres = try #require(dumps[.postgres])
        #expect(sqlite.keys.sorted() == postgres.keys.sorted())
        for table in sqlite.keys.sorted() {
            let a = sqlite[table] ?? [], b = postgres[table] ?? []
            #expect(a.count == b.count, "\(table): \(a.count) rows in SQLite, \(b.count) in PostgreSQL")
            let firstDifference = zip(a, b).first { $0 != $1 }
            #expect(firstDifference == nil, "\(table): SQLite \(firstDifference?.0 ?? []) vs PostgreSQL \(firstDifference?.1 ?? [])")
        }
        #expect((sqlite["customer_grades"] ?? []).count > 100)
    }

    @Test func theSampleGivesTheSameTablesOnBothWarehouses() throws {
        var config = PipelineConfig()
        config.visits.dailyQuota = ["urban": 3, "rural": 2]   // every result table filled
        try Self.compare(input: MetricsRunTests.sample, config: config)
    }

    @Test func messyGeneratedExportsGiveTheSameTablesOnBothWarehouses() throws {
        let tmp = TempFolder()
        _ = try Generator.write(GeneratorTests.options(messy: true), to: tmp.file("input"))
        var config = PipelineConfig()
        config.maxRejectRate = 0.5   // a small messy set has a larger broken share than a real one
        try Self.compare(input: tmp.file("input"), config: config)
    }
}

/// What only PostgreSQL has: its column types, and the URI rules (SPEC §9).
@Suite struct PostgresWarehouseTests {
    @Test func stagedColumnsHaveRealTypes() throws {
        let tmp = TempFolder()
        let probe = try WarehouseProbe(try Backend.postgres.location(tmp))
        let types = try probe.rows("""
            SELECT table_name || '.' || column_name, data_type, COALESCE(numeric_precision, 0), COALESCE(numeric_scale, 0)
            FROM information_schema.columns WHERE table_schema = current_schema()
            """).reduce(into: [String: String]()) { out, r in
            out[r[0] ?? ""] = (r[1] ?? "") + (r[1] == "numeric" ? "(\(Int(Double(r[2] ?? "0") ?? 0)),\(Int(Double(r[3] ?? "0") ?? 0)))" : "")
        }
        #expect(types["orders.order_date"] == "timestamp with time zone")
        #expect(types["orders.due_date"] == "date")
        #expect(types["orders.amount"] == "numeric(18,2)")
        #expect(types["visits.duration_min"] == "double precision")
        #expect(types["surveys.overall"] == "integer")
        #expect(types["customers.since"] == "date")
        #expect(types["manager_scores.sla_rate"] == "double precision")
        #expect(types["runs.as_of"] == "timestamp with time zone")
        #expect(types["customer_grades.first_activity"] == "timestamp with time zone")
        #expect(types["targets.target"] == "numeric(18,2)")
        // Citus-ready keys: the distribution column in every fact table's primary key.
        let keys = try probe.rows("""
            SELECT tc.table_name || ':' || string_agg(k.column_name, ',' ORDER BY k.ordinal_position) FROM information_schema.table_constraints tc
            JOIN information_schema.key_column_usage k ON k.constraint_name = tc.constraint_name AND k.table_name = tc.table_name
            WHERE tc.constraint_type = 'PRIMARY KEY' AND tc.table_schema = current_schema() GROUP BY tc.table_name
            """).compactMap { $0[0] }
        for key in ["orders:customer_id,order_id", "visits:customer_id,visit_id", "complaints:customer_id,complaint_id",
                    "surveys:customer_id,survey_id", "customers:customer_id", "customer_grades:period,customer_id"] {
            #expect(keys.contains(key), "\(key) in \(keys.sorted())")
        }
    }

    /// A corrected export moves an order to another customer: the order is kept once (the key
    /// includes customer_id for Citus; the load deletes the incoming order ids first).
    @Test func anOrderMovedToAnotherCustomerIsKeptOnce() throws {
        let tmp = TempFolder()
        let input = tmp.input()
        let location = try Backend.postgres.location(tmp)
        tmp.write("input/orders.csv", StagingTests.orders)
        _ = try WarehouseContractTests.load(input, into: location)
        tmp.write("input/orders.csv", "order_id,customer_id,manager_id,order_date,amount,status\nA2,C002,M001,2026-10-02 09:00,250,completed\n")
        _ = try WarehouseContractTests.load(input, into: location)
        #expect(try WarehouseProbe(location).rows("SELECT order_id, customer_id, amount FROM orders ORDER BY order_id") == [
            ["A1", "C001", "100.0"], ["A2", "C002", "250.0"], ["A3", "C002", "300.0"],
        ])
    }

    @Test func aPasswordInTheURIIsRefused() throws {
        #expect(throws: WarehouseError.passwordInURI) { try WarehouseLocation(parsing: "postgresql://scorer:secret@db.example/scorecard") }
        #expect(throws: WarehouseError.passwordInURI) { try WarehouseLocation(parsing: "postgresql://db.example/scorecard?password=secret") }
        // As libpq reads them: up to the first @, percent-encoded names, the client key's password.
        #expect(throws: WarehouseError.passwordInURI) { try WarehouseLocation(parsing: "postgresql://u:se?cret@h/db") }
        #expect(throws: WarehouseError.passwordInURI) { try WarehouseLocation(parsing: "postgresql://h/db?pass%77ord=x") }
        #expect(throws: WarehouseError.passwordInURI) { try WarehouseLocation(parsing: "postgresql://h/db?sslpassword=x") }
        #expect(try WarehouseLocation(parsing: "PostgreSQL://h/db") == .postgres(uri: "postgresql://h/db"))
        #expect(try WarehouseLocation(parsing: "postgresql://scorer@db.example:5432/scorecard") == .postgres(uri: "postgresql://scorer@db.example:5432/scorecard"))
        #expect(try WarehouseLocation(parsing: "sqlite:out/w.sqlite") == .sqlite(path: "out/w.sqlite"))
        let config = try PipelineLoader.parse("warehouse: postgresql://scorer@db.example/scorecard\n", file: "p.yml")
        #expect(config.warehouse == .postgres(uri: "postgresql://scorer@db.example/scorecard"))
        #expect(throws: PipelineError.self) { try PipelineLoader.parse("warehouse: postgresql://a:b@h/db\n", file: "p.yml") }
    }

    @Test func theNumberedParametersSkipQuotedText() {
        #expect(PostgresSession.numbered("SELECT '?', \"a?\" FROM t WHERE a = ? AND b = ?") == "SELECT '?', \"a?\" FROM t WHERE a = $1 AND b = $2")
    }
}
