import Foundation
import ScorecardModel

/// The master lists: managers (some of whom left) and their customers (SPEC §8).
extension Generation {
    package static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤").map(String.init)
    package static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建红晶飞亮海波宁欣颖俊峰雪琳斌浩凯婷宇鑫").map(String.init)
    package static let places = ["华东", "江南", "滨江", "金桥", "东方", "长城", "新华", "红星", "恒达", "永盛", "宏远", "鑫源", "天和", "瑞丰", "嘉禾", "隆兴", "润泽", "安泰", "佳美", "锦程"]
    package static let trades = ["商贸", "建材", "装饰", "烟酒", "电器", "超市", "五金", "食品", "物流", "通信", "家居", "汽配"]
    package static let suffixes = ["有限公司", "商行", "经营部", "门市部", "贸易有限公司", "便利店"]

    package mutating func personName() -> String {
        rng.pick(Self.surnames) + rng.pick(Self.given) + (rng.chance(0.6) ? rng.pick(Self.given) : "")
    }

    /// The managers' teams, in turn; the organisation's leaves (`writeTeams`).
    package static let teams = ["一组", "二组", "三组", "四组"]

    package mutating func writeManagers() throws {
        let l = layout(.managers)
        let w = try open(.managers, l)
        let teams = Self.teams
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

    package mutating func writeCustomers() throws {
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
}

extension Generation {
    /// The organisation (SPEC §4.4, §8): a branch over two sub-branches over the managers' four
    /// teams, three levels; supervisors for all but the branch, e-mail for some, one robot.
    /// Written last and without the random stream, so the other exports stay as they were.
    package mutating func writeTeams() throws {
        let l = layout(.teams)
        let w = try open(.teams, l)
        let rows: [[String]] = [
            ["分行", "城东分行", "", "", "", ""],
            ["华东支行", "华东支行", "分行", "周建国", "zhou.jianguo@example.com", ""],
            ["江南支行", "江南支行", "分行", "吴海燕", "", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=00000000-0000-4000-8000-000000000000"],
        ] + zip(Self.teams, [("华东支行", "郑丽", "zheng.li@example.com;ops@example.com"), ("华东支行", "冯涛", "feng.tao@example.com"),
                             ("江南支行", "陈静", ""), ("江南支行", "", "")]).map { team, up in [team, "营销" + team, up.0, up.1, up.2, ""] }
        for row in rows { try emit(w, row, l) }
        try close(w, l)
    }
}
