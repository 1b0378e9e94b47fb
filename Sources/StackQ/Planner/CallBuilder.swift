/// Expands one method and its bound values into calls: one call per combination of parameter values.
struct CallBuilder {
    let service: ProviderService
    let resource: Resource
    let method: Method
    let endpoints: EndpointResolver
    /// Google's `fields` for a SELECT that reads only some members (``PlannedReference/fields``); not sent
    /// when the statement binds `fields` itself.
    var fields: String? = nil
    /// The services that refused stackq's page size: their calls go without one.
    var pageSizeRefusals: PageSizeRefusals? = nil

    /// The parameters that are sent: the method's parameters that have values, less the page token.
    func sentParameters(bound: Set<String>) -> [Parameter] {
        method.parameters.filter { parameter in
            bound.contains(parameter.name) && parameter.name != method.pagination?.requestToken
        }
    }

    /// One call per combination of values: the cartesian product of the lists, in the order they give them.
    func calls(bindings: [String: [String]], body: [UInt8]? = nil) throws -> [PreparedCall] {
        try calls(combinations: CallBuilder.cartesianProduct(bindings, order: method.parameters.map(\.name)), body: body)
    }

    /// One call per combination, in order.
    func calls(combinations: [[String: String]], body: [UInt8]? = nil) throws -> [PreparedCall] {
        try combinations.map { try call(values: $0, body: body) }
    }

    /// How many combinations ``cartesianProduct(_:order:)`` makes of `lists`, `Int.max` when more: what the call
    /// budget is checked against before any combination is made.
    static func combinationCount(_ lists: [String: [String]], order: [String]) -> Int {
        order.reduce(1) { count, name in lists[name].map { count.saturatingMultiplied(by: $0.count) } ?? count }
    }

    /// `{a: [1, 2], b: [3]}` → `[{a: 1, b: 3}, {a: 2, b: 3}]`, parameters taken in `order`.
    static func cartesianProduct(_ lists: [String: [String]], order: [String]) -> [[String: String]] {
        var combinations: [[String: String]] = [[:]]
        for name in order {
            guard let values = lists[name] else { continue }
            combinations = combinations.flatMap { partial in
                values.map { value in partial.merging([name: value]) { $1 } }
            }
        }
        return combinations
    }

    func call(values: [String: String], body: [UInt8]?) throws -> PreparedCall {
        let parameters = sentParameters(bound: Set(values.keys))
        let base = try endpoints.baseURL(service: service, method: method, values: values)
        let path = try RequestBuilder.path(method.path, values: values)
        var query = parameters.filter { $0.location == .query }.map { ($0.name, values[$0.name]!) }
        let implicitPageSize = service.provider == "google" ? GooglePaging.implicitPageSize(for: method, values: values, url: base, refusals: pageSizeRefusals) : nil
        if let implicitPageSize { query.append(implicitPageSize) }
        // Google answers compact JSON when asked: fewer bytes, nothing to minify here.
        if service.provider == "google" { query.append(("prettyPrint", "false")) }
        if let fields, values["fields"] == nil { query.append(("fields", fields)) }
        let headers = parameters.filter { $0.location == .header }.map { ($0.name, values[$0.name]!) }
        let httpMethod = method.httpMethod.uppercased()
        let idempotent = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"].contains(httpMethod) || values["requestId"] != nil
        var call = PreparedCall(
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
        call.implicitPageSize = implicitPageSize?.name
        call.missingMeansNoRow = httpMethod == "GET" && method.sqlVerb == .select && method.pagination == nil
            && method.response.objectKey == nil
        return call
    }
}
