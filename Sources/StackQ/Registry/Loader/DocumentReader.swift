import Foundation

/// Reads registry documents (`.json`, `.yaml`, `.yml`) into ``JSONValue`` trees.
///
/// YAML is slow to parse (Yams needs most of a second for a 3.4 MB service document), so when a cache folder is
/// given, each YAML file's tree is also written there as JSON, keyed by the file's path, size and modification
/// time; the next process reads the JSON instead. The same cache keeps what is derived from a document (the part
/// of a service document one resource needs, see ``Registry/indexedResource(provider:service:resource:)``). A
/// cache that cannot be written is skipped, never an error.
struct DocumentReader: Sendable {
    /// Where converted YAML documents are kept; nil disables the cache.
    var cacheDirectory: URL?

    /// The parsed document at `url`.
    ///
    /// - Throws: ``RegistryError/malformedDocument(path:reason:)`` when the file is unreadable, longer than
    ///   ``maximumDocumentBytes``, or not valid (a YAML document past ``YAMLDocumentReader``'s limits is not).
    /// The largest registry document read; the largest Google service converts to a few MB.
    static let maximumDocumentBytes = 128 << 20

    func read(_ url: URL) throws -> JSONValue {
        let data = try Self.bytes(of: url)
        let isJSON = Self.isJSON(url)
        do {
            if isJSON { return try JSONValue(parsing: data) }
            return try readYAML(data, url: url)
        } catch let error as RegistryError {
            throw error
        } catch {
            throw RegistryError.malformedDocument(path: url.path, reason: "is not valid \(isJSON ? "JSON" : "YAML"): \(error)")
        }
    }

    /// The bytes of the document at `url`, decompressed when it is gzip (`dataproc.json.gz`, as the bundled
    /// registry ships them).
    ///
    /// - Throws: ``RegistryError/malformedDocument(path:reason:)`` when the file is unreadable, or it or what it
    ///   decompresses to is longer than ``maximumDocumentBytes``.
    static func bytes(of url: URL) throws -> Data {
        let data: Data
        do {
            data = Data(try BoundedFile.read(url.path, limit: DocumentReader.maximumDocumentBytes, what: "a registry document"))
        } catch let failure as BoundedFile.Failure {
            throw RegistryError.malformedDocument(path: url.path, reason: "cannot be read (\(failure.reason))")
        }
        guard Gzip.isCompressed(data) else { return data }
        do {
            return try Gzip.decompress(data, limit: maximumDocumentBytes)
        } catch {
            throw RegistryError.malformedDocument(path: url.path, reason: "is not valid gzip (\(error))")
        }
    }

    /// True for `.json` and `.json.gz` documents.
    static func isJSON(_ url: URL) -> Bool {
        let lowered = url.lastPathComponent.lowercased()
        return lowered.hasSuffix(".json") || lowered.hasSuffix(".json.gz")
    }

    private func readYAML(_ data: Data, url: URL) throws -> JSONValue {
        var failure: (any Error)?
        let value = cached(from: url, variant: "") {
            do {
                return try YAMLDocumentReader.parse(String(decoding: data, as: UTF8.self), path: url.path)
            } catch {
                failure = error
                return nil
            }
        }
        if let value { return value }
        throw failure ?? RegistryError.malformedDocument(path: url.path, reason: "is not valid YAML")
    }

    /// A value derived from the document at `url` (its `variant`: "" for the document itself): read from the
    /// cache when it holds one for the file as it is now, else made by `derive` and written there. Nil when
    /// `derive` gives nil; a cache that cannot be read or written is skipped, never an error.
    func cached(from url: URL, variant: String, derive: () -> JSONValue?) -> JSONValue? {
        let cacheURL = cacheDirectory.flatMap { cacheFile(for: url, variant: variant, in: $0) }
        if let cacheURL, let bytes = try? Data(contentsOf: cacheURL), let value = try? JSONValue(parsing: bytes) {
            return value
        }
        guard let value = derive() else { return nil }
        if let cacheURL {
            try? FileManager.default.createDirectory(at: cacheURL.deletingLastPathComponent(),
                                                     withIntermediateDirectories: true)
            try? Data(value.serialized().utf8).write(to: cacheURL, options: .atomic)
            DocumentReader.prune(cacheURL.deletingLastPathComponent())
        }
        return value
    }

    /// How long a cache file is kept after it was written: a file's key changes whenever its document does, so
    /// old keys are never read again and would otherwise pile up.
    static let cacheLifetime: TimeInterval = 30 * 24 * 3600

    /// Removes the cache files written more than ``cacheLifetime`` ago (only when a new one is written).
    static func prune(_ directory: URL, now: Date = Date()) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names where name.hasSuffix(".json") {
            let file = directory.appendingPathComponent(name)
            guard let modified = (try? manager.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date,
                  now.timeIntervalSince(modified) > cacheLifetime else { continue }
            try? manager.removeItem(at: file)
        }
    }

    /// The cache file for `url` and `variant`: a hash of the file's absolute path, size and modification time
    /// and of the variant.
    private func cacheFile(for url: URL, variant: String, in directory: URL) -> URL? {
        let path = url.standardizedFileURL.path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let key = variant.isEmpty ? "\(path)|\(size)|\(modified)" : "\(path)|\(size)|\(modified)|\(variant)"
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
