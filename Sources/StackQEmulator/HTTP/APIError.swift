import StackQ

/// An error answered in Google's JSON shape: `{"error":{"code":404,"message":"…","status":"NOT_FOUND"}}`.
struct APIError: Error, CustomStringConvertible, Sendable {
    var code: Int
    var status: String
    var message: String
    /// Seconds for a `Retry-After` header, for injected faults.
    var retryAfter: Int?

    var description: String { "\(code) \(status): \(message)" }

    /// The JSON body.
    var body: [UInt8] {
        let value = JSONValue.object([
            ("error", .object([
                ("code", .number(Double(code))),
                ("message", .string(message)),
                ("status", .string(status)),
            ])),
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

    static func fault(_ fault: Fault, retryAfter: Int) -> APIError {
        APIError(code: fault.httpStatus, status: fault.status, message: fault.message, retryAfter: retryAfter)
    }
}
