/// `--dry-run`: the requests a plan would send — method, URL, headers (credentials shown as `<redacted>`) and
/// body — and none sent. Calls that depend on rows a stage would read are one line saying so.
enum DryRun {
    static let columns = ["method", "http_method", "url", "headers", "body"]
}

extension StatementRunner {
    /// The calls of a SELECT's plan. A reference whose parameters come from another's rows is one line: its
    /// calls are known only once that one ran.
    func dryRunRows(_ plan: QueryPlan) throws -> [[String?]] {
        var rows: [[String?]] = []
        for reference in plan.references {
            guard let count = reference.literalCallCount else {
                rows.append(["\(reference.resource.id).\(reference.method.name)", reference.method.httpMethod.uppercased(),
                             "(one call per distinct \(plan.describeSources(of: reference)))", nil, nil])
                continue
            }
            var literals: [String: [String]] = [:]
            for binding in reference.bindings { if case .literals(let values) = binding.source { literals[binding.parameter] = values } }
            try checkCallBudget(count.saturatingAdding(rows.count), what: "this statement")
            let builder = callBuilder(service: reference.service, resource: reference.resource, method: reference.method,
                                      fields: reference.fields)
            rows += dryRunRows(try builder.calls(bindings: literals))
        }
        return rows
    }

    /// A mutation's plan: its calls when the statement gives them; else its read stage's calls and one line for
    /// the calls that depend on what the read stage finds. Nothing is read, nothing is sent.
    func dryRun(_ plan: MutationPlan) async throws -> ResultSet {
        var rows: [[String?]] = []
        if let read = plan.read {
            rows = try dryRunRows(read)
            rows.append(["\(plan.resource.id).\(plan.method.name)", plan.method.httpMethod.uppercased(),
                         "(\(plan.explainedCalls.replacingFirstWord("one", with: "one call")))", nil, nil])
        } else {
            rows = dryRunRows(try preparedCalls(plan, try knownCalls(plan)))
        }
        return ResultSet(columnNames: DryRun.columns, textRows: rows)
    }

    /// One row per call, its headers assembled as the sender assembles them.
    func dryRunRows(_ calls: [PreparedCall]) -> [[String?]] {
        calls.map { call in
            let headers = (call.headers(userAgent: StackQVersion.userAgent) + services.shownHeaders(for: call.provider))
                .map { "\($0.name): \($0.value)" }
            return [call.qualifiedMethodName, call.httpMethod, call.url(), headers.joined(separator: "\n"),
                    call.body.map { redactor.redact(String(decoding: $0, as: UTF8.self)) }]
        }
    }
}

extension String {
    /// `one per row` → `one call per row`.
    fileprivate func replacingFirstWord(_ word: String, with replacement: String) -> String {
        hasPrefix(word + " ") ? replacement + dropFirst(word.count) : self
    }
}
