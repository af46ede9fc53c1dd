import ScorecardModel
import ScorecardMetrics

/// The Markdown sections of the main sheets (SPEC §4.2): managers, customers, complaints,
/// satisfaction and visits, each with its key table, and the data-quality appendix.
extension MarkdownReport {
    /// The ranking, its first ten and last five, with the points of each KPI in use.
    package static func managersSection(_ d: ReportData, image: (String, String) -> String) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L(.sheetManagers))\n\n"
        // The points of each KPI in use after the score: they add up to it (SPEC §4.1.1).
        let kpis = RankingKPI.inUse(d.config.ranking)
        let targets = r.managers.contains { $0.attainment != nil }
        let marks = d.talkMarks
        // A team's report: the rank within the team beside the organisation's (SPEC §4.4).
        let inTeam = r.team == nil ? [] : [L(.rankInTeam)]
        let managerRows = r.managers.map { m in
            [String(m.rank), Fmt.change(m.rankChange), d.managerName(m.managerID)] + inTeam.map { _ in m.teamRank.map(String.init) ?? "–" }
                + [Fmt.decimal(m.score, 1)]
                + kpis.map { Fmt.decimal(m.points[$0], 1) }
                + [Fmt.money(m.sales), d.rate(m.coverageRate, n: r.visits.summary(m.managerID)?.customersDue ?? 0),
                   d.rate(m.slaRate, n: r.complaints.group(.manager, m.managerID)?.complaints ?? 0),
                   Fmt.decimal(m.adjustedSatisfaction),
                   d.talkMark(m.managerID, marks)]
        }
        out += topAndBottom(L, [L(.rank), L(.rankChange), L(.managerName)] + inTeam + [L(.score)]
                                + kpis.map { kpi in
                                    let w = Fmt.decimal(kpi.weight(d.config.ranking), 0)
                                    return d.config.language == .en ? "\(L.kpi(kpi, targets: targets)) \(L(.points)) (w \(w))"
                                        : "\(L.kpi(kpi, targets: targets))\(L(.points))（权重\(w)）"
                                }
                                + [L(.sales), L(.coverageRate), L(.slaRate), L(.adjustedSatisfaction), L(.mark)], managerRows, top: 10, bottom: 5)
        out += "\n\(L(.scoreRule))\n"
        out += image(L(.managerScores), "scores.svg")
        return out
    }

    /// Customers and sales by grade, and the largest grade moves.
    package static func customersSection(_ d: ReportData) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L(.sheetCustomers))\n\n"
        let total = r.grades.tally.sales
        let totals = r.gradeTotals
        out += table([L(.grade), L(.customerCount), L(.sales12m), "%"], Grade.allCases.map { g in
            let (count, sales) = totals[g] ?? (0, 0)
            return [g.rawValue, String(count), Fmt.money(sales), Fmt.rate(total > 0 ? sales / total : nil)]
        })
        let moved = r.grades.filter { $0.change == .upgrade || $0.change == .downgrade }
            .sorted { ($0.change == .downgrade ? 0 : 1, -$0.sales12m, $0.customerID) < ($1.change == .downgrade ? 0 : 1, -$1.sales12m, $1.customerID) }
        if !moved.isEmpty {
            out += "\n**\(L(.gradeMoves))**\n\n"
            out += table([L(.customerName), L(.managerName), L(.previousGrade), L(.grade), L(.sales12m), L(.avgDaysLate), L(.gradeReason)],
                         moved.prefix(20).map {
                [d.customerName($0.customerID), d.managerName($0.managerID), $0.previousGrade?.rawValue ?? "", $0.grade.rawValue,
                 Fmt.money($0.sales12m), Fmt.decimal($0.avgDaysLate, 1),
                 $0.reasons.map(L.reason).joined(separator: d.config.language == .en ? "; " : "；")]
            })
        }
        return out
    }

    /// Complaint SLAs, worst manager first, and the lists behind them.
    package static func complaintsSection(_ d: ReportData, image: (String, String) -> String) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L(.sheetComplaints))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(d, .complaints) { return out + note }
        // Worst first: the rows a supervisor has to act on.
        let groups = r.complaints.groups.filter { $0.grouping == .manager }.sorted { ($0.slaRate ?? 2, $0.key) < ($1.slaRate ?? 2, $1.key) }
            + r.complaints.groups.filter { $0.grouping == .overall }
        out += table([L(.managerName), L(.complaints), L(.open), L(.medianFirstResponse), L(.p90FirstResponse), L(.medianResolution),
                      L(.firstResponseCompliance), L(.resolutionCompliance), L(.escalationCompliance), L(.slaRate)], groups.map { g in
            [g.grouping == .overall ? "**\(L(.total))**" : d.managerName(g.key), String(g.complaints), String(g.open), Fmt.hours(g.medianFirstResponseHours),
             Fmt.hours(g.p90FirstResponseHours), Fmt.hours(g.medianResolutionHours),
             d.rate(g.firstResponseCompliance, n: g.complaints),
             d.rate(g.resolutionCompliance, n: g.complaints), Fmt.rate(g.escalationCompliance),
             d.rate(g.slaRate, n: g.complaints)]
        })
        out += "\n- " + L.sentence("\(L(.priorityCheck)) \(L(.gradeAMedian)): \(Fmt.hours(r.complaints.medianFirstResponseA)); "
                                   + "\(L(.othersMedian)): \(Fmt.hours(r.complaints.medianFirstResponseOthers))") + "\n"
        out += "- " + L.sentence("\(L(.followUpRate)): \(Fmt.rate(r.complaints.followUpRate)) (\(L(.target)) \(Fmt.rate(d.config.complaints.followUpTarget))); "
                                 + "\(L(.onSiteShare)): \(Fmt.rate(r.complaints.onSiteShare)) (\(L(.target)) \(Fmt.rate(d.config.complaints.onSiteTarget)))") + "\n"
        out += "- \(L(.repeatComplaints)): \(list(r.complaints.repeats.map { "\($0.complaintID) (\(d.customerName($0.customerID)), \(L(.previousComplaint)) \($0.previousComplaintID))" }, L))\n"
        out += "- \(L(.unescalatedMajors)): \(list(r.complaints.unescalatedMajors.map { "\($0.complaintID) (\(d.customerName($0.customerID)), \(d.managerName($0.managerID)))" }, L))\n"
        out += image(L(.slaByManager), "sla.svg")
        return out
    }

    /// Satisfaction per manager, lowest first, and the corrective actions.
    package static func satisfactionSection(_ d: ReportData) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L(.sheetSatisfaction))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(d, .surveys) { return out + note }
        let sat = r.satisfaction.groups.filter { $0.grouping == .manager }
            .sorted { ($0.adjustedSatisfaction ?? 6, $0.key) < ($1.adjustedSatisfaction ?? 6, $1.key) }
            + r.satisfaction.groups.filter { $0.grouping == .overall }
        out += table([L(.managerName), L(.responses), L(.meanOverall), L(.csat), L(.nps), L(.adjustedSatisfaction)], sat.map { s in
            [s.grouping == .overall ? "**\(L(.total))**" : d.managerName(s.key), String(s.responses), Fmt.decimal(s.meanOverall),
             d.rate(s.csat, n: s.scoredResponses)
                + ((s.csat ?? 1) < d.config.satisfaction.csatTarget && s.scoredResponses >= d.config.minSample ? " ⚠" : ""),
             Fmt.decimal(s.nps, 1), Fmt.decimal(s.adjustedSatisfaction)]
        })
        if !r.satisfaction.corrective.isEmpty {
            out += "\n**\(L(.correctiveActions))**\n\n"
            out += table([L(.customerName), L(.managerName), L(.overallScore), L(.comment), L(.complainedToo)], r.satisfaction.corrective.prefix(20).map {
                [d.customerName($0.customerID), d.managerName($0.managerID), String($0.overall), $0.comment ?? "", $0.complained ? L(.yes) : L(.no)]
            })
        }
        return out
    }

    /// Visits and coverage per manager, lowest coverage first, and the A customers not covered.
    package static func visitsSection(_ d: ReportData) -> String {
        let L = d.labels
        let r = d.results
        var out = "\n## \(L(.sheetVisits))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(d, .visits) { return out + note }
        out += table([L(.managerName), L(.visits), L(.customersVisited), L(.medianDuration), L(.shortVisits), L(.reportOnTime), L(.coverageRate)],
                     r.visits.managers.sorted { ($0.coverageRate ?? 2, $0.managerID) < ($1.coverageRate ?? 2, $1.managerID) }.map { v in
            [d.managerName(v.managerID), String(v.visits), String(v.customersVisited), Fmt.decimal(v.medianDurationMinutes, 1), String(v.shortVisits),
             Fmt.rate(v.reportOnTimeRate), Fmt.rate(v.coverageRate)]
        })
        if !r.visits.uncoveredA.isEmpty {
            out += "\n**\(L(.aNotCovered))**\n\n"
            out += table([L(.customerName), L(.managerName), L(.lastVisit)], r.visits.uncoveredA.prefix(20).map {
                [d.customerName($0.customerID), d.managerName($0.managerID), $0.lastVisit.map { Fmt.time($0, d.clock) } ?? L(.never)]
            })
        }
        return out
    }

    /// The data-quality appendix: every file read, with its most frequent reject reasons.
    package static func appendixSection(_ d: ReportData) -> String {
        let L = d.labels
        var out = "\n## \(L(.appendix))\n\n"
        let dq = DataQualityReport(load: d.load, maxRejectRate: d.config.maxRejectRate)
        out += table([L(.entity), L(.file), L(.encoding), L(.delimiter), L(.rowsRead), L(.rowsLoaded), L(.rowsRejected), L(.rejectedShare), L(.topReasons)],
                     d.load.files.map { f in
            [L.entity(f.entity), f.file, f.encoding, L.delimiter(f.delimiter), String(f.rowsRead), String(f.rowsLoaded), String(f.rowsRejected),
             Fmt.rate(f.rejectRate), dq.topReasons(of: f.file).map { "\(L.rejectKind($0.0)) ×\($0.1)" }.joined(separator: L.language == .en ? "; " : "；")]
        })
        out += "\n\(L(d.results.team == nil ? .dataQualityNote : .rejectsElsewhere))\n"
        return out
    }

    /// The note of an export the run went without (SPEC §2.7), nil when it was there.
    package static func absentNote(_ d: ReportData, _ entity: Entity) -> String? {
        d.results.absent.contains(entity) ? (d.labels.absent(entity) ?? "") + "\n" : nil
    }
}
