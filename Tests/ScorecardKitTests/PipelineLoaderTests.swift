import Foundation
import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline

/// SPEC §5: strict pipeline files; errors name file, line and key.
@Suite struct PipelineLoaderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func shippedMonthlyPipelineSpellsOutTheDefaults() throws {
        let (config, _) = try PipelineLoader.load(path: Self.repository.appendingPathComponent("pipelines/monthly.yml").path)
        let defaults = PipelineConfig()
        #expect(config.periodKind == .month)
        #expect(config.timeZone.identifier == "Asia/Shanghai")
        #expect(config.maxRejectRate == defaults.maxRejectRate)
        #expect(config.complaints.resolutionHours == 168)
        #expect(config.visits.countingTypes == ["on_site", "phone"])
        #expect(config.grading.aShare == 0.70 && config.grading.bShare == 0.90)
        #expect(config.calendar.weekdays == [1, 2, 3, 4, 5])
        #expect(config.satisfaction.dimensions == defaults.satisfaction.dimensions)
        #expect(config.input(.orders).files == ["orders*.csv"])
        #expect(config.ranking.weightSales == 40 && config.ranking.weightCoverage == 15)
        #expect(config.currency == "CNY" && config.fx.isEmpty)
        #expect(config.receivables.buckets == [30, 60, 90] && config.receivables.collectionTarget == 0.95)
        #expect(config.development.firstContactDays == 30)
        #expect(config.service.deadlineDays == defaults.service.deadlineDays && config.service.categories == defaults.service.categories)
        #expect(config.service.roleTargets == defaults.service.roleTargets && config.service.noticeHours == 24)
        #expect(config.visits.dailyQuota == ["urban": 0, "rural": 0] && config.visits.planToleranceDays == 2)
        #expect(config.ranking.weightService == 0 && config.ranking.weightPlanExecution == 0)
        #expect(config.input(.serviceRequests).optional && config.input(.visitPlans).optional)
        #expect(config.ranking.weightCollection == 0 && config.ranking.weightNewCustomers == 0 && config.ranking.salesBasis == .ordered)
        // SPEC §3.11, §3.12: the handbooks' keys at their defaults.
        #expect(config.submissions.deadlines == defaults.submissions.deadlines && !config.submissions.archivePerOrder)
        // The ledger's rules are none by default (`PipelineConfig()`); the sample's pipeline shows seven, as the handbooks set them.
        #expect(PipelineConfig().ledger.rules.isEmpty && config.ledger.rules.map(\.event.rawValue) == [
            "late_submission", "missing_submission", "complaint_breached", "a_customer_not_visited", "target_tier", "target_tier", "rank_first"])
        #expect(!config.ledger.affectsScore)
        #expect(config.ranking.weightSubmissions == 0 && config.ranking.weightCollectionAttainment == 0
                && config.ranking.weightNewCustomersAttainment == 0 && config.ranking.weightVisitsAttainment == 0)
        #expect(config.input(.submissions).optional && config.input(.targets).optional)
        for entity in Entity.allCases {
            let spec = config.input(entity)
            #expect(spec.missing == InputSpec.defaultMissing && spec.dateOrder == .ymd)
            #expect(spec.columns.isEmpty && spec.values.isEmpty && spec.scale.isEmpty && spec.constants.isEmpty)
        }
    }

    @Test func shippedHalfMonthPipelineRanksHalfMonths() throws {
        let (config, _) = try PipelineLoader.load(path: Self.repository.appendingPathComponent("pipelines/half-month.yml").path)
        #expect(config.periodKind == .halfMonth)
        #expect(config.name == "half-month")
    }

    @Test func leftOutKeysTakeDefaults() throws {
        let config = try PipelineLoader.parse("timezone: Asia/Urumqi\ncomplaints:\n  first_response_hours: 12\n", file: "p.yml")
        #expect(config.timeZone.identifier == "Asia/Urumqi")
        #expect(config.complaints.firstResponseHours == 12)
        #expect(config.complaints.resolutionHours == 168)
        #expect(config.periodKind == .month)
    }

    @Test(arguments: [
        ("period: month\nmax_rejects: 0.1\n", PipelineError.unknownKey(file: "p.yml", line: 2, key: "max_rejects")),
        ("visits:\n  min_visit_minutes: 8\n  cadence_months:\n    D: 2\n", .unknownKey(file: "p.yml", line: 4, key: "visits.cadence_months.D")),
        ("max_reject_rate: five\n", .wrongType(file: "p.yml", line: 1, key: "max_reject_rate", expected: "a number")),
        ("max_reject_rate: 5\n", .invalidValue(file: "p.yml", line: 1, key: "max_reject_rate", message: "must be between 0 and 1 (e.g. 0.05 for 5 %)")),
        ("complaints: 24\n", .wrongType(file: "p.yml", line: 1, key: "complaints", expected: "a mapping (key: value lines)")),
        ("period: fortnight\n", .invalidValue(file: "p.yml", line: 1, key: "period", message: "expected week, month, half_month, quarter or year")),
        ("outputs:\n  workbook: maybe\n", .wrongType(file: "p.yml", line: 2, key: "outputs.workbook", expected: "true or false")),
        ("inputs:\n  orders:\n    files: orders.csv\n", .wrongType(file: "p.yml", line: 3, key: "inputs.orders.files", expected: "a list like [a, b]")),
        ("inputs:\n  orders:\n    encoding: latin1\n", .invalidValue(file: "p.yml", line: 3, key: "inputs.orders.encoding", message: "expected auto, utf-8, utf-8-bom, utf-16le, utf-16be, gb18030 or gbk")),
        ("inputs:\n  orders:\n    columns: {amont: 金额}\n", .unknownKey(file: "p.yml", line: 3, key: "inputs.orders.columns.amont")),
        ("visits:\n  cadence_months:\n    A: 1.5\n", .wrongType(file: "p.yml", line: 3, key: "visits.cadence_months.A", expected: "a whole number")),
    ])
    func badFilesNameFileLineAndKey(yaml: String, expected: PipelineError) {
        #expect(throws: expected) { _ = try PipelineLoader.parse(yaml, file: "p.yml") }
    }

    @Test func syntaxErrorsGiveTheLine() {
        let error = #expect(throws: PipelineError.self) { _ = try PipelineLoader.parse("period: month\ngrading: [a\n", file: "p.yml") }
        guard case .syntax(let file, let line, _) = error else { Issue.record("expected a syntax error"); return }
        #expect(file == "p.yml")
        #expect(line >= 2)
    }

    /// Issue 12, item 3: every numeric setting has a range (values that trapped the
    /// metrics or the charts: repeat_days 1e15, window_months 1e14, a cadence of
    /// Int.max, a weight of 1e308), and combinations are checked.
    @Test(arguments: [
        ("complaints:\n  repeat_days: 1e15\n", PipelineError.invalidValue(file: "p.yml", line: 2, key: "complaints.repeat_days", message: "must be between 0 and 366")),
        ("grading:\n  window_months: 100000000000000\n", .invalidValue(file: "p.yml", line: 2, key: "grading.window_months", message: "must be between 1 and 120")),
        ("grading:\n  window_months: 0\n", .invalidValue(file: "p.yml", line: 2, key: "grading.window_months", message: "must be between 1 and 120")),
        ("visits:\n  cadence_months:\n    A: 9223372036854775807\n", .invalidValue(file: "p.yml", line: 3, key: "visits.cadence_months.A", message: "must be between 0 and 120")),
        ("ranking:\n  weights:\n    sales: 1e308\n", .invalidValue(file: "p.yml", line: 3, key: "ranking.weights.sales", message: "must be between 0 and 1000")),
        ("satisfaction:\n  prior_weight: 1e308\n", .invalidValue(file: "p.yml", line: 2, key: "satisfaction.prior_weight", message: "must be between 0 and 1000000")),
        ("ranking:\n  weights: {sales: 0, satisfaction: 0, sla: 0, coverage: 0}\n", .invalidValue(file: "p.yml", line: 2, key: "ranking.weights", message: "the weights must not all be 0 (the ranking would have no basis)")),
        ("receivables:\n  buckets: [30, 30, 90]\n", .invalidValue(file: "p.yml", line: 2, key: "receivables.buckets", message: "the days must rise, from 1 to 3660 (e.g. [30, 60, 90])")),
        ("receivables:\n  buckets: [30, sixty]\n", .invalidValue(file: "p.yml", line: 2, key: "receivables.buckets", message: "expected 1 to 10 whole numbers of days, e.g. [30, 60, 90]")),
        ("receivables:\n  collection_target: 95\n", .invalidValue(file: "p.yml", line: 2, key: "receivables.collection_target", message: "must be between 0 and 1 (e.g. 0.05 for 5 %)")),
        ("development:\n  first_contact_days: 0\n", .invalidValue(file: "p.yml", line: 2, key: "development.first_contact_days", message: "must be between 1 and 366")),
        ("service:\n  categories: {pest: [白蚁]}\n", .invalidValue(file: "p.yml", line: 2, key: "service.deadline_days", message: "no deadline for the class 'pest' (add pest: days)")),
        ("service:\n  deadline_days: {safety: 0}\n", .invalidValue(file: "p.yml", line: 2, key: "service.deadline_days.safety", message: "must be more than 0 days")),
        ("visits:\n  daily_quota: {suburb: 20}\n", .unknownKey(file: "p.yml", line: 2, key: "visits.daily_quota.suburb")),
        ("ranking:\n  sales_basis: invoiced\n", .invalidValue(file: "p.yml", line: 2, key: "ranking.sales_basis", message: "expected ordered or paid")),
        ("ranking:\n  weights: {sales: 0, satisfaction: 0, sla: 0, coverage: 0, collection: 0}\n", .invalidValue(file: "p.yml", line: 2, key: "ranking.weights", message: "the weights must not all be 0 (the ranking would have no basis)")),
        ("grading:\n  composite:\n    a_score: 0.4\n    b_score: 0.6\n", .invalidValue(file: "p.yml", line: 3, key: "grading.composite.a_score", message: "must not be below b_score")),
        ("business_hours:\n  weekdays: []\n", .invalidValue(file: "p.yml", line: 2, key: "business_hours.weekdays", message: "at least one working weekday is needed")),
    ])
    func settingsOutOfRangeExitTwo(text: String, expected: PipelineError) {
        #expect(throws: expected) { try PipelineLoader.parse(text, file: "p.yml") }
    }
}

extension PipelineLoaderTests {
    @Test func receivablesDevelopmentAndOptionalKPIKeysAreRead() throws {
        let config = try PipelineLoader.parse("""
            receivables: {buckets: [15, 45], collection_target: 0.9}
            development: {first_contact_days: 14}
            ranking:
              sales_basis: paid
              weights: {sales: 0, satisfaction: 0, sla: 0, coverage: 0, collection: 30, new_customers: 5}
            """, file: "p.yml")
        #expect(config.receivables.buckets == [15, 45] && config.receivables.collectionTarget == 0.9)
        #expect(config.development.firstContactDays == 14)
        #expect(config.ranking.salesBasis == .paid)
        #expect(config.ranking.weightCollection == 30 && config.ranking.weightNewCustomers == 5 && config.ranking.weightSales == 0)
    }
}

extension PipelineLoaderTests {
    @Test func serviceAndQuotaKeysAreRead() throws {
        let config = try PipelineLoader.parse("""
            visits: {daily_quota: {urban: 30, rural: 25}, plan_tolerance_days: 1}
            service:
              deadline_days: {safety: 1, pest: 5, other: 10}
              categories: {safety: [电梯], pest: [白蚁, 虫害]}
              role_targets: {director: 0.2}
              notice_hours: 12
            ranking: {weights: {service: 10, plan_execution: 5}}
            """, file: "p.yml")
        #expect(config.visits.dailyQuota == ["urban": 30, "rural": 25] && config.visits.planToleranceDays == 1)
        #expect(config.service.deadlineDays == ["safety": 1, "leak": 3, "pest": 5, "other": 10])
        #expect(config.service.categories.map(\.name) == ["safety", "pest"])
        #expect(ServiceFollowUps.repairClass(of: "地下室白蚁", config.service) == "pest")
        #expect(config.service.roleTargets["director"] == 0.2 && config.service.noticeHours == 12)
        #expect(config.ranking.weightService == 10 && config.ranking.weightPlanExecution == 5)
    }
}
