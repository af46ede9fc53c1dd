import Crypto
import Foundation
import ScorecardModel

/// A mail as RFC 5322 and MIME want it (SPEC §4.5): multipart/mixed around multipart/alternative
/// (plain text, then HTML), every part base64, the subject RFC 2047 encoded, the attachment's
/// name RFC 2231 encoded. Lines end in CRLF.
struct MailMessage {
    struct Attachment {
        var fileName: String
        var contentType: String
        var data: Data
    }

    var from: String
    var to: String
    var subject: String
    var text: String
    var html: String
    var attachment: Attachment?

    /// SHA-256 of what is sent — subject, text, HTML, the attachment — not of the volatile headers
    /// (date, message id): the same reports give the same hash (SPEC §4.5).
    var contentSHA256: String {
        // Hashed as it goes: the attachment (up to 20 MB) is not copied to be hashed.
        var hash = SHA256()
        hash.update(data: Data((subject + "\u{0}" + text + "\u{0}" + html + "\u{0}").utf8))
        if let attachment { hash.update(data: Data(attachment.fileName.utf8)); hash.update(data: attachment.data) }
        return hexDigits(hash.finalize())
    }

    /// The whole message; `date` and `messageID` are its volatile headers.
    func rendered(date: Date, messageID: String) -> Data {
        let seed = String(contentSHA256.prefix(24))
        let mixed = "=_mixed_" + seed, alternative = "=_alt_" + seed
        var lines = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWords(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"\(mixed)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--\(mixed)",
            "Content-Type: multipart/alternative; boundary=\"\(alternative)\"",
            "",
            "--\(alternative)",
        ]
        lines += Self.part("text/plain; charset=UTF-8", [], Data(text.utf8))
        lines.append("--\(alternative)")
        lines += Self.part("text/html; charset=UTF-8", [], Data(html.utf8))
        lines.append("--\(alternative)--")
        if let attachment {
            lines.append("--\(mixed)")
            let ascii = attachment.fileName.allSatisfy { $0.isASCII && $0 != "\"" && $0 != "\\" }
            let name = ascii ? "\"\(attachment.fileName)\"" : "\"\(Self.encodedWords(attachment.fileName))\""
            lines += Self.part("\(attachment.contentType); name=\(name)",
                               ["Content-Disposition: attachment; " + Self.rfc2231("filename", attachment.fileName)], attachment.data)
        }
        lines.append("--\(mixed)--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    /// One body part: its headers, a blank line, the bytes in base64 lines of 76.
    private static func part(_ contentType: String, _ headers: [String], _ data: Data) -> [String] {
        ["Content-Type: \(contentType)"] + headers + ["Content-Transfer-Encoding: base64", ""] + base64Lines(data)
    }

    /// Foundation's own 76-character lines (counting from the string's start for each line took
    /// 33 s for a 1 MB workbook: quadratic).
    static func base64Lines(_ data: Data) -> [String] {
        guard !data.isEmpty else { return [] }
        return data.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            .components(separatedBy: "\r\n")
    }

    /// RFC 2047: `=?UTF-8?B?…?=` words of at most 75 characters, split between characters (never
    /// inside one), folded onto continuation lines; plain ASCII stays as it is.
    static func encodedWords(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            // 12 characters of `=?UTF-8?B??=` around at most 63 of base64: 45 bytes of text.
            if (chunk + String(character)).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    /// RFC 2231: `name*=UTF-8''percent-encoded` (continued as `name*0*`, `name*1*` … when long).
    static func rfc2231(_ parameter: String, _ value: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
        if encoded.count + parameter.count < 60 { return "\(parameter)*=UTF-8''\(encoded)" }
        var pieces: [String] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            var cut = rest.index(rest.startIndex, offsetBy: 48, limitedBy: rest.endIndex) ?? rest.endIndex
            // Never inside a %XX escape.
            if cut < rest.endIndex, let percent = rest[rest.index(cut, offsetBy: -2, limitedBy: rest.startIndex)!..<cut].firstIndex(of: "%") { cut = percent }
            pieces.append(String(rest[..<cut]))
            rest = rest[cut...]
        }
        return pieces.enumerated().map { i, piece in "\(parameter)*\(i)*=\(i == 0 ? "UTF-8''" : "")\(piece)" }.joined(separator: ";\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return f.string(from: date)
    }
}
