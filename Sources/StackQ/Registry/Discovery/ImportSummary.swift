/// What a Discovery import did.
public struct ImportSummary: Sendable, Hashable {
    /// One imported service.
    public struct ImportedService: Sendable, Hashable {
        /// The service name in the registry (`dataproc`, or `aiplatform_v1beta1` for a second version).
        public var name: String
        /// The Discovery document it came from.
        public var file: String
        public var resourceCount: Int
        public var methodCount: Int
        /// True when an overlay was applied.
        public var overlaid: Bool
    }

    /// One document that could not be imported, and why.
    public struct Failure: Sendable, Hashable {
        public var file: String
        public var message: String
    }

    /// The services written, in input order.
    public var imported: [ImportedService]
    /// Discovery directory lists (`index.json`) that were read for preferred versions.
    public var directoryLists: [String]
    public var failures: [Failure]
    /// The provider document written.
    public var providerFile: String

    /// A short human-readable report: one line per service and failure, then the totals.
    public var report: String {
        var lines = imported.map { service in
            "imported \(service.name) (\(service.resourceCount) resources, \(service.methodCount) methods"
                + (service.overlaid ? ", overlay applied" : "") + ") from \(service.file)"
        }
        lines += failures.map { "FAILED \($0.file): \($0.message)" }
        let documents = imported.count + directoryLists.count
        var total = "imported \(documents), failed \(failures.count)"
        if !directoryLists.isEmpty { total += " (\(imported.count) services, \(directoryLists.count) directory list)" }
        lines.append(total)
        lines.append("wrote \(providerFile)")
        return lines.joined(separator: "\n")
    }
}
