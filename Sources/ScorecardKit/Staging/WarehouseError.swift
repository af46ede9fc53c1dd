import Foundation

/// Something went wrong with the warehouse itself (SPEC §2.4, §9).
public enum WarehouseError: LocalizedError, Equatable {
    /// The file or server cannot be opened.
    case cannotOpen(path: String, reason: String)
    /// Another run holds the warehouse longer than the pipeline's lock timeout.
    case busy(path: String, waitedSeconds: Int)
    /// An error from the database while loading or querying.
    case database(path: String, message: String)
    /// A PostgreSQL URI with a password in it (SPEC §9: never in the pipeline file).
    case passwordInURI

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason):
            return "Cannot open the warehouse \(path): \(reason)"
        case .busy(let path, let seconds):
            return "Another scorecard run is using \(path); gave up after waiting \(seconds) s. Try again when it has finished."
        case .database(let path, let message):
            return "Warehouse \(path): \(message)"
        case .passwordInURI:
            return "The warehouse URI holds a password. Leave it out and set PGPASSWORD or ~/.pgpass instead: "
                + "a pipeline file or command line is read by others, and a run records its warehouse."
        }
    }
}
