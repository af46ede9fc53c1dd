import Crypto
import Foundation
import ScorecardModel
import ScorecardPipeline

/// A group robot's markdown message (SPEC §4.5): 企业微信 `markdown.content`, 钉钉 `markdown.{title,
/// text}`, 飞书 an interactive card with a markdown element; each within its platform's size limit
/// (cut at a line with a note, never rejected), signed for DingTalk and Feishu when a secret is given.
struct RobotMessage {
    var platform: DeliverSettings.Platform
    var title: String
    /// The markdown as sent (cut to the platform's limit).
    var markdown: String

    /// Bytes of markdown each platform takes: WeCom's documented 4 096; DingTalk's and Feishu's
    /// 20 000-byte bodies, less the JSON around the text.
    static func limit(_ platform: DeliverSettings.Platform) -> Int {
        switch platform {
        case .wecom: return 4_096
        case .dingtalk: return 18_000
        case .feishu: return 18_000
        }
    }

    /// `body` cut to the platform's limit at a line, with `note` after the cut; `foot` (where the
    /// workbook is) always kept.
    init(platform: DeliverSettings.Platform, title: String, body: String, foot: String, note: String) {
        self.platform = platform
        self.title = title
        var text = platform == .feishu ? Self.feishuMarkdown(body) : body
        if !text.hasSuffix("\n") { text += "\n" }
        let limit = Self.limit(platform)
        let tail = "\n" + foot + "\n"
        if text.utf8.count + tail.utf8.count > limit {
            let cut = "\n" + note + "\n"
            var kept = ""
            for line in text.components(separatedBy: "\n") {
                guard kept.utf8.count + line.utf8.count + 1 + cut.utf8.count + tail.utf8.count <= limit else { break }
                kept += line + "\n"
            }
            text = kept + cut
        }
        markdown = text + tail
    }

    /// Feishu's card markdown has no `#` headings: bold lines instead.
    private static func feishuMarkdown(_ text: String) -> String {
        text.components(separatedBy: "\n").map { line in
            let level = line.prefix { $0 == "#" }.count
            return level > 0 && line.dropFirst(level).hasPrefix(" ") ? "**\(line.dropFirst(level + 1))**" : line
        }.joined(separator: "\n")
    }

    /// The JSON body before any signature: what the content hash covers.
    var payload: [String: Any] {
        switch platform {
        case .wecom: return ["msgtype": "markdown", "markdown": ["content": markdown]]
        case .dingtalk: return ["msgtype": "markdown", "markdown": ["title": title, "text": markdown]]
        case .feishu:
            return ["msg_type": "interactive", "card": [
                "header": ["title": ["tag": "plain_text", "content": title]],
                "elements": [["tag": "markdown", "content": markdown]],
            ] as [String: Any]]
        }
    }

    var contentSHA256: String { sha256Hex((try? Self.json(payload)) ?? Data(markdown.utf8)) }

    static func json(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }

    /// The URL and body to post: with DingTalk's `timestamp` and `sign` query (milliseconds;
    /// base64 HMAC-SHA256 keyed by the secret of "timestamp\nsecret"), or Feishu's `timestamp` and
    /// `sign` fields (seconds; base64 HMAC-SHA256 keyed by "timestamp\nsecret" of nothing).
    func request(url: String, secret: String?, now: Date) throws -> (url: String, body: Data) {
        var body = payload
        var target = url
        if let secret, !secret.isEmpty {
            switch platform {
            case .wecom: break
            case .dingtalk:
                let timestamp = String(Int64(now.timeIntervalSince1970 * 1000))
                let sign = Self.hmac(key: Data(secret.utf8), message: Data("\(timestamp)\n\(secret)".utf8))
                let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
                target += (url.contains("?") ? "&" : "?") + "timestamp=\(timestamp)&sign=" + (sign.addingPercentEncoding(withAllowedCharacters: allowed) ?? sign)
            case .feishu:
                let timestamp = String(Int64(now.timeIntervalSince1970))
                body["timestamp"] = timestamp
                body["sign"] = Self.hmac(key: Data("\(timestamp)\n\(secret)".utf8), message: Data())
            }
        }
        return (target, try Self.json(body))
    }

    static func hmac(key: Data, message: Data) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))).base64EncodedString()
    }

    /// True when the platform's reply says the message was taken: WeCom and DingTalk `errcode` 0,
    /// Feishu `code` (or the older `StatusCode`) 0; a reply that is not JSON is taken on its HTTP status.
    static func accepted(_ reply: Data) -> Bool {
        guard let object = try? JSONSerialization.jsonObject(with: reply) as? [String: Any] else { return true }
        for key in ["errcode", "code", "StatusCode"] {
            if let value = object[key] as? Int { return value == 0 }
        }
        return true
    }
}
