import ScorecardMetrics

/// The headline figures of the summary sheet and the Markdown report, with their
/// targets where the spec has one.
package enum Headline {
    package struct Item {
        package var label: String
        package var value: Cell
        package var text: String
        package var previous: Cell = .text("", .plain)
        package var previousText = ""
        package var target: Cell = .text("", .plain)
        package var targetText = ""
        package var targetValue: Double?
        /// Below its target.
        package var missed = false
    }

    /// `上期（2026年9月）`: the previous period's column, named.
    package static func previousHeader(_ d: ReportData) -> String {
        let L = d.labels
        // Say when the previous figures were measured if not at their period's end (issue 30 item 3):
        // September run in November holds November's balances.
        let late = d.previousMeasuredLate.map { String(Fmt.time($0, d.clock).prefix(10)) }
        if d.previousTeamNotKept {
            return L.language == .en ? "\(L(.previousValue)) (\(L.period(d.period.previous)), run without team reports)"
                : "\(L(.previousValue))（\(L.period(d.period.previous))，当期未出本组报告）"
        }
        if !d.previousWasRun {
            return L.language == .en ? "\(L(.previousValue)) (\(L.period(d.period.previous)), not run)" : "\(L(.previousValue))（\(L.period(d.period.previous))，未运行）"
        }
        if let late {
            return L.language == .en ? "\(L(.previousValue)) (\(L.period(d.period.previous)), measured \(late))"
                : "\(L(.previousValue))（\(L.period(d.period.previous))，\(late)测算）"
        }
        return L.language == .en ? "\(L(.previousValue)) (\(L.period(d.period.previous)))" : "\(L(.previousValue))（\(L.period(d.period.previous))）"
    }

    /// The rows of the headline table: this period's figure, the previous period's as its
    /// run stored it (empty when it was never run), and the target where there is one.
    package static func items(_ d: ReportData) -> [Item] {
        let L = d.labels
        let r = d.results
        let f = Figures(d)
        let c = d.config.complaints
        let complaints = r.complaints.complaints.count
        return [
            // One figure a row, each a number (issue 30 item 4: no "30 / 63 / 507" text cell).
            f.item(gradeLabel(L, "A"), .customersA, .count, countText),
            f.item(gradeLabel(L, "B"), .customersB, .count, countText),
            f.item(gradeLabel(L, "C"), .customersC, .count, countText),
        ] + (r.grades.tally.anyPrevious ? [  // no moves against a period never graded (issue 30 item 3)
            f.item(moveLabel(L, .upgrade), .upgrades, .count, countText),
            f.item(moveLabel(L, .downgrade), .downgrades, .count, countText),
        ] : []) + [
            f.count(.complaints, .complaints),
            f.count(.open, .openComplaints),
            f.rate(.slaRate, .slaRate, n: complaints),
            f.rate(.firstResponseCompliance, .firstResponseCompliance, n: complaints),
            f.rate(.resolutionCompliance, .resolutionCompliance, n: complaints),
            f.rate(.escalationCompliance, .escalationCompliance, n: r.complaints.complaints.filter(\.major).count),
            f.rate(.followUpRate, .followUpRate, target: c.followUpTarget),
            f.rate(.onSiteShare, .onSiteShare, target: c.onSiteTarget),
            f.item(L(.gradeAMedian), .medianFirstResponseA, .hours, Fmt.hours),
            f.item(L(.othersMedian), .medianFirstResponseOthers, .hours, Fmt.hours),
            f.count(.visits, .visits),
            f.rate(.coverageRate, .coverageRate),
            f.count(.aNotCovered, .aNotCovered),
            f.count(.responses, .responses),
            f.item(L(.meanOverall), .meanOverall, .score) { Fmt.decimal($0) },
            f.rate(.csat, .csat, target: d.config.satisfaction.csatTarget, n: r.satisfaction.overall?.scoredResponses ?? 0),
            f.item(L(.nps), .nps, .decimal) { Fmt.decimal($0, 1) },
            f.count(.correctiveActions, .correctiveActions),
            f.item(L(.outstanding), .outstanding, .money, Fmt.money),
            f.item(L(.overdue), .overdue, .money, Fmt.money),
            f.rate(.collectionRate, .collectionRate, target: d.config.receivables.collectionTarget),
            f.count(.newCustomers, .newCustomers),
            f.count(.leftBehind, .leftBehind),
            f.rate(.surveyReach, .surveyReach),
        ] + handbookItems(f) + firstAndLast(d) + (d.results.team == nil ? rowCounts(d) : [])  // a team's report: the load is the organisation's
    }

    private static func countText(_ v: Double?) -> String { v.map { Fmt.count(Int($0)) } ?? "–" }

    /// Written work on time and the ledger's totals (SPEC §3.11), beside last period's: only when
    /// the period has items owed, the pipeline ledger rules.
    private static func handbookItems(_ f: Figures) -> [Item] {
        let L = f.d.labels
        var out: [Item] = []
        if f.now[.submissionsOnTime] != nil { out.append(f.rate(.submissionsOnTime, .submissionsOnTime)) }
        if f.now[.ledgerPoints] != nil {
            out.append(f.item(L(.ledgerPointsTotal), .ledgerPoints, .decimal) { Fmt.decimal($0, 1) })
            out.append(f.item(L(.ledgerAmountTotal), .ledgerAmount, .money, Fmt.money))
        }
        return out
    }

    /// `A级客户数` / `Customers, grade A`.
    private static func gradeLabel(_ L: Labels, _ grade: String) -> String {
        L.language == .en ? "Customers, grade \(grade)" : "\(grade)级客户数"
    }

    /// `升级客户数` / `Customers upgraded`.
    private static func moveLabel(_ L: Labels, _ move: Label) -> String {
        L.language == .en ? (move == .upgrade ? "Customers upgraded" : "Customers downgraded") : "\(L(move))客户数"
    }

    /// The first and the last manager, named in the label, their scores as numbers (none without managers).
    package static func firstAndLast(_ d: ReportData) -> [Item] {
        let L = d.labels
        // The talk's first and last: active managers (SPEC §3.5, issue 30 item 10).
        guard let first = d.talkFirst, let last = d.talkLast else { return [] }
        return [(L(.first), first), (L(.last), last)].map { label, m in
            let name = label + (L.language == .en ? ": " : "：") + d.managerName(m.managerID) + (L.language == .en ? " (score)" : "（得分）")
            return Item(label: name, value: .number(m.score, .decimal), text: Fmt.decimal(m.score, 1))
        }
    }

    /// Rows read, loaded and rejected: three figures.
    package static func rowCounts(_ d: ReportData) -> [Item] {
        let L = d.labels
        return [(Label.rowsRead, d.load.rowsRead), (.rowsLoaded, d.load.rowsLoaded), (.rowsRejected, d.load.rowsRejected)].map { label, n in
            Item(label: L(label), value: .number(Double(n), .count), text: Fmt.count(n))
        }
    }

    /// Makes items of this period's figures, each beside the previous period's.
    private struct Figures {
        let d: ReportData
        let now: [Figure: Double]
        let before: [Figure: Double]

        init(_ d: ReportData) {
            self.d = d
            now = d.results.figures
            before = d.previous
        }

        func item(_ label: String, _ figure: Figure, _ style: CellStyle, _ format: (Double?) -> String) -> Item {
            var item = Item(label: label, value: .number(now[figure], style), text: format(now[figure]))
            if let p = before[figure] { item.previous = .number(p, style); item.previousText = format(p) }
            return item
        }

        func count(_ label: Label, _ figure: Figure) -> Item { item(d.labels(label), figure, .count) { $0.map { Fmt.count(Int($0)) } ?? "–" } }

        /// A rate over `n` cases: from fewer than `min_sample` its count shows and it is not flagged (SPEC §4.1.1).
        func rate(_ label: Label, _ figure: Figure, target: Double? = nil, n: Int? = nil) -> Item {
            var rate = item(d.labels(label), figure, .rate, Fmt.rate)
            if let n, n < d.config.minSample, let v = now[figure] {
                rate.text = d.rate(v, n: n)
                rate.value = .number(v, .sampled(n))
                if let target { rate.target = .number(target, .rate); rate.targetText = Fmt.rate(target) }
                return rate
            }
            if let target {
                rate.target = .number(target, .rate)
                rate.targetText = Fmt.rate(target)
                rate.targetValue = target
                rate.missed = (now[figure] ?? 1) < target
            }
            return rate
        }
    }
}
