import Foundation
import NIOCore

/// The HTTP side of credential sources: form posts to OAuth token endpoints and JSON calls to the metadata server
/// and IAM Credentials, with every token received registered for redaction and every failure explained.
struct TokenClient: Sendable {
    let transport: any HTTPTransport
    let redactor: Redactor
    /// The deadline of one token request.
    var timeout: Duration = .seconds(30)
    /// Base URL overrides (`google`, `google.iamcredentials`), as for API calls.
    var endpointOverrides: [String: String] = [:]

    /// Sends a request and returns the parsed JSON body of a 2xx answer.
    /// - Parameter who: the source, for messages (`the token endpoint https://… refused the service account x`).
    func send(_ request: HTTPRequest, who: String, timeout: Duration? = nil) async throws -> JSONValue {
        let response: HTTPResponse
        do {
            response = try await transport.send(request, timeout: timeout ?? self.timeout)
        } catch let error as TransportError {
            throw AuthError(message: redactor.redact("\(who): cannot reach \(request.url): \(error.reason)"))
        }
        let body = Array(response.body.readableBytesView)
        guard (200..<300).contains(response.status) else {
            throw AuthError(message: redactor.redact("\(who): HTTP \(response.status): \(TokenClient.errorText(body))"))
        }
        guard let json = try? JSONValue(parsing: body), case .object = json else {
            throw AuthError(message: "\(who): the answer of \(request.url) is not a JSON object")
        }
        return json
    }

    /// POSTs `application/x-www-form-urlencoded` fields to an OAuth token endpoint and reads the access token.
    func exchange(tokenURL: String, fields: [(String, String)], who: String) async throws -> AccessToken {
        let body = fields.map { PercentEncoding.queryComponent($0.0) + "=" + PercentEncoding.queryComponent($0.1) }
            .joined(separator: "&")
        let request = HTTPRequest(method: "POST", url: tokenURL,
                                  headers: [("Content-Type", "application/x-www-form-urlencoded"),
                                            ("User-Agent", StackQVersion.userAgent)],
                                  body: Array(body.utf8))
        return try oauthToken(from: try await send(request, who: who), who: who)
    }

    /// Reads `{"access_token": "…", "expires_in": 3599}`.
    func oauthToken(from json: JSONValue, who: String) throws -> AccessToken {
        guard let value = json["access_token"]?.stringValue, !value.isEmpty else {
            throw AuthError(message: "\(who): the answer has no access_token")
        }
        redactor.register(value)
        var expiry: Date?
        if case .number(let seconds)? = json["expires_in"], seconds.isFinite, seconds > 0 {
            expiry = Date().addingTimeInterval(min(seconds, 86_400))
        } else if let text = json["expires_in"]?.stringValue, let seconds = Double(text), seconds.isFinite, seconds > 0 {
            expiry = Date().addingTimeInterval(min(seconds, 86_400))
        }
        return AccessToken(value: value, expiresAt: expiry ?? Date().addingTimeInterval(3600))
    }

    /// The base URL of a Google service for auth calls, honouring `--endpoint google.SERVICE=` and `google=`.
    func googleBase(service: String, default url: String) -> String {
        guard let override = endpointOverrides["google.\(service)"] ?? endpointOverrides["google"] else { return url }
        var base = EndpointResolver.split(override).origin
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// An OAuth error (`invalid_grant: Invalid JWT Signature.`), Google's error JSON, or the start of the body.
    static func errorText(_ body: [UInt8]) -> String {
        if let json = try? JSONValue(parsing: body) {
            if let code = json["error"]?.stringValue {
                if let detail = json["error_description"]?.stringValue, !detail.isEmpty { return "\(code): \(detail)" }
                return code
            }
            if let message = json["error"]?["message"]?.stringValue {
                return [json["error"]?["status"]?.stringValue, message].compactMap { $0 }.joined(separator: ": ")
            }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingWhitespace()
        return text.isEmpty ? "(empty response body)" : text
    }
}
