import Foundation
import NIOCore

/// `REGISTRY PULL google [service …]`: reads Google's live Discovery directory and the documents it lists,
/// imports them with ``DiscoveryImporter`` and keeps them in the user's registry cache, where they take precedence
/// over the bundled copies (``Registry`` reads `<cache>/pulled` first).
///
/// ```swift
/// let summary = try await DiscoveryPull.pull(services: ["compute"], transport: transport,
///                                            into: DiscoveryPull.root(cacheDirectory: Registry.defaultCacheDirectory!))
/// ```
public enum DiscoveryPull {
    /// Google's Discovery directory.
    public static let directoryURL = "https://discovery.googleapis.com/discovery/v1/apis"

    /// The pulled registry inside a registry cache folder.
    public static func root(cacheDirectory: URL) -> URL {
        cacheDirectory.appendingPathComponent("pulled")
    }

    /// A pull that could not be made: the URL and what went wrong, with what to do.
    public struct Failure: Error, CustomStringConvertible, LocalizedError, Sendable {
        public var description: String
        public var errorDescription: String? { description }
    }

    /// Pulls `services` (StackQL names: `compute`, `iamv2beta`; an API's name pulls its preferred version; empty:
    /// every preferred API) into the registry at `root`.
    ///
    /// - Parameters:
    ///   - directory: the directory list's URL (an emulator's in tests); each document is fetched from the
    ///     `discoveryRestUrl` the list gives.
    ///   - overlays: the overlays folder the bundled registry was imported with, or nil.
    /// - Returns: the import summary (services written, failures).
    /// - Throws: ``Failure`` when the directory cannot be read or names none of `services`.
    public static func pull(services: [String], directory: String = directoryURL, transport: any HTTPTransport,
                            timeout: Duration = .seconds(60), into root: URL, overlays: URL? = nil) async throws -> ImportSummary {
        let listing = try await fetch(directory, transport: transport, timeout: timeout)
        guard let list = try? JSONValue(parsing: Data(listing)), let items = list["items"]?.elements else {
            throw Failure(description: "\(directory) did not answer with a Discovery directory list")
        }
        var wanted: [(api: String, version: String, url: String)] = []
        var known: [String] = []
        for item in items {
            guard let api = item["name"]?.stringValue, let version = item["version"]?.stringValue,
                  let url = item["discoveryRestUrl"]?.stringValue else { continue }
            let preferred = item["preferred"]?.boolValue == true
            let name = DiscoveryImporter.serviceName(api: api, version: version, preferred: preferred)
            known.append(name)
            let asked = services.isEmpty ? preferred
                : services.contains(name) || (preferred && services.contains(DiscoveryImporter.serviceName(api: api, version: version, preferred: true)))
            if asked { wanted.append((api, version, url)) }
        }
        if wanted.isEmpty {
            let missing = services.joined(separator: ", ")
            throw Failure(description: "Google's Discovery directory has no API named \(missing)"
                + NameSuggester.suggestions(for: services.first ?? "", among: known).prefix(3).map { "; did you mean \($0)?" }.joined())
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stackq-pull-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var files: [URL] = []
        let directoryFile = scratch.appendingPathComponent("directory.json")
        try Data(listing).write(to: directoryFile)
        files.append(directoryFile)
        for item in wanted {
            let bytes = try await fetch(item.url, transport: transport, timeout: timeout)
            let file = scratch.appendingPathComponent("\(item.api).\(item.version).json")
            try Data(bytes).write(to: file)
            files.append(file)
        }
        return try DiscoveryImporter.importDocuments(files, into: root, overlaysDirectory: overlays, compress: true)
    }

    private static func fetch(_ url: String, transport: any HTTPTransport, timeout: Duration) async throws -> [UInt8] {
        let response: HTTPResponse
        do {
            response = try await transport.send(HTTPRequest(method: "GET", url: url,
                                                            headers: [("User-Agent", StackQVersion.userAgent)]),
                                                timeout: timeout)
        } catch let error as TransportError {
            let hint = error.kind == .cannotResolve || error.kind == .connectionRefused
                ? " — no network? The bundled registry still serves every API it shipped with; run REGISTRY PULL again when online"
                : ""
            throw Failure(description: "cannot read \(url): \(error.reason)\(hint)")
        }
        guard response.status == 200 else {
            throw Failure(description: "\(url) answered HTTP \(response.status)")
        }
        return Array(response.body.readableBytesView)
    }
}
