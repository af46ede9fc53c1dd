import Foundation

/// Sizes and shape of a synthetic data set (SPEC §8).
public struct GeneratorOptions: Sendable {
    public var managers = 20
    public var customers = 600
    public var months = 12
    public var seed: UInt64 = 1
    public var messy = false
    /// Total orders; default about 1.7 per customer and month (the benchmark's ratio).
    public var orders: Int?
    /// Expected totals of visits, complaints and surveys; by default about 3.7 visits,
    /// 0.55 complaints and 1 survey per customer and year. The per-customer rates
    /// keep their shape (bigger customers, weaker managers) and are scaled to the total.
    public var visits: Int?
    public var complaints: Int?
    public var surveys: Int?
    /// The last month covered (its first day); default the month before today.
    public var lastMonth: CivilDate

    public init(lastMonth: CivilDate) { self.lastMonth = lastMonth }

    /// The month before the one `now` falls in (Asia/Shanghai).
    public static func defaultLastMonth(now: Date = Date()) -> CivilDate {
        let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
        let today = clock.localDate(ofEpoch: Int(now.timeIntervalSince1970))
        return CivilDate(year: today.year, month: today.month, day: 1).adding(months: -1)
    }
}

/// A row the generator broke on purpose, and the reason the loader must give.
public struct BrokenRow: Hashable, Sendable {
    public var file: String
    public var line: Int
    public var reasonKind: String
}

public struct GeneratedExport: Sendable {
    /// File name → data rows written (broken ones included).
    public var rows: [String: Int] = [:]
    public var broken: [BrokenRow] = []
}

/// Writes deterministic synthetic exports: heavy-tailed customer sales, managers of
/// varying quality, late payers, overdue and major complaints, remote and rural
/// customers. `messy` writes them as real exports arrive (SPEC §8): GB18030,
/// UTF-16 tab-separated, BOMs, Chinese headers and values, `¥1,234.50`, slash and
/// Chinese dates, quoted newlines, trailing delimiters and blank lines, and a few
/// broken rows, each listed in `GeneratedExport.broken`.
public enum Generator {
    public static func write(_ o: GeneratorOptions, to folder: String) throws -> GeneratedExport {
        try OutputFolder.create(folder)
        var g = Generation(o, folder: folder)
        try g.run()
        return g.result
    }
}

private struct ManagerProfile {
    var id: String
    var quality: Double
    var active: Bool
}

private struct CustomerProfile {
    var id: String
    var manager: Int
    var size: Double
    var since: CivilDate
    var latePayer: Bool
    var remote: Bool
}

/// How one file is laid out.
private struct Layout {
    var file: String
    var encoding: TextEncoding = .utf8
    var delimiter = ","
    var lineEnd = "\n"
    var chineseHeader = false
    var chineseValues = false
    var timeStyle = TimeStyle.dash
    var moneyStyle = MoneyStyle.plain
    var trailingDelimiter = false
    var trailingBlankLines = false

    enum TimeStyle { case dash, slash, chinese, isoOffset }
    enum MoneyStyle { case plain, yuanSign }
}

private struct Generation {
    let o: GeneratorOptions
    let folder: String
    let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)
    var rng: SeededRandom
    /// A second stream for what came later (territories, service requests, visit plans),
    /// so that the first stream — and every export it made — stays as it was.
    var extra: SeededRandom
    var result = GeneratedExport()
    var managers: [ManagerProfile] = []
    var customers: [CustomerProfile] = []
    let windowStart: CivilDate
    let end: CivilDate
    let startEpoch: Int
    let endEpoch: Int

    init(_ o: GeneratorOptions, folder: String) {
        self.o = o
        self.folder = folder
        rng = SeededRandom(seed: o.seed)
        extra = SeededRandom(seed: o.seed ^ 0x5EED_2026_1201)
        end = o.lastMonth.adding(months: 1)
        windowStart = end.adding(months: -max(1, o.months))
        startEpoch = clock.epoch(date: windowStart)
        endEpoch = clock.epoch(date: end)
    }

    mutating func run() throws {
        try writeManagers()
        try writeCustomers()
        try writeOrders()
        try writeVisits()
        try writeComplaints()
        try writeSurveys()
        try writeServiceRequests()
    }

    // MARK: Layouts

    func layout(_ entity: Entity) -> Layout {
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
            break
        }
        return l
    }

    /// The columns the generator writes: the entity's, less `currency` (the generated amounts are
    /// all in the pipeline's currency) and less those of exports shaped otherwise (line items,
    /// names for derived lists, SPEC §2.7): the sample's exports stay as they were.
    static func generated(_ entity: Entity) -> [ColumnSpec] {
        let other = Set(["quantity", "unit_price", "unit_cost"] + (entity.isFact ? Entity.derivingColumns.map(\.name) : []))
        return entity.columns.filter { column in
            if case .currency = column.kind { return false }
            return !other.contains(column.name)
        }
    }

    func header(_ entity: Entity, _ l: Layout, extra: [(String, String)] = []) -> [String] {
        Self.generated(entity)
            .map { l.chineseHeader ? $0.chineseName : $0.name } + extra.map { l.chineseHeader ? $0.1 : $0.0 }
    }

    func open(_ entity: Entity, _ l: Layout, extraHeader: [(String, String)] = []) throws -> ExportWriter {
        let w = try ExportWriter(folder: folder, file: l.file, encoding: l.encoding, delimiter: l.delimiter, lineEnd: l.lineEnd)
        try emit(w, header(entity, l, extra: extraHeader), l)
        return w
    }

    @discardableResult
    func emit(_ w: ExportWriter, _ fields: [String], _ l: Layout) throws -> Int {
        try w.write(l.trailingDelimiter ? fields + [""] : fields)
    }

    mutating func close(_ w: ExportWriter, _ l: Layout) throws {
        if l.trailingBlankLines { try w.writeRaw(l.lineEnd + l.lineEnd) }
        result.rows[w.file] = w.records - 1 - (l.trailingBlankLines ? 1 : 0)
        try w.close()
    }

    mutating func broke(_ w: ExportWriter, line: Int, _ kind: String) {
        result.broken.append(BrokenRow(file: w.file, line: line, reasonKind: kind))
    }

    // MARK: Value formats

    func time(_ epoch: Int, _ l: Layout) -> String {
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

    func date(_ d: CivilDate, _ l: Layout) -> String {
        switch l.timeStyle {
        case .slash, .chinese: return "\(d.year)/\(d.month)/\(d.day)"
        case .dash, .isoOffset: return d.description
        }
    }

    func money(_ v: Double, _ l: Layout) -> String {
        switch l.moneyStyle {
        case .plain: return String(format: "%.2f", v)
        case .yuanSign: return "¥" + grouped(v)
        }
    }

    func grouped(_ v: Double) -> String {
        let cents = Int((v * 100).rounded())
        var whole = String(cents / 100)
        var out = ""
        while whole.count > 3 { out = "," + whole.suffix(3) + out; whole.removeLast(3) }
        return whole + out + String(format: ".%02d", cents % 100)
    }

    func value<E: EnumValue>(_ type: E.Type, _ canonical: String, _ l: Layout) -> String {
        guard l.chineseValues, let s = E.spellings.first(where: { $0.canonical == canonical }) else { return canonical }
        return s.aliases[0]
    }

    mutating func instant(in range: Range<Int>) -> Int {
        // Working hours are likelier: pick a day, then a time from 08:00 to 20:59.
        let firstDay = clock.localDate(ofEpoch: range.lowerBound)
        let span = clock.localDate(ofEpoch: range.upperBound - 1).daysSinceEpoch - firstDay.daysSinceEpoch
        let day = firstDay.adding(days: rng.int(0...span))
        let t = clock.epoch(date: day, secondsOfDay: 8 * 3600 + rng.int(0...(13 * 3600 - 1)))
        return min(max(t, range.lowerBound), range.upperBound - 60)
    }

    /// The factor that makes the expected total of `rate` over the customers active in
    /// the window equal `total`; 1 without a total.
    func scaling(to total: Int?, _ rate: (CustomerProfile) -> Double) -> Double {
        guard let total else { return 1 }
        let expected = customers.filter { clock.epoch(date: $0.since) < endEpoch }.reduce(0.0) { $0 + rate($1) }
        return expected > 0 ? Double(total) / expected : 0
    }

    // MARK: Entities

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红晶飞亮海波宁欣颖俊峰雪琳斌浩凯婷宇鑫").map(String.init)
    static let places = ["华东", "江南", "滨江", "金桥", "东方", "长城", "新华", "红星", "恒达", "永盛", "宏远", "鑫源", "天和", "瑞丰", "嘉禾", "隆兴", "润泽", "安泰", "佳美", "锦程"]
    static let trades = ["商贸", "建材", "装饰", "烟酒", "电器", "超市", "五金", "食品", "物流", "通信", "家居", "汽配"]
    static let suffixes = ["有限公司", "商行", "经营部", "门市部", "贸易有限公司", "便利店"]

    mutating func personName() -> String {
        rng.pick(Self.surnames) + rng.pick(Self.given) + (rng.chance(0.6) ? rng.pick(Self.given) : "")
    }

    mutating func writeManagers() throws {
        let l = layout(.managers)
        let w = try open(.managers, l)
        let teams = ["一组", "二组", "三组", "四组"]
        let brokenAt = o.messy ? Set([max(1, o.managers / 2)]) : []
        for i in 1...max(1, o.managers) {
            let id = String(format: "M%03d", i)
            // Some managers have left; with five or more, the last one always has (SPEC §8).
            let active = i <= 2 || (!rng.chance(0.08) && !(i == o.managers && o.managers >= 5))
            managers.append(ManagerProfile(id: id, quality: 0.35 + 0.65 * rng.unit(), active: active))
            let hire = end.adding(days: -rng.int(200...3000))
            let territory = value(Territory.self, extra.chance(0.3) ? "rural" : "urban", l)
            try emit(w, [id, personName(), teams[(i - 1) % teams.count], value(ManagerStatus.self, active ? "active" : "left", l), date(hire, l),
                         territory], l)
            if brokenAt.contains(i) {
                let line = try emit(w, ["M9\(String(format: "%02d", i))", "", teams[0], value(ManagerStatus.self, "active", l), date(hire, l),
                                        territory], l)
                broke(w, line: line, "missing required value")
            }
        }
        try close(w, l)
    }

    mutating func writeCustomers() throws {
        let l = layout(.customers)
        let w = try open(.customers, l)
        let active = managers.indices.filter { managers[$0].active }
        // Customers still assigned to managers who left (SPEC §3.8: to be handed over).
        let departed = managers.indices.filter { !managers[$0].active }
        let segments = ["零售", "批发", "企业", "个人"]
        let brokenAt: [Int: String] = o.messy ? [max(1, o.customers / 3): "unknown manager", max(2, 2 * o.customers / 3): "unknown value"] : [:]
        for i in 1...max(1, o.customers) {
            let id = String(format: "C%06d", i)
            let region = rng.unit() < 0.75 ? "urban" : (rng.chance(0.65) ? "rural" : "remote")
            let recent = rng.chance(0.07)
            let since = recent ? end.adding(days: -rng.int(20...170)) : end.adding(days: -rng.int(190...2200))
            let manager = !departed.isEmpty && rng.chance(0.03) ? rng.pick(departed) : rng.pick(active)
            let c = CustomerProfile(id: id, manager: manager, size: Foundation.exp(1.2 * rng.normal()), since: since,
                                    latePayer: rng.chance(0.06), remote: region == "remote")
            customers.append(c)
            let name = rng.pick(Self.places) + rng.pick(Self.trades) + rng.pick(Self.suffixes)
            let fields = [id, name, managers[c.manager].id, value(Region.self, region, l), date(since, l), rng.pick(segments)]
            try emit(w, fields, l)
            if let kind = brokenAt[i] {
                var bad = fields
                bad[0] = "CX\(i)"
                if kind == "unknown manager" { bad[2] = "M999" } else { bad[3] = "郊区" }
                broke(w, line: try emit(w, bad, l), kind)
            }
        }
        try close(w, l)
    }

    mutating func writeOrders() throws {
        let l = layout(.orders)
        let w = try open(.orders, l)
        // Each customer orders in proportion to its size in the months it is a customer;
        // scaled so that the expected total is `--orders` (default 1.7 per customer and month).
        func activeMonths(_ c: CustomerProfile) -> Int {
            let first = max(windowStart, c.since)
            return (end.year * 12 + end.month) - (first.year * 12 + first.month)
        }
        let units = customers.reduce(0.0) { $0 + $1.size * Double(activeMonths($1)) }
        let target = Double(o.orders ?? Int(Double(customers.count * max(1, o.months)) * 1.7))
        let perUnit = units > 0 ? target / units : 0
        var seq = 0
        var brokenKinds = o.messy ? ["unparseable number", "negative value", "unknown customer", "unparseable date/time", "wrong number of values", "duplicate key"] : []
        let brokenEvery = max(1, customers.count / (brokenKinds.count + 1))
        var nextBroken = brokenEvery
        var lastLineOf: [String: (Int, [String])] = [:]
        for (ci, c) in customers.enumerated() {
            let firstDay = max(windowStart, c.since)
            var month = CivilDate(year: windowStart.year, month: windowStart.month, day: 1)
            while month < end {
                let monthEnd = month.adding(months: 1)
                let from = max(clock.epoch(date: month), clock.epoch(date: firstDay))
                let to = clock.epoch(date: monthEnd)
                month = monthEnd
                guard from < to else { continue }
                for _ in 0..<rng.poisson(perUnit * c.size) {
                    seq += 1
                    let id = String(format: "SO%08d", seq)
                    let at = instant(in: from..<to)
                    let amount = (800 * c.size * Foundation.exp(0.5 * rng.normal()) * 100).rounded() / 100 + 1
                    let cost = rng.chance(0.9) ? money((amount * (0.6 + 0.3 * rng.unit()) * 100).rounded() / 100, l) : ""
                    let roll = rng.unit()
                    let status = roll < 0.93 ? "completed" : (roll < 0.97 ? "cancelled" : "refunded")
                    let orderDay = clock.localDate(ofEpoch: at)
                    let due = orderDay.adding(days: 30)
                    var paid = ""
                    if status == "completed" {
                        let late = c.latePayer ? Int(rng.exponential(mean: 45)) : (rng.chance(0.2) ? rng.int(1...40) : -rng.int(0...20))
                        let paidDay = due.adding(days: late)
                        if clock.epoch(date: paidDay) < endEpoch { paid = date(paidDay, l) }
                    }
                    let fields = [id, c.id, managers[c.manager].id, time(at, l), money(amount, l), cost, date(due, l), paid,
                                  value(OrderStatus.self, status, l)]
                    let line = try emit(w, fields, l)
                    lastLineOf[c.id] = (line, fields)
                }
            }
            if !brokenKinds.isEmpty, ci >= nextBroken, let (earlierLine, fields) = lastLineOf[c.id] {
                nextBroken += brokenEvery
                let kind = brokenKinds.removeFirst()
                var bad = fields
                seq += 1
                bad[0] = String(format: "SO%08d", seq)
                switch kind {
                case "unparseable number": bad[4] = "待定"
                case "negative value": bad[4] = "-¥120.00"
                case "unknown customer": bad[1] = "C999999"
                case "unparseable date/time": bad[3] = "2026/13/45 10:00"
                case "wrong number of values":
                    bad[4] = money(12_345.6, l)  // "¥12,345.60" written without quotes
                    let text = bad.joined(separator: l.delimiter) + (l.trailingDelimiter ? l.delimiter : "") + l.lineEnd
                    broke(w, line: try w.writeRaw(text), kind)
                    continue
                default:
                    // A corrected copy of an earlier order: the later row wins, the earlier is reported.
                    bad = fields
                    bad[4] = money(((Double(fields[4].filter { "0123456789.".contains($0) }) ?? 1) + 10), l)
                    try emit(w, bad, l)
                    broke(w, line: earlierLine, kind)
                    continue
                }
                broke(w, line: try emit(w, bad, l), kind)
            }
        }
        try close(w, l)
    }

    mutating func writeVisits() throws {
        let l = layout(.visits)
        let w = try open(.visits, l)
        let pl = layout(.visitPlans)
        let plans = try open(.visitPlans, pl)
        var brokenPlan = o.messy
        let perCustomer = 4.0 * Double(o.months) / 12
        var seq = 0
        var brokenKinds = o.messy ? ["end before start", "unknown value"] : []
        let brokenEvery = max(1, customers.count / 3)
        var nextBroken = brokenEvery
        func rate(_ c: CustomerProfile) -> Double { perCustomer * (0.4 + 0.6 * min(c.size, 4)) * (0.5 + managers[c.manager].quality) * 0.6 }
        let scale = scaling(to: o.visits, rate)
        for (ci, c) in customers.enumerated() {
            let q = managers[c.manager].quality
            let from = max(startEpoch, clock.epoch(date: c.since))
            guard from < endEpoch else { continue }
            let n = rng.poisson(rate(c) * scale)
            var planned: Set<Int> = []
            for k in 0..<n {
                seq += 1
                let start = instant(in: from..<endEpoch)
                let roll = rng.unit()
                let type = roll < 0.6 ? "on_site" : (roll < 0.9 ? "phone" : "online")
                let minutes = type == "on_site" ? max(3, 45 + 20 * rng.normal()) : max(2, 10 + 5 * rng.normal())
                let useEnd = rng.chance(0.7)
                let endAt = start + Int(minutes * 60)
                var report = ""
                if !rng.chance(0.05) {
                    let at = endAt + Int(rng.exponential(mean: 3600 * (60 - 40 * q)))
                    if at < endEpoch { report = time(at, l) }
                }
                var fields = [String(format: "V%07d", seq), managers[c.manager].id, c.id, time(start, l),
                              useEnd && endAt < endEpoch ? time(endAt, l) : "", useEnd ? "" : String(Int(minutes.rounded())),
                              value(VisitType.self, type, l), report]
                try emit(w, fields, l)
                if type != "online" { try plan(plans, pl, c, visitDay: clock.localDate(ofEpoch: start), quality: q, into: &planned, broken: &brokenPlan) }
                if k == 0, !brokenKinds.isEmpty, ci >= nextBroken {
                    nextBroken += brokenEvery
                    let kind = brokenKinds.removeFirst()
                    seq += 1
                    fields[0] = String(format: "V%07d", seq)
                    if kind == "end before start" { fields[4] = time(start - 3600, l); fields[5] = "" } else { fields[6] = "拜访" }
                    broke(w, line: try emit(w, fields, l), kind)
                }
            }
        }
        try close(w, l)
        try close(plans, pl)
    }

    /// Visit plans (SPEC §3.10), partly kept: most on-site and phone visits of the
    /// customer's own manager were planned within a few days of when they happened, some
    /// plans were never visited; plans are filed near the end of the month before, some
    /// late, some without a time. One broken row (an unknown customer) when messy.
    mutating func plan(_ w: ExportWriter, _ l: Layout, _ c: CustomerProfile, visitDay: CivilDate, quality q: Double,
                       into planned: inout Set<Int>, broken: inout Bool) throws {
        guard managers[c.manager].active else { return }
        var days: [CivilDate] = []
        if extra.chance(0.45 + 0.4 * q) { days.append(visitDay.adding(days: extra.int(-3...3))) }
        if extra.chance(0.12) { days.append(visitDay.adding(days: extra.int(5...20))) }  // a plan nobody kept
        for day in days where day < end && planned.insert(day.daysSinceEpoch).inserted {
            let month = CivilDate(year: day.year, month: day.month, day: 1)
            let roll = extra.unit()
            var submitted = ""
            if roll < 0.85 {
                submitted = time(clock.epoch(date: month.adding(days: -extra.int(1...6)), secondsOfDay: extra.int(9...17) * 3600), l)
            } else if roll < 0.95 {
                submitted = time(clock.epoch(date: month.adding(days: extra.int(0...4)), secondsOfDay: 10 * 3600), l)
            }
            var fields = [managers[c.manager].id, c.id, date(day, l), submitted]
            try emit(w, fields, l)
            if broken {
                broken = false
                fields[1] = "CX404"
                broke(w, line: try emit(w, fields, l), "unknown customer")
            }
        }
    }

    mutating func writeComplaints() throws {
        let l = layout(.complaints)
        let w = try open(.complaints, l)
        let categories = ["服务态度", "产品质量", "配送延误", "价格争议", "其他"]
        let channels = ["电话", "微信", "门店", "12315"]
        var seq = 0
        var brokenKinds = o.messy ? ["unknown value", "end before start", "in the future"] : []
        let brokenEvery = max(1, customers.count / 4)
        var nextBroken = brokenEvery
        func rate(_ c: CustomerProfile) -> Double { 0.6 * Double(o.months) / 12 * (1.6 - managers[c.manager].quality) }
        let scale = scaling(to: o.complaints, rate)
        for (ci, c) in customers.enumerated() {
            let q = managers[c.manager].quality
            let from = max(startEpoch, clock.epoch(date: c.since))
            guard from < endEpoch else { continue }
            let n = rng.poisson(rate(c) * scale)
            for k in 0..<n {
                seq += 1
                let received = instant(in: from..<endEpoch)
                let major = rng.chance(0.12)
                func after(_ meanHours: Double, _ p: Double) -> Int? {
                    guard rng.chance(p) else { return nil }
                    let t = received + Int(rng.exponential(mean: meanHours * 3600))
                    return t < endEpoch ? t : nil
                }
                let response = after(4 + 30 * (1 - q), 0.96)
                let escalated = major ? after(6 + 30 * (1 - q), 0.3 + 0.6 * q) : nil  // weaker managers forget to escalate
                let resolved = after(40 + 140 * (1 - q), 0.9)
                var followUp: Int?
                var followType = ""
                if let resolved, rng.chance(0.25 + 0.3 * q) {
                    let t = resolved + rng.int(3600...(10 * 86_400))
                    if t < endEpoch {
                        followUp = t
                        followType = rng.chance(0.3) ? "on_site" : "phone"
                    }
                }
                // The manager column is often empty: it defaults to the customer's manager.
                var fields = [String(format: "CP%06d", seq), c.id, rng.chance(0.5) ? managers[c.manager].id : "", time(received, l),
                              response.map { time($0, l) } ?? "", escalated.map { time($0, l) } ?? "", resolved.map { time($0, l) } ?? "",
                              value(Severity.self, major ? "major" : "normal", l), rng.pick(categories), rng.pick(channels),
                              followUp.map { time($0, l) } ?? "", value(FollowUpType.self, followType, l)]
                try emit(w, fields, l)
                if k == 0, !brokenKinds.isEmpty, ci >= nextBroken {
                    nextBroken += brokenEvery
                    let kind = brokenKinds.removeFirst()
                    seq += 1
                    fields[0] = String(format: "CP%06d", seq)
                    switch kind {
                    case "unknown value": fields[7] = "紧急"
                    case "end before start": fields[4] = time(received - 7200, l)
                    default: fields[3] = "2099-01-05T09:00:00+08:00"; fields[4] = ""; fields[5] = ""; fields[6] = ""; fields[10] = ""
                    }
                    broke(w, line: try emit(w, fields, l), kind)
                }
            }
        }
        try close(w, l)
    }

    /// Service requests (SPEC §3.9): repairs of every category class, completion in hours
    /// to days, follow-ups by the three roles (weaker managers' sites later and fewer),
    /// problems found with a written notice mostly within the day.
    mutating func writeServiceRequests() throws {
        let l = layout(.serviceRequests)
        let w = try open(.serviceRequests, l)
        let categories = ["安全设施", "消防", "电梯", "燃气", "漏水", "渗水", "水管", "门窗", "照明", "空调", "其他"]
        var seq = 0
        var brokenKinds = o.messy ? ["unknown value"] : []
        for c in customers {
            let q = managers[c.manager].quality
            let from = max(startEpoch, clock.epoch(date: c.since))
            guard from < endEpoch else { continue }
            for _ in 0..<extra.poisson(0.35 * Double(o.months) / 12) {
                seq += 1
                let reported = from + Int(extra.unit() * Double(endEpoch - from - 3600))
                var completed: Int?
                if extra.chance(0.95) {
                    let t = reported + 1800 + Int(extra.exponential(mean: 3600 * (20 + 60 * (1 - q))))
                    if t < endEpoch { completed = t }
                }
                var followUp: Int?, role = "", problem = "no", notice: Int?
                if let completed, extra.chance(0.6 + 0.35 * q) {
                    let t = completed + 3600 + Int(extra.exponential(mean: 86_400 * (1.5 + 4 * (1 - q))))
                    if t < endEpoch {
                        followUp = t
                        let r = extra.unit()
                        role = r < 0.12 ? "director" : (r < 0.42 ? "administrator" : "repair_lead")
                        if extra.chance(0.12) {
                            problem = "yes"
                            if extra.chance(0.85) {
                                let n = t + Int(extra.exponential(mean: 3600 * (8 + 20 * (1 - q))))
                                if n < endEpoch { notice = n }
                            }
                        }
                    }
                }
                var fields = [String(format: "SR%06d", seq), c.id, extra.chance(0.5) ? managers[c.manager].id : "", time(reported, l),
                              extra.pick(categories), completed.map { time($0, l) } ?? "", followUp.map { time($0, l) } ?? "",
                              value(FollowUpRole.self, role, l), value(YesNo.self, problem, l), notice.map { time($0, l) } ?? ""]
                try emit(w, fields, l)
                if !brokenKinds.isEmpty {
                    let kind = brokenKinds.removeFirst()
                    seq += 1
                    fields[0] = String(format: "SR%06d", seq)
                    fields[7] = "保安"
                    broke(w, line: try emit(w, fields, l), kind)
                }
            }
        }
        try close(w, l)
    }

    mutating func writeSurveys() throws {
        let l = layout(.surveys)
        let dims = SatisfactionSettings().dimensions.map { ($0.name, $0.header) }
        let w = try open(.surveys, l, extraHeader: dims)
        let praise = ["服务很好", "响应及时", "经理很专业", "满意"]
        let gripes = ["回复太慢，等了三天", "经理不太专业", "上门次数太少", "说好\"马上到\"，结果第二天才来"]
        var seq = 0
        var brokenKinds = o.messy ? ["out of range", "unparseable number"] : []
        let brokenEvery = max(1, customers.count / 3)
        var nextBroken = brokenEvery
        let scale = scaling(to: o.surveys) { _ in Double(o.months) / 12 }
        for (ci, c) in customers.enumerated() {
            let q = managers[c.manager].quality
            let from = max(startEpoch, clock.epoch(date: c.since))
            guard from < endEpoch else { continue }
            for k in 0..<rng.poisson(Double(o.months) / 12 * scale) {
                seq += 1
                let at = instant(in: from..<endEpoch)
                let overall = max(1, min(5, Int((2.2 + 3 * q + 0.9 * rng.normal()).rounded())))
                let nps = max(0, min(10, Int((Double(overall) * 2 - 0.5 + 1.5 * rng.normal()).rounded())))
                let dimScores = dims.map { _ in String(max(1, min(5, overall + rng.int(-1...1)))) }
                var comment = ""
                if o.messy && seq == 1 {
                    comment = "说好\"马上到\"，\n结果第二天才来"  // quotes and a newline inside a quoted field
                } else if rng.chance(0.3) {
                    comment = overall >= 4 ? rng.pick(praise) : rng.pick(gripes)
                    if o.messy && rng.chance(0.3) { comment += "\n希望改进" }
                }
                var fields = [String(format: "SV%06d", seq), c.id, rng.chance(0.5) ? managers[c.manager].id : "",
                              rng.chance(0.5) ? date(clock.localDate(ofEpoch: at), l) : time(at, l),
                              rng.chance(0.97) ? String(overall) : "", rng.chance(0.9) ? String(nps) : "", comment] + dimScores
                try emit(w, fields, l)
                if k == 0, !brokenKinds.isEmpty, ci >= nextBroken {
                    nextBroken += brokenEvery
                    let kind = brokenKinds.removeFirst()
                    seq += 1
                    fields[0] = String(format: "SV%06d", seq)
                    if kind == "out of range" { fields[4] = "7" } else { fields[5] = "十" }
                    broke(w, line: try emit(w, fields, l), kind)
                }
            }
        }
        try close(w, l)
    }
}
