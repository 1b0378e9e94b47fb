import Foundation

/// Chooses the base URL of a call: an override, the service's endpoint for the call's location, or its server.
///
/// Order: `--endpoint provider.service=URL`, then `--endpoint provider=URL` (an override replaces the scheme, host
/// and port and keeps the server's own path); otherwise, when the call has a `locationsId` (or `location`,
/// `region`) for which the service lists a *locational* endpoint (Vertex AI's `{location}-aiplatform…`), that
/// endpoint; otherwise the method's or service's first server, with its variables filled from the call's
/// parameters or their defaults.
package struct EndpointResolver: Sendable, Hashable {
    /// Overrides by `provider` or `provider.service`.
    public var overrides: [String: String]

    /// A resolver with these overrides (keys `provider` or `provider.service`, values base URLs).
    public init(overrides: [String: String] = [:]) {
        self.overrides = overrides
    }

    static let locationParameters = ["locationsId", "location", "locationId", "region", "regionsId"]

    /// The base URL (no trailing slash) for a call of `method` with these parameter values.
    /// - Throws: ``PlanError`` when a value for a server variable is not one of its `enum` values, or (without an
    ///   enum) not one DNS label: a value can never change the URL's authority.
    public func baseURL(service: ProviderService, method: Method, values: [String: String]) throws -> String {
        let server = method.servers.first ?? service.servers.first ?? Server(url: "")
        var base = server.url
        for (name, variable) in server.variables.sorted(by: { $0.key < $1.key }) {
            // The document's default is trusted; a value from the statement is checked.
            let value = try values[name].map {
                try EndpointResolver.checkedServerValue($0, name: name, variable: variable, server: server.url)
            } ?? variable.defaultValue
            base = base.replacingOccurrences(of: "{\(name)}", with: value)
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

    /// `value` when it may fill the server variable: one of its enum values, or else one DNS label (letters,
    /// digits, `-`, at most 63 bytes), which cannot add a host, a port, user information or a path.
    static func checkedServerValue(_ value: String, name: String, variable: ServerVariable, server: String) throws -> String {
        if !variable.enumValues.isEmpty {
            guard variable.enumValues.contains(value) else {
                let allowed = variable.enumValues.prefix(10).map { "'\($0)'" }.joined(separator: ", ")
                throw PlanError(.invalidValue, "\(name) = '\(TerminalText.escapingControls(value))' is not a value the server \(server) allows for {\(name)}; use one of \(allowed)")
            }
            return value
        }
        let isLabel = !value.isEmpty && value.utf8.count <= 63 && value.utf8.first != UInt8(ascii: "-") && value.utf8.last != UInt8(ascii: "-")
            && value.utf8.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
        guard isLabel else {
            throw PlanError(.invalidValue, "\(name) = '\(TerminalText.escapingControls(value))' cannot fill {\(name)} of the server \(server): a server variable takes one DNS label (letters, digits and '-')")
        }
        return value
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
