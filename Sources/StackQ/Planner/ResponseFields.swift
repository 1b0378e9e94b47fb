import StackQSyntax

/// The top-level members of its rows a statement reads from each resource reference, for Google's partial
/// responses (`fields=sessions(name,state),nextPageToken`): fewer bytes on the wire and into SQLite.
///
/// Correctness comes first, so the choice over-approximates. A column name written anywhere in the statement
/// (qualified or not, in any clause, subquery or CTE) is fetched from every reference that has a property of that
/// name; `*` over a reference's core, `t.*`, or a NATURAL join reads the reference whole, and then nothing is
/// narrowed. Parameter columns (`projectsId`) come from the call, not the response, and are never asked for.
/// A column the statement never names is NULL in the table, and the statement cannot tell.
enum ResponseFields {
    /// For each reference, the properties to fetch, in the table's column order; nil to fetch whole rows.
    ///
    /// - Parameters:
    ///   - usage: what the statement (views expanded) reads.
    ///   - references: the statement's resource references.
    ///   - properties: each reference's property columns (the table's columns, parameters excluded).
    static func select(usage: ColumnUsage, references: [ResourceReference], properties: [[String]]) -> [[String]?] {
        var named = Set<String>()
        for column in usage.columns { named.insert(column.column.name.lowercased()) }
        for column in usage.usingColumns { named.insert(column.name.lowercased()) }
        let whole = Set(usage.wholeTables.map(\.id))
        return zip(references, properties).map { reference, properties in
            guard !properties.isEmpty, !whole.contains(reference.table.id),
                  !usage.tableStars.contains(where: { names(reference, $0) }) else { return nil }
            let fetched = properties.filter { named.contains($0.lowercased()) }
            if !fetched.isEmpty { return fetched }
            // A statement that reads no member (count(*)) still needs one per row, or the rows vanish with it.
            return [properties.first { $0 == "name" } ?? properties[0]]
        }
    }

    /// True when `t.*`'s qualifier may name the reference: its alias or last name part, or its whole name.
    static func names(_ reference: ResourceReference, _ qualifier: [Identifier]) -> Bool {
        guard let last = qualifier.last else { return true }
        return last.matches(reference.exposedName) || last.matches(reference.resource)
    }

    /// The `fields` value for one call of `method` reading `members`: `sessions(name,state),nextPageToken` for a
    /// list whose rows are one top-level array, `name,state` for a get; nil when the response has another shape
    /// (an aggregated list's map of arrays), which is then fetched whole.
    static func parameterValue(members: [String], method: Method) -> String? {
        let list = members.joined(separator: ",")
        guard let objectKey = method.response.objectKey else {
            return method.pagination == nil ? list : nil
        }
        let path = PageRows.pathComponents(objectKey)
        guard path.count == 1, path[0] != "*" else { return nil }
        guard let pagination = method.pagination else { return "\(path[0])(\(list))" }
        guard pagination.responseTokenLocation == .body, !pagination.responseToken.contains(".") else { return nil }
        return "\(path[0])(\(list)),\(pagination.responseToken)"
    }
}
