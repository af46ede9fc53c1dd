import ScorecardModel

/// The metric settings of SPEC §5: calendar, grading, visits, receivables, service, ranking, satisfaction.
extension PipelineLoader {
    package static func parseBusinessHours(_ m: YAMLMap, into c: inout CalendarSettings) throws {
        try m.allow(["workday", "weekdays", "holidays", "workdays_extra"])
        if let (v, line) = try m.stringWithLine("workday") {
            let parts = v.split(separator: "-").map { $0.split(separator: ":").compactMap { Int($0) } }
            guard parts.count == 2, parts.allSatisfy({ $0.count == 2 && (0...24).contains($0[0]) && (0..<60).contains($0[1]) }) else {
                throw m.invalid("workday", line, "expected a range like \"08:30-17:30\"")
            }
            c.workdayStart = parts[0][0] * 60 + parts[0][1]
            c.workdayEnd = parts[1][0] * 60 + parts[1][1]
            guard c.workdayEnd > c.workdayStart else { throw m.invalid("workday", line, "the working day must end after it starts") }
        }
        if let days = try m.stringList("weekdays") {
            let names = weekdayNumbers
            c.weekdays = []
            if days.isEmpty { throw m.invalid("weekdays", m.line(of: "weekdays"), "at least one working weekday is needed") }
            for d in days {
                guard let n = names[String(d.lowercased().prefix(3))] else { throw m.invalid("weekdays", m.line(of: "weekdays"), "unknown weekday '\(d)'") }
                c.weekdays.insert(n)
            }
        }
        if let list = try m.stringList("holidays") { c.holidays = try dates(list, key: "holidays", in: m) }
        if let list = try m.stringList("workdays_extra") { c.workdaysExtra = try dates(list, key: "workdays_extra", in: m) }
    }

    /// ISO weekday numbers by the first three letters of a weekday's name.
    package static let weekdayNumbers = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    private static func dates(_ list: [String], key: String, in m: YAMLMap) throws -> Set<CivilDate> {
        var out: Set<CivilDate> = []
        for text in list {
            guard let moment = Moment.parse(text), moment.secondsOfDay == nil else {
                throw m.invalid(key, m.line(of: key), "'\(text)' is not a date like 2026-10-01")
            }
            out.insert(moment.date)
        }
        return out
    }

    package static func parseGrading(_ m: YAMLMap, into g: inout GradingSettings) throws {
        try m.allow(["method", "basis", "a_share", "b_share", "downgrade_days_late", "provisional_months", "window_months", "composite"])
        if let v: GradingSettings.Method = try m.choice("method", expected: "expected pareto or composite") { g.method = v }
        if let v: GradingSettings.Basis = try m.choice("basis", expected: "expected sales or profit") { g.basis = v }
        if let v = try m.fraction("a_share") { g.aShare = v }
        if let v = try m.fraction("b_share") { g.bShare = v }
        if g.bShare < g.aShare { throw m.invalid("b_share", m.line(of: "b_share"), "must not be below a_share") }
        if let v = try m.nonNegative("downgrade_days_late", upTo: 3_660) { g.downgradeDaysLate = v }
        if let v = try m.count("provisional_months", in: 0...120) { g.provisionalMonths = v }
        if let v = try m.count("window_months", in: 1...120) { g.windowMonths = v }
        if let c = try m.map("composite") {
            try c.allow(["w_sales", "w_profit", "w_pay", "a_score", "b_score"])
            if let v = try c.nonNegative("w_sales", upTo: 1_000) { g.compositeWeights.sales = v }
            if let v = try c.nonNegative("w_profit", upTo: 1_000) { g.compositeWeights.profit = v }
            if let v = try c.nonNegative("w_pay", upTo: 1_000) { g.compositeWeights.payment = v }
            if let v = try c.fraction("a_score") { g.compositeA = v }
            if let v = try c.fraction("b_score") { g.compositeB = v }
            if g.compositeA < g.compositeB { throw c.invalid("a_score", c.line(of: "a_score"), "must not be below b_score") }
            if g.compositeWeights.sales + g.compositeWeights.profit + g.compositeWeights.payment == 0 {
                throw c.invalid("w_sales", c.line(of: "w_sales"), "the composite weights must not all be 0")
            }
        }
    }

    package static func parseVisits(_ m: YAMLMap, into v: inout VisitSettings) throws {
        try m.allow(["min_visit_minutes", "report_hours", "counting_types", "cadence_months", "daily_quota", "plan_tolerance_days"])
        if let q = try m.map("daily_quota") {
            try q.allow(Territory.spellings.map(\.canonical))
            for t in Territory.spellings.map(\.canonical) {
                if let x = try q.count(t, in: 0...1_000) { v.dailyQuota[t] = x }
            }
        }
        if let x = try m.count("plan_tolerance_days", in: 0...31) { v.planToleranceDays = x }
        if let x = try m.nonNegative("min_visit_minutes", upTo: 1_440) { v.minVisitMinutes = x }
        if let x = try m.nonNegative("report_hours", upTo: 8_760) { v.reportHours = x }
        if let types = try m.stringList("counting_types") {
            let known = VisitType.spellings.map(\.canonical)
            for t in types where !known.contains(t) {
                throw m.invalid("counting_types", m.line(of: "counting_types"), "unknown visit type '\(t)' (expected \(known.joined(separator: ", ")))")
            }
            v.countingTypes = Set(types)
        }
        if let c = try m.map("cadence_months") {
            try c.allow(["A", "B", "C", "remote"])
            if let x = try c.count("A", in: 0...120) { v.cadenceA = x }
            if let x = try c.count("B", in: 0...120) { v.cadenceB = x }
            if let x = try c.count("C", in: 0...120) { v.cadenceC = x }
            if let x = try c.count("remote", in: 0...120) { v.cadenceRemote = x }
        }
    }

    package static func parseReceivables(_ m: YAMLMap, into r: inout ReceivablesSettings) throws {
        try m.allow(["buckets", "collection_target"])
        if let list = try m.stringList("buckets") {
            let line = m.line(of: "buckets")
            let days = list.compactMap { Int($0) }
            guard days.count == list.count, !days.isEmpty, days.count <= 10 else {
                throw m.invalid("buckets", line, "expected 1 to 10 whole numbers of days, e.g. [30, 60, 90]")
            }
            guard days.first! >= 1, days.isSorted(by: <), days.last! <= 3_660 else {
                throw m.invalid("buckets", line, "the days must rise, from 1 to 3660 (e.g. [30, 60, 90])")
            }
            r.buckets = days
        }
        if let v = try m.fraction("collection_target") { r.collectionTarget = v }
    }

    package static func parseService(_ m: YAMLMap, into s: inout ServiceSettings) throws {
        try m.allow(["deadline_days", "categories", "role_targets", "notice_hours"])
        if let d = try m.map("deadline_days") {
            for (name, _, line) in try d.stringPairs() {
                guard let days = try d.nonNegative(name, upTo: 366) else { continue }
                guard days > 0 else { throw d.invalid(name, line, "must be more than 0 days") }
                s.deadlineDays[name] = days
            }
        }
        if let c = try m.map("categories") {
            var classes: [ServiceSettings.CategoryClass] = []
            for (name, line) in c.keys() {
                guard name != ServiceSettings.otherClass else {
                    throw c.invalid(name, line, "'other' takes every category no class names; it has no words")
                }
                classes.append(.init(name: name, words: try c.stringList(name) ?? []))
            }
            s.categories = classes
        }
        // A deadline for a class no category list names is a typo (`saftey: 1` would leave safety at 2 days).
        let classes = Set(s.categories.map(\.name) + [ServiceSettings.otherClass])
        if let d = try m.map("deadline_days") {
            for (name, line) in d.keys() where !classes.contains(name) {
                throw PipelineError.unknownKey(file: d.file, line: line, key: "service.deadline_days.\(name)")
            }
        }
        for c in s.categories where s.deadlineDays[c.name] == nil {
            throw m.invalid("deadline_days", m.line(of: "deadline_days"), "no deadline for the class '\(c.name)' (add \(c.name): days)")
        }
        if let r = try m.map("role_targets") {
            try r.allow(FollowUpRole.spellings.map(\.canonical))
            for role in FollowUpRole.spellings.map(\.canonical) {
                if let x = try r.fraction(role) { s.roleTargets[role] = x }
            }
        }
        if let x = try m.nonNegative("notice_hours", upTo: 8_760) { s.noticeHours = x }
    }

    package static func parseRanking(_ m: YAMLMap, into r: inout RankingSettings) throws {
        try m.allow(["weights", "sales_basis"])
        if let v: RankingSettings.SalesBasis = try m.choice("sales_basis", expected: "expected ordered or paid") { r.salesBasis = v }
        guard let w = try m.map("weights") else { return }
        try w.allow(["sales", "satisfaction", "sla", "coverage", "collection", "new_customers", "service", "plan_execution",
                     "submissions", "collection_attainment", "new_customers_attainment", "visits_attainment"])
        if let v = try w.nonNegative("sales", upTo: 1_000) { r.weightSales = v }
        if let v = try w.nonNegative("satisfaction", upTo: 1_000) { r.weightSatisfaction = v }
        if let v = try w.nonNegative("sla", upTo: 1_000) { r.weightSLA = v }
        if let v = try w.nonNegative("coverage", upTo: 1_000) { r.weightCoverage = v }
        if let v = try w.nonNegative("collection", upTo: 1_000) { r.weightCollection = v }
        if let v = try w.nonNegative("new_customers", upTo: 1_000) { r.weightNewCustomers = v }
        if let v = try w.nonNegative("service", upTo: 1_000) { r.weightService = v }
        if let v = try w.nonNegative("plan_execution", upTo: 1_000) { r.weightPlanExecution = v }
        if let v = try w.nonNegative("submissions", upTo: 1_000) { r.weightSubmissions = v }
        if let v = try w.nonNegative("collection_attainment", upTo: 1_000) { r.weightCollectionAttainment = v }
        if let v = try w.nonNegative("new_customers_attainment", upTo: 1_000) { r.weightNewCustomersAttainment = v }
        if let v = try w.nonNegative("visits_attainment", upTo: 1_000) { r.weightVisitsAttainment = v }
        if r.totalWeight == 0 {
            throw m.invalid("weights", w.line, "the weights must not all be 0 (the ranking would have no basis)")
        }
    }

    package static func parseSatisfaction(_ m: YAMLMap, into s: inout SatisfactionSettings) throws {
        try m.allow(["csat_target", "prior_weight", "corrective_max_score", "dimensions"])
        if let x = try m.fraction("csat_target") { s.csatTarget = x }
        if let x = try m.nonNegative("prior_weight", upTo: 1_000_000) { s.priorWeight = x }
        if let x = try m.count("corrective_max_score", in: 0...5) { s.correctiveMaxScore = x }
        if let d = try m.map("dimensions") {
            s.dimensions = try d.stringPairs().map { .init(name: $0.0, header: $0.1) }
        }
    }

    package static func parseComplaints(_ m: YAMLMap, into c: inout ComplaintSettings) throws {
        try m.allow(["first_response_hours", "resolution_hours", "escalation_hours", "follow_up_days",
                     "follow_up_target", "on_site_target", "repeat_days", "prior_weight"])
        if let v = try m.nonNegative("first_response_hours", upTo: 8_760) { c.firstResponseHours = v }
        if let v = try m.nonNegative("resolution_hours", upTo: 8_760) { c.resolutionHours = v }
        if let v = try m.nonNegative("escalation_hours", upTo: 8_760) { c.escalationHours = v }
        if let v = try m.nonNegative("follow_up_days", upTo: 366) { c.followUpDays = v }
        if let v = try m.fraction("follow_up_target") { c.followUpTarget = v }
        if let v = try m.fraction("on_site_target") { c.onSiteTarget = v }
        if let v = try m.nonNegative("repeat_days", upTo: 366) { c.repeatDays = v }
        if let v = try m.nonNegative("prior_weight", upTo: 1_000_000) { c.priorWeight = v }
    }

    package static func parseDevelopment(_ m: YAMLMap, into d: inout DevelopmentSettings) throws {
        try m.allow(["first_contact_days"])
        if let v = try m.count("first_contact_days", in: 1...366) { d.firstContactDays = v }
    }

    package static func parseOutputs(_ m: YAMLMap, into o: inout OutputSettings) throws {
        try m.allow(["workbook", "markdown", "charts", "per_team"])
        if let v = try m.bool("workbook") { o.workbook = v }
        if let v = try m.bool("markdown") { o.markdown = v }
        if let v = try m.bool("charts") { o.charts = v }
        if let v = try m.bool("per_team") { o.perTeam = v }
    }
}
