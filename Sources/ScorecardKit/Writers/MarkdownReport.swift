import Foundation

/// The Markdown report for e-mail and wikis (SPEC §4.2): what changed first, then
/// one section per sheet with its key table (the workbook has everything), SVG
/// charts, and a data-quality appendix. Deterministic: same results, same bytes.
enum MarkdownReport {
    /// Writes `report-<period>.md` (and `charts/*.svg`); returns the files written, relative to `folder`.
    static func write(_ d: ReportData, charts: Bool, into folder: String) throws -> [String] {
        var files: [String] = []
        if charts {
            try OutputFolder.create((folder as NSString).appendingPathComponent("charts"))
            for (name, svg) in chartFiles(d) {
                try OutputFile.write(Data(svg.utf8), to: (folder as NSString).appendingPathComponent("charts/\(name)"))
                files.append("charts/\(name)")
            }
        }
        let file = "report-\(d.period.name).md"
        try OutputFile.write(Data(render(d, charts: charts).utf8), to: (folder as NSString).appendingPathComponent(file))
        return [file] + files
    }

    static func chartFiles(_ d: ReportData) -> [(String, String)] {
        let L = d.labels
        return [
            ("grades.svg", SVGChart.bars(title: L(.customersByGrade), d.gradeSeries) { String(Int($0)) }),
            ("scores.svg", SVGChart.bars(title: L(.managerScores), d.scoreSeries, format: { Fmt.decimal($0, 1) }, maxValue: 100)),
            ("sla.svg", SVGChart.bars(title: L(.slaByManager), d.slaSeries, format: { Fmt.rate($0) }, maxValue: 1)),
            ("trend.svg", SVGChart.lines(title: L.trendTitle(everyone: d.trendChartPositions.count == d.results.managers.count),
                                         periods: d.trend.periods.map { L.period($0) }, trendSeries(d), maxValue: 100)),
        ]
    }

    static func render(_ d: ReportData, charts: Bool) -> String {
        let L = d.labels
        let r = d.results
        // Each chart inside the report as an SVG data URI: one self-contained file to mail
        // (the charts/ files are beside it for wikis); see the README's Markdown section.
        let svgs = charts ? Dictionary(uniqueKeysWithValues: chartFiles(d)) : [:]
        var images: [String] = []
        func image(_ title: String, _ name: String) -> String {
            guard let svg = svgs[name] else { return "" }
            let markup = "![\(title)](data:image/svg+xml;base64,\(Data(svg.utf8).base64EncodedString()))"
            images.append(markup)
            return "\n" + markup + "\n"
        }
        func absentNote(_ entity: Entity) -> String? { r.absent.contains(entity) ? (L.absent(entity) ?? "") + "\n" : nil }
        var out = "# \(L(.reportTitle)) \(L.period(d.period))\n\n"
        out += "\(L(.period)): \(d.periodDays) · \(L(.asOf)): \(d.asOfText)\n\n"
        // What an export left out says so at the top, not as a 0 % further down (SPEC §2.7).
        let absent = Entity.allCases.filter(r.absent.contains).compactMap(L.absent)
        if !absent.isEmpty { out += absent.map { "- ⚠ \($0)\n" }.joined() + "\n" }

        out += "## \(L(.whatChanged))\n\n"
        out += changes(d).map { "- \($0)\n" }.joined() + "\n"

        out += "## \(L(.keyTable))\n\n"
        out += table([L(.headline), L(.value), Headline.previousHeader(d), L(.target)],
                     Headline.items(d).map { [$0.label, $0.text + ($0.missed ? " ⚠" : ""), $0.previousText, $0.targetText] })
        let definitions = Definitions.lines(d)
        out += "\n**\(definitions[0])**\n\n" + definitions.dropFirst().map { "- \($0)\n" }.joined()
        out += image(L(.customersByGrade), "grades.svg")

        // Managers
        out += "\n## \(L(.sheetManagers))\n\n"
        // The points of each KPI in use after the score: they add up to it (SPEC §4.1.1).
        let kpis = RankingKPI.inUse(d.config.ranking)
        let targets = r.managers.contains { $0.attainment != nil }
        let managerRows = r.managers.map { m in
            [String(m.rank), Fmt.change(m.rankChange), d.managerName(m.managerID), Fmt.decimal(m.score, 1)]
                + kpis.map { Fmt.decimal(m.points[$0], 1) }
                + [Fmt.money(m.sales), Fmt.rate(m.coverageRate, n: r.visits.summary(m.managerID)?.customersDue ?? 0, minSample: d.config.minSample),
                   Fmt.rate(m.slaRate, n: r.complaints.group(.manager, m.managerID)?.complaints ?? 0, minSample: d.config.minSample),
                   Fmt.decimal(m.adjustedSatisfaction),
                   m.isFirst ? L(.first) : m.isLast ? L(.last) : ""]
        }
        out += topAndBottom(L, [L(.rank), L(.rankChange), L(.managerName), L(.score)]
                                + kpis.map { kpi in
                                    let w = Fmt.decimal(kpi.weight(d.config.ranking), 0)
                                    return d.config.language == .en ? "\(L.kpi(kpi, targets: targets)) \(L(.points)) (w \(w))"
                                        : "\(L.kpi(kpi, targets: targets))\(L(.points))（权重\(w)）"
                                }
                                + [L(.sales), L(.coverageRate), L(.slaRate), L(.adjustedSatisfaction), L(.mark)], managerRows, top: 10, bottom: 5)
        out += "\n\(L(.scoreRule))\n"
        out += image(L(.managerScores), "scores.svg")
        out += teamsSection(d)
        out += trendSection(d, image: image)

        // Customers
        out += "\n## \(L(.sheetCustomers))\n\n"
        let total = r.grades.reduce(0) { $0 + $1.sales12m }
        out += table([L(.grade), L(.customerCount), L(.sales12m), "%"], Grade.allCases.map { g in
            let gs = r.grades.filter { $0.grade == g }
            let sales = gs.reduce(0) { $0 + $1.sales12m }
            return [g.rawValue, String(gs.count), Fmt.money(sales), Fmt.rate(total > 0 ? sales / total : nil)]
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

        // Complaints
        out += "\n## \(L(.sheetComplaints))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(.complaints) {
            out += note
        } else {
            // Worst first: the rows a supervisor has to act on.
            let groups = r.complaints.groups.filter { $0.grouping == .overall }
                + r.complaints.groups.filter { $0.grouping == .manager }.sorted { ($0.slaRate ?? 2, $0.key) < ($1.slaRate ?? 2, $1.key) }
            out += table([L(.managerName), L(.complaints), L(.open), L(.medianFirstResponse), L(.p90FirstResponse), L(.medianResolution),
                          L(.firstResponseCompliance), L(.resolutionCompliance), L(.escalationCompliance), L(.slaRate)], groups.map { g in
                [g.grouping == .overall ? "**\(L(.all))**" : d.managerName(g.key), String(g.complaints), String(g.open), Fmt.hours(g.medianFirstResponseHours),
                 Fmt.hours(g.p90FirstResponseHours), Fmt.hours(g.medianResolutionHours),
                 Fmt.rate(g.firstResponseCompliance, n: g.complaints, minSample: d.config.minSample),
                 Fmt.rate(g.resolutionCompliance, n: g.complaints, minSample: d.config.minSample), Fmt.rate(g.escalationCompliance),
                 Fmt.rate(g.slaRate, n: g.complaints, minSample: d.config.minSample)]
            })
            out += "\n- " + L.sentence("\(L(.priorityCheck)) \(L(.gradeAMedian)): \(Fmt.hours(r.complaints.medianFirstResponseA)); "
                                       + "\(L(.othersMedian)): \(Fmt.hours(r.complaints.medianFirstResponseOthers))") + "\n"
            out += "- " + L.sentence("\(L(.followUpRate)): \(Fmt.rate(r.complaints.followUpRate)) (\(L(.target)) \(Fmt.rate(d.config.complaints.followUpTarget))); "
                                     + "\(L(.onSiteShare)): \(Fmt.rate(r.complaints.onSiteShare)) (\(L(.target)) \(Fmt.rate(d.config.complaints.onSiteTarget)))") + "\n"
            out += "- \(L(.repeatComplaints)): \(list(r.complaints.repeats.map { "\($0.complaintID) (\(d.customerName($0.customerID)), \(L(.previousComplaint)) \($0.previousComplaintID))" }, L))\n"
            out += "- \(L(.unescalatedMajors)): \(list(r.complaints.unescalatedMajors.map { "\($0.complaintID) (\(d.customerName($0.customerID)), \(d.managerName($0.managerID)))" }, L))\n"
            out += image(L(.slaByManager), "sla.svg")
        }

        // Satisfaction
        out += "\n## \(L(.sheetSatisfaction))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(.surveys) {
            out += note
        } else {
            let sat = r.satisfaction.groups.filter { $0.grouping == .manager }
                .sorted { ($0.adjustedSatisfaction ?? 6, $0.key) < ($1.adjustedSatisfaction ?? 6, $1.key) }
                + r.satisfaction.groups.filter { $0.grouping == .overall }
            out += table([L(.managerName), L(.responses), L(.meanOverall), L(.csat), L(.nps), L(.adjustedSatisfaction)], sat.map { s in
                [s.grouping == .overall ? "**\(L(.all))**" : d.managerName(s.key), String(s.responses), Fmt.decimal(s.meanOverall),
                 Fmt.rate(s.csat, n: s.scoredResponses, minSample: d.config.minSample)
                    + ((s.csat ?? 1) < d.config.satisfaction.csatTarget && s.scoredResponses >= d.config.minSample ? " ⚠" : ""),
                 Fmt.decimal(s.nps, 1), Fmt.decimal(s.adjustedSatisfaction)]
            })
            if !r.satisfaction.corrective.isEmpty {
                out += "\n**\(L(.correctiveActions))**\n\n"
                out += table([L(.customerName), L(.managerName), L(.overallScore), L(.comment), L(.complainedToo)], r.satisfaction.corrective.prefix(20).map {
                    [d.customerName($0.customerID), d.managerName($0.managerID), String($0.overall), $0.comment ?? "", $0.complained ? L(.yes) : L(.no)]
                })
            }
        }

        // Visits
        out += "\n## \(L(.sheetVisits))\n\n"
        // An absent export: the section says so, not an empty table (SPEC §2.7).
        if let note = absentNote(.visits) {
            out += note
        } else {
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
        }
        out += quotaAndPlansSection(d)

        out += receivablesSection(d)
        out += developmentSection(d)
        out += serviceSection(d)
        out += briefsSection(d)

        // Appendix
        out += "\n## \(L(.appendix))\n\n"
        let dq = DataQualityReport(load: d.load, maxRejectRate: d.config.maxRejectRate)
        out += table([L(.entity), L(.file), L(.encoding), L(.delimiter), L(.rowsRead), L(.rowsLoaded), L(.rowsRejected), L(.rejectedShare), L(.topReasons)],
                     d.load.files.map { f in
            [L.entity(f.entity), f.file, f.encoding, L.delimiter(f.delimiter), String(f.rowsRead), String(f.rowsLoaded), String(f.rowsRejected),
             Fmt.rate(f.rejectRate), dq.topReasons(of: f.file).map { "\(L.rejectKind($0.0)) ×\($0.1)" }.joined(separator: L.language == .en ? "; " : "；")]
        })
        out += "\n\(L(.dataQualityNote))\n"
        // Sentences outside the tables with the Chinese report's punctuation (tables keep theirs).
        if L.language == .zhCN {
            out = out.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("|") || $0.hasPrefix("![") ? String($0) : L.sentence(String($0)) }.joined(separator: "\n")
        }
        return finish(out, images: images)
    }

    /// The opening bullets: grade moves, rank moves, SLA breaches, A customers not visited, low satisfaction,
    /// overdue receivables and collection, customers left behind.
    static func changes(_ d: ReportData) -> [String] {
        let L = d.labels
        let r = d.results
        let up = r.grades.filter { $0.change == .upgrade }, down = r.grades.filter { $0.change == .downgrade }
        let grades = Grade.allCases.map { g in "\(g.rawValue) \(r.grades.filter { $0.grade == g }.count)" }.joined(separator: " · ")
        var lines = ["**\(L(.gradeMoves))**: \(grades); \(L(.upgrade)) \(up.count), \(L(.downgrade)) \(down.count)"
                     + (down.isEmpty ? "" : " (" + down.sorted { $0.sales12m > $1.sales12m }.prefix(3).map {
                         "\(d.customerName($0.customerID)) \($0.previousGrade?.rawValue ?? "")→\($0.grade.rawValue)" }.joined(separator: L.listSeparator) + ")")]
        var rank = "**\(L(.rankMoves))**: "
        if let first = r.managers.first, let last = r.managers.last {
            rank += "\(L(.first)) \(d.managerName(first.managerID)) (\(Fmt.decimal(first.score, 1))), \(L(.last)) \(d.managerName(last.managerID)) (\(Fmt.decimal(last.score, 1)))"
        }
        let movers = r.managers.compactMap { m in m.rankChange.map { (m, $0) } }.filter { $0.1 != 0 }
        if let best = movers.max(by: { ($0.1, $1.0.managerID) < ($1.1, $0.0.managerID) }), best.1 > 0 {
            rank += "; \(L(.movedUp)) \(d.managerName(best.0.managerID)) \(Fmt.change(best.1))"
        }
        if let worst = movers.min(by: { ($0.1, $0.0.managerID) < ($1.1, $1.0.managerID) }), worst.1 < 0 {
            rank += "; \(L(.movedDown)) \(d.managerName(worst.0.managerID)) \(Fmt.change(worst.1))"
        }
        lines.append(rank)
        let breached = r.complaints.complaints.filter { $0.statuses.contains(.breached) }
        // Two counts, each defined: complaints with a late target, and the rate over every decided target (SPEC §3.2).
        let statuses = r.complaints.complaints.flatMap(\.statuses)
        let met = statuses.filter { $0 == .met }.count, decided = statuses.filter { $0 != .pending }.count
        if !r.absent.contains(.complaints) {
            lines.append("**\(L(.slaBreaches))**: \(breached.count) / \(r.complaints.complaints.count) \(L(.complaintsWord)); \(L(.slaRate)) "
                         + "\(Fmt.rate(r.complaints.group(.overall, "")?.slaRate))"
                         + (L.language == .en ? " (\(met) of \(decided) decided targets met)" : "（按考核项计：达标 \(met) / 已到期 \(decided)）"))
        }
        // An absent export draws no line (SPEC §2.7): "0 A customers not visited" without visits would be false.
        if !r.absent.contains(.visits) {
            lines.append("**\(L(.notVisited))**: \(r.visits.uncoveredA.count)" + (r.visits.uncoveredA.isEmpty ? "" : " (" + r.visits.uncoveredA.prefix(5).map { d.customerName($0.customerID) }.joined(separator: L.listSeparator) + (r.visits.uncoveredA.count > 5 ? ", …" : "") + ")"))
        }
        let sat = r.satisfaction.overall
        if !r.absent.contains(.surveys) {
            lines.append("**\(L(.lowSatisfaction))**: \(r.satisfaction.corrective.count) \(L(.surveysWord)); \(L(.csat)) \(Fmt.rate(sat?.csat)) (\(L(.target)) \(Fmt.rate(d.config.satisfaction.csatTarget)))")
        }
        if !r.openOrders.isEmpty {
            // Open orders are counted per manager and never a sale (SPEC §2.7).
            let count = r.openOrders.values.reduce(0) { $0 + $1.count }
            let amount = r.openOrders.values.reduce(0.0) { $0 + $1.amount }
            let who = r.openOrders.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }.prefix(5)
                .map { "\(d.managerName($0.key)) \($0.value.count)" }.joined(separator: L.listSeparator)
            lines.append(L.language == .en ? "**Open orders** (not sales): \(count), \(Fmt.money(amount)) (\(who))"
                         : "**未完成订单**（不计入销售）：\(count) 笔，\(Fmt.money(amount))（\(who)）")
        }
        return (lines + developmentChanges(d) + fieldWorkChanges(d)).map(L.sentence)
    }

    static func list(_ items: [String], _ L: Labels) -> String {
        items.isEmpty ? L(.noneThisPeriod) : items.prefix(10).joined(separator: "; ") + (items.count > 10 ? "; … (\(items.count))" : "")
    }

    /// All rows when they fit, else the top and bottom ones with a gap row.
    static func topAndBottom(_ L: Labels, _ headers: [String], _ rows: [[String]], top: Int, bottom: Int) -> String {
        guard rows.count > top + bottom + 5 else { return table(headers, rows) }
        let gap = ["…"] + Array(repeating: "", count: headers.count - 1)
        return table(headers, Array(rows.prefix(top)) + [gap] + Array(rows.suffix(bottom)))
    }

    /// The whole report through `MarkupSafety.markdown` — names, comments, categories
    /// from exports are escaped wherever a section puts them — and then the report's
    /// own markup put back: `<br>` in table cells and its chart images.
    static func finish(_ text: String, images: [String]) -> String {
        var out = MarkupSafety.markdown(text).replacingOccurrences(of: "&lt;br&gt;", with: "<br>")
        for image in images { out = out.replacingOccurrences(of: MarkupSafety.markdown(image), with: image) }
        return out
    }

    /// Every non-empty cell reads as a number (`1,234.50`, `73.5%`, `-2`, `+3`, `–`, with a `⚠`) and one at least is not `–`.
    static func isNumberColumn(_ cells: [String]) -> Bool {
        let values = cells.map { $0.replacingOccurrences(of: " ⚠", with: "").replacingOccurrences(of: "*", with: "") }.filter { !$0.isEmpty && $0 != "…" }
        guard values.contains(where: { $0 != "–" }) else { return false }
        return values.allSatisfy { $0 == "–" || isNumber($0) }
    }

    /// `-1,234.50`, `+3`, `73.5%`, `50.0% (2)`. By hand: a regex literal is compiled at each
    /// use, and this runs for every cell (issue 10: 8 s of the bank-sized report).
    static func isNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.hasSuffix(")"), let open = s.range(of: " (", options: .backwards) {
            let count = s[open.upperBound..<s.index(before: s.endIndex)]
            guard !count.isEmpty, count.allSatisfy(\.isASCII), count.allSatisfy(\.isNumber) else { return false }
            s = s[..<open.lowerBound]
        }
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        if s.last == "%" { s = s.dropLast() }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, let first = whole.first, first.isASCII, first.isNumber,
              whole.allSatisfy({ $0 == "," || ($0.isASCII && $0.isNumber) }) else { return false }
        return parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber })
    }

    /// A Markdown table; `|` and newlines in cells are escaped (SPEC §4.2); markup in the
    /// text is escaped by `finish` for the whole report.
    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        func cell(_ s: String) -> String {
            s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>")
                .replacingOccurrences(of: "\n", with: "<br>").replacingOccurrences(of: "\r", with: "<br>")
        }
        var out = "| " + headers.map(cell).joined(separator: " | ") + " |\n"
        // Number columns right-aligned, as in the workbook (issue 15).
        out += "|" + headers.indices.map { c in isNumberColumn(rows.map { c < $0.count ? $0[c] : "" }) ? "---:|" : "---|" }.joined() + "\n"
        for row in rows { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}
