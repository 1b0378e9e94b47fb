import StackQ

/// An OAuth 2.0 token endpoint error (RFC 6749 §5.2), as Google's endpoint answers it:
/// `{"error":"invalid_grant","error_description":"…"}`.
struct TokenError: Error, CustomStringConvertible, Sendable {
    var status: Int
    var code: String
    var message: String

    var description: String { "\(code): \(message)" }

    var body: [UInt8] {
        JSONValue.object([("error", .string(code)), ("error_description", .string(message))]).bytes
    }

    static func invalidGrant(_ message: String) -> TokenError {
        TokenError(status: 400, code: "invalid_grant", message: message)
    }

    static func invalidRequest(_ message: String) -> TokenError {
        TokenError(status: 400, code: "invalid_request", message: message)
    }

    static func invalidClient(_ message: String) -> TokenError {
        TokenError(status: 401, code: "invalid_client", message: message)
    }

    static func unsupportedGrantType(_ grant: String) -> TokenError {
        TokenError(status: 400, code: "unsupported_grant_type", message: "Unsupported grant type: \(grant)")
    }
}
