import Crypto
import Foundation

/// The SHA-256 of `data` in lower-case hex: file fingerprints, the pipeline hash, run.json's checks.
package func sha256Hex(_ data: Data) -> String {
    SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
}
