import Foundation

/// A statement that cannot be turned into API calls: what is missing and how to fix it. Raised before any call.
///
/// ``code`` says what kind of problem it is, for callers that act on it (a server's SQLSTATE, an MCP tool's
/// answer); ``message`` says it to a person.
public struct PlanError: Error, CustomStringConvertible, LocalizedError, Sendable, Hashable {
    /// The kinds of plan errors, as async-http-client's errors have them: compare with `==` against the static
    /// members; more may be added.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String {
            case missingParameters, unknownName, invalidValue, tooManyCalls, invalidStatement, unsupported
            case ambiguousColumn, dependencyCycle, other
        }

        private let base: Base

        /// A method's required parameters are not all bound (the statement was refused, no call made).
        public static let missingParameters = Code(base: .missingParameters)
        /// No resource, method, parameter, column or body field of that name.
        public static let unknownName = Code(base: .unknownName)
        /// A value of the wrong type or shape: a body field, `@@json`, an empty path value, a row's width.
        public static let invalidValue = Code(base: .invalidValue)
        /// More calls than `--max-calls` allows.
        public static let tooManyCalls = Code(base: .tooManyCalls)
        /// A statement malformed for what it asks: SHOW without its scope, bind parameters that do not match, a view
        /// whose definition does not parse.
        public static let invalidStatement = Code(base: .invalidStatement)
        /// Something this build does not do (`REGISTRY PULL`).
        public static let unsupported = Code(base: .unsupported)
        /// A bare column that several references have.
        public static let ambiguousColumn = Code(base: .ambiguousColumn)
        /// References whose parameters depend on each other in a circle.
        public static let dependencyCycle = Code(base: .dependencyCycle)
        /// Any other.
        public static let other = Code(base: .other)

        public var description: String { base.rawValue }
    }

    /// What kind of problem it is.
    public var code: Code
    /// What is missing and how to fix it; it is also the error's description.
    public var message: String

    /// An error of kind `code` whose description is `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// An error whose description is `message`, of kind ``Code/other``.
    public init(message: String) {
        self.init(.other, message)
    }

    public var description: String { message }
    public var errorDescription: String? { message }
}
