import Foundation

/// A provider as found on disk: the model value plus what loading its services needs.
struct ProviderRecord: Sendable {
    var provider: Provider
    /// The `src/<folder>/<version>` directory holding `provider.yaml`.
    var directory: URL
    /// The provider-level `config.pagination`, inherited by methods that configure none.
    var pagination: Pagination?
}

/// Reads `provider.yaml` files of a StackQL-format registry.
enum ProviderDocumentLoader {
    /// The provider in `directory` (`src/<folder>/<version>`), read from its `provider.yaml` (or `provider.json`).
    static func load(directory: URL, reader: DocumentReader) throws -> ProviderRecord {
        let file = providerFile(in: directory)
        let document = try reader.read(file)
        guard document.isObject else {
            throw RegistryError.malformedDocument(path: file.path, reason: "is not a mapping")
        }
        let folderVersion = directory.lastPathComponent
        let name = document["name"]?.scalarText ?? document["id"]?.scalarText
            ?? directory.deletingLastPathComponent().lastPathComponent
        var services: [ServiceEntry] = []
        for (key, entry) in document["providerServices"]?.members ?? [] {
            guard let reference = entry["service"]?["$ref"]?.stringValue else {
                throw RegistryError.malformedDocument(path: file.path,
                                                      reason: "lists service '\(key)' without a service.$ref")
            }
            guard staysInsideTheRegistry(reference) else {
                throw RegistryError.malformedDocument(path: file.path, reason: "lists service '\(key)' at '\(reference)', outside the registry folder; a service.$ref is a relative path inside it")
            }
            services.append(ServiceEntry(
                name: entry["name"]?.scalarText ?? key,
                id: entry["id"]?.scalarText ?? "\(key):\(folderVersion)",
                title: entry["title"]?.scalarText,
                description: entry["description"]?.scalarText,
                version: entry["version"]?.scalarText,
                preferred: entry["preferred"]?.boolValue ?? true,
                documentReference: reference))
            services[services.count - 1].revision = entry["revision"]?.scalarText
        }
        services.sort { $0.name < $1.name }
        let config = document["config"]
        let provider = Provider(name: name,
                                version: document["version"]?.scalarText ?? folderVersion,
                                title: document["title"]?.scalarText,
                                description: document["description"]?.scalarText,
                                services: services,
                                authConfig: config?["auth"])
        return ProviderRecord(provider: provider, directory: directory,
                              pagination: config.flatMap { PaginationConfig.parse($0["pagination"]) })
    }

    /// Whether a document reference is a relative path that cannot leave the folder it is read from: no leading
    /// `/` or `~`, no `..` part. A provider document is data from outside; it may not make stackq read elsewhere.
    static func staysInsideTheRegistry(_ reference: String) -> Bool {
        guard !reference.isEmpty, !reference.hasPrefix("/"), !reference.hasPrefix("~"), !reference.contains("\0") else {
            return false
        }
        return !reference.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// `provider.yaml`, else `provider.yml` or `provider.json` when only those exist.
    static func providerFile(in directory: URL) -> URL {
        for name in ["provider.yaml", "provider.yml", "provider.json"] {
            let url = directory.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return directory.appendingPathComponent("provider.yaml")
    }

    /// The version folders of a provider folder that hold a provider document, newest first.
    static func versionDirectories(of providerFolder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: providerFolder.path)) ?? []
        return names.sorted(by: >).map { providerFolder.appendingPathComponent($0) }.filter { directory in
            ["provider.yaml", "provider.yml", "provider.json"].contains {
                FileManager.default.fileExists(atPath: directory.appendingPathComponent($0).path)
            }
        }
    }
}
