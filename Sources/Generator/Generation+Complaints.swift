import Foundation
import ScorecardModel

/// Complaints (SPEC §3.6, §8): response, escalation and resolution times by the manager's quality.
extension Generation {
    package mutating func writeComplaints() throws {
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
}
