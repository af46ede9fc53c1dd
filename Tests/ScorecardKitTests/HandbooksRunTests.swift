import Foundation
import Testing
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardSQLite

/// SPEC §3.11, §3.12 on the sample (input/submissions.csv, input/targets.csv): the stored results
/// against sums of their own over the staged and stored rows.
@Suite struct HandbooksRunTests {
    static func run(_ tmp: TempFolder) throws -> SQLiteWarehouse {
        let location = WarehouseLocation.sqlite(path: tmp.file("out/warehouse.sqlite"))
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-10"))
        return try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
    }

    @Test func theSummaryCountsTheItemsAndTheTeamsSumTheirManagers() throws {
        let tmp = TempFolder()
        let db = try Self.run(tmp)
        // Per manager and kind, and over all kinds, the summary counts the items.
        let counted = try db.rows("""
            SELECT manager_id, kind, COUNT(*), SUM(status = 'on_time'), SUM(status = 'late'), SUM(status = 'missing'), SUM(status = 'pending')
            FROM submission_items WHERE period = '2026-10' GROUP BY manager_id, kind
            UNION ALL
            SELECT manager_id, '', COUNT(*), SUM(status = 'on_time'), SUM(status = 'late'), SUM(status = 'missing'), SUM(status = 'pending')
            FROM submission_items WHERE period = '2026-10' GROUP BY manager_id
            ORDER BY 1, 2
            """)
        let stored = try db.rows("""
            SELECT manager_id, kind, expected, on_time, late, missing, pending FROM submission_summary WHERE period = '2026-10' ORDER BY 1, 2
            """)
        #expect(counted == stored && counted.count > 20)
        // Every item is due in October (days, weeks, months) or dealt in October (archives).
        #expect(try db.rows("""
            SELECT COUNT(*) FROM submission_items WHERE period = '2026-10'
              AND NOT (kind = 'archive' AND covers LIKE '2026-10-%') AND NOT (kind != 'archive' AND deadline LIKE '2026-10-%')
            """) == [["0"]])
        // The top of the organisation (no target of its own): its value is every ranked manager's sales,
        // its target 一组's own plus the other managers' targets (一组 has one of its own).
        let root = try db.rows("SELECT ROUND(value, 2), ROUND(target, 2) FROM target_attainment WHERE period = '2026-10' AND level = 'team' AND key = '分行' AND kind = 'sales'")
        let sales = try db.rows("SELECT ROUND(SUM(sales), 2) FROM manager_scores WHERE period = '2026-10'")
        let targets = try db.rows("""
            SELECT ROUND(SUM(target), 2) FROM targets WHERE period = '2026-10' AND kind = 'sales' AND tier = 'target'
              AND (team = '一组' OR manager_id IN (SELECT manager_id FROM managers WHERE team != '一组'))
            """)
        #expect(root.first?.first == sales.first?.first && root.first?.last == targets.first?.first)
        // With sales targets the ranking's sales KPI is the attainment of target_attainment.
        #expect(try db.rows("""
            SELECT COUNT(*) FROM manager_scores s JOIN target_attainment t
              ON t.period = s.period AND t.level = 'manager' AND t.key = s.manager_id AND t.kind = 'sales'
            WHERE s.period = '2026-10' AND ABS(s.attainment - t.attainment) > 1e-12
            """) == [["0"]])
    }
}
