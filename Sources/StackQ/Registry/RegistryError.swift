import Foundation

/// Why the registry cannot answer: an unknown name (with the closest known names) or a broken document.
public enum RegistryError: Error, Sendable, Hashable, CustomStringConvertible, LocalizedError {
    /// No provider of that name; `suggestions` are the closest provider names.
    case unknownProvider(name: String, suggestions: [String])
    /// No service of that name in the provider; suggestions are full names (`google.dataproc`).
    case unknownService(provider: String, name: String, suggestions: [String])
    /// No resource of that name in the service; suggestions are full names (`google.dataproc.sessions`).
    case unknownResource(provider: String, service: String, name: String, suggestions: [String])
    /// No method of that name on the resource; suggestions are method names.
    case unknownMethod(resource: String, name: String, suggestions: [String])
    /// A document exists but cannot be used: the file and what is wrong with it.
    case malformedDocument(path: String, reason: String)
    /// The provider lists a service whose document is not in the registry.
    case missingServiceDocument(provider: String, service: String, path: String)
    /// No registry folder was found; `searched` lists the places tried, in order.
    case registryNotFound(searched: [String])
    /// A Google Discovery document could not be imported.
    case importFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case let .unknownProvider(name, suggestions):
            return "unknown provider '\(name)'" + Self.hint(suggestions, otherwise: "; SHOW PROVIDERS lists the providers")
        case let .unknownService(provider, name, suggestions):
            return "unknown service '\(name)' in provider \(provider)"
                + Self.hint(suggestions, otherwise: "; SHOW SERVICES IN \(provider) lists its services")
                + (provider == DiscoveryImporter.providerName
                   ? " (an API newer than this build: REGISTRY PULL google \(name) fetches it from Google's Discovery service)" : "")
        case let .unknownResource(provider, service, name, suggestions):
            return "unknown resource '\(name)' in \(provider).\(service)"
                + Self.hint(suggestions, otherwise: "; SHOW RESOURCES IN \(provider).\(service) lists its resources")
        case let .unknownMethod(resource, name, suggestions):
            return "unknown method '\(name)' of \(resource)"
                + Self.hint(suggestions, otherwise: "; SHOW METHODS IN \(resource) lists its methods")
        case let .malformedDocument(path, reason):
            return "registry document \(path) \(reason)"
        case let .missingServiceDocument(provider, service, path):
            return "service \(provider).\(service) is listed in the registry, but its document \(path) does not exist"
        case let .registryNotFound(searched):
            return "no provider registry found (looked in: \(searched.joined(separator: ", "))); "
                + "pass --registry DIR or set STACKQ_REGISTRY"
        case let .importFailed(file, reason):
            return "cannot import \(file): \(reason)"
        }
    }

    public var errorDescription: String? { description }

    private static func hint(_ suggestions: [String], otherwise fallback: String) -> String {
        guard !suggestions.isEmpty else { return fallback }
        let quoted = suggestions.count == 1
            ? suggestions[0]
            : suggestions.dropLast().joined(separator: ", ") + " or " + suggestions[suggestions.count - 1]
        return "; did you mean \(quoted)?"
    }
}
