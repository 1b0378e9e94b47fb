extension JSONValue {
    /// An object from ordered members, leaving out the nil ones.
    static func fields(_ pairs: [(String, JSONValue?)]) -> JSONValue {
        .object(pairs.compactMap { key, value in value.map { (key: key, value: $0) } })
    }

    /// A string value, or nil for a nil string.
    static func text(_ string: String?) -> JSONValue? {
        string.map(JSONValue.string)
    }

    /// This object with `key` set to `value` (replacing an existing member in place, else appended).
    func setting(_ key: String, to value: JSONValue) -> JSONValue {
        var members = self.members
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = value
        } else {
            members.append((key, value))
        }
        return .object(members)
    }
}
