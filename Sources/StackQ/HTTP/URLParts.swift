import Foundation

/// The scheme, host and port of an absolute URL: what decides whether two URLs share an origin.
///
/// ```swift
/// URLParts("https://dataproc.googleapis.com/v1/x")?.origin   // "https://dataproc.googleapis.com:443"
/// ```
struct URLParts: Sendable, Hashable {
    var scheme: String
    var host: String
    var port: Int

    /// Nil when `url` has no scheme or host.
    init?(_ url: String) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : 0)
    }

    /// `scheme://host:port`, with the default port spelled out so that equal origins compare equal.
    var origin: String { "\(scheme)://\(host):\(port)" }

    /// `location` (absolute, or relative to `base`) as an absolute URL, or nil when it cannot be read.
    static func resolve(_ location: String, against base: String) -> String? {
        guard let baseURL = URL(string: base), let resolved = URL(string: location, relativeTo: baseURL) else { return nil }
        return resolved.absoluteString
    }
}
