/// A provider in the registry (`google`, `github`, `homebrew`): a named set of services.
///
/// Service documents are not part of this value; they load lazily through ``Registry``.
public struct Provider: Sendable, Hashable {
    /// The name used in SQL (`google`).
    public var name: String
    /// The provider document's `version`, or else the name of the version folder it was loaded from (`v00.00.00000`).
    public var version: String
    /// The provider document's `title`; nil when it has none.
    public var title: String?
    public var description: String?
    /// The provider's services, sorted by name.
    public var services: [ServiceEntry]
    /// The provider's `config.auth` block, as written (type, credentialsenvvar, …).
    public var authConfig: JSONValue?

    /// A provider with these services, as `provider.yaml` lists them.
    public init(name: String, version: String, title: String? = nil, description: String? = nil,
                services: [ServiceEntry], authConfig: JSONValue? = nil) {
        self.name = name
        self.version = version
        self.title = title
        self.description = description
        self.services = services
        self.authConfig = authConfig
    }
}

/// A service as listed in `provider.yaml`: enough to show it without loading its document.
public struct ServiceEntry: Sendable, Hashable {
    /// The name used in SQL (`dataproc`).
    public var name: String
    /// The registry id (`dataproc:v00.00.00000`).
    public var id: String
    /// The entry's `title` (`Cloud Dataproc API`); nil when it has none.
    public var title: String?
    public var description: String?
    /// The entry's `version`; nil when it gives none. Services written by ``DiscoveryImporter`` record the registry
    /// version (`v00.00.00000`), not the API's.
    public var version: String?
    /// The entry's `preferred` flag, true when it does not say. `SHOW EXTENDED SERVICES` shows it; nothing else
    /// reads it.
    public var preferred: Bool
    /// The `service.$ref` of the entry, relative to the registry's `src` folder (an absolute path for a service
    /// pulled into the registry cache).
    public var documentReference: String
    /// The Discovery document's `revision` (`20261031`) when the importer recorded it.
    public var revision: String?

    /// An entry whose document is at `documentReference`.
    public init(name: String, id: String, title: String? = nil, description: String? = nil,
                version: String? = nil, preferred: Bool = true, documentReference: String) {
        self.name = name
        self.id = id
        self.title = title
        self.description = description
        self.version = version
        self.preferred = preferred
        self.documentReference = documentReference
    }
}
