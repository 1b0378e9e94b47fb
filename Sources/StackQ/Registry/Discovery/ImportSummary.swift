/// What a Discovery import did.
public struct ImportSummary: Sendable, Hashable {
    /// One imported service.
    public struct ImportedService: Sendable, Hashable {
        /// The service name in the registry (`dataproc`, or `aiplatform_v1beta1` for a second version).
        public var name: String
        /// The Discovery document it came from.
        public var file: String
        /// How many resources the written service holds.
        public var resourceCount: Int
        /// How many methods the written service holds, over all its resources.
        public var methodCount: Int
        /// True when an overlay was applied.
        public var overlaid: Bool
    }

    /// One document that could not be imported, and why.
    public struct Failure: Sendable, Hashable {
        /// The path of the document.
        public var file: String
        /// Why it failed, as the error says it.
        public var message: String
    }

    /// A read method of an imported service that no SELECT can reach.
    public struct UnreachableMethod: Sendable, Hashable {
        /// `google.compute.instances`.
        public var resource: String
        /// The method's name in the resource.
        public var method: String
        /// Why no SELECT reaches it: a GET method listed under another verb, or one shadowed by a method that wins
        /// whenever its parameters are bound.
        public var reason: String
    }

    /// The services written, in input order.
    public var imported: [ImportedService]
    /// Discovery directory lists (`index.json`) that were read for preferred versions.
    public var directoryLists: [String]
    /// Documents that could not be read or converted, and (with `verify`) services that do not load back.
    public var failures: [Failure]
    /// The provider document written.
    public var providerFile: String
    /// Read methods no SELECT can reach (GET methods left to EXEC, SELECT methods another one always wins over).
    public var unreachable: [UnreachableMethod] = []

    /// A short human-readable report: one line per service and failure, then the totals.
    public var report: String {
        var lines = imported.map { service in
            "imported \(service.name) (\(service.resourceCount) resources, \(service.methodCount) methods"
                + (service.overlaid ? ", overlay applied" : "") + ") from \(service.file)"
        }
        lines += failures.map { "FAILED \($0.file): \($0.message)" }
        lines += unreachable.map { "UNREACHABLE \($0.resource).\($0.method): \($0.reason)" }
        let documents = imported.count + directoryLists.count
        var total = "imported \(documents), failed \(failures.count)"
        if !directoryLists.isEmpty { total += " (\(imported.count) services, \(directoryLists.count) directory list)" }
        lines.append("unreachable read methods: \(unreachable.count)")
        lines.append(total)
        lines.append("wrote \(providerFile)")
        return lines.joined(separator: "\n")
    }
}
