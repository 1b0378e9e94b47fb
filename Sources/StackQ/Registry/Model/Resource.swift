/// A resource (`google.dataproc.sessions`): what a SQL statement names, with the methods that serve it.
public struct Resource: Sendable, Hashable {
    /// The name used in SQL (`sessions`).
    public var name: String
    /// The full id (`google.dataproc.sessions`).
    public var id: String
    /// The document's title for the resource; nil when it gives none.
    public var title: String?
    public var description: String?
    /// The methods, in document order.
    public var methods: [Method]
    /// For a view (StackQL `config.views.select`), the SQLite `SELECT` over other resources that defines it;
    /// nil for resources served by API methods.
    public var viewDefinition: String?
    /// True for a name kept only so that older scripts still run (`locations_settings`, which StackQL's naming
    /// calls `settings`): it resolves, but `SHOW RESOURCES` does not list it.
    public var isHidden = false

    /// A resource served by `methods`, or a view when `viewDefinition` is given.
    public init(name: String, id: String, title: String? = nil, description: String? = nil, methods: [Method],
                viewDefinition: String? = nil) {
        self.name = name
        self.id = id
        self.title = title
        self.description = description
        self.methods = methods
        self.viewDefinition = viewDefinition
    }

    /// The method named `name`, or nil.
    public func method(named name: String) -> Method? {
        methods.first { $0.name == name }
    }

    /// The methods `name` can mean: the method of that name; else every method whose name ends with `_<name>`
    /// (StackQL's google provider names methods `terminate` or `projects_locations_sessions_terminate`, and
    /// scripts use both). Case is ignored when nothing matches as written; then word breaks are ignored too
    /// (``LooseName``: `processgithub_webhook` means `projects_process_git_hub_webhook`).
    public func methods(matching name: String) -> [Method] {
        if let exact = method(named: name) { return [exact] }
        let suffix = "_" + name
        let found = methods.filter { $0.name.hasSuffix(suffix) }
        if !found.isEmpty { return found }
        if name.lowercased() != name { return methods(matching: name.lowercased()) }
        return methods.filter { LooseName.name($0.name, endsWith: name) }
    }

    /// The method `name` means when a statement gives the parameters `given`: the only one it can mean; of
    /// several (one short name in merged nestings: `operations.cancel`), the one whose required parameters
    /// `given` holds, with the most of them; else the only one of which `name` is the whole verb
    /// (``wholeVerbs(_:named:)``). A nil `given` skips the parameters.
    public func method(matching name: String, given: Set<String>?) -> Method? {
        let candidates = methods(matching: name)
        if candidates.count <= 1 { return candidates.first }
        if let given {
            let bound = candidates.filter { Set($0.requiredParameters.map(\.name)).isSubset(of: given) }
            let most = bound.map(\.requiredParameters.count).max()
            let best = bound.filter { $0.requiredParameters.count == most }
            if best.count == 1 { return best[0] }
        }
        let whole = Self.wholeVerbs(candidates, named: name)
        return whole.count == 1 ? whole[0] : nil
    }

    /// Of the methods a short name ends, those of which it is the whole verb: `write` is the verb of
    /// `projects_documents_write` and only the end of `projects_documents_batch_write`, whose words before it
    /// (`projects_documents_batch`) extend another candidate's (`projects_documents`) by words that are not
    /// collections of its path. Methods of different nestings (`operations_cancel`, `projects_operations_cancel`;
    /// `projects_get_config`, `projects_locations_get_config`) all stay.
    static func wholeVerbs(_ candidates: [Method], named name: String) -> [Method] {
        let suffix = "_" + name
        let before = candidates.map { $0.name.hasSuffix(suffix) ? String($0.name.dropLast(suffix.count)) : nil }
        return zip(candidates, before).filter { method, words in
            guard let words else { return true }
            let collections = "_" + PathTemplate(method.path).literals.map(NameCase.snake).joined(separator: "_") + "_"
            return !before.contains { other in
                guard let other, words.hasPrefix(other + "_") else { return false }
                return !collections.contains("_" + words.dropFirst(other.count + 1) + "_")
            }
        }.map(\.0)
    }

    /// The methods that serve a SQL verb, in the order the document's `sqlVerbs` lists them
    /// (for `select`: most specific first). A resource whose document lists no DELETE method deletes with its one
    /// method sent as HTTP DELETE, whatever its name (Spanner's `databases.dropDatabase`).
    public func methods(for verb: SQLVerb) -> [Method] {
        let listed = methods.filter { $0.sqlVerb == verb }.sorted { $0.sqlVerbOrder < $1.sqlVerbOrder }
        if verb == .delete, listed.isEmpty {
            let deleting = methods.filter { $0.httpMethod == "DELETE" }
            if deleting.count == 1 { return deleting }
        }
        return listed
    }
}

/// The SQL verb a method serves.
public enum SQLVerb: String, Sendable, Hashable, CaseIterable {
    /// `SELECT` reads; `INSERT`, `UPDATE`, `REPLACE` and `DELETE` act on resources; `EXEC` is any other method.
    case select, insert, update, replace, delete, exec
}
