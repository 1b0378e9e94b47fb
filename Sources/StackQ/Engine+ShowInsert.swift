import StackQSyntax

extension Engine {
    /// `SHOW [/*+ REQUIRED */] INSERT INTO r`: a ready-to-edit INSERT for the resource's create method — its
    /// parameters and writable body fields as `data__` columns, with placeholder values by type.
    func showInsert(_ name: QualifiedName, requiredOnly: Bool) throws -> ResultSet {
        let (service, resource) = try resolveTarget(name)
        guard let method = resource.methods(for: .insert).first else {
            throw PlanError(message: "\(resource.id) has no INSERT method (its methods: \(resource.methods.map(\.name).sorted().joined(separator: ", ")))")
        }
        let body = RequestBodyBuilder(service: service, method: method)
        var columns: [(String, String)] = []
        for parameter in method.parameters where !requiredOnly || parameter.isRequired {
            guard parameter.name != "requestId" else { continue }
            columns.append((parameter.name, "'{{ \(parameter.name) }}'"))
        }
        let required = Set(body.schema?.required ?? [])
        for property in body.schema?.properties ?? [] {
            let schema = service.resolve(property.schema)
            guard !(schema?.isReadOnly ?? false), !requiredOnly || required.contains(property.name) else { continue }
            let placeholder: String
            switch Registry.columnType(of: schema) {
            case "integer", "number": placeholder = "0"
            case "boolean": placeholder = "false"
            case "object": placeholder = "'{}'"
            case "array": placeholder = "'[]'"
            default: placeholder = "'{{ \(property.name) }}'"
            }
            columns.append(("data__" + property.name, placeholder))
        }
        let text = "INSERT /*+ AWAIT */ INTO \(resource.id) (\n"
            + columns.map { "  " + SQLPrinter.identifierIfNeeded($0.0) }.joined(separator: ",\n")
            + "\n)\nSELECT\n" + columns.map { "  " + $0.1 }.joined(separator: ",\n") + "\n;"
        return ResultSet(columnNames: ["insert_statement"], textRows: [[text]])
    }
}
