import Foundation

/// An access token the emulator's token endpoint handed out.
struct IssuedToken: Sendable {
    /// Who it was issued to (a service account or user email).
    var principal: String
    var expires: Date
}
