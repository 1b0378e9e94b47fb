import StackQ

/// A registry method the emulator serves, with what it needs to know to serve it generically.
struct Route: Sendable {
    /// The method as the registry describes it.
    var method: Method
    var role: MethodRole
    var template: PathTemplate
    /// The collection segment (`sessions`).
    var collectionName: String
    /// The response member holding a list's items (`sessions`, from the method's `$.sessions`).
    var listKey: String
    /// The create method's query parameter carrying the new resource's id (`sessionId`).
    var idParameter: String?
    /// The request body's schema, resolved, when the registry gives one.
    var requestSchema: Schema?
    /// The state machine and server-owned fields, for kinds the emulator knows.
    var kind: ResourceKind?

    /// For an `aggregatedList` (`$.items.*.instances[*]`), the member of each scoped list holding the items
    /// (`instances`); nil for other methods.
    var aggregatedMember: String?

    init?(method: Method, service: ProviderService) {
        guard let template = PathTemplate.routable(Route.serverPath(method.servers.first ?? service.servers.first) + method.path),
              let role = MethodRole(httpMethod: method.httpMethod, template: template),
              let collectionName = template.collectionName
        else { return nil }
        self.method = method
        self.role = role
        self.template = template
        self.collectionName = collectionName
        if let key = method.response.objectKey, key.hasPrefix("$.items.*."), key.hasSuffix("[*]") {
            listKey = "items"
            aggregatedMember = String(key.dropFirst(10).dropLast(3))
        } else if let key = method.response.objectKey, key.hasPrefix("$.") {
            listKey = String(key.dropFirst(2))
        } else {
            listKey = collectionName
        }
        idParameter = method.parameters.first {
            $0.location == .query && $0.name.hasSuffix("Id") && $0.name != "requestId"
        }?.name
        requestSchema = method.requestBody.flatMap { service.resolve($0.schema) }
        kind = ResourceKind.known[collectionName]
    }

    /// The path of a server URL (`https://compute.googleapis.com/compute/v1` → `/compute/v1`), which the
    /// method paths of services such as Compute are relative to; empty for a host-only URL.
    static func serverPath(_ server: Server?) -> String {
        guard let url = server?.url, let schemeEnd = url.firstRange(of: "://") else { return "" }
        guard let slash = url[schemeEnd.upperBound...].firstIndex(of: "/") else { return "" }
        var path = String(url[slash...])
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }

    /// True when the method accepts a `filter` query parameter.
    var acceptsFilter: Bool {
        method.parameter(named: "filter") != nil
    }
}
