import Foundation
import ScorecardModel

extension Generation {
    /// Service requests (SPEC §3.9): repairs of every category class, completion in hours
    /// to days, follow-ups by the three roles (weaker managers' sites later and fewer),
    /// problems found with a written notice mostly within the day.
    package mutating func writeServiceRequests() throws {
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
}
