import StackQ

/// An error answered in Google's JSON shape: `{"error":{"code":404,"message":"…","status":"NOT_FOUND"}}`.
struct APIError: Error, CustomStringConvertible, Sendable {
    var code: Int
    var status: String
    var message: String
    /// Seconds for a `Retry-After` header, for injected faults.
    var retryAfter: Int?
    /// Google's `details` (an `ErrorInfo` for a quota).
    var details: [JSONValue] = []

    var description: String { "\(code) \(status): \(message)" }

    /// The JSON body.
    var body: [UInt8] {
        let value = JSONValue.object([
            ("error", .object([
                ("code", .number(Double(code))),
                ("message", .string(message)),
                ("status", .string(status)),
            ] + (details.isEmpty ? [] : [("details", .array(details))]))),
        ])
        var out: [UInt8] = []
        value.write(to: &out)
        return out
    }

    static func notFound(_ message: String) -> APIError {
        APIError(code: 404, status: "NOT_FOUND", message: message)
    }

    static func invalidArgument(_ message: String) -> APIError {
        APIError(code: 400, status: "INVALID_ARGUMENT", message: message)
    }

    static func failedPrecondition(_ message: String) -> APIError {
        APIError(code: 400, status: "FAILED_PRECONDITION", message: message)
    }

    static func alreadyExists(_ message: String) -> APIError {
        APIError(code: 409, status: "ALREADY_EXISTS", message: message)
    }

    static func unauthenticated(_ message: String) -> APIError {
        APIError(code: 401, status: "UNAUTHENTICATED", message: message)
    }

    static func unimplemented(_ message: String) -> APIError {
        APIError(code: 501, status: "UNIMPLEMENTED", message: message)
    }

    /// Google's answer beyond a rate quota: its message names the limit (`… per project`) and the consumer, and an
    /// `ErrorInfo` carries the same as metadata. No `Retry-After`.
    static func quotaExceeded(_ quota: Quota, project: String?) -> APIError {
        let limit = project == nil ? "Queries per second" : "Queries per second per project"
        let consumer = project.map { "projects/\($0)" } ?? "projects/emulator-caller"
        let info = JSONValue.object([
            ("@type", .string("type.googleapis.com/google.rpc.ErrorInfo")),
            ("reason", .string("RATE_LIMIT_EXCEEDED")),
            ("domain", .string("googleapis.com")),
            ("metadata", .object([
                ("quota_limit", .string(project == nil ? "QueriesPerSecond" : "QueriesPerSecondPerProject")),
                ("quota_limit_value", .string(String(quota.callsPerSecond))),
                ("consumer", .string(consumer)),
            ])),
        ])
        return APIError(code: 429, status: "RESOURCE_EXHAUSTED",
                        message: "Quota exceeded for quota metric 'Queries' and limit '\(limit)' of service 'emulator.googleapis.com' for consumer '\(consumer)'.",
                        details: [info])
    }

    static func fault(_ fault: Fault, retryAfter: Int) -> APIError {
        APIError(code: fault.httpStatus, status: fault.status, message: fault.message, retryAfter: retryAfter)
    }
}
