import Foundation
import ScorecardModel

/// Everything a pipeline file sets (SPEC §5). Every value has the spec's default,
/// so `PipelineConfig()` is the default monthly pipeline.
public struct PipelineConfig: Sendable {
    public enum Language: String, Sendable { case zhCN = "zh-CN", en }

    public var name = "monthly"
    public var timeZone = TimeZone(identifier: "Asia/Shanghai")!
    public var periodKind: Period.Kind = .month
    public var language: Language = .zhCN
    /// SPEC §2.3: a file whose rejected share exceeds this makes the run exit 3.
    public var maxRejectRate = 0.05
    /// A rate from fewer cases than this shows its count and is not flagged (SPEC §4.1.1).
    public var minSample = 5
    /// How long a run waits for another run on the same warehouse (SPEC §2.4).
    public var lockTimeoutSeconds = 600.0
    /// `warehouse:` (SPEC §9): `sqlite:PATH` or a PostgreSQL URI; nil is the SQLite file in the output folder.
    public var warehouse: WarehouseLocation?
    public var inputs: [Entity: InputSpec] = Dictionary(uniqueKeysWithValues: Entity.allCases.map { ($0, InputSpec(entity: $0)) })
    public var calendar = CalendarSettings()
    public var grading = GradingSettings()
    public var complaints = ComplaintSettings()
    public var visits = VisitSettings()
    public var satisfaction = SatisfactionSettings()
    public var receivables = ReceivablesSettings()
    public var development = DevelopmentSettings()
    public var service = ServiceSettings()
    public var ranking = RankingSettings()
    /// SPEC §3.11.
    public var submissions = SubmissionSettings()
    public var ledger = LedgerSettings()
    public var outputs = OutputSettings()
    /// SPEC §4.5.
    public var deliver = DeliverSettings()
    /// The currency of every amount in the reports (SPEC §2.5).
    public var currency = "CNY"
    /// Rates into `currency` of the other currencies an export may hold (`USD: 7.10`).
    public var fx: [String: Double] = [:]

    public init() {}

    public func input(_ entity: Entity) -> InputSpec { inputs[entity] ?? InputSpec(entity: entity) }
}

/// How one entity's files are found and read.
public struct InputSpec: Sendable {
    /// Glob patterns in the input folder (`*` and `?`).
    public var files: [String]
    /// nil = detect.
    public var encoding: TextEncoding?
    /// nil = detect (comma, tab or semicolon).
    public var delimiter: UInt8?
    /// Canonical column name → the header(s) in the export: one header, or a date
    /// header and a time header joined with a space (SPEC §2.5). A mapped column
    /// takes only these headers, not the built-in aliases.
    public var columns: [String: [String]] = [:]
    /// Moments given as the time since another (SPEC §2.7): `first_response_at: {after:
    /// received_at, minutes: 首次响应时长}` — the column is the `after` column's moment plus
    /// the header's number of minutes, hours or days.
    public var durations: [String: Duration] = [:]
    /// Per enumerated column: word in the export → canonical value (before the built-in words).
    public var values: [String: [String: String]] = [:]
    /// Per money column: the factor its values are multiplied by (`amount: 10000` for 万元).
    public var scale: [String: Double] = [:]
    /// Texts that mean "empty" in every column but free text (SPEC §2.1).
    public var missing: [String] = InputSpec.defaultMissing
    /// How a slash date with the year last is read (`10/3/2026`).
    public var dateOrder: DateOrder = .ymd
    /// Columns the export lacks, the same for every row (`currency: CNY`).
    public var constants: [String: String] = [:]
    /// Rows to leave out, by a header's words: `{诉求类型: [咨询, 表扬]}` — a hotline
    /// export's enquiries and praise are not complaints. Counted and shown, not rejected.
    public var skip: [String: [String]] = [:]

    /// The run goes on without a file of this entity (its part of the report empty);
    /// otherwise a required entity with no file stops the run (issue 12). Targets
    /// are optional whatever this says.
    public var optional = false

    /// `derive: true` (customers, managers; SPEC §2.7): the list is made from the facts'
    /// ids, names and teams; an export of it, if any, wins and only ids it lacks are added.
    public var derive = false
    /// `lines: sum` (orders, SPEC §2.7): rows sharing an `order_id` in one load are the lines of
    /// one order, their amounts and costs summed.
    public var sumLines = false
    /// The header's line (1-based) when the search of the first `EntityFileReader.headerSearchLines`
    /// lines does not find it, or finds a title line instead (SPEC §2.7).
    public var headerLine: Int?
    /// The year of dates written without one (`11月18日`, `11/18`); without it such dates are
    /// rejected saying the year is missing (SPEC §2.7).
    public var defaultYear: Int?

    public static let defaultMissing = ["-", "--", "—", "－", "/", "N/A", "NA", "#N/A", "NULL", "null"]

    public init(entity: Entity) { files = [entity.defaultPattern] }
}

/// A moment read as a duration after another moment of the same row (SPEC §2.7).
public struct Duration: Sendable, Equatable {
    /// The column the duration runs from (`received_at`).
    public var after: String
    /// The export's header holding the number.
    public var header: String
    /// Seconds in one unit of the number: 60 (minutes), 3 600 (hours), 86 400 (days).
    public var unitSeconds: Double
}

/// Calendar or business hours for every duration (SPEC §3.6).
public struct CalendarSettings: Sendable {
    public enum Kind: String, Sendable { case calendar, business }
    public var kind: Kind = .calendar
    /// Working day as minutes after midnight, default 08:30–17:30.
    public var workdayStart = 8 * 60 + 30
    public var workdayEnd = 17 * 60 + 30
    /// ISO weekdays (Mon = 1) that are working days.
    public var weekdays: Set<Int> = [1, 2, 3, 4, 5]
    public var holidays: Set<CivilDate> = []
    /// Weekend days that are working days (China's adjusted working weekends).
    public var workdaysExtra: Set<CivilDate> = []
}

/// SPEC §3.1.
public struct GradingSettings: Sendable {
    public enum Method: String, Sendable { case pareto, composite }
    public enum Basis: String, Sendable { case sales, profit }
    public var method: Method = .pareto
    public var basis: Basis = .sales
    public var aShare = 0.70
    public var bShare = 0.90
    public var downgradeDaysLate = 30.0
    public var provisionalMonths = 6
    public var windowMonths = 12
    public var compositeWeights = (sales: 0.5, profit: 0.3, payment: 0.2)
    public var compositeA = 0.75
    public var compositeB = 0.45
}

/// SPEC §3.2.
public struct ComplaintSettings: Sendable {
    public var firstResponseHours = 24.0
    public var resolutionHours = 168.0
    public var escalationHours = 24.0
    public var followUpDays = 7.0
    public var followUpTarget = 0.10
    public var onSiteTarget = 0.30
    public var repeatDays = 30.0
    /// m in the adjusted SLA rate (met + m·μ)/(decided + m) the ranking uses (SPEC §3.5).
    public var priorWeight = 5.0
}

/// SPEC §3.3.
public struct VisitSettings: Sendable {
    public var minVisitMinutes = 8.0
    public var reportHours = 48.0
    public var countingTypes: Set<String> = ["on_site", "phone"]
    /// Months between required visits by grade; 0 = no cadence.
    public var cadenceA = 1
    public var cadenceB = 3
    public var cadenceC = 6
    /// `remote` (外埠) customers, whatever their grade.
    public var cadenceRemote = 6
    /// Distinct customers visited on site per working day, by territory; 0 = off (SPEC §3.10).
    public var dailyQuota = ["urban": 0, "rural": 0]
    /// A plan is kept by a visit within this many calendar days of its date.
    public var planToleranceDays = 2
}

/// SPEC §3.9.
public struct ServiceSettings: Sendable {
    public struct CategoryClass: Sendable, Equatable {
        public var name: String
        /// A category belongs to the class when it contains one of these words.
        public var words: [String]
    }
    public static let otherClass = "other"
    /// Days after completion by which a repair must be followed up, by class.
    public var deadlineDays: [String: Double] = ["safety": 2, "leak": 3, "other": 7]
    public var categories: [CategoryClass] = [
        .init(name: "safety", words: ["安全设施", "消防", "电梯", "燃气"]),
        .init(name: "leak", words: ["漏水", "渗水", "水管"]),
    ]
    /// Target share of completed requests followed up by each role.
    public var roleTargets: [String: Double] = ["director": 0.10, "administrator": 0.30, "repair_lead": 0.60]
    /// A problem found on a follow-up needs a written notice within this many hours.
    public var noticeHours = 24.0
}

/// SPEC §3.4.
public struct SatisfactionSettings: Sendable {
    public struct Dimension: Sendable, Equatable {
        public var name: String
        public var header: String
    }
    public var csatTarget = 0.90
    public var priorWeight = 5.0
    /// Surveys with `overall` at or below this form the corrective-action list.
    public var correctiveMaxScore = 2
    public var dimensions: [Dimension] = [
        .init(name: "attitude", header: "服务态度"),
        .init(name: "responsiveness", header: "响应速度"),
        .init(name: "expertise", header: "专业能力"),
    ]

    /// The defaults.
    public init() {}
}

/// SPEC §3.7.
public struct ReceivablesSettings: Sendable {
    /// Upper bounds of the overdue buckets in days: [30, 60, 90] gives 1–30, 31–60, 61–90, 91+.
    public var buckets = [30, 60, 90]
    /// Target of the collection rate (收缴率).
    public var collectionTarget = 0.95
}

/// SPEC §3.8.
public struct DevelopmentSettings: Sendable {
    /// A new customer must have a counting visit within this many days after its first activity.
    public var firstContactDays = 30
}

/// SPEC §3.5.
public struct RankingSettings: Sendable {
    /// What the sales KPI counts: orders placed in the period, or payments arrived in it.
    public enum SalesBasis: String, Sendable { case ordered, paid }
    public var weightSales = 40.0
    public var weightSatisfaction = 25.0
    public var weightSLA = 20.0
    public var weightCoverage = 15.0
    /// Optional KPIs, left out of the score at weight 0.
    public var weightCollection = 0.0
    public var weightNewCustomers = 0.0
    public var weightService = 0.0
    public var weightPlanExecution = 0.0
    /// Optional KPIs of SPEC §3.11 (on-time rate of written work) and §3.12 (attainments).
    public var weightSubmissions = 0.0
    public var weightCollectionAttainment = 0.0
    public var weightNewCustomersAttainment = 0.0
    public var weightVisitsAttainment = 0.0
    public var salesBasis: SalesBasis = .ordered

    package var totalWeight: Double {
        weightSales + weightSatisfaction + weightSLA + weightCoverage + weightCollection + weightNewCustomers + weightService + weightPlanExecution
            + weightSubmissions + weightCollectionAttainment + weightNewCustomersAttainment + weightVisitsAttainment
    }
}

/// SPEC §4: which outputs a run writes.
public struct OutputSettings: Sendable {
    public var workbook = true
    public var markdown = true
    public var charts = true
    /// A folder per team with a supervisor, its own workbook and report cut to its subtree (SPEC §4.4).
    public var perTeam = false
}
