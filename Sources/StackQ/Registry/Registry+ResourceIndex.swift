import Foundation

extension Registry {
    /// The resource `provider.service.resource` loaded from its service document's index
    /// (``ServiceDocumentIndex``): only the parts of the document the resource reaches are parsed.
    ///
    /// The part of the document the resource needs is kept in the registry cache (keyed by the document's path,
    /// size and modification time), so only the first process that loads the resource scans the document.
    ///
    /// Nil whenever the index cannot answer — a YAML document, an outline that does not scan, no resource or more
    /// than one of that name, a part that does not load — and then the caller loads the whole service, which
    /// gives the same answer or the error a statement should see.
    func indexedResource(provider providerName: String, service serviceName: String,
                         resource name: String) -> (ProviderService, Resource)? {
        let serviceKey = "\(providerName).\(serviceName)"
        let key = "\(serviceKey).\(name)"
        if let loaded = resourceIndexes.resource(key) { return loaded }
        guard let (record, _, file) = try? serviceLocation(provider: providerName, service: serviceName),
              DocumentReader.isJSON(file) else { return nil }
        // The part a resource needs is cached beside converted YAML documents, so a later process reads a few
        // dozen kilobytes instead of scanning the whole document again.
        let subdocument = reader.cached(from: file, variant: "resource/\(ServiceDocumentIndex.version)/\(name)") {
            let index = resourceIndexes.index(for: serviceKey) {
                guard let bytes = try? DocumentReader.bytes(of: file) else { return nil }
                return try? ServiceDocumentIndex(bytes: bytes)
            }
            return try? index?.subdocument(forResource: name)
        }
        guard let document = subdocument,
              let service = try? ServiceDocumentLoader(document: document, path: file.path, providerName: providerName,
                                                       serviceName: serviceName,
                                                       providerPagination: record.pagination).load(),
              let resource = service.resource(named: name) else { return nil }
        return resourceIndexes.store((service, resource), for: key)
    }
}
