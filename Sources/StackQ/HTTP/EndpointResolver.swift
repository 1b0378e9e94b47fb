import Foundation

/// Chooses the base URL of a call: an override, the service's endpoint for the call's location, or its server.
///
/// Order: `--endpoint provider.service=URL`, then `--endpoint provider=URL` (an override replaces the scheme, host
/// and port and keeps the server's own path); otherwise, when the call has a `locationsId` (or `location`,
/// `region`) for which the service lists a *locational* endpoint (Vertex AI's `{location}-aiplatform…`), that
/// endpoint; otherwise the method's or service's first server, with its variables filled from the call's
/// parameters or their defaults.
public struct EndpointResolver: Sendable, Hashable {
    /// Overrides by `provider` or `provider.service`.
    public var overrides: [String: String]

    public init(overrides: [String: String] = [:]) {
        self.overrides = overrides
    }

    static let locationParameters = ["locationsId", "location", "locationId", "region", "regionsId"]

    /// The base URL (no trailing slash) for a call of `method` with these parameter values.
    public func baseURL(service: Service, method: Method, values: [String: String]) -> String {
        let server = method.servers.first ?? service.servers.first ?? Server(url: "")
        var base = server.url
        for (name, variable) in server.variables {
            base = base.replacingOccurrences(of: "{\(name)}", with: values[name] ?? variable.defaultValue)
        }
        let serverPath = EndpointResolver.split(base).path
        if let location = EndpointResolver.locationParameters.lazy.compactMap({ values[$0] }).first,
           let endpoint = service.endpoints.first(where: { $0.kind == .locational && $0.location == location }) {
            let endpointParts = EndpointResolver.split(endpoint.url)
            base = endpointParts.origin + (endpointParts.path.isEmpty ? serverPath : endpointParts.path)
        }
        if let override = overrides["\(service.provider).\(service.name)"] ?? overrides[service.provider] {
            base = EndpointResolver.split(override).origin + EndpointResolver.split(base).path
        }
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// `https://host:1/a/b/` → (`https://host:1`, `/a/b`): the path without its trailing slash.
    static func split(_ url: String) -> (origin: String, path: String) {
        guard let schemeEnd = url.firstRange(of: "://") else { return (url, "") }
        let rest = url[schemeEnd.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return (url, "") }
        var path = String(url[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return (String(url[..<slash]), path)
    }
}
