import ScorecardModel
import ScorecardWarehouse

/// A period's results as the warehouse's result tables (SPEC §4.3): every row keyed by
/// `period`, times as ISO text in the pipeline's zone. Rows are made as they are stored.
package enum ResultTables {
    /// The result tables, every one `make` gives.
    package static let tables = ["customer_grades", "complaint_sla", "complaint_sla_groups", "visit_summary", "satisfaction_summary",
                         "satisfaction_groups", "manager_scores", "uncovered_customers", "corrective_actions",
                         "repeat_complaints", "unescalated_majors", "period_metrics", "receivables", "chase_list",
                         "new_customers", "customers_left_behind", "survey_reach", "service_followups", "service_summary",
                         "visit_quota", "visit_plans_summary", "team_rollup", "submission_items", "submission_summary", "ledger",
                         "ledger_totals", "target_attainment"]

    /// Every result table of `r`'s period; `teamFigures`: the headline figures of each team whose
    /// report was written (`outputs.per_team`), kept for its next report's 上期.
    package static func make(_ r: PeriodResults, clock: ZoneClock, teamFigures: [String: [Figure: Double]] = [:]) -> [ResultTable] {
        let p = r.period.name
        return core(r, p, clock: clock) + development(r, p, clock: clock) + fieldWork(r, p, clock: clock) + [figures(r, p, teams: teamFigures), teams(r, p)]
            + handbooks(r, p, clock: clock)
    }

    /// Every customer's grade (SPEC §3.1), while the results hold them all: stored before the
    /// grades keep only their moves, and read back for the 客户分级 sheets (issue 29).
    package static func customerGrades(_ grades: CustomerGrades, period p: String, clock: ZoneClock) -> ResultTable {
        precondition(grades.holdsAll, "the grades' table is made of all of them")
        return ResultTable("customer_grades", ["period", "customer_id", "manager_id", "grade", "provisional", "sales_12m", "profit_12m",
                                               "avg_days_late", "on_time_rate", "previous_grade", "grade_change", "first_activity", "grade_reason"],
                           grades.lazy.map { [p, $0.customerID, $0.managerID, $0.grade.rawValue, $0.provisional, $0.sales12m, $0.profit12m,
                                           $0.avgDaysLate, $0.onTimeRate, $0.previousGrade?.rawValue, $0.change.rawValue,
                                           $0.firstActivity.map(clock.iso), $0.reasons.map(\.description).joined(separator: GradeReason.storedSeparator)] })
    }

    /// SPEC §3.1–§3.6.
    package static func core(_ r: PeriodResults, _ p: String, clock: ZoneClock) -> [ResultTable] {
        // Once the grades hold only the moves, their table was stored before (`customerGrades`).
        var out: [ResultTable] = r.grades.holdsAll ? [customerGrades(r.grades, period: p, clock: clock)] : []
        out.append(ResultTable("complaint_sla", ["period", "complaint_id", "manager_id", "customer_id", "severity", "category", "customer_grade",
                                         "received_at", "first_response_hours", "resolution_hours", "escalation_hours",
                                         "first_response_status", "resolution_status", "escalation_status"],
                   r.complaints.complaints.lazy.map { [p, $0.complaintID, $0.managerID, $0.customerID, $0.major ? "major" : "normal",
                                                  $0.category, $0.grade?.rawValue, clock.iso($0.receivedAt), $0.firstResponseHours,
                                                  $0.resolutionHours, $0.escalationHours, $0.firstResponse.rawValue,
                                                  $0.resolution.rawValue, $0.escalation?.rawValue] }))
        out.append(ResultTable("complaint_sla_groups", ["period", "grouping", "key", "complaints", "open", "median_first_response_hours",
                                                "p90_first_response_hours", "median_resolution_hours", "p90_resolution_hours",
                                                "first_response_compliance", "resolution_compliance", "escalation_compliance", "sla_rate"],
                   r.complaints.groups.lazy.map { [p, $0.grouping.rawValue, $0.key, $0.complaints, $0.open, $0.medianFirstResponseHours,
                                              $0.p90FirstResponseHours, $0.medianResolutionHours, $0.p90ResolutionHours,
                                              $0.firstResponseCompliance, $0.resolutionCompliance, $0.escalationCompliance, $0.slaRate] }))
        out.append(ResultTable("visit_summary", ["period", "manager_id", "visits", "customers_visited", "short_visits", "report_on_time_rate",
                                         "coverage_rate", "on_site", "phone", "online", "median_duration_min", "customers_due",
                                         "customers_covered"],
                   r.visits.managers.lazy.map { [p, $0.managerID, $0.visits, $0.customersVisited, $0.shortVisits, $0.reportOnTimeRate,
                                            $0.coverageRate, $0.onSite, $0.phone, $0.online, $0.medianDurationMinutes,
                                            $0.customersDue, $0.customersCovered] }))
        let managers = r.satisfaction.groups.filter { $0.grouping == .manager }
        out.append(ResultTable("satisfaction_summary", ["period", "manager_id", "responses", "mean_overall", "csat", "nps", "adjusted_satisfaction"],
                   managers.lazy.map { [p, $0.key, $0.responses, $0.meanOverall, $0.csat, $0.nps, $0.adjustedSatisfaction] }))
        out.append(ResultTable("satisfaction_groups", ["period", "grouping", "key", "dimension", "responses", "mean_overall", "csat", "nps", "mean"],
                   r.satisfaction.groups.lazy.flatMap { g -> [[(any Storable)?]] in
                       [[p, g.grouping.rawValue, g.key, "", g.responses, g.meanOverall, g.csat, g.nps, nil]]
                           + g.dimensions.keys.sorted().map { [p, g.grouping.rawValue, g.key, $0, g.responses, nil, nil, nil, g.dimensions[$0]] }
                   }))
        out.append(ResultTable("manager_scores", ["period", "manager_id", "sales", "attainment", "coverage_rate", "sla_rate", "adjusted_sla_rate", "adjusted_satisfaction",
                                          "collection_rate", "new_customers", "service_compliance", "plan_execution_rate",
                                          "score", "rank", "previous_rank", "is_first", "is_last"] + RankingKPI.allCases.map { "points_\($0.rawValue)" },
                   r.managers.lazy.map { m -> [(any Storable)?] in
                       [p, m.managerID, m.sales, m.attainment, m.coverageRate, m.slaRate, m.adjustedSLARate, m.adjustedSatisfaction,
                        m.collectionRate, m.newCustomers, m.serviceCompliance, m.planExecutionRate,
                        m.score, m.rank, m.previousRank, m.isFirst, m.isLast] + RankingKPI.allCases.map { m.points[$0] }
                   }))
        out.append(ResultTable("uncovered_customers", ["period", "customer_id", "manager_id", "grade", "cadence_months", "last_visit"],
                   r.visits.uncovered.lazy.map { [p, $0.customerID, $0.managerID, $0.grade.rawValue, $0.cadenceMonths, $0.lastVisit.map(clock.iso)] }))
        out.append(ResultTable("corrective_actions", ["period", "survey_id", "customer_id", "manager_id", "overall", "comment", "complained"],
                   r.satisfaction.corrective.lazy.map { [p, $0.surveyID, $0.customerID, $0.managerID, $0.overall, $0.comment, $0.complained] }))
        out.append(ResultTable("repeat_complaints", ["period", "complaint_id", "customer_id", "manager_id", "previous_complaint_id", "days_between"],
                   r.complaints.repeats.lazy.map { [p, $0.complaintID, $0.customerID, $0.managerID, $0.previousComplaintID, $0.daysBetween] }))
        out.append(ResultTable("unescalated_majors", ["period", "complaint_id", "customer_id", "manager_id", "received_at", "escalation_status"],
                   r.complaints.unescalatedMajors.lazy.map { [p, $0.complaintID, $0.customerID, $0.managerID, clock.iso($0.receivedAt), $0.escalation?.rawValue] }))
        return out
    }

    /// SPEC §3.11–§3.12: written work, the ledger, targets at every level.
    package static func handbooks(_ r: PeriodResults, _ p: String, clock: ZoneClock) -> [ResultTable] {
        let s = r.submissions
        return [
            ResultTable("submission_items", ["period", "manager_id", "kind", "covers", "item", "deadline", "submitted_at", "status"],
                        s.items.lazy.map { [p, $0.managerID, $0.kind, $0.covers, $0.item, clock.iso($0.deadline), $0.submittedAt.map(clock.iso),
                                            $0.status.rawValue] }),
            ResultTable("submission_summary", ["period", "manager_id", "kind", "expected", "on_time", "late", "missing", "pending", "on_time_rate"],
                        s.summaries.lazy.map { [p, $0.managerID, $0.kind, $0.expected, $0.count(.onTime), $0.count(.late), $0.count(.missing),
                                                $0.count(.pending), $0.onTimeRate] }),
            ResultTable("ledger", ["period", "manager_id", "seq", "rule", "event", "fact", "points", "amount"],
                        r.ledger.lines.lazy.map { [p, $0.managerID, $0.seq, $0.rule, $0.event.rawValue, $0.fact, $0.points, $0.amount] }),
            ResultTable("ledger_totals", ["period", "manager_id", "points", "amount", "kpi_score", "final_score"],
                        (r.ledger.hasRules ? r.ledger.totals : []).lazy.map { [p, $0.managerID, $0.points, $0.amount, $0.kpiScore, $0.finalScore] }),
            ResultTable("target_attainment", ["period", "level", "key", "kind", "value", "target", "stretch", "challenge", "attainment", "tier_reached"],
                        r.targets.rows.lazy.map { [p, $0.level.rawValue, $0.key, $0.kind.rawValue, $0.value, $0.tiers[.target], $0.tiers[.stretch],
                                                   $0.tiers[.challenge], $0.attainment, $0.reached?.rawValue] }),
        ]
    }

    /// SPEC §4.4: every level of the organisation.
    package static func teams(_ r: PeriodResults, _ p: String) -> ResultTable {
        ResultTable("team_rollup", ["period", "team", "name", "parent", "depth", "managers", "customers", "sales", "coverage_rate", "sla_rate",
                                    "adjusted_satisfaction", "collection_rate", "mean_score", "rank_in_parent"],
                    r.teams.map { [p, $0.team, $0.name, $0.parent, $0.depth, $0.managers, $0.customers, $0.sales, $0.coverageRate, $0.slaRate,
                                   $0.adjustedSatisfaction, $0.collectionRate, $0.meanScore, $0.rank] })
    }

    /// The headline figures' table: stored once the teams' reports are written (their figures are in it).
    package static let figuresTable = "period_metrics"

    /// The headline figures (NULL when a rate has no base), read back by the next period's report.
    /// A team's figures are named `team:<team>:<figure>` (SPEC §4.4: its report's previous period is its own).
    package static func figures(_ r: PeriodResults, _ p: String, teams: [String: [Figure: Double]] = [:]) -> ResultTable {
        let figures = r.figures
        var metrics: [(String, Double?)] = [("as_of_epoch", Double(r.asOf))] + Figure.allCases.map { ($0.rawValue, figures[$0]) }
        for (team, own) in teams.sorted(by: { $0.key < $1.key }) {
            metrics += Figure.allCases.map { (Figure.teamMetric(team, $0), own[$0]) }
        }
        return ResultTable(figuresTable, ["period", "metric", "value"], metrics.map { [p, $0.0, $0.1] })
    }

    /// SPEC §3.7–§3.8.
    package static func development(_ r: PeriodResults, _ p: String, clock: ZoneClock) -> [ResultTable] {
        var out: [ResultTable] = []
        let rec = r.receivables
        let bucketColumns = rec.buckets.columnNames
        out.append(ResultTable("receivables", addedNumberColumns: bucketColumns, ["period", "manager_id", "outstanding", "not_yet_due", "overdue"] + bucketColumns
                   + ["overdue_orders", "oldest_days_overdue", "amount_due", "collection_rate", "on_time_collection_rate"],
                   ([rec.overall] + rec.managers).lazy.map { s in
                       [p, s.managerID, s.outstanding, s.notYetDue, s.overdue] + s.overdueByBucket.map { $0 as (any Storable)? }
                           + [s.overdueOrders, s.oldestDaysOverdue, s.amountDue, s.collectionRate, s.onTimeCollectionRate]
                   }))
        let labels = rec.buckets.labels
        out.append(ResultTable("chase_list", ["period", "customer_id", "manager_id", "grade", "overdue_amount", "oldest_days_overdue", "bucket",
                                      "last_visit", "visited_since_overdue"],
                   rec.chaseList.lazy.map { [p, $0.customerID, $0.managerID, $0.grade?.rawValue, $0.overdueAmount, $0.oldestDaysOverdue,
                                        labels[$0.bucket], $0.lastVisit.map(clock.iso), $0.visitedSinceOverdue] }))
        let dev = r.development
        out.append(ResultTable("new_customers", ["period", "customer_id", "manager_id", "first_activity", "first_contact_status"],
                   dev.newCustomers.lazy.map { [p, $0.customerID, $0.managerID, clock.iso($0.firstActivity), $0.firstContact.rawValue] }))
        out.append(ResultTable("customers_left_behind", ["period", "customer_id", "manager_id", "team", "grade", "sales_12m", "last_visit"],
                   dev.leftBehind.lazy.map { [p, $0.customerID, $0.managerID, $0.team, $0.grade.rawValue, $0.sales12m, $0.lastVisit.map(clock.iso)] }))
        out.append(ResultTable("survey_reach", ["period", "manager_id", "grade", "customers", "surveyed", "reach"],
                   dev.surveyReach.lazy.map { [p, $0.managerID, $0.grade?.rawValue ?? "", $0.customers, $0.surveyed, $0.reach] }))
        return out
    }

    /// SPEC §3.9–§3.10.
    package static func fieldWork(_ r: PeriodResults, _ p: String, clock: ZoneClock) -> [ResultTable] {
        var out: [ResultTable] = []
        out.append(ResultTable("service_followups", ["period", "request_id", "manager_id", "customer_id", "class", "completed_at", "completion_hours",
                                             "follow_up_status", "follow_up_role", "notice_status"],
                   r.service.followUps.lazy.map { [p, $0.requestID, $0.managerID, $0.customerID, $0.repairClass, clock.iso($0.completedAt),
                                              $0.completionHours, $0.followUp.rawValue, $0.followUpRole, $0.notice?.rawValue] }))
        out.append(ResultTable("service_summary", ["period", "grouping", "key", "completed", "open", "follow_up_compliance", "director_share",
                                           "administrator_share", "repair_lead_share", "notice_compliance", "median_completion_hours",
                                           "p90_completion_hours"],
                   r.service.groups.lazy.map { [p, $0.grouping.rawValue, $0.key, $0.completed, $0.open, $0.followUpCompliance,
                                           $0.roleShares["director"] ?? nil, $0.roleShares["administrator"] ?? nil,
                                           $0.roleShares["repair_lead"] ?? nil, $0.noticeCompliance, $0.medianCompletionHours,
                                           $0.p90CompletionHours] }))
        out.append(ResultTable("visit_quota", ["period", "manager_id", "territory", "quota", "working_days", "days_at_quota", "quota_rate",
                                       "mean_customers_per_day", "days_short"],
                   r.visitQuotas.quotas.lazy.map { [p, $0.managerID, $0.territory, $0.quota, $0.workingDays, $0.daysAtQuota, $0.quotaRate,
                                               $0.meanCustomersPerDay, $0.daysShort.map(\.description).joined(separator: " ")] }))
        out.append(ResultTable("visit_plans_summary", ["period", "manager_id", "plans_due", "plans_done", "plan_execution_rate", "plan_on_time_rate",
                                               "unplanned_share", "plans", "plans_on_time", "counting_visits", "unplanned_visits"],
                   r.visitQuotas.plans.lazy.map { [p, $0.managerID, $0.plansDue, $0.plansDone, $0.planExecutionRate, $0.planOnTimeRate,
                                              $0.unplannedShare, $0.plans, $0.plansOnTime, $0.countingVisits, $0.unplannedVisits] }))
        return out
    }
}
