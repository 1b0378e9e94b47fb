import Foundation
import StackQ

/// Checks an `--endpoint PROVIDER[.SERVICE]=URL` before anything runs.
package enum EndpointOverride {
    /// What is wrong with the override, or nil: the key is one or two names, the URL has an http(s) scheme and a
    /// host and nothing after its path.
    package static func problem(key: String, url: String) -> String? {
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

    /// What is wrong with the key against the registry, or nil: its provider (and service, when given) exist.
    /// A registry that cannot be read is left for the statement to report.
    package static func registryProblem(key: String, registryPath: String?) -> String? {
        guard let root = try? RegistryLocator.locate(explicitPath: registryPath) else { return nil }
        let parts = key.split(separator: ".").map(String.init)
        let registry = Registry(root: root)
        do {
            if parts.count == 2 {
                _ = try registry.serviceEntry(provider: parts[0], service: parts[1])
            } else {
                _ = try registry.providerHeader(named: parts[0])
            }
        } catch {
            // The registry's own words: the closest names, and how to list them all.
            return "\(error)"
        }
        return nil
    }
}
