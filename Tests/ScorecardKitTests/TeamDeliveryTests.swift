import Foundation
import Testing
import ZIPFoundation
@testable import ScorecardKit
@testable import ScorecardSQLite

/// `run` with `outputs.per_team`, then `deliver` to a real SMTP server on loopback (SPEC §4.4,
/// §4.5): a supervisor's mail carries the team's own workbook, which opens and names only the
/// team's managers.
@Suite(.serialized) struct TeamDeliveryTests {
    @Test func aSupervisorsMailCarriesOnlyItsTeamsManagers() throws {
        let tmp = TempFolder()
        let smtp = try LoopbackServer("smtp_sink", arguments: ["robot", DeliveryFixture.password], in: tmp)
        defer { smtp.stop() }
        // The sample's exports, with a teams export of its own: the sample's names a robot on the internet.
        try FileManager.default.createDirectory(atPath: tmp.file("in"), withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: MetricsRunTests.sample) where file.hasSuffix(".csv") && file != "teams.csv" {
            try FileManager.default.copyItem(atPath: (MetricsRunTests.sample as NSString).appendingPathComponent(file), toPath: tmp.file("in/\(file)"))
        }
        tmp.write("in/teams.csv", """
            team,name,parent,supervisor,email
            分行,城东分行,,,
            华东支行,华东支行,分行,周建国,
            一组,营销一组,华东支行,郑丽,zheng@bank.example
            二组,营销二组,华东支行,冯涛,feng@bank.example
            三组,营销三组,分行,陈静,
            四组,营销四组,分行,,

            """)
        tmp.write("p.yml", """
            outputs: {per_team: true}
            deliver:
              smtp: {host: 127.0.0.1, port: \(smtp.port), security: none, from: scorecard@bank.example, user: robot}

            """)
        let run = try CommandLineTests.run(["run", "--pipeline", "p.yml", "--input", "in", "--output", "out", "--period", "2026-10", "--quiet"], in: tmp.path)
        #expect(run.status == 0, "\(run.stderr)")
        let deliver = try DeliveryFixture.deliver(in: tmp, pipeline: "p.yml")
        #expect(deliver.status == 0, "\(deliver.stderr)\n\(deliver.stdout)")

        let db = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        let managers = try db.rows("SELECT COALESCE(name, ''), COALESCE(team, '') FROM managers WHERE name IS NOT NULL")
        let mails = try smtp.received()
        #expect(mails.map { $0["rcpt_tos"] as? [String] ?? [] }.sorted { $0[0] < $1[0] } == [["feng@bank.example"], ["zheng@bank.example"]])
        let zheng = try #require(mails.first { ($0["rcpt_tos"] as? [String]) == ["zheng@bank.example"] })
        #expect(zheng["attachment_name"] as? String == "scorecard-2026-10-一组.xlsx")
        let attachment = try #require(Data(base64Encoded: zheng["attachment"] as? String ?? ""))
        let archive = try Archive(data: attachment, accessMode: .read)
        var strings = Data()
        _ = try archive.extract(try #require(archive["xl/sharedStrings.xml"])) { strings.append($0) }
        let text = String(decoding: strings, as: UTF8.self)
        let own = managers.filter { $0[1] == "一组" }.compactMap { $0[0] }, others = managers.filter { $0[1] != "一组" }.compactMap { $0[0] }
        #expect(!own.isEmpty && own.allSatisfy { text.contains($0) }, "the team's managers are in its workbook")
        let leaked = others.filter { name in text.contains(name) && !own.contains { $0.contains(name) } }
        #expect(leaked.isEmpty, "other teams' managers in 一组's workbook: \(leaked)")
        #expect((zheng["text"] as? String ?? "").contains("营销一组"))
    }
}
