import CLibPQ
import Foundation
import ScorecardModel

/// A PostgreSQL connection URI as libpq reads it: the one piece of the PostgreSQL warehouse the
/// pipeline's configuration needs (it refuses a URI with a password, SPEC §9), apart so that
/// the configuration does not depend on the warehouse.
package enum PostgresURI {
    /// True when libpq would take a password (or a client key's password) from `uri`.
    /// - Throws: `WarehouseError.cannotOpen` when libpq cannot read the URI (not echoed: it may hold a secret).
    package static func hasPassword(_ uri: String) throws -> Bool {
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(uri, &message) else {
            let reason = message.map { String(cString: $0).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "not a connection URI"
            if let message { PQfreemem(message) }
            throw WarehouseError.cannotOpen(path: "postgresql://…", reason: reason)
        }
        defer { PQconninfoFree(options) }
        var option = options
        while let keyword = option.pointee.keyword {
            let name = String(cString: keyword)
            if name == "password" || name == "sslpassword", option.pointee.val != nil { return true }
            option += 1
        }
        return false
    }
}
