import Foundation

/// Why a delivery could not be made (SPEC §4.5), in words a supervisor's IT colleague can act on.
/// Robot URLs appear only masked.
public enum DeliveryError: LocalizedError, Equatable {
    /// libcurl gave up: the server refused or did not answer, TLS failed, the login or a recipient was refused.
    case transport(message: String)
    /// The robot's server answered, but not with success.
    case robotRefused(status: Int, reply: String)
    /// A robot URL that is neither https nor loopback http: its token would travel in clear.
    case insecureRobotURL(masked: String)
    /// The team's own report is not in the period's folder (`outputs.per_team` off, or the team has no supervisor).
    case missingTeamReport(team: String, path: String)
    /// The period's reports are not in the output folder.
    case missingReports(period: String, folder: String)
    /// No period to deliver: no successful run in the warehouse.
    case noPeriod
    /// A team named in `deliver.robots` that the teams export does not hold.
    case unknownTeam(String)
    /// Some deliveries failed (exit 4): each recipient with its reason.
    case failed([(recipient: String, reason: String)])

    public var errorDescription: String? {
        switch self {
        case .transport(let message): return message
        case .robotRefused(let status, let reply): return "the robot's server answered HTTP \(status): \(reply.prefix(300))"
        case .insecureRobotURL(let masked): return "\(masked) is refused: a robot URL must be https (or http to this machine)"
        case .missingTeamReport(let team, let path):
            return "team \(team)'s own report is not at \(path) (is outputs.per_team: true in the pipeline, and does the team have a supervisor?)"
        case .missingReports(let period, let folder):
            return "no reports of \(period) in \(folder): run `scorecard run --period \(period)` first"
        case .noPeriod: return "no period to deliver: the warehouse holds no successful run (run `scorecard run` first, or give --period)"
        case .unknownTeam(let team): return "deliver.robots names the team \(team), which the teams export does not hold"
        case .failed(let failures):
            return "\(failures.count) deliver\(failures.count == 1 ? "y" : "ies") failed; `scorecard deliver` again retries \(failures.count == 1 ? "it" : "them"):\n"
                + failures.map { "  \($0.recipient): \($0.reason)" }.joined(separator: "\n")
        }
    }

    public static func == (a: DeliveryError, b: DeliveryError) -> Bool { a.errorDescription == b.errorDescription }
}
