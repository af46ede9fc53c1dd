import Foundation

/// `deliver:` (SPEC §4.5): where the period's reports are sent — mail through SMTP and IM group
/// robots — and whether a successful `run` delivers too. Nothing here is a secret: the SMTP
/// password comes only from `SCORECARD_SMTP_PASSWORD`, robot secrets from `SCORECARD_ROBOT_SECRET…`.
public struct DeliverSettings: Sendable {
    /// The IM platforms whose group robots take a markdown message.
    public enum Platform: String, Sendable, CaseIterable {
        case wecom, dingtalk, feishu

        /// Told from a webhook URL's path (intranet relays keep it): nil when it says nothing.
        public static func of(url: String) -> Platform? {
            guard let path = URLComponents(string: url)?.path else { return nil }
            if path.contains("/cgi-bin/webhook/send") { return .wecom }
            if path.contains("/robot/send") { return .dingtalk }
            if path.contains("/open-apis/bot/v2/hook/") { return .feishu }
            return nil
        }
    }

    /// How the SMTP connection is secured: STARTTLS on a plain port, TLS from the start, or none.
    public enum Security: String, Sendable { case starttls, tls, none }

    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var security: Security
        /// The sender's address (`From:`, `MAIL FROM`).
        public var from: String
        /// Logs in as this user when set (the password from `SCORECARD_SMTP_PASSWORD`).
        public var user: String?

        public init(host: String, port: Int, security: Security, from: String, user: String?) {
            (self.host, self.port, self.security, self.from, self.user) = (host, port, security, from, user)
        }
    }

    /// A robot the pipeline names: the organisation's message, or each of `teams`' messages.
    public struct Robot: Sendable, Equatable {
        public var url: String
        public var platform: Platform
        /// nil: the organisation's message.
        public var teams: [String]?

        public init(url: String, platform: Platform, teams: [String]?) {
            (self.url, self.platform, self.teams) = (url, platform, teams)
        }
    }

    /// `after_run: true`: a successful `run` delivers its reports.
    public var afterRun = false
    /// nil: no mail is sent.
    public var smtp: SMTP?
    /// Addresses that get the organisation's workbook.
    public var headOffice: [String] = []
    /// Above this size a mail carries the workbook's path instead of the file.
    public var maxAttachmentMB = 20.0
    public var robots: [Robot] = []

    public init() {}

    /// A robot URL may only be https, or plain http to this machine (a test receiver, a local relay).
    public static func isAllowedRobotURL(_ url: String) -> Bool {
        guard let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), let host = c.host?.lowercased(), !host.isEmpty else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && (host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]")
    }

    /// An address a mail can go to: `name@domain`, no spaces, angle brackets or line breaks.
    public static func isMailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".") && !parts[1].hasSuffix(".")
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0) }
    }

    /// An 邮箱 cell's addresses: separated by `;` (also `；` and `,`), trimmed.
    public static func addresses(in cell: String) -> [String] {
        cell.split { $0 == ";" || $0 == "；" || $0 == "," || $0 == "，" }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
