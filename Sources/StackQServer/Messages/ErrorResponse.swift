import Foundation
import NIOCore

/// ErrorResponse (`E`) and NoticeResponse (`N`): severity, SQLSTATE, message and the optional fields drivers show.
struct ErrorResponse: Sendable, Hashable, Error {
    enum Severity: String, Sendable {
        case error = "ERROR"
        case fatal = "FATAL"
        case notice = "NOTICE"
        case info = "INFO"
        case warning = "WARNING"
    }

    var severity: Severity = .error
    /// The five-character SQLSTATE.
    var code: String
    var message: String
    var detail: String?
    var hint: String?
    /// 1-based character position in the query text (the `position` field psql draws its caret with).
    var position: Int?

    func encode(into buffer: inout ByteBuffer, notice: Bool = false) {
        buffer.writeMessage(UInt8(ascii: notice ? "N" : "E")) { body in
            func field(_ tag: Character, _ value: String?) {
                guard let value else { return }
                body.writeInteger(tag.asciiValue!)
                body.writeCString(value.replacingOccurrences(of: "\0", with: ""))
            }
            field("S", severity.rawValue)
            field("V", severity.rawValue)
            field("C", code)
            field("M", message)
            field("D", detail)
            field("H", hint)
            field("P", position.map(String.init))
            body.writeInteger(UInt8(0))
        }
    }
}
