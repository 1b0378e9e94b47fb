/// Converts Discovery JSON schemas to OpenAPI schema objects.
///
/// `$ref: Name` becomes `$ref: '#/components/schemas/Name'`; the type `any` becomes no type; a description
/// starting "Output only." (or Discovery's `readOnly`) becomes `readOnly: true`; enum descriptions are dropped.
enum DiscoverySchemaConverter {
    static func convert(_ node: JSONValue) -> JSONValue {
        if let reference = node["$ref"]?.stringValue {
            return .fields([
                ("$ref", .string(SchemaConverter.componentPrefix + reference)),
                ("description", node["description"]),
            ])
        }
        let description = node["description"]?.scalarText
        let readOnly = node["readOnly"]?.boolValue == true || (description?.hasPrefix("Output only.") ?? false)
        let type = node["type"]?.stringValue
        var additional: JSONValue?
        if let value = node["additionalProperties"], value.isObject { additional = convert(value) }
        return .fields([
            ("type", type == "any" ? nil : .text(type)),
            ("format", node["format"]),
            ("description", .text(description)),
            ("readOnly", readOnly ? .bool(true) : nil),
            ("enum", node["enum"]),
            ("pattern", node["pattern"]),
            ("deprecated", node["deprecated"]?.boolValue == true ? .bool(true) : nil),
            ("properties", node["properties"].map { properties in
                JSONValue.object(properties.members.map { (key: $0.key, value: convert($0.value)) })
            }),
            ("items", node["items"].map(convert)),
            ("additionalProperties", additional),
        ])
    }
}
