import Testing
@testable import ScorecardModel

/// SPEC §4.5: a robot URL's token is never kept: the platform's host and path words stay.
@Suite struct SecretURLTests {
    @Test(arguments: [
        ("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***"),
        ("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1", "https://oapi.dingtalk.com/robot/send?access_token=***&timestamp=***"),
        ("https://open.feishu.cn/open-apis/bot/v2/hook/abc-def", "https://open.feishu.cn/open-apis/bot/v2/hook/***"),
        ("https://relay.corp/send?TOKEN", "https://relay.corp/send?***"),
        ("https://bot:s3cret@relay.corp/robot/send", "https://***@relay.corp/robot/send"),
        ("https://relay.corp/im/8f3a9c1d2e/send", "https://relay.corp/im/***/send"),
        ("https://relay.corp/im/a%2Bb/send", "https://relay.corp/im/***/send"),
        ("https://relay.corp/robot/send#tok", "https://relay.corp/robot/send#***"),
    ])
    func aTokenIsMaskedWhereverItSits(_ url: String, _ expected: String) {
        #expect(SecretURL.masked(url) == expected)
    }

    @Test func everyURLOfALineOrACellIsMasked() {
        let cell = "https://open.feishu.cn/open-apis/bot/v2/hook/UUID1;https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=T2"
        #expect(SecretURL.maskingURLs(in: cell)
                == "https://open.feishu.cn/open-apis/bot/v2/hook/***;https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***")
        let line = "一组,营销一组,,郑丽,,\"https://oapi.dingtalk.com/robot/send?access_token=XYZ\""
        #expect(!SecretURL.maskingURLs(in: line).contains("XYZ"))
        #expect(SecretURL.maskingURLs(in: "no url here") == "no url here")
    }
}
