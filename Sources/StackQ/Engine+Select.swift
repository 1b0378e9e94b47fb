import NIOCore
import StackQSyntax

/// A planned SELECT: the tables to fill, the calls that fill them, and the SQL that answers.
struct SelectPlan {
    struct TableCall: Sendable {
        var call: PreparedCall
        var table: TableSpec
        var objectKey: String?
    }

    var tables: [TableSpec]
    var calls: [TableCall]
    var sql: String
}

extension Engine {
    /// Resolves each resource reference, binds its parameters, chooses its method and expands its calls.
    /// Fails before any HTTP call when a parameter is missing.
    func planSelect(_ select: SelectStatement, references: [ResourceReference]) throws -> SelectPlan {
        let registry = try registry()
        let endpoints = EndpointResolver(overrides: configuration.endpointOverrides)
        var resolved: [SourceRange: (Service, Resource)] = [:]
        for reference in references {
            resolved[reference.table.id] = try registry.resource(provider: reference.provider, service: reference.service,
                                                                resource: reference.resource)
        }
        func parameterNames(of resource: Resource) -> Set<String> {
            Set(resource.methods(for: .select).flatMap { $0.parameters.map(\.name) })
        }
        var tables: [TableSpec] = []
        var calls: [SelectPlan.TableCall] = []
        var names: [SourceRange: String] = [:]
        for reference in references {
            let (service, resource) = resolved[reference.table.id]!
            let siblingNames = reference.siblings.reduce(into: Set<String>()) { names, sibling in
                if let (_, r) = resolved[sibling.id] { names.formUnion(parameterNames(of: r)) }
            }
            let bindings = ParameterBinder(reference: reference, parameterNames: parameterNames(of: resource),
                                           siblingParameterNames: siblingNames).bindings()
            let method = try MethodSelector.choose(resource: resource, bound: Set(bindings.keys))
            let builder = CallBuilder(service: service, resource: resource, method: method, endpoints: endpoints)
            let columns = registry.columns(of: resource, in: service, method: method)
            let propertyNames = Set(columns.map(\.name))
            let parameterColumns = builder.sentParameters(bindings: bindings).map(\.name).filter { !propertyNames.contains($0) }
            let spec = TableSpec(name: nextTableName(resource.name), columns: columns, parameterColumns: parameterColumns)
            tables.append(spec)
            names[reference.table.id] = spec.name
            for call in try builder.calls(bindings: bindings) {
                calls.append(.init(call: call, table: spec, objectKey: method.response.objectKey))
            }
        }
        let sql = SQLPrinter.print(select) { names[$0.id] }
        return SelectPlan(tables: tables, calls: calls, sql: sql)
    }

    /// Sends every call of a plan and streams each page into its table.
    func run(_ plan: SelectPlan) async throws {
        let executor = Executor(transport: httpTransport(), authenticator: Authenticator(configuration: configuration.auth, environment: configuration.environment, redactor: redactor),
                                retry: configuration.retry, timeout: configuration.requestTimeout,
                                userAgent: StackQVersion.userAgent, redactor: redactor, onRetry: retryAnnouncer(),
                                defaultPageCap: configuration.defaultPageCap)
        let progress = CallProgress()
        progress.add(callsTotal: plan.calls.count)
        configuration.observer?.statementStarted(progress: progress)
        defer { configuration.observer?.statementFinished() }
        let database = self.database
        let tableCalls = plan.calls
        let outcomes = try await executor.run(tableCalls.map(\.call), concurrency: configuration.concurrency,
                                              pageLimit: configuration.pageLimit, progress: progress) { index, call, page in
            let target = tableCalls[index]
            return try await database.insertPage(page, into: target.table, objectKey: target.objectKey,
                                                 parameters: call.parameterValues)
        }
        for (outcome, tableCall) in zip(outcomes, tableCalls) where outcome.truncatedByPageLimit {
            let args = tableCall.call.displayedParameters.map { "\($0.name)='\($0.value)'" }.joined(separator: ", ")
            let cap = outcome.stoppedByDefaultPageCap ? "the default cap of \(configuration.defaultPageCap) pages (raise it with --page-limit)"
                                                      : "--page-limit \(configuration.pageLimit ?? 0) pages"
            configuration.observer?.warning(redactor.redact("\(outcome.qualifiedMethodName)(\(args)) has more pages: stopped after \(cap) (\(outcome.rows) rows); the result is incomplete"))
        }
    }

    func httpTransport() -> any HTTPTransport {
        if let transport { return transport }
        let created = AsyncHTTPTransport(connectionsPerHost: configuration.concurrency)
        ownedTransport = created
        transport = created
        return created
    }

    /// The calls a statement would send: method, URL, headers (Authorization redacted) and body.
    func dryRunResult(_ calls: [PreparedCall]) throws -> ResultSet {
        let rows: [[String?]] = calls.map { call in
            var headers = call.headers.map { "\($0.name): \($0.value)" }
            if case .bearerEnvironment? = configuration.auth.providers[call.provider] {
                headers.append("Authorization: Bearer <redacted>")
            }
            return [call.qualifiedMethodName, call.httpMethod, call.url(), headers.isEmpty ? nil : headers.joined(separator: "\n"),
                    call.body.map { String(decoding: $0, as: UTF8.self) }]
        }
        return ResultSet(columnNames: ["method", "http_method", "url", "headers", "body"], textRows: rows)
    }
}
