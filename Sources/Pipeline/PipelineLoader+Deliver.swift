import Foundation
import ScorecardModel

/// `deliver:` (SPEC §4.5): SMTP, head office, robots. A robot URL is shown masked in every message.
extension PipelineLoader {
    package static func parseDeliver(_ m: YAMLMap, into d: inout DeliverSettings) throws {
        try m.allow(["after_run", "smtp", "head_office", "max_attachment_mb", "robots"])
        if let v = try m.bool("after_run") { d.afterRun = v }
        if let s = try m.map("smtp") { d.smtp = try parseSMTP(s) }
        if let list = try m.stringList("head_office") {
            for address in list where !DeliverSettings.isMailAddress(address) {
                throw m.invalid("head_office", m.line(of: "head_office"), "'\(address)' is not an e-mail address like name@example.com")
            }
            d.headOffice = list
        }
        if let v = try m.nonNegative("max_attachment_mb", upTo: 1_000) { d.maxAttachmentMB = v }
        if let node = m.mapping["robots"], node.scalar?.string.isEmpty != true {
            guard let items = node.sequence else {
                throw PipelineError.wrongType(file: m.file, line: node.mark?.line ?? m.line, key: "deliver.robots",
                                              expected: "a list of {url, platform, teams}")
            }
            d.robots = try items.map { try parseRobot(YAMLMap($0, key: "deliver.robots", file: m.file)) }
        }
    }

    private static func parseSMTP(_ s: YAMLMap) throws -> DeliverSettings.SMTP {
        try s.allow(["host", "port", "security", "from", "user", "password"])
        if s.mapping["password"] != nil {
            throw s.invalid("password", s.line(of: "password"), "a password is never read from a file: set SCORECARD_SMTP_PASSWORD in the environment")
        }
        guard let host = try s.string("host"), !host.isEmpty else { throw s.invalid("host", s.line, "the SMTP server's host name is required") }
        var security = DeliverSettings.Security.starttls
        if let v: DeliverSettings.Security = try s.choice("security", expected: "expected starttls, tls or none") { security = v }
        let port = try s.count("port", in: 1...65_535) ?? (security == .tls ? 465 : security == .starttls ? 587 : 25)
        guard let (from, line) = try s.stringWithLine("from") else { throw s.invalid("from", s.line, "the sender's address is required") }
        guard DeliverSettings.isMailAddress(from) else { throw s.invalid("from", line, "'\(from)' is not an e-mail address like name@example.com") }
        let user = try s.string("user").flatMap { $0.isEmpty ? nil : $0 }
        return DeliverSettings.SMTP(host: host, port: port, security: security, from: from, user: user)
    }

    private static func parseRobot(_ r: YAMLMap) throws -> DeliverSettings.Robot {
        try r.allow(["url", "platform", "teams"])
        guard let (url, line) = try r.stringWithLine("url") else { throw r.invalid("url", r.line, "each robot needs its webhook url") }
        let shown = SecretURL.masked(url)
        guard DeliverSettings.isAllowedRobotURL(url) else {
            throw r.invalid("url", line, "\(shown): a robot URL must be https (or http to this machine); the token would travel in clear")
        }
        var platform = DeliverSettings.Platform.of(url: url)
        if let v: DeliverSettings.Platform = try r.choice("platform", expected: "expected wecom, dingtalk or feishu") { platform = v }
        guard let platform else {
            throw r.invalid("url", line, "\(shown): its path does not tell the platform; add platform: wecom, dingtalk or feishu")
        }
        let teams = try r.stringList("teams")
        return DeliverSettings.Robot(url: url, platform: platform, teams: teams)
    }
}
