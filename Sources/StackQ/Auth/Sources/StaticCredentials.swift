import Foundation

/// A token or Basic credential read from an environment variable: never refreshed, trimmed of white space.
struct EnvironmentCredentials: CredentialSource {
    enum Scheme: String, Sendable { case bearer = "Bearer", basic = "Basic" }

    let variable: String
    let value: String
    let scheme: Scheme

    /// `not set`, or `empty` for a variable that is set to nothing (or only white space).
    static func absence(of variable: String, in environment: [String: String]) -> String {
        environment[variable] == nil ? "not set" : "empty"
    }

    /// Reads the variable; an unset or empty one is an error naming it.
    init(variable: String, scheme: Scheme, environment: [String: String], provider: String, redactor: Redactor) throws {
        let value = (environment[variable] ?? "").trimmingWhitespace()
        guard !value.isEmpty else {
            throw AuthError(message: "the \(provider) credential is read from the environment variable \(variable), which is \(EnvironmentCredentials.absence(of: variable, in: environment))")
        }
        guard !value.contains(where: { $0.isNewline || $0 == "\0" }) else {
            throw AuthError(message: "the environment variable \(variable) holds more than one line; it must hold the \(scheme == .bearer ? "access token" : "base64 user:secret") alone")
        }
        redactor.register(value)
        self.variable = variable
        self.value = value
        self.scheme = scheme
    }

    var summary: CredentialSummary {
        CredentialSummary(source: "\(scheme == .bearer ? "bearer token" : "basic credential") from $\(variable)")
    }

    func fetchToken(_ client: TokenClient) async throws -> AccessToken {
        AccessToken(value: value, expiresAt: nil)
    }
}
