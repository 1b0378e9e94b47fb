import Foundation
import Yams

/// Imports Google Discovery documents into a StackQL-format registry folder.
///
/// ```swift
/// let summary = try DiscoveryImporter.importDocuments(
///     [URL(fileURLWithPath: "providers/discovery/dataproc.v1.json")],
///     into: URL(fileURLWithPath: "providers"),
///     overlaysDirectory: URL(fileURLWithPath: "providers/overlays"))
/// print(summary.report)
/// ```
/// writes `providers/src/google/v00.00.00000/services/dataproc.json` and adds dataproc to that folder's
/// `provider.yaml` (services already listed there are kept). Conversion rules are on the internal `DiscoveryConverter`.
///
/// Several versions of one API in one import: the preferred one (per a Discovery directory list such as
/// `index.json`, if given, else stable over beta over alpha, then the highest version) is named after the API
/// (`aiplatform`), the others get the version appended (`aiplatform_v1beta1`).
public enum DiscoveryImporter {
    /// The provider imported documents belong to.
    public static let providerName = "google"
    /// The registry version folder written.
    public static let providerVersion = "v00.00.00000"

    private struct Parsed {
        var file: URL
        var document: JSONValue
        var apiName: String
        var version: String
    }

    /// Imports `files` into `outputRoot` (the folder that holds, or will hold, `src`).
    ///
    /// A document that cannot be converted is reported in the summary's failures; the others are still written.
    ///
    /// - Parameters:
    ///   - files: Discovery documents (`*.json`); a Discovery directory list among them only sets preferred versions.
    ///   - outputRoot: the registry folder to write into.
    ///   - overlaysDirectory: the folder holding `google/<service>.json` overlays, or nil for none.
    ///   - verify: load every written service back through ``Registry`` and check each method's path parameters
    ///     and row schema; a service that fails is reported as a failure.
    ///   - compress: write `<service>.json.gz` and a `provider.json` (the bundled registry: every Google API in a
    ///     tenth of the space, and a provider document that needs no YAML parse).
    /// - Throws: ``RegistryError`` when the output cannot be written or an overlay is malformed.
    public static func importDocuments(_ files: [URL], into outputRoot: URL, overlaysDirectory: URL?,
                                       verify: Bool = false, compress: Bool = false) throws -> ImportSummary {
        let providerDirectory = outputRoot.appendingPathComponent("src/\(providerName)/\(providerVersion)")
        let servicesDirectory = providerDirectory.appendingPathComponent("services")
        do {
            try FileManager.default.createDirectory(at: servicesDirectory, withIntermediateDirectories: true)
        } catch {
            throw RegistryError.importFailed(file: servicesDirectory.path, reason: "cannot create the folder (\(error.localizedDescription))")
        }
        var failures: [ImportSummary.Failure] = []
        var parsed: [Parsed] = []
        var directoryLists: [String] = []
        var preferred: [String: String] = [:]
        let reader = DocumentReader(cacheDirectory: nil)
        for file in files {
            do {
                let document = try reader.read(file)
                if document["kind"]?.stringValue == "discovery#directoryList" {
                    for item in document["items"]?.elements ?? [] where item["preferred"]?.boolValue == true {
                        if let name = item["name"]?.stringValue, let version = item["version"]?.stringValue {
                            preferred[name] = version
                        }
                    }
                    directoryLists.append(file.path)
                    continue
                }
                guard let name = document["name"]?.stringValue, document["resources"] != nil || document["methods"] != nil else {
                    throw RegistryError.importFailed(file: file.path, reason: "not a Discovery REST description (no name or resources)")
                }
                parsed.append(Parsed(file: file, document: document, apiName: name,
                                     version: document["version"]?.scalarText ?? ""))
            } catch {
                failures.append(.init(file: file.path, message: "\(error)"))
            }
        }
        let serviceNames = assignServiceNames(parsed.map { ($0.apiName, $0.version, $0.document) }, preferred: preferred)
        var imported: [ImportSummary.ImportedService] = []
        var unreachable: [ImportSummary.UnreachableMethod] = []
        var entries: [ServiceEntry] = []
        for (offset, item) in parsed.enumerated() {
            let serviceName = serviceNames[offset]
            do {
                var document = item.document
                var aliases: [DiscoveryConverter.Alias] = []
                let overlay = try DiscoveryOverlay.load(directory: overlaysDirectory, provider: providerName,
                                                        service: serviceName)
                let applies = overlay.map { $0.version == nil || $0.version == item.version } ?? false
                if let overlay, applies {
                    document = overlay.apply(to: document)
                    aliases = overlay.aliases
                }
                let converted = try DiscoveryConverter(document: document, serviceName: serviceName,
                                                       providerName: providerName, aliases: aliases).convert()
                let fileName = compress ? "\(serviceName).json.gz" : "\(serviceName).json"
                let output = servicesDirectory.appendingPathComponent(fileName)
                let text = Data(converted.serialized().utf8)
                try (compress ? try Gzip.compress(text) : text).write(to: output, options: .atomic)
                if compress {
                    try? FileManager.default.removeItem(at: servicesDirectory.appendingPathComponent("\(serviceName).json"))
                }
                let loaded = try ServiceDocumentLoader(document: converted, path: output.path, providerName: providerName,
                                                       serviceName: serviceName, providerPagination: nil).load()
                unreachable += SelectReachability.findings(in: loaded).map {
                    .init(resource: $0.resource, method: $0.method, reason: $0.reason)
                }
                let resources = converted["components"]?["x-stackQL-resources"]?.members ?? []
                imported.append(.init(name: serviceName, file: item.file.path, resourceCount: resources.count,
                                      methodCount: resources.reduce(0) { $0 + ($1.value["methods"]?.members.count ?? 0) },
                                      overlaid: applies))
                entries.append(ServiceEntry(
                    name: serviceName, id: "\(serviceName):\(providerVersion)",
                    title: document["title"]?.scalarText, description: document["description"]?.scalarText,
                    version: providerVersion, preferred: true,
                    documentReference: "\(providerName)/\(providerVersion)/services/\(fileName)"))
                entries[entries.count - 1].revision = document["revision"]?.scalarText
            } catch let error as RegistryError {
                if case .malformedDocument = error { throw error }
                failures.append(.init(file: item.file.path, message: "\(error)"))
            } catch {
                failures.append(.init(file: item.file.path, message: "\(error)"))
            }
        }
        let jsonProvider = providerDirectory.appendingPathComponent("provider.json")
        let asJSON = compress || FileManager.default.fileExists(atPath: jsonProvider.path)
        let providerFile = asJSON ? jsonProvider : providerDirectory.appendingPathComponent("provider.yaml")
        if !entries.isEmpty || !FileManager.default.fileExists(atPath: providerFile.path) {
            try writeProviderDocument(to: providerFile, adding: entries)
        }
        if verify {
            let registry = Registry(root: outputRoot, cacheDirectory: nil)
            var verified: [ImportSummary.ImportedService] = []
            for service in imported {
                do {
                    try check(try registry.service(provider: providerName, name: service.name), in: registry)
                    verified.append(service)
                } catch {
                    failures.append(.init(file: service.file, message: "imported but does not load back: \(error)"))
                }
            }
            imported = verified
        }
        return ImportSummary(imported: imported, directoryLists: directoryLists, failures: failures,
                             providerFile: providerFile.path, unreachable: unreachable)
    }

    /// Checks that every method's path parameters match its path template and every table has a row schema
    /// whose columns can be listed.
    private static func check(_ service: ProviderService, in registry: Registry) throws {
        for resource in service.resources {
            for method in resource.methods {
                let variables = Set(PathTemplate(method.path).variables)
                let pathParameters = Set(method.parameters.filter { $0.location == .path }.map(\.name))
                guard variables == pathParameters else {
                    throw RegistryError.importFailed(
                        file: resource.id, reason: "method \(method.name) has path \(method.path) but parameters \(pathParameters.sorted())")
                }
            }
            if let select = Registry.preferredSelectMethod(of: resource), select.response.schema != nil,
               registry.rowSchema(of: resource, in: service) == nil {
                throw RegistryError.importFailed(file: resource.id, reason: "has no row schema for \(select.name)")
            }
        }
    }

    // MARK: Service names

    /// The service name of each document: the preferred version of an API is named after it (`iam`), the others
    /// `<api><version>` as StackQL names them (`iamv2`, `iamv2beta`, `computealpha`).
    ///
    /// The preferred version is the one a Discovery directory list among the inputs marks preferred; without
    /// one, the most stable version that is kept up to date and whole: stable over beta over alpha, of those the
    /// highest version whose revision is within a year of the API's newest and that has at least a quarter of the
    /// methods of the largest at that stability (so `run` is v2 and `iam` stays v1 beside the six-method v2, and
    /// `dns` v1 beside a v2 last revised years ago).
    static func assignServiceNames(_ documents: [(api: String, version: String, document: JSONValue)],
                                   preferred: [String: String]) -> [String] {
        var byAPI: [String: [Int]] = [:]
        for (offset, item) in documents.enumerated() { byAPI[item.api, default: []].append(offset) }
        var names = [String](repeating: "", count: documents.count)
        for (api, indices) in byAPI {
            let chosen = preferred[api] != nil ? indices.first { documents[$0].version == preferred[api] }
                : preferredIndex(indices.map { (index: $0, version: documents[$0].version,
                                                 revision: Int(documents[$0].document["revision"]?.scalarText ?? "") ?? 0,
                                                 methods: methodCount(documents[$0].document)) })
            for index in indices {
                names[index] = serviceName(api: api, version: documents[index].version, preferred: index == chosen)
            }
        }
        return names
    }

    /// A version's service name: the API's own for the preferred version (`iam`), else `<api><version>` (`iamv2beta`).
    public static func serviceName(api: String, version: String, preferred: Bool) -> String {
        preferred ? sanitize(api) : sanitize(api) + sanitize(version)
    }

    private static func preferredIndex(_ candidates: [(index: Int, version: String, revision: Int, methods: Int)]) -> Int {
        let newest = candidates.map(\.revision).max() ?? 0
        for level in [2, 1, 0] {
            let same = candidates.filter { stability($0.version) == level }
            guard let largest = same.map(\.methods).max() else { continue }
            // Revisions are dates (20261031): a year is 10000.
            let maintained = same.filter { $0.revision >= newest - 10_000 && $0.methods * 4 >= largest }
            if let best = maintained.max(by: { ranksLower($0.version, than: $1.version) }) { return best.index }
        }
        return candidates.max { ranksLower($0.version, than: $1.version) }!.index
    }

    private static func methodCount(_ node: JSONValue) -> Int {
        (node["methods"]?.members.count ?? 0)
            + (node["resources"]?.members ?? []).reduce(0) { $0 + methodCount($1.value) }
    }

    private static func stability(_ version: String) -> Int {
        let lowered = version.lowercased()
        return lowered.contains("alpha") ? 0 : (lowered.contains("beta") ? 1 : 2)
    }

    /// Whether `lhs` is less preferred than `rhs`: stable over beta over alpha, then the higher version numbers.
    private static func ranksLower(_ lhs: String, than rhs: String) -> Bool {
        func numbers(_ version: String) -> [Int] {
            version.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        }
        if stability(lhs) != stability(rhs) { return stability(lhs) < stability(rhs) }
        let (left, right) = (numbers(lhs), numbers(rhs))
        if left != right { return left.lexicographicallyPrecedes(right) }
        return lhs < rhs
    }

    private static func sanitize(_ name: String) -> String {
        String(NameCase.snake(name).map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    }

    // MARK: provider.yaml

    private static func writeProviderDocument(to file: URL, adding entries: [ServiceEntry]) throws {
        var services: [String: ServiceEntry] = [:]
        if FileManager.default.fileExists(atPath: file.path) {
            let existing = try ProviderDocumentLoader.load(directory: file.deletingLastPathComponent(),
                                                           reader: DocumentReader(cacheDirectory: nil))
            for entry in existing.provider.services { services[entry.name] = entry }
        }
        for entry in entries { services[entry.name] = entry }
        func mapping(_ pairs: [(String, Node)]) -> Node {
            Node(pairs.map { (Node($0.0), $0.1) })
        }
        let serviceNodes: [(String, Node)] = services.keys.sorted().map { name in
            let entry = services[name]!
            var pairs: [(String, Node)] = [
                ("id", Node(entry.id)),
                ("name", Node(entry.name)),
                ("preferred", Node(entry.preferred ? "true" : "false", Tag(.bool))),
                ("service", mapping([("$ref", Node(entry.documentReference))])),
            ]
            if let title = entry.title { pairs.append(("title", Node(title))) }
            if let version = entry.version { pairs.append(("version", Node(version))) }
            if let description = entry.description { pairs.append(("description", Node(description))) }
            return (name, mapping(pairs))
        }
        if file.pathExtension == "json" {
            let yaml = file.deletingPathExtension().appendingPathExtension("yaml")
            try? FileManager.default.removeItem(at: yaml)
            let services: [(key: String, value: JSONValue)] = services.keys.sorted().map { name in
                let entry = services[name]!
                return (name, .fields([
                    ("id", .string(entry.id)),
                    ("name", .string(entry.name)),
                    ("preferred", .bool(entry.preferred)),
                    ("service", .fields([("$ref", .string(entry.documentReference))])),
                    ("title", .text(entry.title)),
                    ("version", .text(entry.version)),
                    ("description", .text(entry.description)),
                    ("revision", .text(entry.revision)),
                ]))
            }
            let root = JSONValue.fields([
                ("id", .string(providerName)),
                ("name", .string(providerName)),
                ("version", .string(providerVersion)),
                ("providerServices", .object(services)),
                ("config", .fields([("auth", .fields([
                    ("type", .string("service_account")),
                    ("credentialsenvvar", .string("GOOGLE_CREDENTIALS")),
                ]))])),
            ])
            do {
                try Data(root.serialized().utf8).write(to: file, options: .atomic)
            } catch {
                throw RegistryError.importFailed(file: file.path, reason: "cannot write the provider document (\(error))")
            }
            return
        }
        let root = mapping([
            ("id", Node(providerName)),
            ("name", Node(providerName)),
            ("version", Node(providerVersion)),
            ("providerServices", mapping(serviceNodes)),
            ("config", mapping([("auth", mapping([
                ("type", Node("service_account")),
                ("credentialsenvvar", Node("GOOGLE_CREDENTIALS")),
            ]))])),
        ])
        do {
            let text = try Yams.serialize(node: root, width: -1)
            try text.write(to: file, atomically: true, encoding: .utf8)
        } catch {
            throw RegistryError.importFailed(file: file.path, reason: "cannot write the provider document (\(error))")
        }
    }
}
