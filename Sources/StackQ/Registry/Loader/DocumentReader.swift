import Foundation

/// Reads registry documents (`.json`, `.yaml`, `.yml`) into ``JSONValue`` trees.
///
/// YAML is slow to parse (Yams needs most of a second for a 3.4 MB service document), so when a cache folder is
/// given, each YAML file's tree is also written there as JSON, keyed by the file's path, size and modification
/// time; the next process reads the JSON instead. A cache that cannot be written is skipped, never an error.
struct DocumentReader: Sendable {
    /// Where converted YAML documents are kept; nil disables the cache.
    var cacheDirectory: URL?

    /// The parsed document at `url`.
    ///
    /// - Throws: ``RegistryError/malformedDocument(path:reason:)`` when the file is unreadable or not valid.
    func read(_ url: URL) throws -> JSONValue {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw RegistryError.malformedDocument(path: url.path, reason: "cannot be read (\(error.localizedDescription))")
        }
        let isJSON = url.pathExtension.lowercased() == "json"
        do {
            if isJSON { return try JSONValue(parsing: data) }
            return try readYAML(data, url: url)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.malformedDocument(path: url.path, reason: "is not valid \(isJSON ? "JSON" : "YAML"): \(error)")
        }
    }

    private func readYAML(_ data: Data, url: URL) throws -> JSONValue {
        let cacheURL = cacheDirectory.flatMap { cacheFile(for: url, in: $0) }
        if let cacheURL, let cached = try? Data(contentsOf: cacheURL),
           let value = try? JSONValue(parsing: cached) {
            return value
        }
        let value = try YAMLDocumentReader.parse(String(decoding: data, as: UTF8.self))
        if let cacheURL {
            try? FileManager.default.createDirectory(at: cacheURL.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            try? Data(value.serialized().utf8).write(to: cacheURL, options: .atomic)
        }
        return value
    }

    /// The cache file for `url`: a hash of its absolute path, size and modification time.
    private func cacheFile(for url: URL, in directory: URL) -> URL? {
        let path = url.standardizedFileURL.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = "\(path)|\(size)|\(modified)"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let name = url.deletingPathExtension().lastPathComponent
        return directory.appendingPathComponent("\(name)-\(String(hash, radix: 16)).json")
    }

    /// The default cache folder: `$XDG_CACHE_HOME/stackq/registry`, else `~/.cache/stackq/registry`.
    static var defaultCacheDirectory: URL? {
        let environment = ProcessInfo.processInfo.environment
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("stackq/registry")
        }
        if let home = environment["HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).appendingPathComponent(".cache/stackq/registry")
        }
        return nil
    }
}
