/// The `HOST:PORT` a server of stackq's listens on (`127.0.0.1:5466`, `[::1]:0`, `localhost:8765`): `stackq serve
/// --listen` and `stackq mcp --http` read it the same way, and both refuse to serve beyond this machine without a
/// password or token.
public struct ListenAddress: Sendable, Hashable {
    /// The host, without the brackets of an IPv6 literal.
    public var host: String
    /// The port; 0 lets the system pick a free one.
    public var port: Int

    /// Reads `HOST:PORT`; nil when there is no host or the port is not 0…65535.
    public init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65_535).contains(port) else { return nil }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    /// True when only this machine can reach the address.
    public var isLoopback: Bool { Self.isLoopback(host) }

    /// True for the hosts only this machine reaches: `127.0.0.1` (and the rest of 127/8), `::1`, `localhost`.
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
