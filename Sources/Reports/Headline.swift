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
            f.counts("\(L(.customersByGrade)) A / B / C", [.customersA, .customersB, .customersC]),
            f.counts(L.sentence("\(L(.gradeMoves)) (\(L(.upgrade)) / \(L(.downgrade)))"), [.upgrades, .downgrades]),
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
        ] + firstAndLast(d) + [rowCounts(d)]
    }

    /// The first and the last manager with their scores (none without managers).
    package static func firstAndLast(_ d: ReportData) -> [Item] {
        let L = d.labels
        guard let first = d.results.managers.first, let last = d.results.managers.last else { return [] }
        return [(L(.first), first), (L(.last), last)].map { label, m in
            let text = "\(d.managerName(m.managerID)) (\(Fmt.decimal(m.score, 1)))"
            return Item(label: label, value: .text(text, .plain), text: text)
        }
    }

    /// Rows read, loaded and rejected.
    package static func rowCounts(_ d: ReportData) -> Item {
        let L = d.labels
        let rows = [d.load.rowsRead, d.load.rowsLoaded, d.load.rowsRejected].map { Fmt.count($0) }.joined(separator: " / ")
        return Item(label: "\(L(.rowsRead)) / \(L(.rowsLoaded)) / \(L(.rowsRejected))", value: .text(rows, .plain), text: rows)
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
                rate.text = Fmt.rate(v, n: n, minSample: d.config.minSample)
                rate.value = .text(rate.text, .right)
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

        /// `30 / 63 / 507`: several counts in one row.
        func counts(_ label: String, _ figures: [Figure]) -> Item {
            func text(_ values: [Figure: Double]) -> String? {
                let parts = figures.compactMap { values[$0].map { Fmt.count(Int($0)) } }
                return parts.count == figures.count ? parts.joined(separator: " / ") : nil
            }
            var item = Item(label: label, value: .text(text(now) ?? "–", .plain), text: text(now) ?? "–")
            if let p = text(before) { item.previous = .text(p, .plain); item.previousText = p }
            return item
        }
    }
}
