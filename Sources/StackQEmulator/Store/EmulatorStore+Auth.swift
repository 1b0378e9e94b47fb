import Foundation

extension EmulatorStore {
    /// The principal a bearer token stands for, or nil when it is unknown or expired.
    func principal(forToken token: String) -> String? {
        if configuration.staticTokens.contains(token) { return configuration.defaultCreator }
        guard let issued = tokens[token] else { return nil }
        guard issued.expires > now else {
            tokens[token] = nil
            return nil
        }
        return issued.principal
    }

    /// Issues a new access token for `principal`, valid for the configured lifetime.
    func issueToken(for principal: String) -> (token: String, expiresIn: Int) {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<4).map { _ in String(generator.next(), radix: 36) }.joined()
        let token = "ya29.emulator." + random
        let lifetime = configuration.tokenLifetime.components
        let seconds = Double(lifetime.seconds) + Double(lifetime.attoseconds) / 1e18
        tokens[token] = IssuedToken(principal: principal, expires: now.addingTimeInterval(seconds))
        return (token, Int(seconds.rounded()))
    }
}
