import Foundation

/// Produces the Authorization header value for a provider's requests. The value is never logged or printed.
struct Authenticator: Sendable {
    let configuration: AuthConfiguration
    let environment: [String: String]

    init(configuration: AuthConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.configuration = configuration
        self.environment = environment
    }

    /// The header value (`Bearer …`), or nil when the provider sends none.
    func authorization(for provider: String) throws -> String? {
        switch configuration.providers[provider] {
        case .bearerEnvironment(let variable):
            guard let token = environment[variable], !token.isEmpty else {
                throw AuthError(message: "the \(provider) token is read from the environment variable \(variable), which is not set")
            }
            return "Bearer \(token)"
        case .anonymous?, nil:
            return nil
        }
    }
}
