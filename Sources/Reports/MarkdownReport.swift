import Foundation
import ScorecardModel

/// The Markdown report for e-mail and wikis (SPEC §4.2): what changed first, then
/// one section per sheet with its key table (the workbook has everything), SVG
/// charts, and a data-quality appendix. Deterministic: same results, same bytes.
package enum MarkdownReport {
    /// Writes `report-<period>.md`, the chat-sized `report-<period>-chat.md` (and `charts/*.svg`); returns the files written, relative to `folder`.
    package static func write(_ d: ReportData, charts: Bool, into folder: String) throws -> [String] {
        var files: [String] = []
        if charts {
            try OutputFolder.create((folder as NSString).appendingPathComponent("charts"))
            for (name, svg) in chartFiles(d) {
                try OutputFile.write(Data(svg.utf8), to: (folder as NSString).appendingPathComponent("charts/\(name)"))
                files.append("charts/\(name)")
            }
        }
        let file = "report-\(d.period.name)\(d.fileSuffix).md"
        try OutputFile.write(Data(render(d, charts: charts).utf8), to: (folder as NSString).appendingPathComponent(file))
        let chat = chatFile(d)
        try OutputFile.write(Data(self.chat(d).utf8), to: (folder as NSString).appendingPathComponent(chat))
        return [file, chat] + files
    }

    package static func chartFiles(_ d: ReportData) -> [(String, String)] {
        let L = d.labels
        return [
            ("grades.svg", SVGChart.bars(title: L(.customersByGrade), d.gradeSeries) { String(Int($0)) }),
            ("scores.svg", SVGChart.bars(title: L(.managerScores), d.scoreSeries, format: { Fmt.decimal($0, 1) }, maxValue: 100)),
            ("sla.svg", SVGChart.bars(title: L(.slaByManager), d.slaSeries, format: { Fmt.rate($0) }, maxValue: 1)),
            ("trend.svg", SVGChart.lines(title: L.trendTitle(everyone: d.trendChartPositions.count == d.results.managers.count),
                                         periods: d.trend.periods.map { L.period($0) }, trendSeries(d), maxValue: 100)),
        ]
    }

    package static func render(_ d: ReportData, charts: Bool) -> String {
        let L = d.labels
        // Each chart a file beside the report, linked (issue 30 item 7: four base64 images were
        // 24.7 KB most mail clients did not show); attach the charts/ folder with the report.
        var images: [String] = []
        func image(_ title: String, _ name: String) -> String {
            guard charts else { return "" }
            let markup = "![\(title)](charts/\(name))"
            images.append(markup)
            return "\n" + markup + "\n"
        }
        var out = opening(d, image: image)
        out += managersSection(d, image: image)
        out += teamsSection(d)
        out += trendSection(d, image: image)
        out += customersSection(d)
        out += complaintsSection(d, image: image)
        out += satisfactionSection(d)
        out += visitsSection(d)
        out += quotaAndPlansSection(d)
        out += receivablesSection(d)
        out += developmentSection(d)
        out += serviceSection(d)
        out += handbooksSection(d)
        out += briefsSection(d)
        out += appendixSection(d)
        // Sentences outside the tables with the Chinese report's punctuation (tables keep theirs).
        if L.language == .zhCN {
            out = out.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("|") || $0.hasPrefix("![") ? String($0) : L.sentence(String($0)) }.joined(separator: "\n")
        }
        return finish(out, images: images)
    }

    /// The title, what an absent export leaves out, what changed, the key table with how each
    /// figure is counted, and the grade chart.
    package static func opening(_ d: ReportData, image: (String, String) -> String) -> String {
        let L = d.labels
        let r = d.results
        var out = "# \(d.title)\n\n"
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
        return out
    }

    /// The opening bullets: grade moves, rank moves, SLA breaches, A customers not visited, low satisfaction,
    /// overdue receivables and collection, customers left behind.
    package static func changes(_ d: ReportData) -> [String] {
        let L = d.labels
        let r = d.results
        let up = r.grades.tally.upgrades, down = r.grades.filter { $0.change == .downgrade }
        let totals = r.gradeTotals
        let grades = Grade.allCases.map { g in "\(g.rawValue) \(totals[g]?.customers ?? 0)" }.joined(separator: " · ")
        // No change against a period that was never run (issue 30 item 3): every customer is new then.
        let moves = d.previousWasRun || r.grades.tally.anyPrevious
            ? "; \(L(.upgrade)) \(up), \(L(.downgrade)) \(down.count)"
            : (L.language == .en ? "; first grading (the previous period was never run)" : "；首次评级（上期未运行），无升降级比较")
        var lines = ["**\(L(.gradeMoves))**: \(grades)\(moves)"
                     + (down.isEmpty ? "" : " (" + down.sorted { $0.sales12m > $1.sales12m }.prefix(3).map {
                         "\(d.customerName($0.customerID)) \($0.previousGrade?.rawValue ?? "")→\($0.grade.rawValue)" }.joined(separator: L.listSeparator) + ")")]
        var rank = "**\(L(.rankMoves))**: "
        // The talk's first and last: active managers (SPEC §3.5, issue 30 item 10).
        if let first = d.talkFirst, let last = d.talkLast {
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
            // Who owns each action, not only totals (issue 30 item 6): 于洋颖 3、付辉 2…
            lines.append("**\(L(.notVisited))**: \(r.visits.uncoveredA.count)"
                         + (r.visits.uncoveredA.isEmpty ? "" : " (" + byOwner(d, r.visits.uncoveredA.map(\.managerID)) + ")"))
        }
        if !r.absent.contains(.complaints) { lines += complaintOwners(d) }
        let sat = r.satisfaction.overall
        if !r.absent.contains(.surveys) {
            // The corrective actions' owners (SPEC §3.4), as the unvisited A customers' (issue 30).
            let owners = r.satisfaction.corrective.isEmpty ? "" : " (" + byOwner(d, r.satisfaction.corrective.map(\.managerID)) + ")"
            lines.append("**\(L(.lowSatisfaction))**: \(r.satisfaction.corrective.count) \(L(.surveysWord))\(owners); \(L(.csat)) \(Fmt.rate(sat?.csat)) (\(L(.target)) \(Fmt.rate(d.config.satisfaction.csatTarget)))")
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
        return (lines + developmentChanges(d) + fieldWorkChanges(d) + handbookBullets(d)).map(L.sentence)
    }

    /// `于洋颖 3、付辉 2…`: the managers behind a list of items, most first (at most eight).
    package static func byOwner(_ d: ReportData, _ managers: [String]) -> String {
        let counts = Dictionary(grouping: managers, by: { $0 }).map { ($0.key, $0.value.count) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
        return counts.prefix(8).map { "\(d.managerName($0.0)) \($0.1)" }.joined(separator: d.labels.listSeparator)
            + (counts.count > 8 ? "…" : "")
    }

    /// Unescalated major complaints with their owners, and the A customers' slowest first
    /// response when it missed its target (issue 30 item 6).
    package static func complaintOwners(_ d: ReportData) -> [String] {
        let r = d.results
        let en = d.config.language == .en
        var lines: [String] = []
        let majors = r.complaints.unescalatedMajors
        if !majors.isEmpty {
            let named = majors.prefix(5).map { "\($0.complaintID) \(d.customerName($0.customerID))" }.joined(separator: d.labels.listSeparator)
            lines.append(en ? "**Major complaints not escalated**: \(majors.count) (\(byOwner(d, majors.map(\.managerID))): \(named))"
                            : "**重大投诉未上报**：\(majors.count) 件（\(byOwner(d, majors.map(\.managerID)))：\(named)）")
        }
        let target = d.config.complaints.firstResponseHours
        if let slow = r.complaints.complaints.filter({ $0.grade == .A && ($0.firstResponseHours ?? 0) > target })
            .max(by: { ($0.firstResponseHours ?? 0, $1.complaintID) < ($1.firstResponseHours ?? 0, $0.complaintID) }) {
            let hours = Fmt.hours(slow.firstResponseHours)
            lines.append(en ? "**Slowest A-customer response**: \(slow.complaintID) \(d.customerName(slow.customerID)), \(hours) h "
                                + "(manager \(d.managerName(slow.managerID)); target \(Fmt.hours(target)) h)"
                            : "**A级客户投诉响应最慢**：\(slow.complaintID) \(d.customerName(slow.customerID))，\(hours) 小时"
                                + "（经理 \(d.managerName(slow.managerID))；目标 \(Fmt.hours(target)) 小时）")
        }
        return lines
    }

    package static func list(_ items: [String], _ L: Labels) -> String {
        items.isEmpty ? L(.noneThisPeriod) : items.prefix(10).joined(separator: "; ") + (items.count > 10 ? "; … (\(items.count))" : "")
    }

    /// All rows when they fit, else the top and bottom ones with a gap row.
    package static func topAndBottom(_ L: Labels, _ headers: [String], _ rows: [[String]], top: Int, bottom: Int) -> String {
        guard rows.count > top + bottom + 5 else { return table(headers, rows) }
        let gap = ["…"] + Array(repeating: "", count: headers.count - 1)
        return table(headers, Array(rows.prefix(top)) + [gap] + Array(rows.suffix(bottom)))
    }

    /// The whole report through `MarkupSafety.markdown` — names, comments, categories
    /// from exports are escaped wherever a section puts them — and then the report's
    /// own markup put back: `<br>` in table cells and its chart images.
    package static func finish(_ text: String, images: [String]) -> String {
        var out = MarkupSafety.markdown(text).replacingOccurrences(of: "&lt;br&gt;", with: "<br>")
        for image in images { out = out.replacingOccurrences(of: MarkupSafety.markdown(image), with: image) }
        return out
    }

    /// Every non-empty cell reads as a number (`1,234.50`, `73.5%`, `-2`, `+3`, `–`, with a `⚠`) and one at least is not `–`.
    package static func isNumberColumn(_ cells: [String]) -> Bool {
        let values = cells.map { $0.replacingOccurrences(of: " ⚠", with: "").replacingOccurrences(of: "*", with: "") }.filter { !$0.isEmpty && $0 != "…" }
        guard values.contains(where: { $0 != "–" }) else { return false }
        return values.allSatisfy { $0 == "–" || isNumber($0) }
    }

    /// `-1,234.50`, `+3`, `73.5%`, `50.0% (2)`. By hand: a regex literal is compiled at each
    /// use, and this runs for every cell (issue 10: 8 s of the bank-sized report).
    package static func isNumber(_ text: String) -> Bool {
        var s = Substring(text)
        if s.hasSuffix(")") || s.hasSuffix("）"), let open = s.range(of: s.hasSuffix(")") ? " (" : "（", options: .backwards) {
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
    package static func table(_ headers: [String], _ rows: [[String]]) -> String {
        guard headers.count > maxColumns else { return singleTable(headers, rows) }
        // Wider tables as several, each repeating the leading columns up to the first text
        // one (rank, change, name): mail clients and chat apps cut wide tables (issue 30 item 7).
        let column = { (c: Int) in rows.map { c < $0.count ? $0[c] : "" } }
        let isText = { (c: Int) in !isNumberColumn(column(c)) && column(c).contains { !$0.isEmpty && $0 != "–" && $0 != "…" } }
        let keys = min(3, (headers.indices.first(where: isText) ?? 0) + 1)
        let rest = Array(keys..<headers.count)
        // As many tables as needed, the columns shared out evenly (11 columns: 4 + 4 + 3, not 5 + 5 + 1).
        let parts = (rest.count + maxColumns - keys - 1) / (maxColumns - keys)
        let per = (rest.count + parts - 1) / parts
        return stride(from: 0, to: rest.count, by: per).map { start in
            let picked = Array(0..<keys) + rest[start..<min(start + per, rest.count)]
            return singleTable(picked.map { headers[$0] }, rows.map { row in picked.map { $0 < row.count ? row[$0] : "" } })
        }.joined(separator: "\n")
    }

    /// The most columns a Markdown table has (issue 30 item 7).
    package static let maxColumns = 8

    private static func singleTable(_ headers: [String], _ rows: [[String]]) -> String {
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
