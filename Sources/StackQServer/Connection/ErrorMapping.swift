import Foundation
import StackQ
import StackQSyntax

/// Engine errors as ErrorResponses with a real SQLSTATE, their text passed through the engine's redactor.
enum ErrorMapping {
    /// `error` for a statement that starts at character `offset` (0-based) of the client's query text.
    static func response(for error: any Error, statementOffset offset: Int = 0, statementText: [UInt8] = [],
                         redact: (String) -> String) -> ErrorResponse {
        func position(_ range: SourceRange) -> Int {
            let prefix = statementText.prefix(max(0, min(range.start, statementText.count)))
            return offset + String(decoding: prefix, as: UTF8.self).count + 1
        }
        switch error {
        case let error as ErrorResponse:
            return error
        case let error as SyntaxError:
            return ErrorResponse(code: "42601", message: redact("syntax error at \(error.line):\(error.column): \(error.message)"),
                                 position: position(error.range))
        case let error as QueryError:
            let code: String
            let message = error.sqliteMessage.lowercased()
            if message.contains("no such column") { code = "42703" }
            else if message.contains("no such table") { code = "42P01" }
            else if message.contains("no such function") { code = "42883" }
            else if message.contains("syntax error") { code = "42601" }
            else if message.contains("interrupt") { code = "57014" }
            else { code = "XX000" }
            let location = error.location
            return ErrorResponse(code: code, message: redact(location.map { "\($0.line):\($0.column): \(error.message)" } ?? error.message),
                                 position: location.map { position($0.range) })
        case let error as RegistryError:
            switch error {
            case .unknownProvider, .unknownService, .unknownResource:
                return ErrorResponse(code: "42P01", message: redact(error.description))
            case .unknownMethod:
                return ErrorResponse(code: "42883", message: redact(error.description))
            default:
                return ErrorResponse(code: "58030", message: redact(error.description))
            }
        case let error as PlanError:
            let code = error.message.contains("is not a resource") ? "42P01" : "22023"
            return ErrorResponse(code: code, message: redact(error.message))
        case let error as APIError:
            return ErrorResponse(code: apiCode(httpStatus: error.httpStatus), message: redact(error.description),
                                 detail: redact("method \(error.method), HTTP \(error.httpStatus)\(error.status.map { " \($0)" } ?? "")"))
        case let error as StatementTimeoutError:
            return ErrorResponse(code: "57014", message: redact(error.description))
        case let error as SQLiteError:
            let lower = error.message.lowercased()
            let code = lower.contains("no such table") ? "42P01" : lower.contains("no such column") ? "42703"
                : lower.contains("no such function") ? "0A000" : lower.contains("syntax") ? "42601" : "XX000"
            let message = code == "0A000" || code == "42P01"
                ? "\(error.message) (stackq's pg_catalog and information_schema hold only what clients commonly ask for)"
                : error.message
            return ErrorResponse(code: code, message: redact(message))
        case is CancellationError:
            return cancelled
        default:
            return ErrorResponse(code: "XX000", message: redact(String(describing: error)))
        }
    }

    /// 57014: the statement was cancelled (CancelRequest, or the server stopping).
    static let cancelled = ErrorResponse(code: "57014", message: "canceling statement due to user request")

    /// An upstream API failure: class `SQ` (implementation-defined) with the HTTP status as subclass: `SQ404`,
    /// `SQ403`, `SQ429`; `SQ000` when no response came.
    static func apiCode(httpStatus: Int) -> String {
        (100...999).contains(httpStatus) ? "SQ\(httpStatus)" : "SQ000"
    }
}
