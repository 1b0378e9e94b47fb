extension Registry {
    /// The columns of a resource's table: the top-level properties of its row schema, in document order.
    ///
    /// The row schema is that of `method`, or of the preferred `select` method: for a method with an
    /// `objectKey` (`$.sessions`), the item schema of that array (a `*` steps into a map's values:
    /// `$.items.*.instances[*]`); otherwise the response schema (the item schema when the response is an array).
    /// Objects and maps have type `object`, arrays `array`.
    public func columns(of resource: Resource, in service: ProviderService, method: Method? = nil) -> [Column] {
        guard let row = rowSchema(of: resource, in: service, method: method) else { return [] }
        return row.properties.map { property in
            let schema = service.resolve(property.schema)
            return Column(name: property.name,
                          type: Self.columnType(of: schema),
                          description: property.description ?? schema?.description,
                          format: schema?.format)
        }
    }

    /// The schema of one row of a resource's table (see ``columns(of:in:method:)``), or nil when unknown.
    public func rowSchema(of resource: Resource, in service: ProviderService, method: Method? = nil) -> Schema? {
        guard let method = method ?? Self.preferredSelectMethod(of: resource),
              let responseReference = method.response.schema,
              var schema = service.resolve(responseReference) else { return nil }
        if let objectKey = method.response.objectKey {
            for token in Self.objectKeyTokens(objectKey) {
                // `*` steps into the values of a map (`$.items.*.instances`: Compute's scoped lists).
                guard let reference = token == "*" ? schema.additionalProperties : schema.property(named: token)?.schema,
                      let next = service.resolve(reference) else { return nil }
                schema = next
            }
        }
        if schema.type == "array" || (schema.properties.isEmpty && schema.items != nil) {
            guard let items = schema.items, let itemSchema = service.resolve(items) else { return nil }
            schema = itemSchema
        }
        return schema
    }

    /// The `select` method a table's columns come from: the first in the document's `sqlVerbs` order.
    public static func preferredSelectMethod(of resource: Resource) -> Method? {
        resource.methods(for: .select).first
    }

    /// The column type of a property schema: its JSON type, `object` for object-like or unknown shapes.
    static func columnType(of schema: Schema?) -> String {
        guard let schema else { return "object" }
        if let type = schema.type { return type }
        if schema.items != nil { return "array" }
        if !schema.properties.isEmpty || schema.additionalProperties != nil { return "object" }
        return schema.enumValues.isEmpty ? "object" : "string"
    }

    /// The property names of an object key path: `$.sessions` → `["sessions"]`, `$.a.b[*]` → `["a", "b"]`.
    static func objectKeyTokens(_ objectKey: String) -> [String] {
        var text = Substring(objectKey)
        if text.hasPrefix("$") { text = text.dropFirst() }
        return text.split(separator: ".").map { token in
            var name = String(token)
            if let bracket = name.firstIndex(of: "[") { name = String(name[..<bracket]) }
            return name
        }.filter { !$0.isEmpty }
    }
}
