import Foundation
import StackQSyntax

/// Turns SQL values given for a method's body fields (`data__labels`, `runtimeConfig`, …) into its JSON request
/// body, checking each value against the field's type before any call.
struct RequestBodyBuilder {
    let service: ProviderService
    let method: Method
    /// The request body's top-level schema, when the method takes a body.
    let schema: Schema?

    init(service: ProviderService, method: Method) {
        self.service = service
        self.method = method
        self.schema = method.requestBody.flatMap { service.resolve($0.schema) }
    }

    /// The body field a column names: `data__x` → `x`; a plain name when it is a body field and not a parameter.
    func field(forColumn column: String) -> String? {
        if column.hasPrefix("data__") { return String(column.dropFirst(6)) }
        guard method.parameter(named: column) == nil, let schema else { return nil }
        return schema.properties.first { $0.name == column }?.name
            ?? schema.properties.first { $0.name.lowercased() == column.lowercased() }?.name
    }

    /// The JSON type of a field (`string`, `integer`, `object`, …); nil when the schema does not list it.
    func type(ofField field: String) -> String? {
        guard let property = schema?.property(named: field) else { return nil }
        return Registry.columnType(of: service.resolve(property.schema))
    }

    /// The JSON value for `value` given as `column` for `field`; a value of the wrong type is an error naming the
    /// column.
    func json(for value: SQLValue, column: String, field: String) throws -> JSONValue? {
        let type = type(ofField: field)
        func wrong(_ expected: String) -> PlanError {
            let shown = value.textValue.map { $0.count > 60 ? String($0.prefix(57)) + "…" : $0 } ?? "NULL"
            return PlanError(.invalidValue, "\(column): \(method.name) takes \(field) as \(expected), got '\(shown)'")
        }
        switch value {
        case .null:
            return nil
        case .integer(let i):
            switch type {
            case "boolean": return .bool(i != 0)
            case "string": return .string(String(i))
            case "object", "array": throw wrong(type == "object" ? "a JSON object" : "a JSON array")
            default: return .number(Double(i))
            }
        case .real(let d):
            switch type {
            case "string": return .string(JSONValue.format(number: d))
            case "integer" where d.rounded() != d: throw wrong("an integer")
            case "boolean", "object", "array": throw wrong(type ?? "")
            default: return .number(d)
            }
        case .blob:
            throw wrong(type ?? "text")
        case .text(let text):
            switch type {
            case "integer":
                guard let n = Int64(text) else { throw wrong("an integer") }
                return .number(Double(n))
            case "number":
                guard let n = Double(text), n.isFinite else { throw wrong("a number") }
                return .number(n)
            case "boolean":
                switch text.lowercased() {
                case "true", "1": return .bool(true)
                case "false", "0": return .bool(false)
                default: throw wrong("true or false")
                }
            case "object", "array":
                guard let parsed = try? JSONValue(parsing: text) else {
                    throw wrong(type == "object" ? "a JSON object" : "a JSON array")
                }
                switch (type, parsed) {
                case ("object", .object), ("array", .array): return parsed
                default: throw wrong(type == "object" ? "a JSON object" : "a JSON array")
                }
            case nil:
                // A field the schema does not list: JSON text stays JSON, anything else is a string.
                if let first = text.first, first == "{" || first == "[", let parsed = try? JSONValue(parsing: text) {
                    return parsed
                }
                return .string(text)
            default:
                return .string(text)
            }
        }
    }

    /// Sets `field` (dotted for nested fields: `runtimeConfig.version`) in `body`.
    static func set(_ value: JSONValue, at field: String, in body: inout [(key: String, value: JSONValue)]) {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            var inner: [(key: String, value: JSONValue)] = []
            if let index = body.firstIndex(where: { $0.key == parts[0] }), case .object(let members) = body[index].value {
                inner = members
            }
            set(value, at: parts[1], in: &inner)
            if let index = body.firstIndex(where: { $0.key == parts[0] }) {
                body[index].value = .object(inner)
            } else {
                body.append((parts[0], .object(inner)))
            }
            return
        }
        if let index = body.firstIndex(where: { $0.key == field }) {
            body[index].value = value
        } else {
            body.append((field, value))
        }
    }
}
