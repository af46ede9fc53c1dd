import Foundation
import Testing
@testable import ScorecardKit
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardSQLite

/// SPEC §4.4: the stored rollup of every level of the sample's three-level organisation (input/teams.csv)
/// against a computation of its own from the staged rows: the subtree by a recursive query, then
/// managers, customers, sales and SLA summed over it.
@Suite struct TeamRollupRunTests {
    @Test func everyLevelEqualsASumOverTheStagedRows() throws {
        let tmp = TempFolder()
        let location = WarehouseLocation.sqlite(path: tmp.file("out/warehouse.sqlite"))
        _ = try PipelineRunner.run(try WarehouseContractTests.options(tmp, location, input: MetricsRunTests.sample, period: "2026-10"))
        let db = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        // Each team with the managers of its subtree (the managers' own team, then up the parents).
        let below = """
            WITH RECURSIVE up(team, manager_id) AS (
              SELECT team, manager_id FROM managers WHERE team IS NOT NULL
              UNION SELECT t.parent, up.manager_id FROM up JOIN teams t ON t.team = up.team WHERE t.parent IS NOT NULL)
            """
        let expected = try db.rows("""
            \(below)
            SELECT up.team, COUNT(DISTINCT s.manager_id),
              (SELECT COUNT(*) FROM customers c JOIN up u2 ON u2.manager_id = c.manager_id WHERE u2.team = up.team),
              ROUND((SELECT SUM(o.amount) FROM orders o JOIN up u3 ON u3.manager_id = o.manager_id
                     WHERE u3.team = up.team AND o.status = 'completed' AND o.order_date >= '2026-10-01' AND o.order_date < '2026-11-01'), 2),
              (SELECT SUM((x.first_response_status = 'met') + (x.resolution_status = 'met') + COALESCE(x.escalation_status = 'met', 0)) * 1.0
                      / SUM((x.first_response_status != 'pending') + (x.resolution_status != 'pending') + COALESCE(x.escalation_status != 'pending', 0))
               FROM complaint_sla x JOIN up u4 ON u4.manager_id = x.manager_id WHERE u4.team = up.team AND x.period = '2026-10')
            FROM up JOIN manager_scores s ON s.manager_id = up.manager_id AND s.period = '2026-10'
            GROUP BY up.team ORDER BY up.team
            """)
        let stored = try db.rows("""
            SELECT team, managers, customers, ROUND(sales, 2), sla_rate FROM team_rollup WHERE period = '2026-10' ORDER BY team
            """)
        #expect(stored.count == 7)   // 分行, two 支行, four 组
        #expect(stored.map { $0[0] } == expected.map { $0[0] })
        for (s, e) in zip(stored, expected) {
            #expect(s[1] == e[1] && s[2] == e[2], "\(s[0] ?? ""): managers, customers \(s) vs \(e)")
            #expect(abs((Double(s[3] ?? "") ?? -1) - (Double(e[3] ?? "") ?? -2)) < 0.005, "\(s[0] ?? ""): sales \(s[3] ?? "") vs \(e[3] ?? "")")
            #expect(abs((Double(s[4] ?? "") ?? -1) - (Double(e[4] ?? "") ?? -2)) < 1e-9, "\(s[0] ?? ""): SLA \(s[4] ?? "") vs \(e[4] ?? "")")
        }
        // Coverage, collection and the mean score from the managers' stored results, summed over the subtree
        // (counts and amounts, never a mean of rates), and the rank among the teams of the same parent.
        let perLevel = try db.rows("""
            \(below)
            SELECT up.team, SUM(v.customers_covered) * 1.0 / SUM(v.customers_due),
              (SELECT SUM(r.collection_rate * r.amount_due) / SUM(r.amount_due) FROM receivables r JOIN up u5 ON u5.manager_id = r.manager_id
               WHERE u5.team = up.team AND r.period = '2026-10' AND r.collection_rate IS NOT NULL),
              ROUND(AVG(s.score), 9)
            FROM up JOIN manager_scores s ON s.manager_id = up.manager_id AND s.period = '2026-10'
            LEFT JOIN visit_summary v ON v.manager_id = up.manager_id AND v.period = '2026-10'
            GROUP BY up.team ORDER BY up.team
            """)
        let storedLevel = try db.rows("""
            SELECT team, coverage_rate, collection_rate, ROUND(mean_score, 9), rank_in_parent,
              RANK() OVER (PARTITION BY COALESCE(parent, '') ORDER BY ROUND(mean_score, 6) DESC)
            FROM team_rollup WHERE period = '2026-10' ORDER BY team
            """)
        for (s, e) in zip(storedLevel, perLevel) {
            #expect(s[0] == e[0])
            for k in 1...3 {
                #expect(abs((Double(s[k] ?? "") ?? -1) - (Double(e[k] ?? "") ?? -2)) < 1e-9, "\(s[0] ?? ""): column \(k) \(s) vs \(e)")
            }
            #expect(s[4] == s[5], "\(s[0] ?? ""): rank in parent \(s[4] ?? "") vs \(s[5] ?? "")")
        }
        #expect(storedLevel.count == perLevel.count)
        // The top holds everyone: its SLA is the period's overall rate.
        let overall = try db.rows("SELECT sla_rate FROM complaint_sla_groups WHERE period = '2026-10' AND grouping = 'overall'")
        #expect(try db.rows("SELECT sla_rate FROM team_rollup WHERE period = '2026-10' AND depth = 0") == overall)
        // The robot's token is not in the warehouse.
        #expect(try db.rows("SELECT webhook FROM teams WHERE webhook IS NOT NULL") == [["https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"]])
    }
}
