import Foundation
import ScorecardModel
import ScorecardPipeline
import ScorecardReports
import ScorecardWarehouse

/// `scorecard deliver` (SPEC §4.5): sends a period's reports to whom the pipeline and the teams
/// export name — only what changed or failed since the last delivery (all with `resend`) — and
/// records each attempt. Reports and every other table are left as they are.
public struct Delivery {
    public var config: PipelineConfig
    public var period: Period
    /// `output/<period>/`, holding the run's reports.
    public var folder: String
    public var inputFolder: String
    /// The run whose reports are sent.
    public var runID: Int64
    public var resend = false
    public var dryRun = false
    public var environment = ProcessInfo.processInfo.environment
    /// Messages a robot takes in a minute (SPEC §4.5: 20).
    package var robotsPerMinute = 20

    public init(config: PipelineConfig, period: Period, folder: String, inputFolder: String, runID: Int64) {
        (self.config, self.period, self.folder, self.inputFolder, self.runID) = (config, period, folder, inputFolder, runID)
    }

    /// What a delivery did: a line per parcel, and the failures (exit 4 when any).
    public struct Outcome: Sendable {
        public var lines: [String] = []
        public var sent = 0
        public var unchanged = 0
        public var failures: [(recipient: String, reason: String)] = []
    }

    /// Delivers; `previous` is the log's latest row per recipient, `record` adds a row to it.
    package func run(previous: [DeliveryRecord], record: (DeliveryRecord) throws -> Void) throws -> Outcome {
        let directory = try TeamDirectory.read(config: config, inputFolder: inputFolder)
        let plan = DeliveryPlan(settings: config.deliver, labels: Labels(language: config.language), period: period, folder: folder,
                                directory: directory, environment: environment)
        let last = Dictionary(previous.map { ([$0.channel, $0.team, $0.recipient].joined(separator: "\u{1F}"), $0) }, uniquingKeysWith: { $1 })
        let clock = ZoneClock(timeZone: config.timeZone)
        var outcome = Outcome()
        if config.deliver.smtp == nil, directory.teams.contains(where: { !$0.supervisor.isEmpty && !$0.addresses.isEmpty }) || !config.deliver.headOffice.isEmpty {
            outcome.lines.append("mail: off (no deliver.smtp in the pipeline); no mail is sent")
        }
        var limiter = RateLimiter(perMinute: robotsPerMinute)
        for parcel in plan.parcels() {
            let scope = parcel.team.isEmpty ? "" : " [\(parcel.team)]"
            let head = "\(parcel.channel) \(parcel.recipient)\(scope): \(parcel.what)"
            if case .failure(let problem) = parcel.content {
                outcome.lines.append((dryRun ? "cannot send  " : "failed  ") + head + " — " + problem.localizedDescription)
                outcome.failures.append((parcel.recipient + scope, problem.localizedDescription))
                if !dryRun { try record(entry(parcel, status: .failed, error: problem.localizedDescription, clock: clock)) }
                continue
            }
            if !resend, let before = last[parcel.key], before.status == DeliveryRecord.Status.sent, before.sha256 == parcel.sha256 {
                outcome.unchanged += 1
                outcome.lines.append("unchanged  " + head + " (sent \(before.sentAt))")
                continue
            }
            if dryRun {
                outcome.lines.append("would send  " + head)
                continue
            }
            do {
                try send(parcel, limiter: &limiter)
                outcome.sent += 1
                outcome.lines.append("sent  " + head)
                try record(entry(parcel, status: .sent, error: nil, clock: clock))
            } catch let error as DeliveryError {
                let reason = error.localizedDescription
                outcome.failures.append((parcel.recipient + scope, reason))
                outcome.lines.append("failed  " + head + " — " + reason)
                try record(entry(parcel, status: .failed, error: reason, clock: clock))
            }
        }
        return outcome
    }

    private func entry(_ parcel: Parcel, status: DeliveryRecord.Status, error: String?, clock: ZoneClock) -> DeliveryRecord {
        DeliveryRecord(runID: runID, period: period.name, recipient: parcel.recipient, channel: parcel.channel, team: parcel.team,
                       sha256: parcel.sha256, sentAt: clock.iso(Date()), status: status, error: error)
    }

    private func send(_ parcel: Parcel, limiter: inout RateLimiter) throws {
        switch parcel.content {
        case .failure(let problem): throw problem
        case .success(.mail(let message)):
            guard let smtp = config.deliver.smtp else { return }
            let host = smtp.from.split(separator: "@").last.map(String.init) ?? "scorecard"
            let data = message.rendered(date: Date(), messageID: "\(UUID().uuidString.lowercased())@\(host)")
            try Curl(timeoutSeconds: 60).sendMail(data, smtp: smtp, password: environment["SCORECARD_SMTP_PASSWORD"], to: [message.to])
        case .success(.robot(let message, let url, let secret)):
            limiter.wait(for: url)
            let (target, body) = try message.request(url: url, secret: secret, now: Date())
            let (status, reply) = try Curl(timeoutSeconds: 30).postJSON(target, body)
            guard (200..<300).contains(status), RobotMessage.accepted(reply) else {
                throw DeliveryError.robotRefused(status: status, reply: SecretURL.maskingURLs(in: String(decoding: reply, as: UTF8.self)))
            }
        }
    }
}

/// At most `perMinute` messages to one robot in any 60 seconds (SPEC §4.5): the next one waits.
struct RateLimiter {
    let perMinute: Int
    private var sent: [String: [Date]] = [:]

    init(perMinute: Int) { self.perMinute = perMinute }

    mutating func wait(for url: String) {
        var times = (sent[url] ?? []).filter { Date().timeIntervalSince($0) < 60 }
        if times.count >= perMinute, let oldest = times.first {
            Thread.sleep(forTimeInterval: max(0, 60 - Date().timeIntervalSince(oldest)))
            times.removeFirst()
        }
        times.append(Date())
        sent[url] = times
    }
}
