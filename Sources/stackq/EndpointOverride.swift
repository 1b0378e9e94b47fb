import Foundation

/// Checks an `--endpoint PROVIDER[.SERVICE]=URL` before anything runs.
enum EndpointOverride {
    /// What is wrong with the override, or nil: the key is one or two names, the URL has an http(s) scheme and a
    /// host and nothing after its path.
    static func problem(key: String, url: String) -> String? {
        let parts = key.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } }) else {
            return "'\(key)' is not PROVIDER or PROVIDER.SERVICE (for example google or google.dataproc)"
        }
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              scheme == "http" || scheme == "https" else {
            return "'\(url)' is not an http:// or https:// URL"
        }
        guard let host = components.host, !host.isEmpty else { return "'\(url)' has no host" }
        guard components.user == nil, components.password == nil, components.query == nil, components.fragment == nil else {
            return "'\(url)' may have only a scheme, a host, a port and a path"
        }
        return nil
    }
}
