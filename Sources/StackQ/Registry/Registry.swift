import Foundation
import Synchronization

/// The provider registry: providers, their services and resources, loaded lazily from a StackQL-format folder.
///
/// A registry folder is laid out as `src/<provider>/<version>/provider.yaml` plus `services/<service>.yaml|.json`.
/// Only what a statement names is read: describing `google.dataproc.sessions` parses the google `provider.yaml`
/// and the dataproc document, never aiplatform's. Loaded providers and services are cached for the life of the
/// value, which is safe to share between tasks.
///
/// ```swift
/// let registry = Registry(root: try RegistryLocator.locate())
/// let (service, sessions) = try registry.resource(provider: "google", service: "dataproc", resource: "sessions")
/// let columns = registry.columns(of: sessions, in: service)   // createTime, creator, environmentConfig, …
/// ```
public final class Registry: Sendable {
    /// The registry's `src` folder.
    public let sourceDirectory: URL

    let reader: DocumentReader
    /// The `src` folder of services pulled by `REGISTRY PULL` into the registry cache (``DiscoveryPull``), whose
    /// services take precedence over this registry's own; nil without a cache folder.
    let pulledSourceDirectory: URL?
    private let cache = Mutex(Cache())
    /// Resources loaded through their service document's index, without the whole service.
    let resourceIndexes = ResourceIndexCache()

    private struct Cache {
        /// Providers by SQL name.
        var providers: [String: ProviderRecord] = [:]
        /// True once every provider folder has been read.
        var scannedAll = false
        /// Services by `provider.service`.
        var services: [String: ProviderService] = [:]
        /// Providers read for one service only (``providerRecord(named:forService:)``), by `provider.service`.
        var oneServiceProviders: [String: ProviderRecord] = [:]
    }

    /// A registry rooted at `root`: the folder holding `src`, or `src` itself.
    ///
    /// - Parameters:
    ///   - root: the registry folder.
    ///   - cacheDirectory: where YAML documents are cached as JSON after their first parse; nil disables it.
    public init(root: URL, cacheDirectory: URL? = Registry.defaultCacheDirectory) {
        let source = root.appendingPathComponent("src")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), isDirectory.boolValue {
            sourceDirectory = source
        } else {
            sourceDirectory = root
        }
        reader = DocumentReader(cacheDirectory: cacheDirectory)
        pulledSourceDirectory = cacheDirectory.map { DiscoveryPull.root(cacheDirectory: $0).appendingPathComponent("src") }
    }

    /// `$XDG_CACHE_HOME/stackq/registry`, else `~/.cache/stackq/registry`.
    public static var defaultCacheDirectory: URL? { DocumentReader.defaultCacheDirectory }

    // MARK: Providers

    /// Every provider in the registry (the newest version of each), sorted by name.
    ///
    /// - Throws: ``RegistryError/malformedDocument(path:reason:)`` for an unreadable `provider.yaml`.
    public func providers() throws -> [Provider] {
        try scanAllProviders().values.map(\.provider).sorted { $0.name < $1.name }
    }

    /// The provider named `name` (`google`).
    ///
    /// - Throws: ``RegistryError/unknownProvider(name:suggestions:)`` naming the closest providers.
    public func provider(named name: String) throws -> Provider {
        try providerRecord(named: name).provider
    }

    /// Every provider version in the registry (`REGISTRY LIST`), sorted by provider then version.
    public func providerVersions() throws -> [(provider: String, version: String)] {
        var result: [(provider: String, version: String)] = []
        for folder in try providerFolders() {
            for directory in ProviderDocumentLoader.versionDirectories(of: folder) {
                let record = try ProviderDocumentLoader.load(directory: directory, reader: reader)
                result.append((record.provider.name, directory.lastPathComponent))
            }
        }
        return result.sorted { $0.provider != $1.provider ? $0.provider < $1.provider : $0.version < $1.version }
    }

    func providerRecord(named name: String) throws -> ProviderRecord {
        if let cached = cache.withLock({ $0.providers[name] }) { return cached }
        let folder = sourceDirectory.appendingPathComponent(name)
        if let directory = ProviderDocumentLoader.versionDirectories(of: folder).first {
            let record = withPulledServices(try ProviderDocumentLoader.load(directory: directory, reader: reader))
            if record.provider.name == name {
                cache.withLock { $0.providers[name] = record }
                return record
            }
        }
        let all = try scanAllProviders()
        if let record = all[name] { return record }
        throw RegistryError.unknownProvider(name: name,
                                            suggestions: NameSuggester.suggestions(for: name, among: Array(all.keys)))
    }

    /// The provider `name` without its services: its name, version, titles and auth configuration, read
    /// without building the entries of its services (a few hundred for google). ``provider(named:)`` has them.
    ///
    /// - Throws: ``RegistryError/unknownProvider(name:suggestions:)`` naming the closest providers.
    public func providerHeader(named name: String) throws -> Provider {
        var provider = try providerRecord(named: name, forService: nil).provider
        provider.services = []
        return provider
    }

    /// The entry of the service `provider.service` in its provider document (its title, revision and document),
    /// without building the other entries or reading the service's document.
    ///
    /// - Throws: ``RegistryError/unknownProvider(name:suggestions:)`` or
    ///   ``RegistryError/unknownService(provider:name:suggestions:)`` naming the closest services.
    public func serviceEntry(provider providerName: String, service name: String) throws -> ServiceEntry {
        try serviceLocation(provider: providerName, service: name).entry
    }

    /// Where the service `provider.service` is: its provider (with at least its entry), its entry, and its
    /// document's file, which may not exist. What ``service(provider:name:)``, the resources' index and the
    /// resource list all start from.
    ///
    /// - Throws: ``RegistryError/unknownProvider(name:suggestions:)`` or
    ///   ``RegistryError/unknownService(provider:name:suggestions:)`` naming the closest services.
    func serviceLocation(provider providerName: String, service name: String) throws
        -> (record: ProviderRecord, entry: ServiceEntry, file: URL) {
        let record = try providerRecord(named: providerName, forService: name)
        guard let entry = record.provider.services.first(where: { $0.name == name }) else {
            let names = record.provider.services.map(\.name)
            throw RegistryError.unknownService(
                provider: providerName, name: name,
                suggestions: NameSuggester.suggestions(for: name, among: names).map { "\(providerName).\($0)" })
        }
        return (record, entry, documentURL(for: entry, in: record))
    }

    /// The provider `name` as far as the service `serviceName` needs it (nil: no service): the whole provider
    /// when it is loaded already; else, for a JSON provider document with no services pulled into the registry
    /// cache, the provider with only that service's entry (``ProviderDocumentLoader/loadEntry(_:directory:)``:
    /// the other entries of a 600-service provider are not built); else the whole provider, whose answer (or
    /// error, with suggestions) it always agrees with.
    func providerRecord(named name: String, forService serviceName: String?) throws -> ProviderRecord {
        let key = "\(name).\(serviceName ?? "")"
        let cached = cache.withLock { ($0.providers[name], $0.oneServiceProviders[key]) }
        if let whole = cached.0 { return whole }
        if let one = cached.1 { return one }
        let pulled = pulledSourceDirectory.map {
            !ProviderDocumentLoader.versionDirectories(of: $0.appendingPathComponent(name)).isEmpty
        } ?? false
        if !pulled,
           let directory = ProviderDocumentLoader.versionDirectories(of: sourceDirectory.appendingPathComponent(name)).first,
           let record = ProviderDocumentLoader.loadEntry(serviceName, directory: directory), record.provider.name == name {
            cache.withLock { $0.oneServiceProviders[key] = record }
            return record
        }
        return try providerRecord(named: name)
    }

    private func scanAllProviders() throws -> [String: ProviderRecord] {
        let done = cache.withLock { $0.scannedAll ? $0.providers : nil }
        if let done { return done }
        var found: [String: ProviderRecord] = [:]
        for folder in try providerFolders() {
            guard let directory = ProviderDocumentLoader.versionDirectories(of: folder).first else { continue }
            let record = withPulledServices(try ProviderDocumentLoader.load(directory: directory, reader: reader))
            if found[record.provider.name] == nil { found[record.provider.name] = record }
        }
        return cache.withLock { cache in
            for (name, record) in found where cache.providers[name] == nil { cache.providers[name] = record }
            cache.scannedAll = true
            return cache.providers
        }
    }

    /// `record` with the services pulled for its provider in their place (or added), their documents named by
    /// absolute path.
    private func withPulledServices(_ record: ProviderRecord) -> ProviderRecord {
        guard let pulledSourceDirectory,
              let directory = ProviderDocumentLoader.versionDirectories(
                of: pulledSourceDirectory.appendingPathComponent(record.provider.name)).first,
              let pulled = try? ProviderDocumentLoader.load(directory: directory, reader: reader) else { return record }
        var record = record
        let pulledNames = Set(pulled.provider.services.map(\.name))
        var services = record.provider.services.filter { !pulledNames.contains($0.name) }
        for var entry in pulled.provider.services {
            entry.documentReference = pulledSourceDirectory.appendingPathComponent(entry.documentReference).path
            services.append(entry)
        }
        record.provider.services = services.sorted { $0.name < $1.name }
        return record
    }

    private func providerFolders() throws -> [URL] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: sourceDirectory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw RegistryError.registryNotFound(searched: [sourceDirectory.path])
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: sourceDirectory.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") }.map { sourceDirectory.appendingPathComponent($0) }
    }

    // MARK: Services

    /// The service `provider.name`, parsing its document on first use.
    ///
    /// - Throws: ``RegistryError/unknownService(provider:name:suggestions:)``,
    ///   ``RegistryError/missingServiceDocument(provider:service:path:)`` or
    ///   ``RegistryError/malformedDocument(path:reason:)``.
    public func service(provider providerName: String, name: String) throws -> ProviderService {
        let key = "\(providerName).\(name)"
        if let cached = cache.withLock({ $0.services[key] }) { return cached }
        let (record, _, file) = try serviceLocation(provider: providerName, service: name)
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw RegistryError.missingServiceDocument(provider: providerName, service: name, path: file.path)
        }
        let document = try reader.read(file)
        let loaded = try ServiceDocumentLoader(document: document, path: file.path, providerName: providerName,
                                               serviceName: name, providerPagination: record.pagination).load()
        // Freeing the parsed tree of a large document (aiplatform: millions of nodes) takes several milliseconds;
        // a background queue does it so the statement that needed the service does not wait for it.
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(document) {} }
        return cache.withLock { cache in
            if let existing = cache.services[key] { return existing }
            cache.services[key] = loaded
            return loaded
        }
    }

    /// The service `provider.name` when it is loaded already.
    func cachedService(provider providerName: String, name: String) -> ProviderService? {
        cache.withLock { $0.services["\(providerName).\(name)"] }
    }

    /// The document file of a service entry: its `$ref` relative to `src`, else to the provider version folder.
    func documentURL(for entry: ServiceEntry, in record: ProviderRecord) -> URL {
        if entry.documentReference.hasPrefix("/") { return URL(fileURLWithPath: entry.documentReference) }
        let fromSource = sourceDirectory.appendingPathComponent(entry.documentReference)
        if FileManager.default.fileExists(atPath: fromSource.path) { return fromSource }
        let fromProvider = record.directory.appendingPathComponent(entry.documentReference)
        if FileManager.default.fileExists(atPath: fromProvider.path) { return fromProvider }
        let byName = record.directory.appendingPathComponent("services")
        for fileExtension in ["json", "json.gz", "yaml", "yml"] {
            let candidate = byName.appendingPathComponent("\(entry.name).\(fileExtension)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return fromSource
    }

    /// Forgets every provider, service and resource read so far, so the next statement reads them again (after
    /// `REGISTRY PULL` wrote services into the registry cache).
    func forgetLoaded() {
        cache.withLock { $0 = Cache() }
        resourceIndexes.forgetAll()
    }

    /// The `provider.service` keys of the services parsed so far (for tests of lazy loading).
    var loadedServiceKeys: [String] {
        cache.withLock { $0.services.keys.sorted() }
    }

    // MARK: Resources and methods

    /// The resource `provider.service.resource` and the service it belongs to.
    ///
    /// - Throws: ``RegistryError/unknownResource(provider:service:name:suggestions:)`` naming the closest
    ///   resources, or the errors of ``service(provider:name:)``.
    public func resource(provider providerName: String, service serviceName: String,
                         resource name: String) throws -> (ProviderService, Resource) {
        if cache.withLock({ $0.services["\(providerName).\(serviceName)"] }) == nil,
           let indexed = indexedResource(provider: providerName, service: serviceName, resource: name) {
            return indexed
        }
        let service = try self.service(provider: providerName, name: serviceName)
        guard let resource = service.resource(named: name) ?? service.resource(resembling: name) else {
            let prefix = "\(providerName).\(serviceName)."
            throw RegistryError.unknownResource(
                provider: providerName, service: serviceName, name: name,
                suggestions: NameSuggester.suggestions(for: name, among: service.resources.map(\.name)).map { prefix + $0 })
        }
        return (service, resource)
    }

    /// The method `name` of a resource: its full name (`projects_locations_sessions_terminate`) or any suffix
    /// of it that is unambiguous (`terminate`), or that the parameters `given` make unambiguous
    /// (``Resource/method(matching:given:)``). A name the resource has no method for may name a method the import
    /// placed on another resource of the service (``methodElsewhere(named:for:in:given:)``); that resource is
    /// returned with it.
    ///
    /// - Throws: ``RegistryError/unknownMethod(resource:name:suggestions:)`` naming the closest methods, or the
    ///   methods a short name could mean.
    public func method(provider providerName: String, service serviceName: String, resource resourceName: String,
                       method name: String, given: Set<String>? = nil) throws -> (ProviderService, Resource, Method) {
        let (service, resource) = try self.resource(provider: providerName, service: serviceName, resource: resourceName)
        let candidates = resource.methods(matching: name)
        if let method = resource.method(matching: name, given: given) { return (service, resource, method) }
        if candidates.isEmpty {
            let whole = try self.service(provider: providerName, name: serviceName)
            let elsewhere = methodElsewhere(named: name, for: resource, in: whole, given: given)
            if elsewhere.count == 1 { return (whole, elsewhere[0].resource, elsewhere[0].method) }
            if !elsewhere.isEmpty {
                throw RegistryError.unknownMethod(resource: resource.id, name: name,
                                                  suggestions: elsewhere.map { "\($0.resource.name).\($0.method.name)" })
            }
        }
        throw RegistryError.unknownMethod(
            resource: resource.id, name: name,
            suggestions: candidates.isEmpty
                ? NameSuggester.suggestions(for: name, among: resource.methods.map(\.name))
                : candidates.map(\.name))
    }

    /// The methods `name` can mean for `resource` among the other resources of `service`, where the import put
    /// methods that StackQL's provider keeps on the resource they act on: a custom method of the same object (its
    /// path without the `:verb` is the path of one of the resource's methods: `cryptoKeys.updatePrimaryVersion`
    /// for `crypto_keys`), or one whose verb takes the resource as its object (`projects.enrollDataSources` for
    /// `data_sources`). One method on several resources counts once; `given` settles several as on a resource.
    func methodElsewhere(named name: String, for resource: Resource, in service: ProviderService,
                         given: Set<String>?) -> [(resource: Resource, method: Method)] {
        let objects = Set(resource.methods.map { PathTemplate($0.path).object })
        var found: [(resource: Resource, method: Method)] = []
        for other in service.resources where other.name != resource.name {
            for method in other.methods(matching: name)
            where !found.contains(where: { $0.method.name == method.name })
                && (objects.contains(PathTemplate(method.path).object) || method.name.hasSuffix("_" + resource.name)) {
                found.append((other, method))
            }
        }
        guard found.count > 1 else { return found }
        let owner = Resource(name: resource.name, id: resource.id, methods: found.map(\.method))
        guard let chosen = owner.method(matching: name, given: given) else { return found }
        return found.filter { $0.method.name == chosen.name }
    }
}
