/// A loaded service document: its servers, resources and component schemas.
public struct ProviderService: Sendable, Hashable {
    /// The provider this service belongs to (`google`).
    public var provider: String
    /// The name used in SQL (`dataproc`).
    public var name: String
    /// The document's `info.title` (`Cloud Dataproc API`); nil when it has none.
    public var title: String?
    public var description: String?
    /// The document's `info.version` (for a Google service, the API's version: `v1`); nil when it has none.
    public var version: String?
    /// The `servers` of the document, in order; the first is the default.
    public var servers: [Server]
    /// Per-location endpoints (Google Discovery `endpoints`), used to route calls for a location.
    public var endpoints: [LocationEndpoint]
    /// The resources, sorted by name.
    public var resources: [Resource]
    /// `components.schemas`, by name; ``SchemaRef/ref(_:)`` values point here.
    public var schemas: [String: Schema]

    /// A service of `provider` with these servers, resources and component schemas.
    public init(provider: String, name: String, title: String? = nil, description: String? = nil,
                version: String? = nil, servers: [Server], endpoints: [LocationEndpoint] = [],
                resources: [Resource], schemas: [String: Schema]) {
        self.provider = provider
        self.name = name
        self.title = title
        self.description = description
        self.version = version
        self.servers = servers
        self.endpoints = endpoints
        self.resources = resources
        self.schemas = schemas
    }

    /// The resource named `name`, or nil.
    public func resource(named name: String) -> Resource? {
        resources.first { $0.name == name }
    }

    /// The resource a statement means by a name that is no resource's own: the only resource spelled the same
    /// without word breaks (``LooseName``: `github_installations` for `git_hub_installations`), else the
    /// resource named by the name's plural (`customer_node` for `customer_nodes`); nil when neither is one.
    public func resource(resembling name: String) -> Resource? {
        let key = LooseName.key(name)
        let spelled = resources.filter { LooseName.key($0.name) == key }
        if spelled.count == 1 { return spelled[0] }
        if !spelled.isEmpty { return nil }
        let plural = NameCase.plural(name)
        return plural == name ? nil : resource(named: plural)
    }

    /// The schema a reference stands for: the inline schema, or the component it names.
    public func resolve(_ ref: SchemaRef) -> Schema? {
        switch ref {
        case .inline(let schema): return schema
        case .ref(let name): return schemas[name]
        }
    }
}

/// An OpenAPI server entry: a URL template and its variables.
public struct Server: Sendable, Hashable {
    /// The URL, possibly with `{variable}` placeholders (`https://{region}.example.com/v1`).
    public var url: String
    public var description: String?
    /// The placeholders of ``url`` by name, with their defaults and allowed values.
    public var variables: [String: ServerVariable]

    /// A server at `url`, with no variables unless given.
    public init(url: String, description: String? = nil, variables: [String: ServerVariable] = [:]) {
        self.url = url
        self.description = description
        self.variables = variables
    }
}

/// A variable of a server URL template.
public struct ServerVariable: Sendable, Hashable {
    /// The value used when the call binds no parameter of the variable's name.
    public var defaultValue: String
    /// The values a call may give; empty allows any single DNS label. A value outside them is a ``PlanError``.
    public var enumValues: [String]
    public var description: String?

    /// A variable whose value is `defaultValue` unless a call gives one.
    public init(defaultValue: String, enumValues: [String] = [], description: String? = nil) {
        self.defaultValue = defaultValue
        self.enumValues = enumValues
        self.description = description
    }
}

/// A location-specific endpoint of a service, as Google Discovery documents list them.
public struct LocationEndpoint: Sendable, Hashable {
    /// Which of Google's two kinds of location endpoint it is.
    public enum Kind: String, Sendable, Hashable {
        /// `{location}-service.googleapis.com`: where Google's client libraries send calls for that location.
        case locational
        /// `service.{location}.rep.googleapis.com`: a data-residency endpoint, used only when asked for.
        case regional
    }

    /// The location (`us-central1`, `us`, `eu`).
    public var location: String
    /// The base URL (`https://us-central1-aiplatform.googleapis.com/`).
    public var url: String
    /// Only ``Kind/locational`` endpoints are chosen for a call; ``Kind/regional`` ones are kept but never chosen
    /// (an `--endpoint` override can send calls to one).
    public var kind: Kind

    /// An endpoint at `url` for `location`.
    public init(location: String, url: String, kind: Kind) {
        self.location = location
        self.url = url
        self.kind = kind
    }
}
