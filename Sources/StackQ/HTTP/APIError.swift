import Foundation

/// An API call that failed for good: the HTTP status, Google's status and message, and which call it was.
public struct APIError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// The HTTP status code (404).
    public var httpStatus: Int
    /// Google's canonical status (`NOT_FOUND`), when the body had one.
    public var status: String?
    /// The server's message, or the start of the body when it was not Google's error JSON.
    public var message: String
    /// `google.dataproc.sessions.projects_locations_sessions_list`.
    public var method: String
    /// The call's parameters, for the message.
    public var parameters: [(name: String, value: String)]
    /// How many times the request was sent.
    public var attempts: Int

    /// An error for a call of `method` that ended with HTTP `httpStatus` after `attempts` requests.
    public init(httpStatus: Int, status: String?, message: String, method: String,
                parameters: [(name: String, value: String)], attempts: Int) {
        self.httpStatus = httpStatus
        self.status = status
        self.message = message
        self.method = method
        self.parameters = parameters
        self.attempts = attempts
    }

    public var description: String {
        let args = parameters.map { "\($0.name)='\($0.value)'" }.joined(separator: ", ")
        var text = "\(method)(\(args)) failed: HTTP \(httpStatus)"
        if let status { text += " \(status)" }
        text += ": \(message)"
        if attempts > 1 { text += " (after \(attempts) attempts)" }
        return text
    }

    public var errorDescription: String? { description }

    /// Reads Google's error JSON `{"error":{"code","message","status"}}`; other bodies give their first 300 bytes.
    static func decode(body: [UInt8]) -> (status: String?, message: String) {
        if let json = try? JSONValue(parsing: body), let error = json["error"] {
            if let message = error["message"]?.stringValue {
                return (error["status"]?.stringValue, message)
            }
            if let text = error.stringValue {
                return (nil, json["error_description"]?.stringValue.map { "\(text): \($0)" } ?? text)
            }
        }
        let text = String(decoding: body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (nil, text.isEmpty ? "(empty response body)" : text)
    }
}
