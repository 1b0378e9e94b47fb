import Foundation

/// A resource of a service as `SHOW RESOURCES` and the shell's completion list it, without its methods.
public struct ResourceSummary: Sendable, Hashable {
    /// The resource's SQL name (`sessions`).
    public var name: String
    /// Its registry id (`google.dataproc.sessions`).
    public var id: String
    /// Its description, else its title.
    public var description: String?
    /// Hidden resources (kept for old names) are not listed.
    public var isHidden: Bool
}

extension Registry {
    /// The resources of `provider.service` (hidden ones too), in the service's order.
    ///
    /// The list is kept in the registry cache beside the resources' parts (keyed by the document's path, size and
    /// modification time), so only the first process that lists a service loads its whole document: listing the
    /// resources of compute again reads a few kilobytes instead of parsing megabytes.
    ///
    /// - Throws: what ``service(provider:name:)`` throws for the service.
    public func resourceList(provider providerName: String, service serviceName: String) throws -> [ResourceSummary] {
        if let loaded = cachedService(provider: providerName, name: serviceName) { return Self.summaries(of: loaded) }
        if let record = try? providerRecord(named: providerName, forService: serviceName),
           let entry = record.provider.services.first(where: { $0.name == serviceName }) {
            let file = documentURL(for: entry, in: record)
            let listed = reader.cached(from: file, variant: "resources/\(ServiceDocumentIndex.version)/list") {
                guard let service = try? service(provider: providerName, name: serviceName) else { return nil }
                return .array(Self.summaries(of: service).map { summary in
                    .object([("name", .string(summary.name)), ("id", .string(summary.id)),
                             ("description", summary.description.map(JSONValue.string) ?? .null),
                             ("hidden", .bool(summary.isHidden))])
                })
            }
            if case .array(let items)? = listed {
                let summaries = items.compactMap { item -> ResourceSummary? in
                    guard let name = item["name"]?.stringValue, let id = item["id"]?.stringValue else { return nil }
                    return ResourceSummary(name: name, id: id, description: item["description"]?.stringValue,
                                           isHidden: item["hidden"]?.boolValue ?? false)
                }
                if summaries.count == items.count { return summaries }
            }
        }
        return Self.summaries(of: try service(provider: providerName, name: serviceName))
    }

    private static func summaries(of service: ProviderService) -> [ResourceSummary] {
        service.resources.map {
            ResourceSummary(name: $0.name, id: $0.id, description: $0.description ?? $0.title, isHidden: $0.isHidden)
        }
    }
}
