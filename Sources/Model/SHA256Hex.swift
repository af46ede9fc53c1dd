import Crypto
import Foundation

/// The SHA-256 of `data` in lower-case hex: the pipeline hash, run.json's checks.
package func sha256Hex(_ data: Data) -> String { hexDigits(SHA256.hash(data: data)) }

/// A digest's bytes in lower-case hex (a file's SHA-256 hashed as it is read, too).
package func hexDigits<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
    bytes.map { String(format: "%02x", $0) }.joined()
}
