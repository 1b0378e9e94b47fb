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
    /// scripts use both). Case is ignored when nothing matches as written.
    public func methods(matching name: String) -> [Method] {
        if let exact = method(named: name) { return [exact] }
        let suffix = "_" + name
        let found = methods.filter { $0.name.hasSuffix(suffix) }
        if !found.isEmpty || name.lowercased() == name { return found }
        return methods(matching: name.lowercased())
    }

    /// The method `name` means when a statement gives the parameters `given`: the only one it can mean; of
    /// several (one short name in merged nestings: `operations.cancel`), the one whose required parameters
    /// `given` holds, with the most of them.
    public func method(matching name: String, given: Set<String>) -> Method? {
        let candidates = methods(matching: name)
        if candidates.count <= 1 { return candidates.first }
        let bound = candidates.filter { Set($0.requiredParameters.map(\.name)).isSubset(of: given) }
        let most = bound.map(\.requiredParameters.count).max()
        let best = bound.filter { $0.requiredParameters.count == most }
        return best.count == 1 ? best[0] : nil
    }

    /// The methods that serve a SQL verb, in the order the document's `sqlVerbs` lists them
    /// (for `select`: most specific first).
    public func methods(for verb: SQLVerb) -> [Method] {
        methods.filter { $0.sqlVerb == verb }.sorted { $0.sqlVerbOrder < $1.sqlVerbOrder }
    }
}

/// The SQL verb a method serves.
public enum SQLVerb: String, Sendable, Hashable, CaseIterable {
    /// `SELECT` reads; `INSERT`, `UPDATE`, `REPLACE` and `DELETE` act on resources; `EXEC` is any other method.
    case select, insert, update, replace, delete, exec
}
