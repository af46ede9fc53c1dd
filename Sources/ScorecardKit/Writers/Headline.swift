/// The headline figures of the summary sheet and the Markdown report, with their
/// targets where the spec has one.
enum Headline {
    struct Item {
        var label: String
        var value: Cell
        var text: String
        var target: Cell = .text("", .plain)
        var targetText = ""
        var targetValue: Double?
        /// Below its target.
        var missed = false
    }

    static func items(_ d: ReportData) -> [Item] {
        let L = d.labels
        let r = d.results
        let all = r.complaints.group(.overall, "")
        let sat = r.satisfaction.overall
        func count(_ label: Label, _ n: Int) -> Item { Item(label: L(label), value: .number(Double(n), .count), text: String(n)) }
        func money(_ label: Label, _ v: Double) -> Item { Item(label: L(label), value: .number(v, .money), text: Fmt.money(v)) }
        func rate(_ label: String, _ v: Double?, target: Double? = nil) -> Item {
            var item = Item(label: label, value: .number(v, .rate), text: Fmt.rate(v))
            if let target {
                item.target = .number(target, .rate)
                item.targetText = Fmt.rate(target)
                item.targetValue = target
                item.missed = (v ?? 1) < target
            }
            return item
        }
        let grades = Grade.allCases.map { g in r.grades.filter { $0.grade == g }.count }
        let moves = r.grades.filter { $0.change == .upgrade }.count
        let downs = r.grades.filter { $0.change == .downgrade }.count
        let due = r.visits.managers.reduce(0) { $0 + $1.customersDue }
        let covered = r.visits.managers.reduce(0) { $0 + $1.customersCovered }
        let c = d.config.complaints
        var items = [
            Item(label: "\(L(.customersByGrade)) A / B / C", value: .text("\(grades[0]) / \(grades[1]) / \(grades[2])", .plain),
                 text: "\(grades[0]) / \(grades[1]) / \(grades[2])"),
            Item(label: "\(L(.gradeMoves)) (\(L(.upgrade)) / \(L(.downgrade)))", value: .text("\(moves) / \(downs)", .plain), text: "\(moves) / \(downs)"),
            count(.complaints, all?.complaints ?? 0),
            count(.open, all?.open ?? 0),
            rate(L(.slaRate), all?.slaRate),
            rate(L(.firstResponseCompliance), all?.firstResponseCompliance),
            rate(L(.resolutionCompliance), all?.resolutionCompliance),
            rate(L(.escalationCompliance), all?.escalationCompliance),
            rate(L(.followUpRate), r.complaints.followUpRate, target: c.followUpTarget),
            rate(L(.onSiteShare), r.complaints.onSiteShare, target: c.onSiteTarget),
            Item(label: L(.gradeAMedian), value: .number(r.complaints.medianFirstResponseA, .hours), text: Fmt.hours(r.complaints.medianFirstResponseA)),
            Item(label: L(.othersMedian), value: .number(r.complaints.medianFirstResponseOthers, .hours), text: Fmt.hours(r.complaints.medianFirstResponseOthers)),
            count(.visits, r.visits.managers.reduce(0) { $0 + $1.visits }),
            rate(L(.coverageRate), Statistics.rate(covered, due)),
            count(.aNotCovered, r.visits.uncoveredA.count),
            count(.responses, sat?.responses ?? 0),
            Item(label: L(.meanOverall), value: .number(sat?.meanOverall, .score), text: Fmt.decimal(sat?.meanOverall)),
            rate(L(.csat), sat?.csat, target: d.config.satisfaction.csatTarget),
            Item(label: L(.nps), value: .number(sat?.nps, .decimal), text: Fmt.decimal(sat?.nps, 1)),
            count(.correctiveActions, r.satisfaction.corrective.count),
            money(.outstanding, r.receivables.overall.outstanding),
            money(.overdue, r.receivables.overall.overdue),
            rate(L(.collectionRate), r.receivables.overall.collectionRate, target: d.config.receivables.collectionTarget),
            count(.newCustomers, r.development.newCustomers.count),
            count(.leftBehind, r.development.leftBehind.count),
            rate(L(.surveyReach), r.development.surveyReach.first { $0.managerID.isEmpty && $0.grade == nil }?.reach),
        ]
        if let first = r.managers.first, let last = r.managers.last {
            items.append(Item(label: L(.first), value: .text("\(d.managerName(first.managerID)) (\(Fmt.decimal(first.score, 1)))", .plain),
                              text: "\(d.managerName(first.managerID)) (\(Fmt.decimal(first.score, 1)))"))
            items.append(Item(label: L(.last), value: .text("\(d.managerName(last.managerID)) (\(Fmt.decimal(last.score, 1)))", .plain),
                              text: "\(d.managerName(last.managerID)) (\(Fmt.decimal(last.score, 1)))"))
        }
        items.append(Item(label: "\(L(.rowsRead)) / \(L(.rowsLoaded)) / \(L(.rowsRejected))",
                          value: .text("\(d.load.rowsRead) / \(d.load.rowsLoaded) / \(d.load.rowsRejected)", .plain),
                          text: "\(d.load.rowsRead) / \(d.load.rowsLoaded) / \(d.load.rowsRejected)"))
        return items
    }
}
