import Foundation

extension JSONEncoder {
    /// Keys sorted, indented, slashes as they are: the run log's and `run.json`'s JSON.
    package static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return e
    }
}
