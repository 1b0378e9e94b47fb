/// Turns OpenAPI schema objects into ``Schema`` values.
///
/// Local references (`#/components/schemas/X`) stay ``SchemaRef/ref(_:)`` so recursive documents are finite;
/// only `allOf` compositions are flattened, following references with a guard against cycles.
struct SchemaConverter {
    /// `components.schemas` of the document, by name.
    let components: [String: JSONValue]

    static let componentPrefix = "#/components/schemas/"

    /// A property's or parameter's schema: a reference when the node is a `$ref`, else the schema in place.
    func reference(_ node: JSONValue) -> SchemaRef {
        if let target = node["$ref"]?.stringValue { return .ref(Self.referencedName(target)) }
        for key in ["allOf", "anyOf", "oneOf"] {
            let members = (node[key]?.elements ?? []).filter { !Self.isNullSchema($0) }
            if members.count == 1, node["properties"] == nil, let target = members[0]["$ref"]?.stringValue {
                return .ref(Self.referencedName(target))
            }
        }
        return .inline(schema(node))
    }

    /// The schema a node describes (a `$ref` node becomes the referenced component's schema).
    func schema(_ node: JSONValue) -> Schema {
        var visited: Set<String> = []
        return schema(node, visited: &visited)
    }

    private func schema(_ node: JSONValue, visited: inout Set<String>) -> Schema {
        if let target = node["$ref"]?.stringValue {
            let name = Self.referencedName(target)
            guard !visited.contains(name), let component = components[name] else { return Schema(type: "object") }
            visited.insert(name)
            defer { visited.remove(name) }
            var resolved = schema(component, visited: &visited)
            if let description = node["description"]?.scalarText { resolved.description = description }
            return resolved
        }
        var result = Schema()
        result.type = Self.typeName(node["type"])
        result.format = node["format"]?.scalarText
        result.description = node["description"]?.scalarText
        result.enumValues = (node["enum"]?.elements ?? []).compactMap(\.scalarText)
        result.pattern = node["pattern"]?.scalarText
        result.isReadOnly = node["readOnly"]?.boolValue ?? false
            || (result.description?.hasPrefix("Output only.") ?? false)
        result.required = (node["required"]?.elements ?? []).compactMap(\.stringValue)
        result.properties = node["properties"]?.members.map(property) ?? []
        if let items = node["items"], items.isObject { result.items = reference(items) }
        switch node["additionalProperties"] {
        case .some(.bool(true)): result.additionalProperties = .inline(Schema())
        case .some(let value) where value.isObject: result.additionalProperties = reference(value)
        default: break
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for member in node[key]?.elements ?? [] where !Self.isNullSchema(member) {
                let part = schema(member, visited: &visited)
                merge(part, into: &result, combining: key == "allOf")
            }
        }
        if result.type == nil {
            if !result.properties.isEmpty || result.additionalProperties != nil {
                result.type = "object"
            } else if result.items != nil {
                result.type = "array"
            }
        }
        return result
    }

    private func property(_ member: (key: String, value: JSONValue)) -> SchemaProperty {
        let isReference = member.value["$ref"] != nil
        return SchemaProperty(name: member.key, schema: reference(member.value),
                              description: isReference ? member.value["description"]?.scalarText : nil)
    }

    private func merge(_ part: Schema, into result: inout Schema, combining: Bool) {
        if result.type == nil { result.type = part.type }
        if result.format == nil { result.format = part.format }
        if result.description == nil { result.description = part.description }
        if result.items == nil { result.items = part.items }
        if result.additionalProperties == nil { result.additionalProperties = part.additionalProperties }
        if result.enumValues.isEmpty { result.enumValues = part.enumValues }
        let known = Set(result.properties.map(\.name))
        result.properties += part.properties.filter { !known.contains($0.name) }
        if combining { result.required += part.required.filter { !result.required.contains($0) } }
    }

    /// The component name a `$ref` points to (`#/components/schemas/Session` → `Session`).
    static func referencedName(_ target: String) -> String {
        let name = target.hasPrefix(componentPrefix)
            ? String(target.dropFirst(componentPrefix.count))
            : String(target.split(separator: "/").last ?? Substring(target))
        return JSONPointer.unescape(name)
    }

    /// The schema type: the first non-null entry of an OpenAPI 3.1 type list, or the single type.
    static func typeName(_ node: JSONValue?) -> String? {
        switch node {
        case .some(.string(let type)): return type == "null" ? nil : type
        case .some(.array(let types)): return types.compactMap(\.stringValue).first { $0 != "null" }
        default: return nil
        }
    }

    private static func isNullSchema(_ node: JSONValue) -> Bool {
        node["type"]?.stringValue == "null"
    }
}
