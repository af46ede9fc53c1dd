import Foundation
import ScorecardModel
import ScorecardPipeline
import ScorecardReports

/// Who gets what of a period's reports (SPEC §4.5): each supervisor with an address their team's
/// workbook and summary, the head office the organisation's, each robot its team's message or the
/// organisation's. Only addresses and URLs the pipeline or the teams export names.
struct DeliveryPlan {
    let settings: DeliverSettings
    let labels: Labels
    let period: Period
    /// `output/<period>/`.
    let folder: String
    let directory: TeamDirectory
    let environment: [String: String]

    /// The reports of the organisation (`team` nil) or of one team, where the run wrote them.
    struct Reports {
        var workbook: String
        var markdown: String
        /// The chat-sized report, when the run wrote one.
        var chat: String?
    }

    func reports(team: String?) -> Reports {
        let p = period.name
        guard let team else {
            return Reports(workbook: path("scorecard-\(p).xlsx"), markdown: path("report-\(p).md"), chat: path("report-\(p)-chat.md"))
        }
        let safe = ReportData.fileSafe(team)
        let base = "teams/\(safe)/"
        return Reports(workbook: path(base + "scorecard-\(p)-\(safe).xlsx"), markdown: path(base + "report-\(p)-\(safe).md"),
                       chat: path(base + "report-\(p)-\(safe)-chat.md"))
    }

    private func path(_ relative: String) -> String {
        URL(fileURLWithPath: folder).appendingPathComponent(relative).standardizedFileURL.path
    }

    /// Every parcel: mails first (teams in the export's order, then the head office), then robots.
    func parcels() -> [Parcel] {
        var out: [Parcel] = []
        let supervised = directory.teams.filter { !$0.supervisor.isEmpty }
        if settings.smtp != nil {
            for team in supervised {
                for address in team.addresses { out.append(mail(to: address, team: team)) }
            }
            for address in settings.headOffice { out.append(mail(to: address, team: nil)) }
        }
        for team in supervised {
            if let url = team.webhook { out.append(robot(url: url, platform: nil, team: team)) }
        }
        for robot in settings.robots {
            guard let teams = robot.teams else {
                out.append(self.robot(url: robot.url, platform: robot.platform, team: nil))
                continue
            }
            for id in teams {
                if let team = directory.team(id) {
                    out.append(self.robot(url: robot.url, platform: robot.platform, team: team))
                } else {
                    out.append(Parcel(recipient: Parcel.robotRecipient(robot.url), channel: robot.platform.rawValue, team: id, what: "team \(id)'s message",
                                      content: .failure(.unknownTeam(id))))
                }
            }
        }
        return out
    }

    /// `客户经理考核报告 2026年10月 · 二组`.
    func subject(_ team: TeamDirectory.Team?) -> String {
        "\(labels(.reportTitle)) \(labels.period(period))" + (team.map { " · \($0.name)" } ?? "")
    }

    private var en: Bool { labels.language == .en }

    private func mail(to address: String, team: TeamDirectory.Team?) -> Parcel {
        let reports = reports(team: team?.id)
        let name = (reports.workbook as NSString).lastPathComponent
        var parcel = Parcel(recipient: address, channel: "mail", team: team?.id ?? "", what: name + (en ? " and the summary" : " 与摘要"),
                            content: .failure(.transport(message: "")))
        guard DeliverSettings.isMailAddress(address), let smtp = settings.smtp else {
            parcel.content = .failure(.transport(message: "'\(address)' is not an e-mail address"))
            return parcel
        }
        guard let report = FileManager.default.contents(atPath: reports.markdown).map({ String(decoding: $0, as: UTF8.self) }),
              let size = (try? FileManager.default.attributesOfItem(atPath: reports.workbook))?[.size] as? Int else {
            parcel.content = .failure(team.map { .missingTeamReport(team: $0.id, path: (reports.workbook as NSString).deletingLastPathComponent) }
                                      ?? .missingReports(period: period.name, folder: folder))
            return parcel
        }
        let summary = ReportSummary(report: report)
        var message = MailMessage(from: smtp.from, to: address, subject: subject(team), text: summary.markdown, html: summary.html, attachment: nil)
        if Double(size) <= settings.maxAttachmentMB * 1_048_576, let data = FileManager.default.contents(atPath: reports.workbook) {
            message.attachment = .init(fileName: name, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", data: data)
        } else {
            let mb = String(format: "%.1f", Double(size) / 1_048_576)
            let note = en ? "The workbook (\(mb) MB) is too large to attach; it is at \(reports.workbook)"
                          : "工作簿（\(mb) MB）超过附件上限，未作附件，位于：\(reports.workbook)"
            message.text += "\n" + note + "\n"
            message.html = message.html.replacingOccurrences(of: "\n</body>", with: "\n<p>\(ReportSummary.escape(note))</p>\n</body>")
            parcel.what = (en ? "the summary and the workbook's path " : "摘要与工作簿路径 ") + name
        }
        parcel.content = .success(.mail(message))
        return parcel
    }

    private func robot(url: String, platform: DeliverSettings.Platform?, team: TeamDirectory.Team?) -> Parcel {
        let guessed = platform ?? DeliverSettings.Platform.of(url: url)
        var parcel = Parcel(recipient: Parcel.robotRecipient(url), channel: guessed?.rawValue ?? "robot", team: team?.id ?? "",
                            what: team.map { en ? "team \($0.id)'s message" : "\($0.name) 消息" } ?? (en ? "the organisation's message" : "全机构消息"),
                            content: .failure(.insecureRobotURL(masked: SecretURL.masked(url))))
        guard DeliverSettings.isAllowedRobotURL(url) else { return parcel }
        guard let guessed else {
            parcel.content = .failure(.transport(message: "\(SecretURL.masked(url)): its path does not tell the platform (wecom, dingtalk or feishu)"))
            return parcel
        }
        let reports = reports(team: team?.id)
        guard let report = FileManager.default.contents(atPath: reports.markdown).map({ String(decoding: $0, as: UTF8.self) }) else {
            parcel.content = .failure(team.map { .missingTeamReport(team: $0.id, path: (reports.workbook as NSString).deletingLastPathComponent) }
                                      ?? .missingReports(period: period.name, folder: folder))
            return parcel
        }
        let chat = reports.chat.flatMap { FileManager.default.contents(atPath: $0) }.map { String(decoding: $0, as: UTF8.self) }
        let body = chat ?? ReportSummary(report: report).chat
        let foot = (en ? "Workbook: " : "工作簿：") + reports.workbook
        let note = en ? "… cut to fit the robot's size limit; the workbook has everything." : "……消息超出机器人长度上限已截断，完整内容见工作簿。"
        let message = RobotMessage(platform: guessed, title: subject(team), body: body, foot: foot, note: note)
        let secret = team.flatMap { environment[Parcel.secretVariable(team: $0.id)] } ?? environment["SCORECARD_ROBOT_SECRET"]
        parcel.content = .success(.robot(message, url: url, secret: secret))
        return parcel
    }
}
