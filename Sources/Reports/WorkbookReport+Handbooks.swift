import ScorecardMetrics
import ScorecardModel

/// The 上交情况 Submissions, 奖惩台账 Ledger and 目标达成 Targets sheets (SPEC §3.11, §3.12), the long
/// lists on sheets of their own (上交明细, 奖惩明细: each under its own repeated header). Without the
/// export (or, for the ledger, the pipeline's rules) each says so.
extension WorkbookReport {
    /// The five sheets, added to `book` in their order and written.
    static func handbookSheets(_ d: ReportData, _ book: XLSXWorkbook, _ layout: Layout) throws -> [XLSXSheet] {
        let rows = estimatedHandbookRows(d)
        let sheets = try [HandbookLabel.sheetSubmissions, .sheetSubmissionItems, .sheetLedger, .sheetLedgerLines, .sheetTargets].map { label in
            try book.addSheet(d.labels.handbook(label), continuations: XLSXSheet.continuations(rows: rows * 11 / 10, rowLimit: layout.rowLimit),
                              rowLimit: layout.rowLimit)
        }
        try writeSubmissions(d, sheets[0], list: sheets[1])
        try writeLedger(d, sheets[2], lines: sheets[3])
        try writeTargets(d, sheets[4])
        return sheets
    }

    package static func writeSubmissions(_ d: ReportData, _ sheet: XLSXSheet, list listSheet: XLSXSheet) throws {
        let L = d.labels
        let s = d.results.submissions
        guard !s.items.isEmpty else {
            try empty(listSheet, L.handbook(.noSubmissions))
            return try empty(sheet, L.handbook(.noSubmissions))
        }
        // Per manager: all kinds first, then each kind.
        let columns: [Column<SubmissionSummary>] = [
            Column(L(.managerID)) { .text($0.managerID, $0.kind.isEmpty ? .bold : .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L.handbook(.kind)) { .text($0.kind.isEmpty ? L.handbook(.allKinds) : L.handbookKind($0.kind), $0.kind.isEmpty ? .bold : .plain) },
            Column(L.handbook(.expected)) { .number(Double($0.expected), .count) },
            Column(L.handbook(.onTime)) { .number(Double($0.count(.onTime)), .count) },
            Column(L.handbook(.late)) { .number(Double($0.count(.late)), .count) },
            Column(L.handbook(.missing)) { .number(Double($0.count(.missing)), .count) },
            Column(L.handbook(.pending)) { .number(Double($0.count(.pending)), .count) },
            Column(L.handbook(.onTimeRate)) { sampled($0.onTimeRate, n: $0.count(.onTime) + $0.count(.late) + $0.count(.missing), d) },
        ]
        if let range = try table(sheet, at: 0, columns, s.summaries, main: true) {
            try sheet.highlight(column: columnIndex(columns, L.handbook(.missing)), rows: range, when: .greaterThan, 0, style: .bad)
            try sheet.highlight(column: columnIndex(columns, L.handbook(.late)), rows: range, when: .greaterThan, 0, style: .warn)
            try note(sheet, range.upperBound + 2, seeSheet(L, L.handbook(.sheetSubmissionItems)))
        }
        // The items not handed in on time: what the talk is about.
        let list: [Column<SubmissionItem>] = [
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L.handbook(.kind)) { .text(L.handbookKind($0.kind), .plain) },
            // A day as an Excel date; a week (2026-W41) or month (2026-10) as its name.
            Column(L.handbook(.covers)) { i in
                if i.covers == i.day.description { return when(d.clock.epoch(date: i.day), d, day: true) }
                return .text((try? Period(parsing: i.covers)).map { L.period($0) } ?? i.covers, .center)
            },
            Column(L.handbook(.item)) { .text($0.item, .plain) },
            Column(L.handbook(.deadline)) { when($0.deadline, d) },
            Column(L.handbook(.submittedAt)) { when($0.submittedAt, d) },
            // Late because incomplete, though handed in before the deadline: said so (a supervisor reads 迟交 as late).
            Column(L.handbook(.status)) { i in
                let incomplete = i.status == .late && !i.complete && (i.submittedAt ?? .max) <= i.deadline
                return .text(L.submissionStatus(i.status) + (incomplete ? L.handbook(.incompleteMark) : ""), .center)
            },
        ]
        if let range = try table(listSheet, at: 0, list, s.items.filter { $0.status != .onTime }, main: true) {
            try listSheet.highlight(column: columnIndex(list, L.handbook(.status)), rows: range, equals: L.handbook(.missing), style: .bad)
            for late in [L.handbook(.late), L.handbook(.late) + L.handbook(.incompleteMark)] {
                try listSheet.highlight(column: columnIndex(list, L.handbook(.status)), rows: range, equals: late, style: .warn)
            }
        }
    }

    /// `明细见工作表“上交明细”`.
    private static func seeSheet(_ L: Labels, _ name: String) -> String {
        L.language == .en ? "\(L.handbook(.ledgerLines)): see the sheet \(name)" : "\(L.handbook(.ledgerLines))：见工作表“\(name)”"
    }

    package static func writeLedger(_ d: ReportData, _ sheet: XLSXSheet, lines linesSheet: XLSXSheet) throws {
        let L = d.labels
        let ledger = d.results.ledger
        guard ledger.hasRules else {
            try empty(linesSheet, L.handbook(.noLedger))
            return try empty(sheet, L.handbook(.noLedger))
        }
        let totals: [Column<LedgerTotal>] = [
            Column(L(.managerID)) { .text($0.managerID, .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L.handbook(.points)) { .number($0.points, .decimal) },
            Column(L.handbook(.amount)) { .number($0.amount, .money) },
            Column(L.handbook(.kpiScore)) { .number($0.kpiScore, .score) },
            Column(L.handbook(.finalScore)) { .number($0.finalScore, .score) },
        ]
        var row = try table(sheet, at: 0, totals, ledger.totals, main: true)?.upperBound ?? 0
        if !ledger.teams.isEmpty {
            row += 2
            try heading(sheet, row, L.handbook(.teamTotals))
            let teams: [Column<(team: String, points: Double, amount: Double)>] = [
                Column(L(.team)) { .text(d.results.tree.title(of: $0.team), .plain) },
                Column(L.handbook(.points)) { .number($0.points, .decimal) },
                Column(L.handbook(.amount)) { .number($0.amount, .money) },
            ]
            try table(sheet, at: row + 1, teams, ledger.teams, main: false)
            row += ledger.teams.count + 1
        }
        try note(sheet, row + 2, seeSheet(L, L.handbook(.sheetLedgerLines)))
        try table(linesSheet, at: 0, lineColumns(d, withManager: true), ledger.lines, main: true)
    }

    /// A ledger line's columns (on the ledger sheet with the manager, on a manager's page without).
    package static func lineColumns(_ d: ReportData, withManager: Bool) -> [Column<LedgerLine>] {
        let L = d.labels
        let manager: [Column<LedgerLine>] = withManager ? [Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) }] : []
        return manager + [
            Column(L.handbook(.seq)) { .number(Double($0.seq), .count) },
            Column(L.handbook(.event)) { .text(L.ledgerEvent($0.event), .plain) },
            Column(L.handbook(.fact)) { .text($0.fact, .paragraph) },
            Column(L.handbook(.points)) { .number($0.points, .decimal) },
            Column(L.handbook(.amount)) { .number($0.amount, .money) },
        ]
    }

    package static func writeTargets(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let rows = d.results.targets.rows
        guard !rows.isEmpty else { return try empty(sheet, L.handbook(.noTargets)) }
        let columns = targetColumns(d, withKey: true)
        if let range = try table(sheet, at: 0, columns, rows, main: true) {
            try sheet.highlight(column: columnIndex(columns, L.handbook(.attainment)), rows: range, when: .lessThan, 1, style: .bad)
            try sheet.highlight(column: columnIndex(columns, L.handbook(.tierReached)), rows: range, equals: L.tier(nil), style: .bad)
        }
    }

    /// A target row's columns (on the targets sheet with its level and key, on a manager's page without).
    package static func targetColumns(_ d: ReportData, withKey: Bool) -> [Column<TargetAttainment>] {
        let L = d.labels
        func amount(_ t: TargetAttainment, _ v: Double?) -> Cell { .number(v, t.kind.isMoney ? .money : .count) }
        let key: [Column<TargetAttainment>] = withKey ? [
            Column(L.handbook(.level)) { .text($0.level == .manager ? L.handbook(.levelManager) : L.handbook(.levelTeam), .center) },
            Column(L.handbook(.key)) { .text($0.key, .plain) },
            Column(L(.managerName)) { .text($0.level == .manager ? d.managerName($0.key) : d.results.tree.title(of: $0.key), .plain) },
        ] : []
        return key + [
            Column(L.handbook(.kind)) { .text(L.handbookKind($0.kind.rawValue), .plain) },
            Column(L.handbook(.value)) { amount($0, $0.value) },
            Column(L.handbook(.target)) { amount($0, $0.tiers[.target]) },
            Column(L.handbook(.stretch)) { amount($0, $0.tiers[.stretch]) },
            Column(L.handbook(.challenge)) { amount($0, $0.tiers[.challenge]) },
            Column(L.handbook(.attainment)) { .number($0.attainment, .rate) },
            Column(L.handbook(.tierReached)) { .text(L.tier($0.reached), .center) },
        ]
    }

    private static func empty(_ sheet: XLSXSheet, _ text: String) throws {
        try sheet.write(0, 0, text: text, .subtitle)
        try sheet.printSetup(headerRow: 0)
    }
}
