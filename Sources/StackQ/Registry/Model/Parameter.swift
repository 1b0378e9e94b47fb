/// A parameter of a method.
public struct Parameter: Sendable, Hashable {
    /// Where a parameter's value goes in the request.
    public enum Location: String, Sendable, Hashable { case path, query, header, cookie }

    /// The name used in SQL (`projectsId`, `pageSize`).
    public var name: String
    /// Where the value goes: into the path template, the query string or a header. A `cookie` parameter is never sent.
    public var location: Location
    /// True when the method cannot be called without it: stackq uses a method only when all of these are bound,
    /// and names the missing ones before any call.
    public var isRequired: Bool
    /// The JSON schema type (`string`, `integer`, `boolean`, `number`, `array`).
    public var type: String
    /// The `format` that refines ``type`` (`int32`, `google-datetime`); nil when there is none.
    public var format: String?
    public var description: String?
    /// The regular expression the document gives for the value; stackq does not check it.
    public var pattern: String?
    /// The values the document allows; empty when it lists none. stackq does not check them.
    public var enumValues: [String]
    /// True for a query parameter that may be repeated.
    public var isRepeated: Bool

    /// A parameter of JSON type `type` (`string` unless given).
    public init(name: String, location: Location, isRequired: Bool, type: String = "string",
                format: String? = nil, description: String? = nil, pattern: String? = nil,
                enumValues: [String] = [], isRepeated: Bool = false) {
        self.name = name
        self.location = location
        self.isRequired = isRequired
        self.type = type
        self.format = format
        self.description = description
        self.pattern = pattern
        self.enumValues = enumValues
        self.isRepeated = isRepeated
    }
}
