import Foundation
import ScorecardModel
import ScorecardPipeline

/// One thing to deliver (SPEC §4.5): a mail to one address or a message to one robot, with the
/// report it carries; or, when it cannot be made, why (it is then recorded as failed, not sent).
struct Parcel {
    enum Content {
        case mail(MailMessage)
        /// `url` as written (the token in it); `secret` for DingTalk's and Feishu's signature.
        case robot(RobotMessage, url: String, secret: String?)
    }

    /// An address, or the robot's masked URL with `#` and a fingerprint of the whole URL.
    var recipient: String
    /// `mail`, `wecom`, `dingtalk`, `feishu`.
    var channel: String
    /// The team whose report it carries, `''` for the organisation's.
    var team: String
    /// What it carries, for `--dry-run` and the summary.
    var what: String
    var content: Result<Content, DeliveryError>

    var sha256: String {
        switch content {
        case .success(.mail(let m)): return m.contentSHA256
        case .success(.robot(let r, _, _)): return r.contentSHA256
        case .failure: return ""
        }
    }

    /// The key of the `deliveries` log: a later delivery to the same key replaces this one's standing.
    var key: String { [channel, team, recipient].joined(separator: "\u{1F}") }

    /// A robot's URL as it is shown and stored: masked, with 8 hex digits of its SHA-256 to tell
    /// two robots of one platform apart (they differ only in the token).
    static func robotRecipient(_ url: String) -> String {
        SecretURL.masked(url) + " #" + sha256Hex(Data(url.utf8)).prefix(8)
    }

    /// The environment variable of a team's robot secret: `SCORECARD_ROBOT_SECRET_<TEAM>`, the id
    /// upper-cased with every character but A–Z and 0–9 as `_`.
    static func secretVariable(team: String) -> String {
        "SCORECARD_ROBOT_SECRET_" + String(team.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }
}
