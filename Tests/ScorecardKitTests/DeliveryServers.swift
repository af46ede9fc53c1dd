import Foundation

/// A real server on loopback for the delivery tests (SPEC §4.5), started from a Python script of
/// `Fixtures/delivery` with Debian's python3 (python3-aiosmtpd for SMTP) and stopped when the value
/// goes away. What it received is in `folder` as N.json files.
final class LoopbackServer {
    let port: Int
    let folder: String
    private let process = Process()

    /// Starts `script` on `port` (a free one when nil) and waits until it listens.
    init(_ script: String, port: Int? = nil, arguments: [String] = [], in tmp: TempFolder) throws {
        self.port = try port ?? Self.freePort()
        folder = tmp.folder("\(script)-\(UUID().uuidString.prefix(8))")
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Fixtures.path("delivery/\(script).py"), String(self.port), folder] + arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let ready = (folder as NSString).appendingPathComponent("ready")
        let deadline = Date().addingTimeInterval(20)
        while !FileManager.default.fileExists(atPath: ready) {
            guard process.isRunning, Date() < deadline else { throw ServerDidNotStart(script: script) }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    struct ServerDidNotStart: Error, CustomStringConvertible {
        var script: String
        var description: String { "\(script).py did not start (is python3-aiosmtpd installed? `make test` installs it)" }
    }

    deinit { stop() }

    /// SIGKILL: a child started from a test's thread inherits its blocked SIGTERM.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// What it received, in order: each N.json as a dictionary.
    func received() throws -> [[String: Any]] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
        return try names.sorted { Int($0.dropLast(5))! < Int($1.dropLast(5))! }.map { name in
            let data = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(name)))
            return try JSONSerialization.jsonObject(with: data) as! [String: Any]
        }
    }

    /// A port nothing listens on now (the kernel's pick for a socket bound to port 0).
    static func freePort() throws -> Int {
        guard let socket = loopbackSocket(listening: false) else { throw ServerDidNotStart(script: "a free port") }
        close(socket.fd)
        return socket.port
    }
}

/// A TCP socket bound to a port of 127.0.0.1 the kernel picks (and listening, when asked); nil
/// when that fails.
func loopbackSocket(listening: Bool) -> (fd: Int32, port: Int)? {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, length) == 0 && (!listening || listen(fd, 16) == 0) && getsockname(fd, $0, &length) == 0
        }
    }
    guard bound else { close(fd); return nil }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}
