import ScorecardWarehouse

/// The `deliveries` log (SPEC §4.3, §4.5): appended to by `deliver`, read to send only what changed or failed.
extension SQLSession {
    package func latestDeliveries(period: String) throws -> [DeliveryRecord] {
        var latest: [String: DeliveryRecord] = [:]
        // In insertion order: a later row for the same recipient and channel replaces an earlier one.
        try forEachRow("""
            SELECT run_id, recipient, channel, team, sha256, sent_at, status, error FROM deliveries WHERE period = ? ORDER BY seq
            """, [period]) { r in
            let record = DeliveryRecord(runID: Int64(r.int(0) ?? 0), period: period, recipient: r.text(1), channel: r.text(2), team: r.text(3),
                                        sha256: r.text(4), sentAt: r.text(5), status: DeliveryRecord.Status(rawValue: r.text(6)) ?? .failed,
                                        error: r.string(7))
            latest[[record.channel, record.team, record.recipient].joined(separator: "\u{1F}")] = record
        }
        return latest.values.sorted { ($0.channel, $0.team, $0.recipient) < ($1.channel, $1.team, $1.recipient) }
    }

    package func recordDelivery(_ d: DeliveryRecord) throws {
        try execute("""
            INSERT INTO deliveries (run_id, period, recipient, channel, team, sha256, sent_at, status, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [d.runID, d.period, d.recipient, d.channel, d.team, d.sha256, d.sentAt, d.status.rawValue, d.error])
    }
}
