import Foundation
import ZIPFoundation

/// A period's reports laid out as `run` with `outputs.per_team` writes them (SPEC §4.4: the
/// organisation's files in `out/2026-10/`, each supervised team's in `teams/<team>/`), a teams
/// export naming the loopback servers, and a pipeline with `deliver:` — for the delivery tests.
struct DeliveryFixture {
    let tmp: TempFolder
    let smtpPort: Int
    let httpPort: Int
    static let password = "s3cret-password"
    static let dingSecret = "SECding0123456789"
    static let feishuSecret = "SECfeishu0123456789"

    var output: String { tmp.file("out") }
    var http: String { "http://127.0.0.1:\(httpPort)" }
    var wecomURL: String { "\(http)/cgi-bin/webhook/send?key=wecomtoken0123456789abcdef" }
    var dingURL: String { "\(http)/robot/send?access_token=dingtoken0123456789abcdef" }
    var feishuURL: String { "\(http)/open-apis/bot/v2/hook/feishutoken0123456789abcdef" }

    init(_ tmp: TempFolder, smtpPort: Int, httpPort: Int, maxAttachmentMB: String = "20") throws {
        (self.tmp, self.smtpPort, self.httpPort) = (tmp, smtpPort, httpPort)
        // T3 has no supervisor: nothing, though it names an address and a robot. T4: a supervisor, nothing to send to.
        tmp.write("in/teams.csv", """
            小组,名称,上级,主管,邮箱,机器人
            ROOT,总行,,,,
            T1,一组,ROOT,张三,zhang@bank.example; li@bank.example,\(wecomURL)
            T2,二组,ROOT,王五,wang@bank.example,\(dingURL)
            T3,三组,ROOT,,nobody@bank.example,\(http)/cgi-bin/webhook/send?key=nosupervisortoken0123456
            T4,四组,ROOT,赵六,,

            """)
        tmp.write("p.yml", """
            deliver:
              smtp: {host: 127.0.0.1, port: \(smtpPort), security: none, from: scorecard@bank.example, user: robot}
              head_office: [hq@bank.example]
              max_attachment_mb: \(maxAttachmentMB)
              robots:
                - url: \(feishuURL)

            """)
        let folder = "out/2026-10"
        tmp.write("\(folder)/run.json", #"{"run_id": 7, "period": "2026-10"}"#)
        try Self.writeReports(tmp, folder: folder, suffix: "", team: "全机构")
        for team in ["T1", "T2", "T4"] { try Self.writeReports(tmp, folder: "\(folder)/teams/\(team)", suffix: "-\(team)", team: team) }
    }

    /// A workbook (a ZIP holding the team's name) and a Markdown report shaped as the run writes them.
    static func writeReports(_ tmp: TempFolder, folder: String, suffix: String, team: String) throws {
        tmp.write("\(folder)/report-2026-10\(suffix).md", """
            # 客户经理考核报告 2026年10月

            期间：2026-10-01 – 2026-10-31 · 截至：2026-11-01 00:00

            ## 本期要点与待办

            - **排名变动**：第一名 于洋颖（79.6），最后一名 黎静（20.4）
            - **投诉超时**：2 / 5 件投诉有超时项 <\(team)>

            ## 关键数据

            | 关键指标 | 数值 | 上期 | 目标 |
            |---|---:|---|---:|
            | 投诉时效达标率 | 77.0% | 70.0% | 90.0% |

            **口径说明：**

            - 不在摘要中

            ## 经理排名

            | 排名 | 经理 |
            |---|---|
            | 1 | 于洋颖 |

            """)
        let path = tmp.file("\(folder)/scorecard-2026-10\(suffix).xlsx")
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let data = Data("<workbook team=\"\(team)\"/>".utf8)
        try archive.addEntry(with: "xl/workbook.xml", type: .file, uncompressedSize: Int64(data.count)) { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }
    }

    typealias Outcome = CommandLineTests.Outcome

    /// `scorecard deliver` (the built binary) with the SMTP password and robot secrets in its environment.
    func deliver(_ extra: [String] = [], warehouse: String? = nil) throws -> Outcome {
        try Self.deliver(in: tmp, pipeline: "p.yml", extra, warehouse: warehouse)
    }

    /// `scorecard deliver` of 2026-10 in `tmp` (in/, out/), with the password and robot secrets in its environment.
    static func deliver(in tmp: TempFolder, pipeline: String, _ extra: [String] = [], warehouse: String? = nil) throws -> Outcome {
        try CommandLineTests.run(["deliver", "--pipeline", pipeline, "--input", "in", "--output", "out", "--period", "2026-10"]
                                 + (warehouse.map { ["--warehouse", $0] } ?? []) + extra, in: tmp.path,
                                 environment: ["SCORECARD_SMTP_PASSWORD": Self.password, "SCORECARD_ROBOT_SECRET_T2": Self.dingSecret,
                                               "SCORECARD_ROBOT_SECRET": Self.feishuSecret])
    }
}
