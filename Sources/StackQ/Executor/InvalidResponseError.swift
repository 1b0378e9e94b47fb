import Foundation

/// A call whose server answered 200 with something that cannot be its rows: a body that is not JSON (HTML, empty,
/// cut short, `NaN`), JSON of the wrong shape (no row array, `null`, a string), or a page token it already gave.
public struct InvalidResponseError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// `google.dataproc.sessions.projects_locations_sessions_list`.
    public var method: String
    /// The call's parameters, for the message.
    public var parameters: [(name: String, value: String)]
    /// Which page of the call (1-based).
    public var page: Int
    /// What is wrong, with the byte offset when there is one.
    public var problem: String
    /// The byte offset in the body, when the problem is at one place.
    public var offset: Int?
    /// The response's Content-Type, when it had one.
    public var contentType: String?
    /// The start of the body, controls escaped, for the message.
    public var bodyStart: String?

    /// An error about page `page` of a call of `method`.
    public init(method: String, parameters: [(name: String, value: String)], page: Int, problem: String,
                offset: Int? = nil, contentType: String? = nil, bodyStart: String? = nil) {
        self.method = method
        self.parameters = parameters
        self.page = page
        self.problem = problem
        self.offset = offset
        self.contentType = contentType
        self.bodyStart = bodyStart
    }

    public var description: String {
        let args = parameters.map { "\($0.name)='\($0.value)'" }.joined(separator: ", ")
        var text = "\(method)(\(args)) page \(page): the server's answer cannot be read as rows: \(problem)"
        if let offset { text += " (at byte \(offset))" }
        var context: [String] = []
        if let contentType { context.append("Content-Type \(contentType)") }
        if let bodyStart { context.append("the body starts \(bodyStart)") }
        if !context.isEmpty { text += "; " + context.joined(separator: ", ") }
        return text
    }

    public var errorDescription: String? { description }
}
