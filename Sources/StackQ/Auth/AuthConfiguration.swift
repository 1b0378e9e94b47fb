import Foundation

/// Per-provider credentials, in StackQL's `--auth` JSON shape:
/// `{"google": {"type": "bearer", "credentialsenvvar": "GOOGLE_TOKEN"}, "homebrew": {"type": "null_auth"}}`.
///
/// Supported so far: `bearer` (the access token is read from the environment variable `credentialsenvvar`) and
/// `null_auth`. Service-account keys, authorized_user and ADC come with the authentication work.
public struct AuthConfiguration: Sendable, Hashable {
    public enum Method: Sendable, Hashable {
        /// `Authorization: Bearer <token>`, the token from an environment variable.
        case bearerEnvironment(variable: String)
        /// No Authorization header.
        case anonymous
    }

    public var providers: [String: Method]

    public init(providers: [String: Method] = [:]) {
        self.providers = providers
    }

    /// Parses the `--auth` JSON.
    public init(json: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: json)
        } catch {
            throw AuthError(message: "--auth is not valid JSON: \(error)")
        }
        guard case .object(let members) = value else {
            throw AuthError(message: "--auth must be a JSON object keyed by provider, e.g. {\"google\": {\"type\": \"bearer\", \"credentialsenvvar\": \"GOOGLE_TOKEN\"}}")
        }
        var providers: [String: Method] = [:]
        for (provider, entry) in members {
            let type = entry["type"]?.stringValue ?? ""
            switch type {
            case "bearer":
                guard let variable = entry["credentialsenvvar"]?.stringValue, !variable.isEmpty else {
                    throw AuthError(message: "--auth for \(provider): type bearer needs \"credentialsenvvar\", the environment variable holding the token")
                }
                providers[provider] = .bearerEnvironment(variable: variable)
            case "null_auth":
                providers[provider] = .anonymous
            default:
                throw AuthError(message: "--auth for \(provider): type '\(type)' is not supported yet (supported: bearer, null_auth)")
            }
        }
        self.providers = providers
    }
}

/// Credentials that could not be read or used.
public struct AuthError: Error, CustomStringConvertible, LocalizedError, Sendable {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
