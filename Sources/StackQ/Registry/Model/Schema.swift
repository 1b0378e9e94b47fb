/// A JSON schema, as much of it as stackq uses: types, properties, items, enums and descriptions.
public struct Schema: Sendable, Hashable {
    /// `string`, `integer`, `number`, `boolean`, `object` or `array`; nil when the document says nothing.
    public var type: String?
    /// The `format` that refines ``type`` (`int64`, `date-time`, `byte`); nil when there is none.
    public var format: String?
    public var description: String?
    /// The allowed values (`enum`), as text; empty when the document lists none.
    public var enumValues: [String]
    /// The regular expression a string value should match, as the document writes it; stackq does not check it.
    public var pattern: String?
    /// True for output-only fields (`readOnly: true`, or Google's "Output only." descriptions).
    public var isReadOnly: Bool
    /// Names of required properties.
    public var required: [String]
    /// Object properties, in document order.
    public var properties: [SchemaProperty]
    /// The element schema of an array.
    public var items: SchemaRef?
    /// The value schema of a map-like object.
    public var additionalProperties: SchemaRef?

    /// A schema with these parts; every part left out is nil, empty or false.
    public init(type: String? = nil, format: String? = nil, description: String? = nil,
                enumValues: [String] = [], pattern: String? = nil, isReadOnly: Bool = false,
                required: [String] = [], properties: [SchemaProperty] = [], items: SchemaRef? = nil,
                additionalProperties: SchemaRef? = nil) {
        self.type = type
        self.format = format
        self.description = description
        self.enumValues = enumValues
        self.pattern = pattern
        self.isReadOnly = isReadOnly
        self.required = required
        self.properties = properties
        self.items = items
        self.additionalProperties = additionalProperties
    }

    /// The property named `name`, or nil.
    public func property(named name: String) -> SchemaProperty? {
        properties.first { $0.name == name }
    }
}

/// A named property of an object schema.
public struct SchemaProperty: Sendable, Hashable {
    /// The property's name in the JSON object (`runtimeConfig`).
    public var name: String
    /// The property's schema, in place or by component name.
    public var schema: SchemaRef
    /// The description written beside a `$ref` (which a ``SchemaRef/ref(_:)`` cannot carry); nil otherwise.
    public var description: String?

    /// A property named `name` of schema `schema`.
    public init(name: String, schema: SchemaRef, description: String? = nil) {
        self.name = name
        self.schema = schema
        self.description = description
    }
}

/// A schema given in place, or by the name of a component schema of the service.
///
/// References are kept by name (not resolved into a tree) because real documents are recursive.
public indirect enum SchemaRef: Sendable, Hashable {
    /// A schema written in place.
    case inline(Schema)
    /// The name of a component schema (``ProviderService/schemas``), without the `#/components/schemas/` prefix.
    case ref(String)
}

/// A column of a resource's table: a top-level property of its row schema.
public struct Column: Sendable, Hashable {
    /// The column's name, which is the property's (`state`).
    public var name: String
    /// `string`, `integer`, `number`, `boolean`, `object` or `array`.
    public var type: String
    public var description: String?
    /// The schema's `format` that refines the type (`date-time`, `int64`); nil when it has none.
    public var format: String?

    /// A column named `name` of JSON type `type`.
    public init(name: String, type: String, description: String? = nil, format: String? = nil) {
        self.name = name
        self.type = type
        self.description = description
        self.format = format
    }
}
