import Foundation
import ScorecardPipeline

/// Satisfaction surveys (SPEC §3.5, §8), with quoted comments and newlines in a messy set.
extension Generation {
    package mutating func writeSurveys() throws {
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
