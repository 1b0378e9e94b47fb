/// A parameter of a method.
public struct Parameter: Sendable, Hashable {
    public enum Location: String, Sendable, Hashable { case path, query, header, cookie }

    /// The name used in SQL (`projectsId`, `pageSize`).
    public var name: String
    public var location: Location
    public var isRequired: Bool
    /// The JSON schema type (`string`, `integer`, `boolean`, `number`, `array`).
    public var type: String
    public var format: String?
    public var description: String?
    public var pattern: String?
    public var enumValues: [String]
    /// True for a query parameter that may be repeated.
    public var isRepeated: Bool

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
