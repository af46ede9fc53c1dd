import CCurl
import Foundation
import ScorecardPipeline

/// libcurl's easy handle: the one place that speaks SMTP and HTTPS (SPEC §4.5). One handle per
/// transfer, freed with it. Redirects are never followed (nothing goes to a URL the pipeline or
/// the teams export does not name), and loopback is never sent through a proxy.
final class Curl {
    private let handle: UnsafeMutableRawPointer
    private var lists: [UnsafeMutablePointer<curl_slist>] = []
    /// libcurl's own words for a failure (`CURLOPT_ERRORBUFFER`).
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    /// `curl_global_init` once, before any handle (it is not thread-safe itself).
    private static let ready: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    init(timeoutSeconds: Int) throws {
        guard Self.ready, let handle = curl_easy_init() else { throw DeliveryError.transport(message: "libcurl could not start") }
        self.handle = handle
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        try set(CURLOPT_NOSIGNAL, 1)
        try set(CURLOPT_TIMEOUT, timeoutSeconds)
        try set(CURLOPT_CONNECTTIMEOUT, min(timeoutSeconds, 15))
        try set(CURLOPT_FOLLOWLOCATION, 0)
        try set(CURLOPT_NOPROXY, "localhost,127.0.0.1,::1")
        try check(scorecard_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer))
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
        for list in lists { curl_slist_free_all(list) }
    }

    /// POSTs `body` as JSON; the response's status and body.
    ///
    ///     let (status, reply) = try Curl(timeoutSeconds: 30).postJSON(url, body)
    ///
    /// - Throws: `DeliveryError.transport` when no response came (refused, timed out, TLS).
    func postJSON(_ url: String, _ body: Data) throws -> (status: Int, body: Data) {
        try set(CURLOPT_URL, url)
        try set(CURLOPT_POST, 1)
        try set(CURLOPT_POSTFIELDSIZE, body.count)
        try body.withUnsafeBytes { try check(scorecard_curl_set_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))) }
        try setList(CURLOPT_HTTPHEADER, ["Content-Type: application/json; charset=utf-8"])
        let response = Buffer(Data())
        try perform(download: response, upload: nil)
        return (scorecard_curl_response_code(handle), response.data)
    }

    /// Sends `message` (a whole RFC 5322 message, CRLF lines) from `smtp.from` to `recipients`,
    /// over STARTTLS, TLS or plain as `smtp.security` says, logging in when `smtp.user` is set.
    /// - Throws: `DeliveryError.transport` with libcurl's reason (refused, authentication, a rejected recipient).
    func sendMail(_ message: Data, smtp: DeliverSettings.SMTP, password: String?, to recipients: [String]) throws {
        let host = smtp.host.contains(":") ? "[\(smtp.host)]" : smtp.host
        try set(CURLOPT_URL, "\(smtp.security == .tls ? "smtps" : "smtp")://\(host):\(smtp.port)")
        try set(CURLOPT_USE_SSL, Int(smtp.security == .starttls ? CURLUSESSL_ALL.rawValue : CURLUSESSL_NONE.rawValue))
        try set(CURLOPT_MAIL_FROM, "<\(smtp.from)>")
        try setList(CURLOPT_MAIL_RCPT, recipients.map { "<\($0)>" })
        if let user = smtp.user {
            try set(CURLOPT_USERNAME, user)
            try set(CURLOPT_PASSWORD, password ?? "")
        }
        try set(CURLOPT_UPLOAD, 1)
        try set(CURLOPT_INFILESIZE_LARGE, message.count)
        try perform(download: nil, upload: Buffer(message))
    }

    // MARK: The handle's options

    private func set(_ option: CURLoption, _ value: Int) throws { try check(scorecard_curl_set_long(handle, option, value)) }

    private func set(_ option: CURLoption, _ value: String) throws { try check(scorecard_curl_set_string(handle, option, value)) }

    /// A list option (headers, recipients): the list lives as long as the handle.
    private func setList(_ option: CURLoption, _ values: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>?
        for value in values {
            guard let longer = curl_slist_append(list, value) else { throw DeliveryError.transport(message: "out of memory") }
            list = longer
        }
        if let list { lists.append(list) }
        try check(scorecard_curl_set_list(handle, option, list))
    }

    private func check(_ code: CURLcode) throws {
        guard code == CURLE_OK else { throw DeliveryError.transport(message: String(cString: curl_easy_strerror(code))) }
    }

    /// Bytes to send or received, handed to libcurl's callbacks as their context.
    private final class Buffer {
        var data: Data
        var offset = 0
        init(_ data: Data) { self.data = data }
    }

    private func perform(download: Buffer?, upload: Buffer?) throws {
        if let download {
            try check(scorecard_curl_set_function(handle, CURLOPT_WRITEFUNCTION) { bytes, size, count, context in
                guard let bytes, let context else { return 0 }
                Unmanaged<Buffer>.fromOpaque(context).takeUnretainedValue().data.append(UnsafeRawPointer(bytes).assumingMemoryBound(to: UInt8.self), count: size * count)
                return size * count
            })
            try check(scorecard_curl_set_pointer(handle, CURLOPT_WRITEDATA, Unmanaged.passUnretained(download).toOpaque()))
        }
        if let upload {
            try check(scorecard_curl_set_function(handle, CURLOPT_READFUNCTION) { bytes, size, count, context in
                guard let bytes, let context else { return 0 }
                let buffer = Unmanaged<Buffer>.fromOpaque(context).takeUnretainedValue()
                let n = min(size * count, buffer.data.count - buffer.offset)
                buffer.data.withUnsafeBytes { source in
                    UnsafeMutableRawPointer(bytes).copyMemory(from: source.baseAddress! + buffer.offset, byteCount: n)
                }
                buffer.offset += n
                return n
            })
            try check(scorecard_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()))
        }
        let code = withExtendedLifetime((download, upload)) { curl_easy_perform(handle) }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw DeliveryError.transport(message: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail)
        }
    }
}
