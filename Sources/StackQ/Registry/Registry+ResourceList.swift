import Foundation

/// A resource of a service as `SHOW RESOURCES` and the shell's completion list it, without its methods.
public struct ResourceSummary: Sendable, Hashable {
    /// The resource's SQL name (`sessions`).
    public var name: String
    /// Its registry id (`google.dataproc.sessions`).
    public var id: String
    /// Its description, else its title.
    public var description: String?
}

extension Registry {
    /// The resources of `provider.service` that are listed (not the hidden ones kept for old names), in the
    /// service's order.
    ///
    /// The list is kept in the registry cache beside the resources' parts (keyed by the document's path, size and
    /// modification time), so only the first process that lists a service loads its whole document: listing the
    /// resources of compute again reads a few kilobytes instead of parsing megabytes.
    ///
    /// - Throws: what ``service(provider:name:)`` throws for the service.
    public func resourceList(provider providerName: String, service serviceName: String) throws -> [ResourceSummary] {
        if let loaded = cachedService(provider: providerName, name: serviceName) { return Self.summaries(of: loaded) }
        if let file = try? serviceLocation(provider: providerName, service: serviceName).file,
           let listed = cachedList(of: file, provider: providerName, service: serviceName) {
            return listed
        }
        return Self.summaries(of: try service(provider: providerName, name: serviceName))
    }

    /// The list kept for the document `file`, made from the whole service when none is kept yet; nil when the
    /// service does not load (the caller loads it again, for its error).
    private func cachedList(of file: URL, provider providerName: String, service serviceName: String) -> [ResourceSummary]? {
        let listed = reader.cached(from: file, variant: "resources/\(ServiceDocumentIndex.version)/listed") {
            guard let service = try? service(provider: providerName, name: serviceName) else { return nil }
            return .array(Self.summaries(of: service).map { summary in
                .object([("name", .string(summary.name)), ("id", .string(summary.id)),
                         ("description", summary.description.map(JSONValue.string) ?? .null)])
            })
        }
        guard case .array(let items)? = listed else { return nil }
        let summaries = items.compactMap { item -> ResourceSummary? in
            guard let name = item["name"]?.stringValue, let id = item["id"]?.stringValue else { return nil }
            return ResourceSummary(name: name, id: id, description: item["description"]?.stringValue)
        }
        return summaries.count == items.count ? summaries : nil
    }

    private static func summaries(of service: ProviderService) -> [ResourceSummary] {
        service.resources.filter { !$0.isHidden }.map {
            ResourceSummary(name: $0.name, id: $0.id, description: $0.description ?? $0.title)
        }
    }
}
