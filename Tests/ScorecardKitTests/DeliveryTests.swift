import Crypto
import Foundation
import Testing
import ZIPFoundation
@testable import ScorecardKit
@testable import ScorecardModel
@testable import ScorecardSQLite
@testable import ScorecardWarehouse

/// `scorecard deliver` against real servers on loopback that the tests start and stop (SPEC §4.5):
/// an SMTP server with AUTH and an HTTP receiver; what they received is checked.
@Suite(.serialized) struct DeliveryTests {
    @Test(arguments: Backend.allCases) func mailsAndRobotsReachTheirRecipientsOnceUnlessResent(_ backend: Backend) throws {
        let tmp = TempFolder()
        let smtp = try LoopbackServer("smtp_sink", arguments: ["robot", DeliveryFixture.password], in: tmp)
        let http = try LoopbackServer("http_receiver", in: tmp)
        defer { smtp.stop(); http.stop() }
        let fixture = try DeliveryFixture(tmp, smtpPort: smtp.port, httpPort: http.port)
        let warehouse: String? = backend == .postgres ? try TestPostgres.newDatabase() : nil

        let first = try fixture.deliver(warehouse: warehouse)
        #expect(first.status == 0, "\(first.stderr)\n\(first.stdout)")
        let mails = try smtp.received()
        #expect(mails.map { $0["rcpt_tos"] as? [String] ?? [] }.sorted { $0[0] < $1[0] }
                == [["hq@bank.example"], ["li@bank.example"], ["wang@bank.example"], ["zhang@bank.example"]])
        let wang = try #require(mails.first { ($0["rcpt_tos"] as? [String]) == ["wang@bank.example"] })
        #expect(wang["subject"] as? String == "客户经理考核报告 2026年10月 · 二组")
        #expect(wang["auth"] as? Bool == true)
        #expect(wang["types"] as? [String] == ["multipart/mixed", "multipart/alternative", "text/plain", "text/html",
                                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"])
        #expect(wang["attachment_name"] as? String == "scorecard-2026-10-T2.xlsx")
        let attachment = try #require(Data(base64Encoded: wang["attachment"] as? String ?? ""))
        #expect(attachment == FileManager.default.contents(atPath: tmp.file("out/2026-10/teams/T2/scorecard-2026-10-T2.xlsx")))
        #expect(try workbookText(attachment) == "<workbook team=\"T2\"/>")
        let text = try #require(wang["text"] as? String), html = try #require(wang["html"] as? String)
        #expect(text.contains("第一名 于洋颖") && text.contains("| 投诉时效达标率 | 77.0% | 70.0% | 90.0% |") && !text.contains("经理排名"))
        #expect(html.contains("<strong>排名变动</strong>") && html.contains("<td>77.0%</td>") && html.contains("&lt;T2&gt;"))
        let hq = try #require(mails.first { ($0["rcpt_tos"] as? [String]) == ["hq@bank.example"] })
        #expect(hq["subject"] as? String == "客户经理考核报告 2026年10月" && hq["attachment_name"] as? String == "scorecard-2026-10.xlsx")
        #expect(!mails.contains { ($0["rcpt_tos"] as? [String]) == ["nobody@bank.example"] })

        try checkRobots(http.received(), fixture)
        #expect(!first.stdout.contains("token0123456789"), "robot tokens are masked in what deliver prints")

        let second = try fixture.deliver(warehouse: warehouse)
        #expect(second.status == 0)
        #expect(try smtp.received().count == 4 && http.received().count == 3, "a second deliver sends nothing")
        #expect(second.stdout.contains("0 sent, 7 unchanged, 0 failed"), "\(second.stdout)")

        let dry = try fixture.deliver(["--dry-run", "--resend"], warehouse: warehouse)
        #expect(dry.status == 0 && dry.stdout.contains("would send") && !dry.stdout.contains("\nsent"))
        #expect(try smtp.received().count == 4 && http.received().count == 3, "--dry-run sends nothing")

        let again = try fixture.deliver(["--resend"], warehouse: warehouse)
        #expect(again.status == 0 && again.stdout.contains("7 sent"))
        #expect(try smtp.received().count == 8 && http.received().count == 6)
    }

    /// Each robot's JSON as its platform takes it, DingTalk's and Feishu's signatures verifying.
    func checkRobots(_ posts: [[String: Any]], _ fixture: DeliveryFixture) throws {
        #expect(posts.count == 3)
        func post(_ prefix: String) throws -> (path: String, body: [String: Any]) {
            let p = try #require(posts.first { ($0["path"] as? String ?? "").hasPrefix(prefix) }, "a post to \(prefix)")
            let body = try JSONSerialization.jsonObject(with: Data((p["body"] as? String ?? "").utf8)) as? [String: Any]
            return (p["path"] as! String, try #require(body))
        }
        let wecom = try post("/cgi-bin/webhook/send?key=wecomtoken")
        #expect(wecom.body["msgtype"] as? String == "markdown")
        let content = try #require((wecom.body["markdown"] as? [String: Any])?["content"] as? String)
        #expect(content.contains("第一名 于洋颖") && content.contains("teams/T1/scorecard-2026-10-T1.xlsx") && !content.contains("|"))

        let ding = try post("/robot/send?access_token=dingtoken")
        let markdown = try #require(ding.body["markdown"] as? [String: Any])
        #expect(ding.body["msgtype"] as? String == "markdown" && markdown["title"] as? String == "客户经理考核报告 2026年10月 · 二组")
        #expect((markdown["text"] as? String ?? "").contains("teams/T2/scorecard-2026-10-T2.xlsx"))
        let query = try #require(URLComponents(string: ding.path)?.queryItems)
        let timestamp = try #require(query.first { $0.name == "timestamp" }?.value)
        let sign = try #require(query.first { $0.name == "sign" }?.value)
        let expected = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp)\n\(DeliveryFixture.dingSecret)".utf8),
                                                       using: SymmetricKey(data: Data(DeliveryFixture.dingSecret.utf8)))
        #expect(sign == Data(expected).base64EncodedString(), "DingTalk's signature verifies")
        #expect(abs(Double(timestamp)! / 1000 - Date().timeIntervalSince1970) < 120)

        let feishu = try post("/open-apis/bot/v2/hook/feishutoken")
        #expect(feishu.body["msg_type"] as? String == "interactive")
        let card = try #require(feishu.body["card"] as? [String: Any])
        let element = try #require((card["elements"] as? [[String: Any]])?.first)
        #expect(element["tag"] as? String == "markdown" && (element["content"] as? String ?? "").contains("out/2026-10/scorecard-2026-10.xlsx"))
        let ts = try #require(feishu.body["timestamp"] as? String)
        let feishuSign = HMAC<SHA256>.authenticationCode(for: Data(), using: SymmetricKey(data: Data("\(ts)\n\(DeliveryFixture.feishuSecret)".utf8)))
        #expect(feishu.body["sign"] as? String == Data(feishuSign).base64EncodedString(), "Feishu's signature verifies")
    }

    func workbookText(_ data: Data) throws -> String {
        let archive = try Archive(data: data, accessMode: .read)
        let entry = try #require(archive["xl/workbook.xml"])
        var out = Data()
        _ = try archive.extract(entry) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aDownMailServerExits4NamingEachRecipientAndTheNextDeliverSends() throws {
        let tmp = TempFolder()
        let http = try LoopbackServer("http_receiver", in: tmp)
        defer { http.stop() }
        let smtpPort = try LoopbackServer.freePort()
        let fixture = try DeliveryFixture(tmp, smtpPort: smtpPort, httpPort: http.port)
        let reports = try FileManager.default.subpathsOfDirectory(atPath: tmp.file("out/2026-10")).sorted()

        let failed = try fixture.deliver()
        #expect(failed.status == 4, "\(failed.stderr)")
        for address in ["zhang@bank.example", "li@bank.example", "wang@bank.example", "hq@bank.example"] {
            #expect(failed.stderr.contains(address), "\(address) is named")
        }
        #expect(failed.stderr.contains("Couldn't connect") || failed.stderr.contains("onnect"), "\(failed.stderr)")
        #expect(try http.received().count == 3, "the robots were still served")
        #expect(try FileManager.default.subpathsOfDirectory(atPath: tmp.file("out/2026-10")).sorted() == reports)
        let warehouse = try SQLiteWarehouse(path: tmp.file("out/warehouse.sqlite"))
        #expect(try warehouse.rows("SELECT COUNT(*) FROM deliveries WHERE status = 'failed'") == [["4"]])
        #expect(try warehouse.rows("SELECT COUNT(*) FROM deliveries WHERE status = 'sent'") == [["3"]])
        #expect(try warehouse.rows("SELECT COUNT(*) FROM runs") == [["0"]], "no other table is written")

        let smtp = try LoopbackServer("smtp_sink", port: smtpPort, arguments: ["robot", DeliveryFixture.password], in: tmp)
        defer { smtp.stop() }
        let retried = try fixture.deliver()
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(try smtp.received().count == 4 && http.received().count == 3, "the failed ones are sent, the robots not again")
    }

    @Test func aWorkbookAboveTheLimitIsSentAsItsPath() throws {
        let tmp = TempFolder()
        let smtp = try LoopbackServer("smtp_sink", arguments: ["robot", DeliveryFixture.password], in: tmp)
        let http = try LoopbackServer("http_receiver", in: tmp)
        defer { smtp.stop(); http.stop() }
        let fixture = try DeliveryFixture(tmp, smtpPort: smtp.port, httpPort: http.port, maxAttachmentMB: "0")
        #expect(try fixture.deliver().status == 0)
        let mails = try smtp.received()
        #expect(mails.count == 4 && mails.allSatisfy { $0["attachment"] == nil })
        #expect(mails.contains { ($0["text"] as? String ?? "").contains("teams/T2/scorecard-2026-10-T2.xlsx") })
    }
}
