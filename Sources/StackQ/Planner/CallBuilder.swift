/// Expands one method and its bound values into calls: the cartesian product of every IN list.
struct CallBuilder {
    let service: Service
    let resource: Resource
    let method: Method
    let endpoints: EndpointResolver

    /// The parameters that are sent: the method's parameters that have values, less the page token.
    func sentParameters(bindings: [String: [String]]) -> [Parameter] {
        method.parameters.filter { parameter in
            bindings[parameter.name] != nil && parameter.name != method.pagination?.requestToken
        }
    }

    /// One call per combination of values, in the order the IN lists give them.
    func calls(bindings: [String: [String]], body: [UInt8]? = nil) throws -> [PreparedCall] {
        let parameters = sentParameters(bindings: bindings)
        var combinations: [[String: String]] = [[:]]
        for parameter in parameters {
            let values = bindings[parameter.name] ?? []
            combinations = combinations.flatMap { partial in
                values.map { value in partial.merging([parameter.name: value]) { $1 } }
            }
        }
        return try combinations.map { try call(values: $0, parameters: parameters, body: body) }
    }

    func call(values: [String: String], parameters: [Parameter], body: [UInt8]?) throws -> PreparedCall {
        let base = try endpoints.baseURL(service: service, method: method, values: values)
        let path = try RequestBuilder.path(method.path, values: values)
        let query = parameters.filter { $0.location == .query }.map { ($0.name, values[$0.name]!) }
        let headers = parameters.filter { $0.location == .header }.map { ($0.name, values[$0.name]!) }
        let httpMethod = method.httpMethod.uppercased()
        let idempotent = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].contains(httpMethod) || values["requestId"] != nil
        return PreparedCall(
            provider: service.provider,
            qualifiedMethodName: "\(resource.id).\(method.name)",
            method: method,
            url: base + (path.hasPrefix("/") ? path : "/" + path),
            query: query,
            httpMethod: httpMethod,
            headers: headers,
            body: body,
            parameterValues: values,
            displayedParameters: parameters.map { ($0.name, values[$0.name]!) },
            isIdempotent: idempotent)
    }
}
