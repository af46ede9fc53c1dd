import Crypto
import Foundation

/// The SHA-256 of `data` in lower-case hex: the pipeline hash, run.json's checks.
package func sha256Hex(_ data: Data) -> String { hexDigits(SHA256.hash(data: data)) }

/// A digest's bytes in lower-case hex (a file's SHA-256 hashed as it is read, too).
package func hexDigits<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// The size and SHA-256 of the file at `path`, read 4 MiB at a time (a bank-sized workbook
/// read whole was 90 MB at the run's peak, issue 29); nil when it cannot be read.
package func fileSHA256(atPath path: String) -> (bytes: Int, sha256: String)? {
    guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
    defer { try? handle.close() }
    var hasher = SHA256()
    var bytes = 0
    do {
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
            bytes += chunk.count
        }
    } catch {
        return nil
    }
    return (bytes, hexDigits(hasher.finalize()))
}
