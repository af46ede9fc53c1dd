/// One row of `deliveries` (SPEC §4.3, §4.5): what was sent to whom, for which run's reports.
package struct DeliveryRecord: Sendable, Equatable {
    package enum Status: String, Sendable { case sent, failed }

    /// The run whose reports were sent.
    package var runID: Int64
    package var period: String
    /// An address, or a robot's masked URL with a short fingerprint of the whole URL (two robots
    /// of one platform differ only in their token).
    package var recipient: String
    /// `mail`, `wecom`, `dingtalk` or `feishu`.
    package var channel: String
    /// The team whose report was sent, `''` for the organisation's.
    package var team: String
    /// SHA-256 of the attachment and the text sent (not of volatile headers).
    package var sha256: String
    /// ISO-8601 in the pipeline's zone.
    package var sentAt: String
    package var status: Status
    package var error: String?

    package init(runID: Int64, period: String, recipient: String, channel: String, team: String, sha256: String, sentAt: String, status: Status, error: String?) {
        (self.runID, self.period, self.recipient, self.channel, self.team) = (runID, period, recipient, channel, team)
        (self.sha256, self.sentAt, self.status, self.error) = (sha256, sentAt, status, error)
    }
}
