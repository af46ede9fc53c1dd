import ScorecardModel
import ScorecardWarehouse

/// Earlier periods' stored results (SPEC §3.1, §3.5, §4.1.1), and the names behind the ids.
extension SQLSession {
    package func storedGrades(period: String, _ body: (String, Grade) -> Void) throws {
        try forEachRow("SELECT customer_id, grade FROM customer_grades WHERE period = ?", [period]) { r in
            if let g = Grade(rawValue: r.text(1)) { body(r.text(0), g) }
        }
    }

    package func storedRanks(period: String) throws -> [String: Int] {
        var ranks: [String: Int] = [:]
        try forEachRow("SELECT manager_id, rank FROM manager_scores WHERE period = ?", [period]) { r in ranks[r.text(0)] = r.int(1) }
        return ranks
    }

    package func storedOverdue(period: String) throws -> Double? {
        try firstDouble("SELECT overdue FROM receivables WHERE period = ? AND manager_id = ''", [period])
    }

    package func storedRankings(periods: [String]) throws -> [String: [String: StoredRanking]] {
        var stored: [String: [String: StoredRanking]] = [:]
        try forEachRow("""
            SELECT period, manager_id, score, rank, sales, coverage_rate, sla_rate, adjusted_satisfaction,
              attainment, collection_rate, new_customers, service_compliance, plan_execution_rate FROM manager_scores
            WHERE period IN (\(periods.map { _ in "?" }.joined(separator: ", ")))
            """, periods) { r in
            stored[r.text(0), default: [:]][r.text(1)] = StoredRanking(
                score: r.double(2) ?? 0, rank: r.int(3) ?? 0, sales: r.double(4) ?? 0, coverageRate: r.double(5), slaRate: r.double(6),
                adjustedSatisfaction: r.double(7), attainment: r.double(8), collectionRate: r.double(9), newCustomers: r.double(10),
                serviceCompliance: r.double(11), planExecutionRate: r.double(12))
        }
        return stored
    }

    package func storedFigures(period: String) throws -> [String: Double] {
        var figures: [String: Double] = [:]
        try forEachRow("SELECT metric, value FROM period_metrics WHERE period = ? AND value IS NOT NULL", [period]) { r in
            figures[r.text(0)] = r.double(1)
        }
        return figures
    }

    package func managerNames() throws -> [ManagerName] {
        var names: [ManagerName] = []
        try forEachRow("SELECT manager_id, name, team, status FROM managers") { r in
            names.append(ManagerName(id: r.text(0), name: r.text(1), team: r.string(2), left: r.string(3) == "left"))
        }
        return names
    }

    package func forEachCustomerName(_ body: (_ id: String, _ name: String, _ region: String?) throws -> Void) throws {
        // In id order (byte order on both engines): the reports' directory keeps them in that order.
        try forEachRow("SELECT customer_id, name, region FROM customers ORDER BY customer_id") { r in try body(r.text(0), r.text(1), r.string(2)) }
    }

    package func forEachStoredGrade(period: String, _ body: (StoredGradeRow) throws -> Void) throws {
        // The ids in the order of their bytes, as the client sorts them: SQLite's BINARY collation,
        // PostgreSQL's text columns COLLATE "C".
        try forEachRow("""
            SELECT g.customer_id, g.manager_id, c.name, c.region, g.grade, g.provisional, g.previous_grade, g.grade_change,
              g.grade_reason, g.sales_12m, g.profit_12m, g.avg_days_late, g.on_time_rate
            FROM customer_grades g JOIN customers c ON c.customer_id = g.customer_id
            WHERE g.period = ?
            ORDER BY g.grade, g.sales_12m DESC, g.customer_id
            """, [period]) { r in
            guard let grade = Grade(rawValue: r.text(4)) else {
                throw WarehouseError.database(path: "(customer_grades)", message: "customer \(r.text(0)): a stored grade '\(r.text(4))' this scorecard does not write")
            }
            try body(StoredGradeRow(customerID: r.text(0), managerID: r.text(1), name: r.string(2), region: r.string(3), grade: grade,
                                    provisional: (r.int(5) ?? 0) != 0, previousGrade: r.string(6).flatMap(Grade.init(rawValue:)),
                                    change: r.text(7), reason: r.text(8), sales12m: r.double(9) ?? 0, profit12m: r.double(10) ?? 0,
                                    avgDaysLate: r.double(11), onTimeRate: r.double(12)))
        }
    }
}
