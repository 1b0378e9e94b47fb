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
