import Foundation
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// Builders for hand-computed metric cases: times are written as Shanghai wall-clock text.
enum M {
    static let clock = ZoneClock(timeZone: TimeZone(identifier: "Asia/Shanghai")!)

    /// `"2026-10-05 10:00"` → instant.
    static func t(_ text: String) -> Int {
        Moment.parse(text)!.epoch(in: clock)
    }

    static func d(_ text: String) -> CivilDate { Moment.parse(text)!.date }

    static func context(_ period: String = "2026-10", asOf: String = "2026-11-01 00:00",
                        _ configure: (inout PipelineConfig) -> Void = { _ in }) -> MetricContext {
        var config = PipelineConfig()
        configure(&config)
        return MetricContext(period: try! Period(parsing: period), asOf: t(asOf), config: config)
    }

    static func customer(_ id: String, manager: String = "M1", remote: Bool = false, since: String? = nil) -> MetricInputs.Customer {
        .init(id: id, managerID: manager, remote: remote, since: since.map(d))
    }

    static func order(_ customer: String, _ amount: Double, at: String = "2026-10-10 10:00", manager: String = "M1",
                      cost: Double? = nil, due: String? = nil, paid: String? = nil, completed: Bool = true) -> MetricInputs.Order {
        .init(customerID: customer, managerID: manager, at: t(at), amount: amount, cost: cost, dueDate: due.map(d),
              paidDate: paid.map(d), completed: completed)
    }

    static func complaint(_ id: String, customer: String = "C1", manager: String = "M1", received: String,
                          response: String? = nil, escalated: String? = nil, resolved: String? = nil, major: Bool = false,
                          category: String? = nil, followUp: String? = nil, onSite: Bool = false) -> MetricInputs.Complaint {
        .init(id: id, customerID: customer, managerID: manager, receivedAt: t(received), firstResponseAt: response.map(t),
              escalatedAt: escalated.map(t), resolvedAt: resolved.map(t), major: major, category: category,
              followUpAt: followUp.map(t), followUpOnSite: onSite)
    }

    static func visit(_ id: String, customer: String = "C1", manager: String = "M1", start: String, end: String? = nil,
                      minutes: Double? = nil, type: String = "on_site", report: String? = nil) -> MetricInputs.Visit {
        .init(id: id, managerID: manager, customerID: customer, start: t(start), end: end.map(t), durationMinutes: minutes,
              type: type, reportAt: report.map(t))
    }

    static func survey(_ id: String, customer: String = "C1", manager: String = "M1", at: String = "2026-10-10 10:00",
                       overall: Int?, nps: Int? = nil, comment: String? = nil, dimensions: [String: Int] = [:]) -> MetricInputs.Survey {
        .init(id: id, customerID: customer, managerID: manager, at: t(at), overall: overall, nps: nps, comment: comment,
              dimensions: dimensions)
    }
}

extension M {
    static func request(_ id: String, customer: String = "C1", manager: String = "M1", reported: String = "2026-10-01 09:00",
                        category: String? = nil, completed: String? = nil, followUp: String? = nil, role: String? = nil,
                        problem: Bool = false, notice: String? = nil) -> MetricInputs.ServiceRequest {
        .init(id: id, customerID: customer, managerID: manager, reportedAt: t(reported), category: category, completedAt: completed.map(t),
              followUpAt: followUp.map(t), followUpRole: role, problemFound: problem, noticeAt: notice.map(t))
    }

    static func plan(_ customer: String = "C1", manager: String = "M1", on day: String, submitted: String? = "2026-09-25 10:00") -> MetricInputs.VisitPlan {
        .init(managerID: manager, customerID: customer, plannedDate: d(day), submittedAt: submitted.map(t))
    }
}

extension MetricInputs {
    mutating func add(_ orders: [MetricInputs.Order]) {
        for o in orders {
            self.orders.add(o)
            receivables.add(o)
        }
    }
}
