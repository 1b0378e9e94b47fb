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
        var visited: [String] = []
        var expansions = 0
        return (try? reference(node, visited: &visited, expansions: &expansions)) ?? .inline(Schema(type: "object"))
    }

    private func reference(_ node: JSONValue, visited: inout [String], expansions: inout Int) throws -> SchemaRef {
        if let target = node["$ref"]?.stringValue { return .ref(Self.referencedName(target)) }
        for key in ["allOf", "anyOf", "oneOf"] {
            let members = (node[key]?.elements ?? []).filter { !Self.isNullSchema($0) }
            if members.count == 1, node["properties"] == nil, let target = members[0]["$ref"]?.stringValue {
                return .ref(Self.referencedName(target))
            }
        }
        return .inline(try schema(node, visited: &visited, expansions: &expansions))
    }

    /// How long a chain of `$ref`s one schema may follow.
    static let maximumReferenceDepth = 64
    /// How many `$ref`s one schema may expand in all: `allOf` members that refer to `allOf`s of references grow
    /// exponentially.
    static let maximumExpansions = 10_000

    /// A schema whose references go past ``maximumReferenceDepth`` or ``maximumExpansions``.
    struct ReferenceLimitExceeded: Error {
        var reason: String
    }

    /// The schema a node describes (a `$ref` node becomes the referenced component's schema); past the reference
    /// limits, an object of unknown shape (``checkedSchema(_:)`` says why instead).
    func schema(_ node: JSONValue) -> Schema {
        (try? checkedSchema(node)) ?? Schema(type: "object")
    }

    /// The schema a node describes, or ``ReferenceLimitExceeded`` when its references go past the limits.
    func checkedSchema(_ node: JSONValue) throws -> Schema {
        var visited: [String] = []
        var expansions = 0
        return try schema(node, visited: &visited, expansions: &expansions)
    }

    private func schema(_ node: JSONValue, visited: inout [String], expansions: inout Int) throws -> Schema {
        if let target = node["$ref"]?.stringValue {
            let name = Self.referencedName(target)
            guard !visited.contains(name), let component = components[name] else { return Schema(type: "object") }
            guard visited.count < Self.maximumReferenceDepth else {
                throw ReferenceLimitExceeded(reason: "follows a chain of more than \(Self.maximumReferenceDepth) $refs (\(visited.prefix(3).joined(separator: " → ")) → …)")
            }
            expansions += 1
            guard expansions <= Self.maximumExpansions else {
                throw ReferenceLimitExceeded(reason: "expands more than \(Self.maximumExpansions) $refs")
            }
            visited.append(name)
            defer { visited.removeLast() }
            var resolved = try schema(component, visited: &visited, expansions: &expansions)
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
        for member in node["properties"]?.members ?? [] {
            result.properties.append(try property(member, visited: &visited, expansions: &expansions))
        }
        if let items = node["items"], items.isObject {
            result.items = try reference(items, visited: &visited, expansions: &expansions)
        }
        switch node["additionalProperties"] {
        case .some(.bool(true)): result.additionalProperties = .inline(Schema())
        case .some(let value) where value.isObject:
            result.additionalProperties = try reference(value, visited: &visited, expansions: &expansions)
        default: break
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for member in node[key]?.elements ?? [] where !Self.isNullSchema(member) {
                let part = try schema(member, visited: &visited, expansions: &expansions)
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

    private func property(_ member: (key: String, value: JSONValue), visited: inout [String],
                          expansions: inout Int) throws -> SchemaProperty {
        let isReference = member.value["$ref"] != nil
        return SchemaProperty(name: member.key, schema: try reference(member.value, visited: &visited, expansions: &expansions),
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
