import Foundation

/// Produces the Authorization header value for a provider's requests. The value is never logged or printed.
struct Authenticator: Sendable {
    let configuration: AuthConfiguration
    let environment: [String: String]
    /// Learns every token handed out, so that no message shows it.
    let redactor: Redactor?

    init(configuration: AuthConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment,
         redactor: Redactor? = nil) {
        self.configuration = configuration
        self.environment = environment
        self.redactor = redactor
    }

    /// The header value (`Bearer …`), or nil when the provider sends none.
    func authorization(for provider: String) throws -> String? {
        switch configuration.providers[provider] {
        case .bearerEnvironment(let variable):
            // A token read from a file ends with a newline, which is no part of it (and not valid in a header).
            guard let token = environment[variable]?.trimmingWhitespace(), !token.isEmpty else {
                throw AuthError(message: "the \(provider) token is read from the environment variable \(variable), which is not set")
            }
            redactor?.register(token)
            return "Bearer \(token)"
        case .anonymous?, nil:
            return nil
        }
    }
}
