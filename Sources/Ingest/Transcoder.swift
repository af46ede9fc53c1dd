import Crypto
import Foundation
import ScorecardModel
#if canImport(Glibc)
import Glibc
#endif

/// Streaming conversion to UTF-8 with glibc's iconv (Foundation on Linux cannot
/// decode GB18030). Owns one `iconv_t`; bytes cut at a chunk boundary are kept
/// for the next chunk. An undecodable byte becomes U+FFFD, which the row
/// validator rejects as "undecodable text", so no row is silently altered.
package final class Transcoder {
    private let handle: iconv_t
    private var pending: [UInt8] = []
    package private(set) var undecodableBytes = 0

    package init?(from encoding: String, to target: String = "UTF-8") {
        let h = iconv_open(target, encoding)
        guard let h, Int(bitPattern: h) != -1 else { return nil }
        handle = h
    }

    deinit { iconv_close(handle) }

    /// `bytes` as UTF-8, or nil when they hold an invalid sequence (a cut final one is fine).
    package static func decoded(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        guard let t = Transcoder(from: encoding) else { return nil }
        var out: [UInt8] = []
        t.convert(bytes, into: &out, final: false)
        return t.undecodableBytes == 0 ? out : nil
    }

    /// Characters of Unicode's private use area (U+E000–U+F8FF) in UTF-8 text: what a
    /// Big5 file read as GB18030 turns into, and what a real export never holds.
    package static func privateUseCount(_ utf8: [UInt8]) -> Int {
        var n = 0, i = 0
        while i + 2 < utf8.count {
            // U+E000–U+F8FF is EE 80 80 – EF A3 BF
            if utf8[i] == 0xEE || (utf8[i] == 0xEF && utf8[i + 1] <= 0xA3) { n += 1; i += 3 } else { i += 1 }
        }
        return n
    }

    /// Converts `input` (appended after bytes left over from the previous call) and
    /// appends UTF-8 to `output`. With `final`, a dangling partial sequence is undecodable.
    package func convert(_ input: [UInt8], into output: inout [UInt8], final: Bool) {
        var source = pending
        source.append(contentsOf: input)
        pending.removeAll(keepingCapacity: true)
        var scratch = [UInt8](repeating: 0, count: max(4096, source.count * 2 + 16))
        var start = 0
        while start < source.count {
            var inLeft = source.count - start
            var outLeft = scratch.count
            let result: Int = source.withUnsafeMutableBufferPointer { src in
                scratch.withUnsafeMutableBufferPointer { dst in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(src.baseAddress! + start)
                        .assumingMemoryBound(to: CChar.self)
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(dst.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    return iconv(handle, &inPtr, &inLeft, &outPtr, &outLeft)
                }
            }
            let err = errno
            output.append(contentsOf: scratch[0..<(scratch.count - outLeft)])
            start = source.count - inLeft
            if result != -1 { break }
            switch err {
            case E2BIG:
                continue
            case EINVAL:
                // An incomplete sequence at the end of this chunk.
                if final {
                    undecodableBytes += inLeft
                    output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                } else {
                    pending.append(contentsOf: source[start...])
                }
                start = source.count
            default:
                // EILSEQ: skip one byte, mark it.
                undecodableBytes += 1
                output.append(contentsOf: [0xEF, 0xBF, 0xBD])
                start += 1
                iconv(handle, nil, nil, nil, nil)
            }
        }
    }
}

/// Reads a file in chunks and hands out UTF-8 bytes, whatever the file's encoding.
/// Only one chunk (1 MiB by default) is held at a time: ingest streams (SPEC §6).
package final class UTF8ChunkReader {
    package let encoding: TextEncoding
    package let fileSize: Int
    private let handle: FileHandle
    private let transcoder: Transcoder?
    private let chunkSize: Int
    private var firstChunk: [UInt8]?
    package private(set) var isAtEnd = false
    private var hasher = SHA256()
    private var bomBytes: [UInt8] = []
    /// The file as it was opened, and the bytes read since.
    private let opened: stat
    private var bytesRead = 0

    package init(path: String, file: String, override: TextEncoding?, chunkSize: Int = 1 << 20) throws {
        guard let h = FileHandle(forReadingAtPath: path) else { throw IngestError.unreadable(file: file) }
        handle = h
        self.chunkSize = chunkSize
        // The open file's own size and time, not the path's: what is read is compared with them at the end.
        var info = stat()
        fstat(h.fileDescriptor, &info)
        fileSize = Int(info.st_size)
        opened = info
        var head = [UInt8](try Self.read(h, count: max(chunkSize, 65_536), file: file))
        bytesRead = head.count
        let detected = try override ?? TextEncoding.detect(prefix: head, isWholeFile: head.count < chunkSize, file: file)
        encoding = detected
        bomBytes = Array(head.prefix(detected.bomLength(of: head)))
        hasher.update(data: bomBytes)
        head.removeFirst(bomBytes.count)
        if let name = detected.iconvName {
            guard let t = Transcoder(from: name) else { throw IngestError.undecodable(file: file) }
            transcoder = t
        } else {
            transcoder = nil
        }
        firstChunk = head
    }

    deinit { try? handle.close() }

    /// SHA-256 (hex) of the bytes read so far: of the whole file once `next` returned nil.
    package var sha256: String { hexDigits(hasher.finalize()) }

    /// Bytes that could not be decoded so far (each became U+FFFD).
    package var undecodableBytes: Int { transcoder?.undecodableBytes ?? 0 }

    /// The next chunk of UTF-8, or nil at the end of the file.
    package func next(file: String) throws -> [UInt8]? {
        if isAtEnd { return nil }
        let raw: [UInt8]
        if let first = firstChunk {
            raw = first
            firstChunk = nil
        } else {
            raw = try Self.read(handle, count: chunkSize, file: file)
            bytesRead += raw.count
        }
        let last = raw.isEmpty
        if last {
            isAtEnd = true
            try checkUnchanged(file: file)
        }
        hasher.update(data: raw)
        guard let transcoder else { return last ? nil : raw }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count * 3 / 2)
        transcoder.convert(raw, into: &out, final: last)
        if last && out.isEmpty { return nil }
        return out
    }

    /// - Throws: `IngestError.changedWhileRead` when the file grew, shrank or was rewritten while
    ///   it was read (issue 25: a file appended to during the run loaded without a word, and
    ///   run.json's size and SHA-256 described different contents).
    private func checkUnchanged(file: String) throws {
        var now = stat()
        fstat(handle.fileDescriptor, &now)
        let rewritten = now.st_mtim.tv_sec != opened.st_mtim.tv_sec || now.st_mtim.tv_nsec != opened.st_mtim.tv_nsec
        guard bytesRead == fileSize, Int(now.st_size) == fileSize, !rewritten else {
            throw IngestError.changedWhileRead(file: file, sizeAtStart: fileSize, sizeAtEnd: Int(now.st_size))
        }
    }

    private static func read(_ handle: FileHandle, count: Int, file: String) throws -> [UInt8] {
        do {
            return [UInt8](try handle.read(upToCount: count) ?? Data())
        } catch {
            throw IngestError.unreadable(file: file)
        }
    }
}
