import Foundation
import ScorecardModel

/// One run of `Generator.write`: the two random streams, the managers and customers drawn
/// so far, and the exports written from them, one entity after the other (the order of the
/// draws is what makes a seed give the same files).
package struct Generation {
    package struct ManagerProfile {
        package var id: String
        package var quality: Double
        package var active: Bool
    }

    package struct CustomerProfile {
        package var id: String
        package var manager: Int
        package var size: Double
        package var since: CivilDate
        package var latePayer: Bool
        package var remote: Bool
    }

    /// How one file is laid out.
    package struct Layout {
        package var file: String
        package var encoding: TextEncoding = .utf8
        package var delimiter = ","
        package var lineEnd = "\n"
        package var chineseHeader = false
        package var chineseValues = false
        package var timeStyle = TimeStyle.dash
        package var moneyStyle = MoneyStyle.plain
        package var trailingDelimiter = false
        package var trailingBlankLines = false

        package enum TimeStyle { case dash, slash, chinese, isoOffset }
        package enum MoneyStyle { case plain, yuanSign }
    }

    package let o: GeneratorOptions
    package let folder: String
    package let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    package var rng: SeededRandom
    /// A second stream for what came later (territories, service requests, visit plans),
    /// so that the first stream — and every export it made — stays as it was.
    package var extra: SeededRandom
    /// A third stream for the handbooks' exports (submissions, long-form targets; SPEC §3.11,
    /// §3.12), written last: the exports before them stay byte for byte as they were.
    package var handbook: SeededRandom
    /// The completed orders as they were written (no draw of their own), kept as the handbooks'
    /// exports need them (`note(_:)`): each manager's recent deals, sales and collection by month.
    package var deals = HandbookDeals()
    package var result = GeneratedExport()
    package var managers: [ManagerProfile] = []
    package var customers: [CustomerProfile] = []
    package let windowStart: CivilDate
    package let end: CivilDate
    package let startEpoch: Int
    package let endEpoch: Int

    package init(_ o: GeneratorOptions, folder: String) {
        self.o = o
        self.folder = folder
        rng = SeededRandom(seed: o.seed)
        extra = SeededRandom(seed: o.seed ^ 0x5EED_2026_1201)
        handbook = SeededRandom(seed: o.seed ^ 0x5EED_2026_0032)
        end = o.lastMonth.adding(months: 1)
        windowStart = end.adding(months: -max(1, o.months))
        startEpoch = clock.epoch(date: windowStart)
        endEpoch = clock.epoch(date: end)
    }

    package mutating func run() throws {
        try writeManagers()
        try writeCustomers()
        try writeOrders()
        try writeVisits()
        try writeComplaints()
        try writeSurveys()
        try writeServiceRequests()
        try writeTeams()
        try writeTargets()
        try writeSubmissions()
    }

    // MARK: Layouts

    package func layout(_ entity: Entity) -> Layout {
        var l = Layout(file: "\(entity.rawValue).csv")
        guard o.messy else { return l }
        switch entity {
        case .managers:
            l.encoding = .gb18030; l.chineseHeader = true; l.chineseValues = true; l.lineEnd = "\r\n"; l.timeStyle = .slash
        case .customers:
            l.encoding = .gb18030; l.chineseHeader = true; l.chineseValues = true; l.lineEnd = "\r\n"; l.timeStyle = .slash
        case .orders:
            l.encoding = .utf8BOM; l.chineseHeader = true; l.chineseValues = true; l.timeStyle = .slash; l.moneyStyle = .yuanSign
        case .visits:
            l.encoding = .utf16LE; l.delimiter = "\t"; l.lineEnd = "\r\n"; l.timeStyle = .chinese; l.chineseValues = true
        case .complaints:
            l.delimiter = ";"; l.timeStyle = .isoOffset; l.trailingDelimiter = true; l.trailingBlankLines = true; l.lineEnd = "\r\n"
        case .surveys:
            l.encoding = .gb18030; l.chineseHeader = true; l.timeStyle = .slash
        case .serviceRequests:
            l.encoding = .gb18030; l.chineseHeader = true; l.chineseValues = true; l.timeStyle = .slash; l.lineEnd = "\r\n"
        case .visitPlans:
            l.encoding = .utf8BOM; l.chineseHeader = true; l.timeStyle = .chinese
        case .targets:
            l.chineseHeader = true; l.chineseValues = true
        case .submissions:
            l.encoding = .gb18030; l.chineseHeader = true; l.chineseValues = true; l.timeStyle = .slash; l.lineEnd = "\r\n"
        case .teams:
            break
        }
        return l
    }

    /// The columns the generator writes: the entity's, less `currency` (the generated amounts are
    /// all in the pipeline's currency) and less those of exports shaped otherwise (line items,
    /// names for derived lists, SPEC §2.7): the sample's exports stay as they were.
    package static func generated(_ entity: Entity) -> [ColumnSpec] {
        let other = Set(["quantity", "unit_price", "unit_cost"] + (entity.isFact ? Entity.derivingColumns.map(\.name) : []))
        return entity.columns.filter { column in
            if case .currency = column.kind { return false }
            return !other.contains(column.name)
        }
    }

    package func header(_ entity: Entity, _ l: Layout, extra: [(String, String)] = []) -> [String] {
        Self.generated(entity)
            .map { l.chineseHeader ? $0.chineseName : $0.name } + extra.map { l.chineseHeader ? $0.1 : $0.0 }
    }

    func open(_ entity: Entity, _ l: Layout, extraHeader: [(String, String)] = []) throws -> ExportWriter {
        let w = try ExportWriter(folder: folder, file: l.file, encoding: l.encoding, delimiter: l.delimiter, lineEnd: l.lineEnd)
        try emit(w, header(entity, l, extra: extraHeader), l)
        return w
    }

    @discardableResult
    package func emit(_ w: ExportWriter, _ fields: [String], _ l: Layout) throws -> Int {
        try w.write(l.trailingDelimiter ? fields + [""] : fields)
    }

    package mutating func close(_ w: ExportWriter, _ l: Layout) throws {
        if l.trailingBlankLines { try w.writeRaw(l.lineEnd + l.lineEnd) }
        result.rows[w.file] = w.records - 1 - (l.trailingBlankLines ? 1 : 0)
        try w.close()
    }

    package mutating func broke(_ w: ExportWriter, line: Int, _ kind: String) {
        result.broken.append(BrokenRow(file: w.file, line: line, reasonKind: kind))
    }

    // MARK: Value formats

    package func time(_ epoch: Int, _ l: Layout) -> String {
        let local = clock.local(fromEpoch: epoch)
        let d = CivilDate(daysSinceEpoch: local / 86_400)
        let s = local % 86_400
        let hm = String(format: "%02d:%02d", s / 3600, (s % 3600) / 60)
        switch l.timeStyle {
        case .dash: return "\(d) \(hm)"
        case .slash: return "\(d.year)/\(d.month)/\(d.day) \(hm)"
        case .chinese: return "\(d.year)年\(d.month)月\(d.day)日 \(hm)"
        case .isoOffset: return clock.iso(epoch)
        }
    }

    package func date(_ d: CivilDate, _ l: Layout) -> String {
        switch l.timeStyle {
        case .slash, .chinese: return "\(d.year)/\(d.month)/\(d.day)"
        case .dash, .isoOffset: return d.description
        }
    }

    package func money(_ v: Double, _ l: Layout) -> String {
        switch l.moneyStyle {
        case .plain: return String(format: "%.2f", v)
        case .yuanSign: return "¥" + grouped(v)
        }
    }

    package func grouped(_ v: Double) -> String {
        let cents = Int((v * 100).rounded())
        var whole = String(cents / 100)
        var out = ""
        while whole.count > 3 { out = "," + whole.suffix(3) + out; whole.removeLast(3) }
        return whole + out + String(format: ".%02d", cents % 100)
    }

    package func value<E: EnumValue>(_ type: E.Type, _ canonical: String, _ l: Layout) -> String {
        guard l.chineseValues, let s = E.spellings.first(where: { $0.canonical == canonical }) else { return canonical }
        return s.aliases[0]
    }

    package mutating func instant(in range: Range<Int>) -> Int {
        // Working hours are likelier: pick a day, then a time from 08:00 to 20:59.
        let firstDay = clock.localDate(ofEpoch: range.lowerBound)
        let span = clock.localDate(ofEpoch: range.upperBound - 1).daysSinceEpoch - firstDay.daysSinceEpoch
        let day = firstDay.adding(days: rng.int(0...span))
        let t = clock.epoch(date: day, secondsOfDay: 8 * 3600 + rng.int(0...(13 * 3600 - 1)))
        return min(max(t, range.lowerBound), range.upperBound - 60)
    }

    /// The factor that makes the expected total of `rate` over the customers active in
    /// the window equal `total`; 1 without a total.
    package func scaling(to total: Int?, _ rate: (CustomerProfile) -> Double) -> Double {
        guard let total else { return 1 }
        let expected = customers.filter { clock.epoch(date: $0.since) < endEpoch }.reduce(0.0) { $0 + rate($1) }
        return expected > 0 ? Double(total) / expected : 0
    }
}
